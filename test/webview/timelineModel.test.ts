/** The panel's reducer from the AgentEvent stream (pure, so it runs in Node). */
import { strict as assert } from 'node:assert';
import type { AgentEvent } from '../../src/protocol/events';
import { TimelineModel } from '../../src/webview/timelineModel';

type Input = AgentEvent extends infer E ? (E extends AgentEvent ? Omit<E, 'seq' | 'at'> : never) : never;

function reduce(inputs: Input[]): TimelineModel {
  const model = new TimelineModel();
  inputs.forEach((e, seq) => model.apply({ ...e, seq, at: 0 } as AgentEvent));
  return model;
}

const change = { changeId: 'ch1', path: 'src/a.ts', kind: 'modify' as const, baseHash: 'h', isBinary: false, hunks: [{ index: 0, oldStart: 1, oldLines: 1, newStart: 1, newLines: 1, lines: ['-a', '+b'] }] };

describe('webview timeline model', () => {
  it('puts a sub-agent in a lane of its own under the step that started it, with its own plan, steps, usage and report', () => {
    const usage = { promptTokens: 40, completionTokens: 2, cachedTokens: 0, costUsd: 0.01 };
    const model = reduce([
      { type: 'stepStarted', step: 1 },
      { type: 'planUpdated', steps: [{ text: 'Parent step', status: 'in_progress' }] },
      { type: 'toolCallProposed', callId: 'd1', name: 'delegate', args: { goal: 'Find it', kind: 'explore' } },
      { type: 'subagentStarted', childId: 'sub-1', kind: 'explore', goal: 'Find it', model: 'small', maxSteps: 5 },
      { type: 'stepStarted', step: 1, agentId: 'sub-1' },
      { type: 'planUpdated', steps: [{ text: 'Child step', status: 'in_progress' }], agentId: 'sub-1' },
      { type: 'toolCallProposed', callId: 'c1', name: 'read_file', args: {}, agentId: 'sub-1' },
      { type: 'usageUpdated', request: usage, total: usage, contextTokens: 40, contextWindow: 1000, agentId: 'sub-1' },
      { type: 'taskFinished', reason: 'completed', summary: 'child done', isVerified: false, agentId: 'sub-1' },
      { type: 'subagentFinished', childId: 'sub-1', reason: 'completed', report: 'Summary: found' },
      { type: 'stepStarted', step: 2 },
    ]);
    assert.deepEqual(model.plan.map((s) => s.text), ['Parent step']);
    assert.equal(model.finished, undefined);
    assert.equal(model.usage.total, undefined);
    assert.equal(model.steps, 2);
    assert.deepEqual(model.items.map((i) => i.kind), ['step', 'tool', 'lane', 'step'], 'the lane sits in step 1, after the delegate call; the child\'s items are not in the task\'s list');
    const lane = model.items[2];
    assert.ok(lane.kind === 'lane');
    assert.equal(lane.lane.childId, 'sub-1');
    assert.deepEqual(lane.lane.timeline.plan.map((s) => s.text), ['Child step']);
    assert.deepEqual(lane.lane.timeline.items.map((i) => i.kind), ['step', 'tool', 'finish']);
    assert.equal(lane.lane.timeline.steps, 1);
    assert.equal(lane.lane.maxSteps, 5, 'its slice, for the lane\'s budget meter');
    assert.equal(lane.lane.timeline.usage.total?.promptTokens, 40);
    assert.equal(lane.lane.reason, 'completed');
    assert.equal(lane.lane.report, 'Summary: found');
  });

  it('updates a lane live: each event of a child, or of a grandchild, marks the lanes that hold it changed', () => {
    const model = reduce([
      { type: 'subagentStarted', childId: 'sub-1', kind: 'explore', goal: 'A', model: 'm' },
      { type: 'subagentStarted', childId: 'sub-1.1', kind: 'explore', goal: 'A1', model: 'm', agentId: 'sub-1' },
    ]);
    const outer = model.item('lane:sub-1');
    assert.ok(outer?.kind === 'lane');
    const inner = outer.lane.timeline.item('lane:sub-1.1');
    assert.ok(inner?.kind === 'lane', 'the grandchild\'s lane is inside its parent\'s');
    model.dirty.clear();
    const before = [outer.version, inner.version];
    model.apply({ type: 'toolCallProposed', callId: 'g1', name: 'list_files', args: {}, agentId: 'sub-1.1', parentAgentId: 'sub-1', seq: 10, at: 0 });
    assert.ok(outer.version > before[0] && inner.version > before[1]);
    assert.deepEqual([...model.dirty], ['lane:sub-1'], 'the task\'s timeline redraws the outer lane');
    assert.equal(inner.lane.timeline.items[0]?.kind, 'tool');
  });

  it('keeps every approval in one list, names the child that asks, and a lane\'s end expires only its own', () => {
    const model = reduce([
      { type: 'approvalRequested', approvalId: 'a-top', callId: 't1', risk: 'execute', title: 'npm test', detail: '', reasons: [] },
      { type: 'subagentStarted', childId: 'sub-1', kind: 'act', goal: 'Edit', model: 'm' },
      { type: 'toolCallProposed', callId: 'c1', name: 'create_file', args: {}, agentId: 'sub-1' },
      { type: 'approvalRequested', approvalId: 'a-child', callId: 'c1', risk: 'edit', title: 'create a.txt', detail: '', reasons: [], agentId: 'sub-1' },
    ]);
    assert.deepEqual(model.pendingApprovals().map((a) => [a.approvalId, a.agentId]), [['a-top', undefined], ['a-child', 'sub-1']]);
    const lane = model.item('lane:sub-1');
    assert.ok(lane?.kind === 'lane');
    const tool = lane.lane.timeline.items[0];
    assert.ok(tool.kind === 'tool' && tool.approvalId === 'a-child', 'the child\'s tool call shows its approval');
    model.apply({ type: 'taskFinished', reason: 'user_stopped', summary: '', isVerified: false, agentId: 'sub-1', seq: 9, at: 0 });
    assert.deepEqual(model.pendingApprovals().map((a) => a.approvalId), ['a-top']);
  });

  it('gives events of a sub-agent whose start it never saw a lane of their own', () => {
    const model = reduce([{ type: 'toolCallProposed', callId: 'c1', name: 'read_file', args: {}, agentId: 'sub-4' }]);
    const lane = model.item('lane:sub-4');
    assert.ok(lane?.kind === 'lane');
    assert.equal(lane.lane.timeline.items.length, 1);
  });

  it('merges streamed text into one item and closes it on the next step', () => {
    const model = reduce([
      { type: 'stepStarted', step: 1 },
      { type: 'textStreamed', text: 'Hel' },
      { type: 'textStreamed', text: 'lo' },
      { type: 'stepStarted', step: 2 },
      { type: 'textStreamed', text: 'Again' },
      { type: 'assistantMessageCompleted', text: 'Again.' },
    ]);
    const texts = model.items.filter((i) => i.kind === 'text');
    assert.deepEqual(texts.map((t) => t.kind === 'text' && [t.text, t.isDone]), [['Hello', true], ['Again.', true]]);
    assert.equal(model.steps, 2);
  });

  it('gathers streamed thinking into its own item, apart from the answer text that follows', () => {
    const model = reduce([
      { type: 'stepStarted', step: 1 },
      { type: 'thinkingStreamed', text: 'Read the ' },
      { type: 'thinkingStreamed', text: 'test first.' },
      { type: 'textStreamed', text: 'Reading.' },
      { type: 'assistantMessageCompleted', text: 'Reading.' },
    ]);
    assert.deepEqual(model.items.filter((i) => i.kind !== 'step').map((i) => (i.kind === 'thinking' || i.kind === 'text') && [i.kind, i.text]), [['thinking', 'Read the test first.'], ['text', 'Reading.']]);
  });

  it('folds a tool call, its live output, its change and its result into one item', () => {
    const model = reduce([
      { type: 'toolCallProposed', callId: 'c1', name: 'run_command', args: { command: 'npm test' } },
      { type: 'commandOutputStreamed', callId: 'c1', chunk: 'ok 1\n' },
      { type: 'commandOutputStreamed', callId: 'c1', chunk: 'ok 2\n' },
      { type: 'changeProposed', callId: 'c1', change },
    ]);
    const [running] = model.items;
    assert.ok(running.kind === 'tool');
    assert.equal(running.live, 'ok 1\nok 2\n');
    model.apply({ type: 'toolCallCompleted', callId: 'c1', name: 'run_command', isError: true, output: 'exit 1', durationMs: 12, seq: 9, at: 0 });
    assert.equal(model.items.length, 1);
    const [tool] = model.items;
    assert.ok(tool.kind === 'tool');
    assert.equal(tool.live, '', 'the live copy goes once the result holds the output');
    assert.equal(tool.output, 'exit 1');
    assert.equal(tool.isError, true);
    assert.equal(tool.change?.path, 'src/a.ts');
    assert.ok(tool.version >= 4, 'each update bumps the version so the view redraws it');
  });

  it('tracks approvals: pending until resolved; a reloaded panel expires ids the host no longer waits for', () => {
    const base: Input[] = [
      { type: 'toolCallProposed', callId: 'c1', name: 'edit_file', args: {} },
      { type: 'approvalRequested', approvalId: 'a1', callId: 'c1', risk: 'edit', title: 't', detail: 'd', reasons: [], change },
      { type: 'toolCallProposed', callId: 'c2', name: 'run_command', args: {} },
      { type: 'approvalRequested', approvalId: 'a2', callId: 'c2', risk: 'execute', title: 't', detail: 'd', reasons: [] },
    ];
    const model = reduce([...base, { type: 'approvalResolved', approvalId: 'a1', approved: false, reason: 'no' }]);
    assert.deepEqual(model.pendingApprovals().map((a) => a.approvalId), ['a2']);
    assert.equal(model.approvals.get('a1')?.reason, 'no');
    model.expireExcept([]);
    assert.deepEqual(model.pendingApprovals(), []);
    assert.equal(model.approvals.get('a2')?.state, 'expired');
  });

  it('expires pending approvals when the task finishes and records the outcome', () => {
    const model = reduce([
      { type: 'approvalRequested', approvalId: 'a1', callId: 'c1', risk: 'edit', title: 't', detail: 'd', reasons: [] },
      { type: 'taskFinished', reason: 'user_stopped', summary: 'Stopped.', isVerified: false },
    ]);
    assert.deepEqual(model.pendingApprovals(), []);
    assert.deepEqual(model.finished, { reason: 'user_stopped', isVerified: false });
    assert.equal(model.items.at(-1)?.kind, 'finish');
  });

  it('keeps plan, usage and goals from the latest events', () => {
    const model = reduce([
      { type: 'taskStarted', taskId: 't', goals: [{ text: 'one' }, { text: 'two' }], workspace: '/w', model: 'm' },
      { type: 'planUpdated', steps: [{ text: 'a', status: 'done' }] },
      { type: 'planUpdated', steps: [{ text: 'a', status: 'done' }, { text: 'b', status: 'in_progress' }] },
      { type: 'usageUpdated', request: { promptTokens: 1, completionTokens: 1, cachedTokens: 0, costUsd: 0 }, total: { promptTokens: 10, completionTokens: 5, cachedTokens: 0, costUsd: 0.5 }, contextTokens: 100, contextWindow: 1000 },
    ]);
    assert.deepEqual(model.goals, ['one', 'two']);
    assert.equal(model.plan.length, 2);
    assert.equal(model.usage.total?.costUsd, 0.5);
    assert.equal(model.usage.contextWindow, 1000);
  });

  it('reduces a 1,000-step transcript with item positions kept for lazy rendering', () => {
    const inputs: Input[] = [];
    for (let step = 1; step <= 1000; step++) {
      inputs.push({ type: 'stepStarted', step }, { type: 'assistantMessageCompleted', text: `s${step}` },
        { type: 'toolCallProposed', callId: `c${step}`, name: 'read_file', args: {} },
        { type: 'toolCallCompleted', callId: `c${step}`, name: 'read_file', isError: false, output: 'x', durationMs: 1 });
    }
    const model = reduce(inputs);
    assert.equal(model.items.length, 3000);
    const last = model.items[2999];
    assert.equal(model.indexOf(last.id), 2999);
    assert.equal(model.item('tool:c500')?.kind, 'tool');
  });
});

describe('panel snapshot compaction', () => {
  it('drops only deltas a later event repeats, and the panel reduces the rest to the same state', async () => {
    const { snapshotEvents } = await import('../../src/vscode/snapshotEvents');
    const inputs: Input[] = [
      { type: 'stepStarted', step: 1 },
      { type: 'textStreamed', text: 'Let me ' },
      { type: 'textStreamed', text: 'look.' },
      { type: 'assistantMessageCompleted', text: 'Let me look.' },
      { type: 'toolCallProposed', callId: 'c1', name: 'run_command', args: { command: 'ls' } },
      { type: 'commandOutputStreamed', callId: 'c1', chunk: 'a\n' },
      { type: 'toolCallCompleted', callId: 'c1', name: 'run_command', isError: false, output: 'a\n', durationMs: 1 },
      { type: 'stepStarted', step: 2 },
      { type: 'textStreamed', text: 'Still streaming' },
      { type: 'toolCallProposed', callId: 'c2', name: 'run_command', args: { command: 'sleep 9' } },
      { type: 'commandOutputStreamed', callId: 'c2', chunk: 'partial' },
    ];
    const events = inputs.map((e, seq) => ({ ...e, seq, at: 0 }) as AgentEvent);
    const compact = snapshotEvents(events);
    assert.deepEqual(compact.map((e) => e.type), [
      'stepStarted', 'assistantMessageCompleted', 'toolCallProposed', 'toolCallCompleted',
      'stepStarted', 'textStreamed', 'toolCallProposed', 'commandOutputStreamed',
    ]);
    const strip = (m: TimelineModel): unknown => m.items.map(({ version: _v, ...rest }) => rest);
    const full = new TimelineModel();
    events.forEach((e) => full.apply(e));
    const reduced = new TimelineModel();
    compact.forEach((e) => reduced.apply(e));
    assert.deepEqual(strip(reduced), strip(full));
  });
});
