/**
 * Counts the approvals each test's task asks for, to measure what new safety rules cost a normal task. Used as a
 * mocha root hook against this tree's sources, once before a change and once after, then diffed:
 *   APPROVAL_COUNT_FILE=/tmp/after.json npx mocha --require bench/approvals/countApprovals.ts 'test/core/**\/*.test.ts'
 *   npx tsx bench/approvals/compare.ts /tmp/before.json /tmp/after.json
 */
import { writeFileSync } from 'node:fs';
import { PolicyGate } from '../../src/core/policy/permissionGate';

interface Counted { asks: number; reasons: string[] }

const counts: Record<string, Counted> = {};
let current = '(outside a test)';

type Ask = (request: { title: string }, reasons: string[]) => Promise<unknown>;
const gate = PolicyGate.prototype as unknown as { ask: Ask };
const original = gate.ask;
gate.ask = function (this: unknown, request, reasons) {
  const entry = (counts[current] ??= { asks: 0, reasons: [] });
  entry.asks++;
  entry.reasons.push(`${request.title}: ${reasons.join(' | ')}`);
  return original.call(this, request, reasons);
};

export const mochaHooks = {
  beforeEach(this: { currentTest?: { fullTitle(): string } }): void {
    current = this.currentTest?.fullTitle() ?? current;
  },
  afterAll(): void {
    if (process.env.APPROVAL_COUNT_FILE) writeFileSync(process.env.APPROVAL_COUNT_FILE, JSON.stringify(counts, null, 1));
  },
};
