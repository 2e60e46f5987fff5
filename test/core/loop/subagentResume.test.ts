/** Resuming a task that was stopped while a sub-agent ran: the children are kept, none is lost or run twice. */
import { strict as assert } from 'node:assert';
import { readdirSync } from 'node:fs';
import * as path from 'node:path';
import { loadResumeState } from '../../../src/core/loop/resume';
import type { AgentEvent } from '../../../src/protocol/events';
import { NodeStore } from '../../../src/node/nodeStore';
import { createHarness, type Harness } from './loopHarness';
import { lastText, requestsOf, route } from './agentRouting';

const finish = (summary: string) => ({ name: 'finish', arguments: { summary } });
const explore = (goal: string) => ({ name: 'delegate', arguments: { goal, context: '', kind: 'explore' } });
const count = (text: string, pattern: RegExp): number => (text.match(new RegExp(pattern, 'g')) ?? []).length;

describe('sub-agents across a resume', () => {
  let h: Harness;
  beforeEach(async () => { h = await createHarness(); });
  afterEach(async () => { await h.close(); });

  it('keeps the children of the stopped run in the transcript and the conversation, and numbers new ones after them', async () => {
    let isFirstRun = true;
    route(h, {
      P: [{ toolCalls: [explore('CHILD-A: list the files')] }, { toolCalls: [explore('CHILD-B: read slowly')] }, { toolCalls: [explore('CHILD-B: read again')] }, { toolCalls: [finish('Both reported.')] }],
      A: [{ toolCalls: [{ name: 'list_files', arguments: {} }] }, { toolCalls: [finish('A saw the files')] }],
    }, (agent) => (agent === 'B' ? { toolCalls: [finish('B done')], delayMs: isFirstRun ? 5000 : 0 } : { fail: { status: 500 } }));
    const stop = new AbortController();
    const onEvent = (e: AgentEvent) => { if (e.type === 'stepStarted' && e.agentId === 'sub-2') setTimeout(() => stop.abort(), 100); };
    const first = await h.run({ signal: stop.signal, onEvent });
    assert.equal(first.outcome.reason, 'user_stopped');
    isFirstRun = false;

    const store = new NodeStore(h.storeDir);
    const state = await loadResumeState(store, first.outcome.taskId);
    assert.ok(state);
    assert.equal(state.resume.children, 2);
    const history = JSON.stringify(state.resume.history);
    assert.equal(count(history, /Sub-agent sub-1 \(explore\) ended: completed/), 1, 'the finished child\'s report is in the conversation once');
    assert.equal(count(history, /Sub-agent sub-2 \(explore\) ended: user_stopped/), 1, 'the stopped child\'s report too');
    const aRequests = requestsOf(h, 'A').length;

    const second = await h.run({ extra: { taskId: first.outcome.taskId, resume: state.resume } });
    assert.equal(second.outcome.reason, 'completed');
    assert.equal(requestsOf(h, 'A').length, aRequests, 'the finished child is not run again');
    const parentSaw = lastText(h, 'P');
    assert.equal(count(parentSaw, /A saw the files/), 1);
    assert.equal(count(parentSaw, /Sub-agent sub-3 \(explore\) ended: completed/), 1, 'the new child is sub-3, not a second sub-1 or sub-2');
    assert.ok(second.events.some((e) => e.type === 'stepStarted' && e.agentId === 'sub-3'));

    const records = (await store.readTranscript(first.outcome.taskId)) as { kind: string; event?: AgentEvent }[];
    const started = records.flatMap((r) => (r.event?.type === 'subagentStarted' ? [r.event.childId] : []));
    assert.deepEqual(started, ['sub-1', 'sub-2', 'sub-3'], 'the task\'s transcript holds every child once');
    assert.ok(records.some((r) => r.event?.type === 'toolCallCompleted' && r.event.agentId === 'sub-1' && r.event.name === 'list_files'), 'and the children\'s own events');
    const childFiles = readdirSync(path.join(h.storeDir, 'tasks')).filter((n) => n.includes('--')).sort();
    assert.deepEqual(childFiles, ['sub-1', 'sub-2', 'sub-3'].map((id) => `${first.outcome.taskId}--${id}.jsonl`), 'each child keeps a transcript of its own');
    assert.deepEqual((await store.listTasks()).map((t) => t.taskId), [first.outcome.taskId], 'the task list shows the task, not its children');
  });
});
