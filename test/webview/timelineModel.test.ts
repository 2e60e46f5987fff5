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
  it('shows a sub-agent\'s tool calls and report inline, without its plan, usage or finish replacing the task\'s', () => {
    const model = reduce([
      { type: 'planUpdated', steps: [{ text: 'Parent step', status: 'in_progress' }] },
      { type: 'subagentStarted', childId: 'sub-1', kind: 'explore', goal: 'Find it', model: 'small' },
      { type: 'planUpdated', steps: [{ text: 'Child step', status: 'in_progress' }], agentId: 'sub-1' },
      { type: 'toolCallProposed', callId: 'c1', name: 'read_file', args: {}, agentId: 'sub-1' },
      { type: 'usageUpdated', request: { promptTokens: 1, completionTokens: 1, cachedTokens: 0, costUsd: 0 }, total: { promptTokens: 1, completionTokens: 1, cachedTokens: 0, costUsd: 0 }, contextTokens: 1, contextWindow: 10, agentId: 'sub-1' },
      { type: 'taskFinished', reason: 'completed', summary: 'child done', isVerified: false, agentId: 'sub-1' },
      { type: 'subagentFinished', childId: 'sub-1', reason: 'completed', report: 'Summary: found' },
    ]);
    assert.deepEqual(model.plan.map((s) => s.text), ['Parent step']);
    assert.equal(model.finished, undefined);
    assert.equal(model.usage.total, undefined);
    assert.ok(model.items.some((i) => i.kind === 'tool' && i.name === 'read_file'));
    assert.ok(model.items.some((i) => i.kind === 'notice' && /Sub-agent sub-1 reported/.test(i.title) && i.body === 'Summary: found'));
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
