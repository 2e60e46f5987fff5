/** The panel's first-paint snapshot: the newest steps reduce to the same visible state as the whole transcript. */
import { strict as assert } from 'node:assert';
import type { AgentEvent, AgentEventInput } from '../../src/protocol/events';
import type { PanelSnapshot } from '../../src/protocol/webview';
import { firstPaintSnapshot } from '../../src/vscode/firstPaintSnapshot';
import { TimelineModel } from '../../src/webview/timelineModel';

const usage = (n: number): { promptTokens: number; completionTokens: number; cachedTokens: number; costUsd: number } =>
  ({ promptTokens: n, completionTokens: n, cachedTokens: 0, costUsd: n / 1000 });

/** A task of `steps` steps with text, tool calls, a plan that changes early, approvals, and notices. */
function transcript(steps: number, options: { isFinished: boolean }): AgentEvent[] {
  const inputs: AgentEventInput[] = [
    { type: 'taskStarted', taskId: 't', goals: [{ text: 'Fix it' }], workspace: '/w', model: 'm' },
    { type: 'planUpdated', steps: [{ text: 'Read', status: 'in_progress' }] },
  ];
  for (let step = 1; step <= steps; step++) {
    inputs.push({ type: 'stepStarted', step }, { type: 'textStreamed', text: `Step ${step}` }, { type: 'assistantMessageCompleted', text: `Step ${step}.` });
    inputs.push({ type: 'toolCallProposed', callId: `c${step}`, name: 'run_command', args: { command: `echo ${step}` } });
    inputs.push({ type: 'commandOutputStreamed', callId: `c${step}`, chunk: `${step}\n` });
    if (step === 3) inputs.push({ type: 'planUpdated', steps: [{ text: 'Read', status: 'done' }, { text: 'Edit', status: 'in_progress' }] });
    // Step 2 asks for an approval that is never answered; step 4's is answered many steps later.
    if (step === 2 || step === 4) inputs.push({ type: 'approvalRequested', approvalId: `a${step}`, callId: `c${step}`, risk: 'execute', title: 'Run', detail: 'd', reasons: [] });
    if (step === steps - 1) inputs.push({ type: 'approvalResolved', approvalId: 'a4', approved: false, reason: 'no' });
    if (step % 7 === 0) inputs.push({ type: 'modelSteered', reason: 'stay on task' });
    inputs.push({ type: 'toolCallCompleted', callId: `c${step}`, name: 'run_command', isError: false, output: `${step}\n`, durationMs: 1 });
    inputs.push({ type: 'usageUpdated', request: usage(step), total: usage(step * 10), contextTokens: step, contextWindow: 1000 });
  }
  if (options.isFinished) inputs.push({ type: 'taskFinished', reason: 'completed', summary: 'Done.', isVerified: true });
  return inputs.map((e, seq) => ({ ...e, seq, at: 0 }) as AgentEvent);
}

const snapshotOf = (events: AgentEvent[]): PanelSnapshot => ({ events, isRunning: false, isReadOnly: false, canResume: false, pendingApprovalIds: ['a2'] });

function reduce(snapshot: PanelSnapshot): TimelineModel {
  const model = new TimelineModel();
  for (const event of snapshot.events) model.apply(event);
  model.expireExcept(snapshot.pendingApprovalIds);
  return model;
}

/** What the view shows of a model: the fixed parts and the newest `count` items, without their ids. */
function visible(model: TimelineModel, count: number): unknown {
  const items = model.items.slice(-count).map(({ id: _id, version: _version, ...rest }) => rest);
  return { goals: model.goals, plan: model.plan, usage: model.usage, steps: model.steps, finished: model.finished, pending: model.pendingApprovals(), items };
}

describe('panel first-paint snapshot', () => {
  for (const isFinished of [true, false]) {
    it(`a ${isFinished ? 'finished' : 'running'} 200-step task: the tail shows the same newest items, plan, budget and pending approvals`, () => {
      const full = snapshotOf(transcript(200, { isFinished }));
      const { snapshot, isPartial } = firstPaintSnapshot(full, 60);
      assert.equal(isPartial, true);
      assert.ok(snapshot.events.length < full.events.length / 5, `${snapshot.events.length} of ${full.events.length} events`);
      const tail = reduce(snapshot);
      assert.ok(tail.items.length >= 60, `${tail.items.length} items`);
      assert.deepEqual(visible(tail, 60), visible(reduce(full), 60));
      assert.deepEqual(tail.pendingApprovals().map((a) => a.approvalId), isFinished ? [] : ['a2']);
      assert.equal(tail.plan.length, 2, 'the plan updated in step 3 is kept');
      assert.equal(snapshot.events.filter((e) => e.type === 'usageUpdated').length, 1, 'each usage event replaces the last: only the newest is kept');
    });
  }

  it('sends a short task whole', () => {
    const full = snapshotOf(transcript(5, { isFinished: true }));
    const { snapshot, isPartial } = firstPaintSnapshot(full, 60);
    assert.equal(isPartial, false);
    assert.equal(snapshot, full);
  });
});
