/**
 * A task interrupted by its host (an editor reload) is not a task the user stopped: its transcript ends where it
 * was, and a resume proposes the waiting change again and waits for the user again.
 */
import { strict as assert } from 'node:assert';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { ApprovalDecision, ApprovalRequest } from '../../../src/core/host';
import { TaskInterrupted, unansweredCalls } from '../../../src/core/loop/interruption';
import { loadResumeState } from '../../../src/core/loop/resume';
import { NodeStore } from '../../../src/node/nodeStore';
import { createHarness, sentText, type Harness } from './loopHarness';

const create = { name: 'create_file', arguments: { path: 'notes.txt', content: 'hello\n' } };
const finish = { name: 'finish', arguments: { summary: 'Wrote notes.txt.' } };
const taskId = 'task-interrupted-1';

describe('a task interrupted by its host', () => {
  let h: Harness;
  beforeEach(async () => { h = await createHarness(); });
  afterEach(async () => { await h.close(); });

  /** Approvals that wait like the panel does, until decided or aborted; `onRequest` sees each request. */
  function waitingApprovals(onRequest: (request: ApprovalRequest, decide: (d: ApprovalDecision) => void) => void): void {
    h.approvals.request = (request: ApprovalRequest, signal?: AbortSignal) => new Promise<ApprovalDecision>((resolve, reject) => {
      h.approvals.requests.push(request);
      signal?.addEventListener('abort', () => reject(new DOMException('The task was stopped.', 'AbortError')), { once: true });
      onRequest(request, resolve);
    });
  }

  async function records(): Promise<{ kind?: string; event?: { type: string }; message?: { role: string } }[]> {
    return (await new NodeStore(h.storeDir).readTranscript(taskId)) as never;
  }

  it('leaves the transcript at the pending proposal: no "Stopped by the user", no decision, no tool result', async () => {
    const interrupt = new AbortController();
    waitingApprovals(() => interrupt.abort(new TaskInterrupted()));
    h.server.enqueue({ toolCalls: [create] });
    await h.run({ signal: interrupt.signal, settings: { policy: { read: 'auto', edit: 'ask', execute: 'auto', network: 'ask' } }, extra: { taskId } });
    const lines = await records();
    const types = lines.flatMap((r) => (r.kind === 'event' && r.event ? [r.event.type] : []));
    assert.equal(types[types.length - 1], 'approvalRequested', types.join(' '));
    assert.ok(!types.includes('taskFinished') && !types.includes('approvalResolved') && !types.includes('toolCallCompleted'));
    assert.ok(!lines.some((r) => r.kind === 'message' && r.message?.role === 'tool'));
    assert.equal(existsSync(path.join(h.dir, 'notes.txt')), false);
  });

  it('a user stop still records the stop (the interruption is the exception, not the rule)', async () => {
    const stop = new AbortController();
    waitingApprovals(() => stop.abort());
    h.server.enqueue({ toolCalls: [create] });
    await h.run({ signal: stop.signal, settings: { policy: { read: 'auto', edit: 'ask', execute: 'auto', network: 'ask' } }, extra: { taskId } });
    const finished = (await records()).find((r) => r.event?.type === 'taskFinished');
    assert.ok(finished, 'a stopped task ends with taskFinished');
  });

  it('on resume proposes the same change again, waits for the user, then carries on without doubling the history', async () => {
    const interrupt = new AbortController();
    waitingApprovals(() => interrupt.abort(new TaskInterrupted()));
    const policy = { read: 'auto', edit: 'ask', execute: 'auto', network: 'ask' } as const;
    h.server.enqueue({ toolCalls: [create] });
    await h.run({ signal: interrupt.signal, settings: { policy }, extra: { taskId } });
    const state = await loadResumeState(new NodeStore(h.storeDir), taskId);
    assert.ok(state);
    assert.equal(unansweredCalls(state.resume.history).length, 1);
    let decided = false;
    waitingApprovals((request, decide) => { decided = true; assert.match(request.title, /notes\.txt/); decide({ isApproved: true }); });
    h.server.enqueue({ toolCalls: [finish] });
    const { outcome, events } = await h.run({ settings: { policy }, extra: { taskId, resume: state.resume } });
    assert.equal(decided, true, 'the proposal was asked again');
    assert.equal(h.approvals.requests.length, 2);
    assert.equal(readFileSync(path.join(h.dir, 'notes.txt'), 'utf8'), 'hello\n');
    assert.equal(outcome.reason, 'completed');
    assert.ok(events.some((e) => e.type === 'approvalResolved' && e.approved));
    // The second request holds the original call and its result once each.
    const sent = sentText(h.server, 1);
    assert.equal(sent.split('"create_file"').length - 1, 1, sent);
    const again = await loadResumeState(new NodeStore(h.storeDir), taskId);
    assert.equal(again?.resume.history.filter((m) => m.role === 'assistant').length, 2);
  });
});
