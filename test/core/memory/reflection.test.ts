/** Reflection feeds memory: at the end of a completed task the model proposes a few notes; each one asks. */
import { strict as assert } from 'node:assert';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { createMemoryHarness, type MemoryHarness } from './memoryHarness';

const plan = { toolCalls: [{ name: 'update_plan', arguments: { steps: [{ text: 'Work', status: 'in_progress' }] } }] };
const finish = { toolCalls: [{ name: 'finish', arguments: { summary: 'done' } }] };

describe('reflection into memory', function () {
  this.timeout(30_000);
  let h: MemoryHarness;
  beforeEach(async () => { h = await createMemoryHarness(); });
  afterEach(async () => h.close());

  it('asks for notes once the task completed; each note asks even with edits on auto; rejected ones are not saved', async () => {
    h.approvals.decisions.push({ isApproved: false, reason: 'not useful' }, { isApproved: true });
    h.server.enqueue(plan, finish, {
      text: 'Two things worth keeping.',
      toolCalls: [
        { name: 'remember', arguments: { title: 'Obvious thing', content: 'The code is in src.' } },
        { name: 'remember', arguments: { title: 'Tests need TZ=UTC', content: 'Run the date tests with TZ=UTC or they fail west of Greenwich.' } },
        { name: 'remember', arguments: { title: 'Third', content: 'x' } },
        { name: 'remember', arguments: { title: 'Fourth one is over the limit', content: 'y' } },
      ],
    });
    const { events } = await h.runWithMemory({ extra: { reflectIntoMemory: true } });
    const reflectionRequest = JSON.stringify(h.server.requests[2].body.messages?.slice(-1));
    assert.match(reflectionRequest, /did you learn anything a later task in this project should know/);
    assert.deepEqual(h.server.requests[2].body.tools?.map((t) => t.function.name), ['remember'], 'only remember is offered');
    const asked = h.approvals.requests.filter((r) => r.toolName === 'remember');
    assert.equal(asked.length, 3, 'at most three notes; each asked');
    assert.ok(asked.every((r) => r.reasons.some((x) => x.includes('never saved without you'))));
    const dir = path.join(h.dir, '.auto-agent/memory');
    assert.equal(existsSync(path.join(dir, 'obvious-thing.md')), false);
    assert.match(readFileSync(path.join(dir, 'tests-need-tz-utc.md'), 'utf8'), /\nsource: reflection\n/);
    assert.equal(existsSync(path.join(dir, 'fourth-one-is-over-the-limit.md')), false);
    const last = events[events.length - 1];
    assert.equal(last.type, 'taskFinished', 'the task finishes after the review');
  });

  it('nothing is asked or saved when the model has nothing to keep, and a task that did not complete is not asked', async () => {
    h.server.enqueue(plan, finish, { text: 'Nothing to remember.' });
    await h.runWithMemory({ extra: { reflectIntoMemory: true } });
    assert.equal(h.approvals.requests.length, 0);
    assert.equal(existsSync(path.join(h.dir, '.auto-agent/memory')), false);
    const before = h.server.requests.length;
    h.server.enqueue(plan, plan, plan);
    await h.runWithMemory({ settings: { budgets: { maxSteps: 2, maxTokens: 1e9, maxCostUsd: 100, maxWallMs: 60_000 } }, extra: { reflectIntoMemory: true } });
    assert.equal(h.server.requests.length - before, 2, 'no reflection request after a budget stop');
  });
});
