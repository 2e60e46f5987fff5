import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { createHarness, sentText, type Harness } from './loopHarness';

const plan = { name: 'update_plan', arguments: { steps: [{ text: 'Create the marker', status: 'in_progress' }, { text: 'Check it', status: 'pending' }] } };
const finish = { name: 'finish', arguments: { summary: 'Created the marker and checked it.' } };
const sh = (command: string) => ({ name: 'run_command', arguments: { command } });

describe('the agent loop', () => {
  let h: Harness;
  beforeEach(async () => { h = await createHarness(); });
  afterEach(async () => { await h.close(); });

  it('plans, acts, and finishes once the goal check passes', async () => {
    h.server.enqueue({ toolCalls: [plan] }, { toolCalls: [sh('echo done > marker.txt')] }, { toolCalls: [finish] });
    const { outcome, events } = await h.run({ goals: [{ text: 'Create marker.txt', successCriterion: 'grep -q done marker.txt' }] });
    assert.equal(outcome.reason, 'completed');
    assert.equal(outcome.isVerified, true);
    assert.equal(readFileSync(`${h.dir}/marker.txt`, 'utf8'), 'done\n');
    const types = events.map((e) => e.type);
    assert.ok(types.indexOf('planUpdated') < types.indexOf('toolCallCompleted', types.indexOf('planUpdated') + 1));
    assert.ok(events.some((e) => e.type === 'verificationRan' && e.passed));
    assert.equal(types[types.length - 1], 'taskFinished');
    // Reflection: after the plan, every request ends with the plan as it stands.
    assert.match(sentText(h.server, 1), /Your plan now:.*Create the marker/);
  });

  it('refuses a finish without evidence, then accepts it once the check passes', async () => {
    h.server.enqueue({ toolCalls: [plan] }, { toolCalls: [finish] }, { toolCalls: [sh('echo fixed > state.txt')] }, { toolCalls: [finish] });
    const { outcome, events } = await h.run({ goals: [{ text: 'Fix the state', successCriterion: 'grep -q fixed state.txt' }] });
    assert.equal(outcome.reason, 'completed');
    const refused = events.filter((e) => e.type === 'finishRefused');
    assert.equal(refused.length, 1);
    assert.match(sentText(h.server, 2), /Finish refused: the work is not verified\..*grep -q fixed state\.txt/);
  });

  it('uses the workspace test runner for the finish rule and refuses while tests fail', async () => {
    let isGreen = false;
    h.server.enqueue({ toolCalls: [plan] }, { toolCalls: [finish] }, { toolCalls: [sh('true')] }, { toolCalls: [finish] });
    const runTests = async () => {
      const result = { isPassed: isGreen, command: 'npm test', summary: isGreen ? '3 passed' : '1 failed: dates › parses ISO' };
      isGreen = true;
      return result;
    };
    const { outcome } = await h.run({ extra: { runTests } });
    assert.equal(outcome.reason, 'completed');
    assert.match(sentText(h.server, 2), /1 failed: dates › parses ISO/);
  });

  it('stops at the step budget', async () => {
    h.server.setFallback(() => ({ toolCalls: [sh(`echo ${Math.random()}`)] }));
    const { outcome } = await h.run({ settings: { budgets: { maxSteps: 3, maxTokens: Infinity, maxCostUsd: Infinity, maxWallMs: Infinity } } });
    assert.equal(outcome.reason, 'max_steps');
    assert.equal(outcome.steps, 3);
  });

  it('stops at the token budget', async () => {
    h.server.setFallback(() => ({ toolCalls: [sh(`echo ${Math.random()}`)], usage: { prompt_tokens: 6000, completion_tokens: 100 } }));
    const { outcome } = await h.run({ settings: { budgets: { maxSteps: 50, maxTokens: 10_000, maxCostUsd: Infinity, maxWallMs: Infinity } } });
    assert.equal(outcome.reason, 'max_tokens');
    assert.equal(outcome.steps, 2);
  });

  it('stops at the cost budget', async () => {
    h.server.setFallback(() => ({ toolCalls: [sh(`echo ${Math.random()}`)], usage: { prompt_tokens: 100_000, completion_tokens: 0 } }));
    const { outcome } = await h.run({ settings: { prices: { 'test-model': { input: 10, output: 10 } }, budgets: { maxSteps: 50, maxTokens: Infinity, maxCostUsd: 2.5, maxWallMs: Infinity } } });
    assert.equal(outcome.reason, 'max_cost');
    assert.equal(outcome.steps, 3);
    assert.ok(Math.abs(outcome.usage.costUsd - 3) < 1e-9);
  });

  it('stops at the time budget', async () => {
    h.server.setFallback(() => ({ toolCalls: [sh(`echo ${Math.random()}`)], delayMs: 150 }));
    const { outcome } = await h.run({ settings: { budgets: { maxSteps: 50, maxTokens: Infinity, maxCostUsd: Infinity, maxWallMs: 250 } } });
    assert.equal(outcome.reason, 'max_time');
  });

  it('steers once on the same call repeated 3 times, then stops with the reason', async () => {
    h.server.setFallback(() => ({ toolCalls: [sh('cat missing.txt')] }));
    const { outcome, events } = await h.run();
    assert.equal(outcome.reason, 'loop_detected');
    assert.equal(events.filter((e) => e.type === 'modelSteered').length, 1);
    assert.match(outcome.summary, /repeated run_command/);
    assert.equal(outcome.steps, 6);
  });

  it('detects A-B-A-B alternation', async () => {
    let i = 0;
    h.server.setFallback(() => ({ toolCalls: [sh(i++ % 2 ? 'echo b' : 'echo a')] }));
    const { outcome, events } = await h.run();
    assert.equal(outcome.reason, 'loop_detected');
    assert.ok(events.some((e) => e.type === 'modelSteered' && /alternating/.test(e.reason)));
  });

  it('detects a streak of tool errors', async () => {
    let i = 0;
    h.server.setFallback(() => ({ toolCalls: [{ name: 'read_file', arguments: { path: `nope-${i++}.txt` } }] }));
    const { outcome } = await h.run();
    assert.equal(outcome.reason, 'loop_detected');
    assert.match(outcome.summary, /tool calls in a row failed/);
  });

  it('steers a model that answers without tools, then stops it', async () => {
    h.server.setFallback(() => ({ text: 'I think the answer is 42.' }));
    const { outcome, events } = await h.run();
    assert.equal(outcome.reason, 'loop_detected');
    assert.ok(events.some((e) => e.type === 'modelSteered'));
    assert.match(sentText(h.server, 1), /without calling a tool/);
  });

  it('stops cleanly when the user presses Stop mid-stream', async () => {
    const controller = new AbortController();
    h.server.enqueue({ text: 'Let me think about this for a long while...', stallAfterChunks: 2, stallMs: 5000 });
    const { outcome } = await h.run({ signal: controller.signal, onEvent: (e) => { if (e.type === 'textStreamed') controller.abort(); } });
    assert.equal(outcome.reason, 'user_stopped');
  });

  it('stops a running command when the user presses Stop mid-tool', async () => {
    const controller = new AbortController();
    h.server.enqueue({ toolCalls: [sh('sleep 30')] });
    const started = Date.now();
    const { outcome, events } = await h.run({ signal: controller.signal, onEvent: (e) => { if (e.type === 'toolCallProposed') setTimeout(() => controller.abort(), 200); } });
    assert.equal(outcome.reason, 'user_stopped');
    assert.ok(Date.now() - started < 10_000);
    assert.ok(events.some((e) => e.type === 'toolCallCompleted' && e.isError));
  });

  it('returns malformed tool JSON and unknown tools to the model and goes on', async () => {
    h.server.enqueue(
      { toolCalls: [{ name: 'run_command', arguments: '{"command": "echo hi"' }, { name: 'launch_rockets', arguments: {} }], finishReason: 'length' },
      { toolCalls: [finish] },
    );
    const { outcome } = await h.run();
    assert.equal(outcome.reason, 'completed');
    const second = sentText(h.server, 1);
    assert.match(second, /not valid JSON/);
    assert.match(second, /cut off by the output token limit/);
    assert.match(second, /Unknown tool \\"launch_rockets\\"/);
  });

  it('answers a duplicate call id with an error and runs the first', async () => {
    h.server.enqueue({ toolCalls: [{ id: 'same', ...sh('echo one > a.txt') }, { id: 'same', ...sh('echo two > a.txt') }] }, { toolCalls: [finish] });
    await h.run();
    assert.equal(readFileSync(`${h.dir}/a.txt`, 'utf8'), 'one\n');
    assert.match(sentText(h.server, 1), /repeated the id of another call/);
  });

  it('sends the reason of a rejected command back to the model', async () => {
    h.approvals.decisions.push({ isApproved: false, reason: 'use the make target instead' });
    h.server.enqueue({ toolCalls: [sh('rm -f something')] }, { toolCalls: [finish] });
    await h.run({ settings: { policy: { read: 'auto', edit: 'ask', execute: 'ask', network: 'ask' } } });
    assert.equal(h.approvals.requests[0].risk, 'execute');
    assert.match(sentText(h.server, 1), /use the make target instead/);
  });

  it('retries a dropped stream a bounded number of times, then stops with a clear error', async () => {
    h.server.enqueue({ text: 'partial answer here', dropAfterChunks: 2 }, { toolCalls: [finish] });
    const first = await h.run();
    assert.equal(first.outcome.reason, 'completed');
    h.server.setFallback(() => ({ text: 'always dropped mid way', dropAfterChunks: 2 }));
    const second = await h.run();
    assert.equal(second.outcome.reason, 'model_error');
    assert.match(second.outcome.summary, /dropped/);
  });

  it('condenses older rounds near the context window and keeps going', async () => {
    const big = 'x'.repeat(6000);
    for (let i = 0; i < 6; i++) h.server.enqueue({ toolCalls: [sh(`echo ${i}; printf '${big}'`)] });
    h.server.enqueue({ toolCalls: [finish] });
    const { outcome, events } = await h.run({ settings: { contextWindow: 8000 } });
    assert.equal(outcome.reason, 'completed');
    assert.ok(events.some((e) => e.type === 'contextCondensed'));
    assert.match(sentText(h.server, 6), /Summary of earlier work/);
  });

  it('condenses once and retries on a context-overflow error, never looping', async () => {
    for (let i = 0; i < 3; i++) h.server.enqueue({ toolCalls: [sh(`echo round ${i}`)] });
    h.server.enqueue({ fail: { status: 400, message: 'maximum context length exceeded' } }, { fail: { status: 400, message: 'maximum context length exceeded' } });
    const { outcome } = await h.run({ settings: { contextWindow: 1_000_000 } });
    assert.equal(outcome.reason, 'model_error');
    assert.equal(h.server.requests.length, 5, 'one retry after condensing, then it stops');
  });

  it('writes a JSONL transcript of messages and events, with the key redacted', async () => {
    h.server.enqueue({ toolCalls: [sh('echo key is sk-harness-secret-0123456789')] }, { toolCalls: [finish] });
    const { outcome } = await h.run();
    const text = readFileSync(outcome.transcript, 'utf8');
    const records = text.trim().split('\n').map((l) => JSON.parse(l) as { kind: string });
    assert.equal(records[0].kind, 'meta');
    assert.ok(records.some((r) => r.kind === 'message'));
    assert.ok(records.some((r) => r.kind === 'event'));
    assert.ok(!text.includes('sk-harness-secret-0123456789'));
    assert.match(text, /\[REDACTED\]/);
    const toolResults = h.server.requests.flatMap((r) => r.body.messages ?? []).filter((m) => m.role === 'tool');
    assert.ok(toolResults.length > 0);
    assert.ok(!JSON.stringify(toolResults).includes('sk-harness-secret-0123456789'), 'nor does the model see it in tool output');
  });
});
