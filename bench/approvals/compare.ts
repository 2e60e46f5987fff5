/** Compares two files written by countApprovals.ts: total approvals, and each test whose count changed. */
import { readFileSync } from 'node:fs';

type Counts = Record<string, { asks: number; reasons: string[] }>;
const [before, after] = process.argv.slice(2).map((f) => JSON.parse(readFileSync(f, 'utf8')) as Counts);
const total = (c: Counts): number => Object.values(c).reduce((n, e) => n + e.asks, 0);
console.log(`approvals asked: before ${total(before)}, after ${total(after)} (tests that asked: ${Object.keys(before).length} → ${Object.keys(after).length})`);
for (const title of new Set([...Object.keys(before), ...Object.keys(after)])) {
  const b = before[title]?.asks ?? 0;
  const a = after[title]?.asks ?? 0;
  if (a !== b) console.log(`  ${b} → ${a}  ${title}\n      ${(after[title]?.reasons ?? []).filter((r) => !(before[title]?.reasons ?? []).includes(r)).join('\n      ')}`);
}
