/**
 * SECURITY-CASES.md, "The model misbehaves" and "The API misbehaves", at task level: every fault gets a precise
 * error back as the tool result and the loop goes on, or the task stops cleanly with a clear reason; retries are
 * bounded in count. Drives runTask with the default safety rules against the scripted OpenAI-compatible server.
 */
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import * as os from 'node:os';
import { OpenAiLlmClient } from '../../src/core/llm/openAiClient';
import { defaultRules } from '../../src/core/policy/defaultRules';
import { resolveSettings } from '../../src/core/settings';
import { NodeFiles } from '../../src/node/nodeFiles';
import type { ScriptStep } from '../support/scriptedServer';
import { createHarness, sentText, type Harness } from '../core/loop/loopHarness';
import { bashParser, put } from './securityContext';

const finish = { name: 'finish', arguments: { summary: 'done' } };
const sh = (command: string) => ({ name: 'run_command', arguments: { command } });

describe('security: The model and the API misbehave', function () {
  this.timeout(60_000);
  let h: Harness;
  beforeEach(async () => { h = await createHarness(); });
  afterEach(async () => { await h.close(); });

  async function run(steps: ScriptStep[], llmOptions: { idleTimeoutMs?: number; requestTimeoutMs?: number; maxRetries?: number } = {}, signal?: AbortSignal) {
    const settings = resolveSettings({ baseUrl: h.server.url, model: 'test-model', policy: { read: 'auto', edit: 'auto', execute: 'auto', network: 'ask' } });
    const rules = defaultRules({ settings, roots: [h.dir], files: new NodeFiles(), homeDir: os.homedir(), bashParser: await bashParser() });
    h.server.enqueue(...steps);
    const llm = new OpenAiLlmClient({ baseUrl: h.server.url, apiKey: 'sk-test-0123456789abcdef', model: 'test-model', maxRetries: 0, ...llmOptions });
    return h.run({ signal, extra: { rules, llm } });
  }

  it('Model: malformed or truncated tool-call JSON (finish_reason "length") gets a precise error and the loop goes on', async () => {
    const { outcome } = await run([{ toolCalls: [{ name: 'run_command', arguments: '{"command": "echo hi"' }], finishReason: 'length' }, { toolCalls: [finish] }]);
    assert.equal(outcome.reason, 'completed');
    assert.match(sentText(h.server, 1), /not valid JSON/);
  });

  it('Model: an unknown tool name and a very long name get precise errors and the loop goes on', async () => {
    const { outcome } = await run([{ toolCalls: [{ name: 'launch_rockets', arguments: {} }, { name: 'x'.repeat(5000), arguments: {} }] }, { toolCalls: [finish] }]);
    assert.equal(outcome.reason, 'completed');
    const sent = sentText(h.server, 1);
    assert.match(sent, /Unknown tool \\"launch_rockets\\"/);
    assert.ok(sent.length < 200_000, 'the long name is not echoed back in full');
  });

  it('Model: missing or wrong-typed arguments get a validation error naming the field', async () => {
    const { outcome } = await run([{ toolCalls: [{ name: 'read_file', arguments: {} }, { name: 'run_command', arguments: { command: 42 } }] }, { toolCalls: [finish] }]);
    assert.equal(outcome.reason, 'completed');
    const sent = sentText(h.server, 1);
    assert.match(sent, /path/);
    assert.match(sent, /command/);
  });

  it('Model: duplicate call ids — the second gets an error, the first runs', async () => {
    await run([{ toolCalls: [{ id: 'dup', ...sh('echo one > a.txt') }, { id: 'dup', ...sh('echo two > a.txt') }] }, { toolCalls: [finish] }]);
    assert.equal(readFileSync(`${h.dir}/a.txt`, 'utf8'), 'one\n');
  });

  it('Model: conflicting parallel calls (two edits of one file in one turn) leave the file whole', async () => {
    put(h.dir, 'c.txt', 'alpha\nbeta\n');
    await run([{ toolCalls: [
      { name: 'edit_file', arguments: { path: 'c.txt', edits: [{ search: 'alpha', replace: 'ALPHA' }] } },
      { name: 'edit_file', arguments: { path: 'c.txt', edits: [{ search: 'alpha', replace: 'OMEGA' }] } },
    ] }, { toolCalls: [finish] }]);
    assert.match(readFileSync(`${h.dir}/c.txt`, 'utf8'), /^(ALPHA|OMEGA)\nbeta\n$/);
  });

  it('Model: no tool call at all / text forever — steered, then stopped with a clear reason', async () => {
    h.server.setFallback(() => ({ text: 'Still thinking about it...' }));
    const { outcome, events } = await run([]);
    assert.equal(outcome.reason, 'loop_detected');
    assert.ok(events.some((e) => e.type === 'modelSteered'));
  });

  it('Model: never calling finish — the step budget stops it', async () => {
    h.server.setFallback(() => ({ toolCalls: [sh(`echo ${Math.random()}`)] }));
    const settings = { budgets: { maxSteps: 4, maxTokens: Infinity, maxCostUsd: Infinity, maxWallMs: Infinity } };
    const { outcome } = await h.run({ settings });
    assert.equal(outcome.reason, 'max_steps');
  });

  it('Model: the same call repeated — steered, then stopped (loop_detected)', async () => {
    h.server.setFallback(() => ({ toolCalls: [sh('echo same')] }));
    const { outcome, events } = await run([]);
    assert.equal(outcome.reason, 'loop_detected');
    assert.ok(events.some((e) => e.type === 'modelSteered'));
  });

  it('Model: A-B-A-B alternation — detected and stopped', async () => {
    let i = 0;
    h.server.setFallback(() => ({ toolCalls: [sh(i++ % 2 ? 'echo a' : 'echo b')] }));
    const { outcome } = await run([]);
    assert.equal(outcome.reason, 'loop_detected');
  });

  it('Model: a claim of completion without evidence — the finish is refused with the evidence', async () => {
    h.server.enqueue({ toolCalls: [finish] }, { toolCalls: [sh('echo fixed > state.txt')] }, { toolCalls: [finish] });
    const { outcome, events } = await h.run({ goals: [{ text: 'Fix it', successCriterion: 'grep -q fixed state.txt' }] });
    assert.equal(outcome.reason, 'completed');
    assert.ok(events.some((e) => e.type === 'finishRefused'));
  });

  for (const [name, fail, kind] of [
    ['401 (no retry; ask for a key)', { status: 401, message: 'bad key' }, /API key/],
    ['403', { status: 403, message: 'forbidden' }, /refused access/],
    ['404 unknown model', { status: 404, message: 'no such model' }, /test-model/],
  ] as const) {
    it(`API: ${name} stops the task cleanly with a clear message, after one request`, async () => {
      const { outcome } = await run([{ fail }], { maxRetries: 2 });
      assert.equal(outcome.reason, 'model_error');
      assert.match(outcome.summary, kind);
      assert.equal(h.server.requests.length, 1);
    });
  }

  it('API: 400 context overflow — condensed, retried once, and the condensing cannot loop', async () => {
    const overflow = { fail: { status: 400, message: 'maximum context length exceeded' } };
    const { outcome } = await run([{ toolCalls: [sh('echo 1')] }, overflow, overflow, overflow]);
    assert.equal(outcome.reason, 'model_error');
    assert.ok(h.server.requests.length <= 3, `${h.server.requests.length} requests`);
  });

  it('API: 429 with Retry-After is retried (bounded) and the task completes', async () => {
    const { outcome } = await run([{ fail: { status: 429, retryAfter: '0' } }, { toolCalls: [finish] }], { maxRetries: 2 });
    assert.equal(outcome.reason, 'completed');
  });

  it('API: 429 without Retry-After and 500/502/503 — retries are bounded in count, then a clean stop', async () => {
    h.server.setFallback(() => ({ fail: { status: 503, message: 'unavailable' } }));
    const { outcome } = await run([{ fail: { status: 429 } }, { fail: { status: 500 } }, { fail: { status: 502 } }], { maxRetries: 1 });
    assert.equal(outcome.reason, 'model_error');
    assert.ok(h.server.requests.length <= 8, `${h.server.requests.length} requests: retries must be bounded`);
  });

  for (const [name, step, options] of [
    ['a connection dropped mid-stream', { text: 'partial answer here', dropAfterChunks: 2 }, {}],
    ['malformed SSE', { text: 'hello there', isMalformed: true }, {}],
    ['a stream that stalls', { text: 'slow answer here', stallAfterChunks: 2, stallMs: 10_000 }, { idleTimeoutMs: 300 }],
    ['a first byte that never comes', { text: 'late', delayMs: 10_000 }, { requestTimeoutMs: 300 }],
  ] as const) {
    it(`API: ${name} — bounded retries, then a clean stop with a clear reason`, async () => {
      h.server.setFallback(() => ({ ...step }));
      const { outcome } = await run([], options);
      assert.equal(outcome.reason, 'model_error');
      assert.ok(outcome.summary.length > 10);
      assert.ok(h.server.requests.length <= 6, `${h.server.requests.length} requests`);
    });
  }

  it('API: the user pressing Stop mid-stream or mid-tool stops the task cleanly', async () => {
    const controller = new AbortController();
    const stream = run([{ text: 'thinking for a long while', stallAfterChunks: 1, stallMs: 10_000 }], {}, controller.signal);
    setTimeout(() => controller.abort(), 300);
    assert.equal((await stream).outcome.reason, 'user_stopped');
    await h.close();
    h = await createHarness();
    const tool = new AbortController();
    const running = run([{ toolCalls: [sh('sleep 30')] }], {}, tool.signal);
    setTimeout(() => tool.abort(), 500);
    assert.equal((await running).outcome.reason, 'user_stopped');
  });
});
