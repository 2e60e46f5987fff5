/** A model with no known price is said at the start, its meter says unknown, and the token budget still holds. */
import { strict as assert } from 'node:assert';
import { createHarness, type Harness } from './loopHarness';
import { EventRenderer } from '../../../src/cli/eventRenderer';
import { createStyle } from '../../../src/cli/terminalStyle';
import type { AgentEvent } from '../../../src/protocol/events';

const readStep = { toolCalls: [{ name: 'list_files', arguments: {} }], usage: { prompt_tokens: 600, completion_tokens: 100 } };

describe('a model without a known price', () => {
  let h: Harness;
  beforeEach(async () => { h = await createHarness(); });
  afterEach(async () => { await h.close(); });

  it('is said at the start, every usage update is marked cost-unknown, and the token budget still stops the task', async () => {
    h.server.enqueue(readStep, readStep, readStep, readStep);
    const { outcome, events } = await h.run({ settings: { model: 'my-local-model', budgets: { maxSteps: 20, maxTokens: 1500, maxCostUsd: 0.0001, maxWallMs: 60_000 } } });
    const warnings = events.flatMap((e) => (e.type === 'costUnmeasurable' ? [e] : []));
    assert.equal(warnings.length, 1);
    assert.equal(warnings[0].model, 'my-local-model');
    assert.match(warnings[0].message, /Cost cannot be measured for model my-local-model.*--max-cost is not enforced.*--price IN,OUT/);
    assert.ok(events.findIndex((e) => e.type === 'costUnmeasurable') < events.findIndex((e) => e.type === 'stepStarted'), 'before the first step');
    const updates = events.flatMap((e) => (e.type === 'usageUpdated' ? [e] : []));
    assert.ok(updates.length > 0 && updates.every((e) => e.isCostUnknown === true));
    assert.equal(outcome.reason, 'max_tokens', outcome.summary);
  });

  it('shows "cost unknown" in the terminal meter, never $0.0000', async () => {
    h.server.enqueue(readStep, { toolCalls: [{ name: 'finish', arguments: { summary: 'done' } }] });
    const { events } = await h.run({ settings: { model: 'my-local-model' } });
    const out: string[] = [];
    const statuses: string[] = [];
    const renderer = new EventRenderer({ out: (s) => out.push(s), status: (s) => statuses.push(s), style: createStyle(false), verbosity: 'verbose' });
    for (const event of events) renderer.render(event);
    renderer.dispose();
    const text = out.join('');
    assert.match(text, /Warning: Cost cannot be measured for model my-local-model/);
    assert.match(text, /cost unknown/);
    assert.doesNotMatch(text, /\$0\.0000/);
  });

  it('a priced model (built-in or set by the user) is not warned about and is metered in dollars', async () => {
    h.server.enqueue(readStep, { toolCalls: [{ name: 'finish', arguments: { summary: 'done' } }] });
    const { events } = await h.run({ settings: { model: 'my-local-model', prices: { 'my-local-model': { input: 1, output: 2 } } } });
    assert.equal(events.filter((e: AgentEvent) => e.type === 'costUnmeasurable').length, 0);
    const last = events.flatMap((e) => (e.type === 'usageUpdated' ? [e] : [])).pop();
    assert.equal(last?.isCostUnknown, undefined);
    assert.ok((last?.total.costUsd ?? 0) > 0);
  });
});
