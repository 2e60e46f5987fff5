import { strict as assert } from 'node:assert';
import { existsSync, writeFileSync } from 'node:fs';
import { agentEventSchema, type AgentEvent } from '../../../src/protocol/events';
import { createHarness, type Harness } from './loopHarness';
import { lastText, requestsOf, route } from './agentRouting';

const finish = (summary: string) => ({ name: 'finish', arguments: { summary } });
const delegate = (goal: string, kind: 'explore' | 'act', extra: object = {}) => ({ name: 'delegate', arguments: { goal, context: 'Look in the workspace root.', kind, ...extra } });
const read = (path: string) => ({ name: 'read_file', arguments: { path } });
const unbounded = { maxSteps: 50, maxTokens: Infinity, maxCostUsd: Infinity, maxWallMs: Infinity };

describe('sub-agents (delegate)', () => {
  let h: Harness;
  beforeEach(async () => { h = await createHarness(); });
  afterEach(async () => { await h.close(); });

  it('runs two explore children at the same time and gives each report to the parent', async () => {
    writeFileSync(`${h.dir}/a.txt`, 'alpha\n');
    writeFileSync(`${h.dir}/b.txt`, 'beta\n');
    route(h, {
      P: [{ toolCalls: [delegate('CHILD-A: what is in a.txt', 'explore'), delegate('CHILD-B: what is in b.txt', 'explore')] }, { toolCalls: [finish('Both found.')] }],
      A: [{ toolCalls: [read('a.txt')], delayMs: 300 }, { toolCalls: [finish('a.txt says alpha')] }],
      B: [{ toolCalls: [read('b.txt')], delayMs: 300 }, { toolCalls: [finish('b.txt says beta')] }],
    });
    const { outcome, events } = await h.run({ goals: [{ text: 'Find what a and b say' }] });
    assert.equal(outcome.reason, 'completed');
    const [a, b] = [requestsOf(h, 'A')[0], requestsOf(h, 'B')[0]];
    assert.ok(a.startedAt! < b.endedAt! && b.startedAt! < a.endedAt!, `the children's first requests overlap: A ${a.startedAt}-${a.endedAt}, B ${b.startedAt}-${b.endedAt}`);
    const parentSaw = lastText(h, 'P');
    assert.match(parentSaw, /Sub-agent sub-1 \(explore\) ended: completed/);
    assert.match(parentSaw, /a\.txt says alpha/);
    assert.match(parentSaw, /b\.txt says beta/);
    assert.match(parentSaw, /Files read: a\.txt/);
    assert.match(parentSaw, /Files read: b\.txt/);
    const childEvents = events.filter((e) => e.agentId);
    assert.ok(childEvents.some((e) => e.agentId === 'sub-1' && e.type === 'toolCallCompleted' && e.name === 'read_file'));
    assert.ok(childEvents.every((e) => e.parentAgentId === undefined), 'children of the top agent have no parent id');
    for (const e of events) assert.ok(agentEventSchema.safeParse(e).success, `event validates: ${e.type}`);
    assert.equal(events.filter((e) => e.type === 'subagentFinished').length, 2);
  });

  it('refuses a tool outside an explore child\'s kind with a clear error', async () => {
    route(h, {
      P: [{ toolCalls: [delegate('CHILD-A: check the build', 'explore')] }, { toolCalls: [finish('Done.')] }],
      A: [{ toolCalls: [{ name: 'run_command', arguments: { command: 'echo hi > made.txt' } }] }, { toolCalls: [finish('Could not run it.')] }],
    });
    const { outcome } = await h.run();
    assert.equal(outcome.reason, 'completed');
    assert.match(lastText(h, 'A'), /run_command is not available here: this is an explore sub-agent, which only reads/);
    assert.equal(existsSync(`${h.dir}/made.txt`), false);
  });

  it('sends an act child\'s edit through review, names the child, and relays a rejection to it', async () => {
    h.approvals.decisions.push({ isApproved: false, reason: 'use tabs, not spaces' });
    route(h, {
      P: [{ toolCalls: [delegate('CHILD-A: create notes.txt', 'act')] }, { toolCalls: [finish('Child reported.')] }],
      A: [{ toolCalls: [{ name: 'create_file', arguments: { path: 'notes.txt', content: '  hello\n' } }] }, { toolCalls: [finish('The user rejected the file.')] }],
    });
    const { outcome, events } = await h.run({ settings: { policy: { read: 'auto', edit: 'ask', execute: 'ask', network: 'ask' } } });
    assert.equal(outcome.reason, 'completed');
    assert.equal(existsSync(`${h.dir}/notes.txt`), false);
    assert.equal(h.approvals.requests.length, 1);
    assert.match(h.approvals.requests[0].title, /^\[sub-1\] /);
    assert.ok(events.some((e) => e.type === 'approvalRequested' && e.agentId === 'sub-1'));
    assert.match(lastText(h, 'A'), /use tabs, not spaces/);
  });

  it('counts children\'s steps and tokens in the parent\'s totals, and a child\'s slice stops it', async () => {
    writeFileSync(`${h.dir}/a.txt`, 'alpha\n');
    let n = 0;
    route(h, {
      P: [{ toolCalls: [delegate('CHILD-A: read forever', 'explore', { budget: { maxSteps: 2 } })], usage: { prompt_tokens: 1000, completion_tokens: 10 } }, { toolCalls: [finish('Child ran out.')], usage: { prompt_tokens: 1000, completion_tokens: 10 } }],
    }, () => ({ toolCalls: [{ name: 'search_text', arguments: { pattern: `x${++n}` } }], usage: { prompt_tokens: 500, completion_tokens: 5 } }));
    const { outcome, events } = await h.run({ settings: { budgets: unbounded } });
    assert.equal(outcome.reason, 'completed');
    const ended = events.find((e) => e.type === 'subagentFinished');
    assert.ok(ended && ended.type === 'subagentFinished');
    assert.equal(ended.reason, 'max_steps');
    assert.match(ended.report, /Used: 2 steps, 1010 tokens/);
    assert.equal(requestsOf(h, 'A').length, 2);
    assert.equal(outcome.steps, 4, 'two parent steps and the child\'s two');
    assert.equal(outcome.usage.promptTokens, 3000);
    assert.equal(outcome.usage.completionTokens, 30);
  });

  it('gives a child a share of what is left by default, so a parent budget cannot be outrun', async () => {
    route(h, { P: [{ toolCalls: [delegate('CHILD-A: loop', 'explore')] }, { toolCalls: [finish('ok')] }] }, () => ({ toolCalls: [{ name: 'list_files', arguments: { path: `.${'/.'.repeat(Math.floor(Math.random() * 50))}` } }] }));
    const { events } = await h.run({ settings: { budgets: { ...unbounded, maxSteps: 11 } } });
    const ended = events.find((e) => e.type === 'subagentFinished');
    assert.ok(ended && ended.type === 'subagentFinished');
    assert.equal(ended.reason, 'max_steps');
    assert.match(ended.report, /Used: 5 steps/, 'half of the 10 steps left');
    assert.ok(events.some((e) => e.type === 'subagentStarted' && e.maxSteps === 5), 'the start says the slice');
  });

  it('stops every child on Stop', async () => {
    const stop = new AbortController();
    route(h, {
      P: [{ toolCalls: [delegate('CHILD-A: slow', 'explore'), delegate('CHILD-B: slow', 'explore')] }],
    }, () => ({ toolCalls: [{ name: 'list_files', arguments: {} }], delayMs: 5000 }));
    const onEvent = (e: AgentEvent) => { if (e.type === 'stepStarted' && e.agentId === 'sub-2') setTimeout(() => stop.abort(), 100); };
    const started = Date.now();
    const { outcome, events } = await h.run({ signal: stop.signal, onEvent });
    assert.equal(outcome.reason, 'user_stopped');
    assert.ok(Date.now() - started < 4000, 'the children did not wait for their slow answers');
    const ends = events.filter((e) => e.type === 'subagentFinished');
    assert.deepEqual(ends.map((e) => e.type === 'subagentFinished' && e.reason), ['user_stopped', 'user_stopped']);
  });

  it('limits the depth and an explore child may not start an act child', async () => {
    route(h, {
      P: [{ toolCalls: [delegate('CHILD-A: go deeper', 'explore')] }, { toolCalls: [finish('ok')] }],
      A: [{ toolCalls: [delegate('CHILD-C: change things', 'act')] }, { toolCalls: [delegate('CHILD-C: look deeper', 'explore')] }, { toolCalls: [finish('could not')] }],
    });
    await h.run({ settings: { subagentDepth: 1 } });
    const childSaw = lastText(h, 'A');
    assert.match(childSaw, /an explore sub-agent may only delegate explore sub-agents/);
    assert.match(childSaw, /limited to a depth of 1, and this agent is at depth 1/);
    assert.equal(requestsOf(h, 'C').length, 0);
  });

  it('stamps a grandchild\'s events with its own id and its parent\'s', async () => {
    route(h, {
      P: [{ toolCalls: [delegate('CHILD-A: delegate on', 'explore')] }, { toolCalls: [finish('ok')] }],
      A: [{ toolCalls: [delegate('CHILD-C: read', 'explore')] }, { toolCalls: [finish('A done')] }],
      C: [{ toolCalls: [finish('C done')] }],
    });
    const { events } = await h.run();
    assert.ok(events.some((e) => e.type === 'taskFinished' && e.agentId === 'sub-1.1' && e.parentAgentId === 'sub-1'));
    assert.ok(events.some((e) => e.type === 'subagentStarted' && e.childId === 'sub-1.1' && e.agentId === 'sub-1'));
    assert.match(lastText(h, 'A'), /C done/);
  });

  it('detects a loop inside a child and stops the child, not the parent', async () => {
    writeFileSync(`${h.dir}/a.txt`, 'alpha\n');
    route(h, { P: [{ toolCalls: [delegate('CHILD-A: read a.txt', 'explore')] }, { toolCalls: [finish('Child looped.')] }] }, () => ({ toolCalls: [read('a.txt')] }));
    const { outcome, events } = await h.run({ settings: { budgets: unbounded } });
    assert.equal(outcome.reason, 'completed');
    assert.ok(events.some((e) => e.type === 'modelSteered' && e.agentId === 'sub-1'), 'the child was steered first');
    const ended = events.find((e) => e.type === 'subagentFinished');
    assert.ok(ended && ended.type === 'subagentFinished');
    assert.equal(ended.reason, 'loop_detected');
    assert.match(lastText(h, 'P'), /ended: loop_detected/);
  });
});
