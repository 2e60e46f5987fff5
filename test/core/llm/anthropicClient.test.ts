import { strict as assert } from 'node:assert';
import { AnthropicLlmClient, type AnthropicClientOptions } from '../../../src/core/llm/anthropicClient';
import { LlmError } from '../../../src/core/llm/llmErrors';
import { chatMessageFrom, type ChatMessage } from '../../../src/core/llm/messages';
import { startAnthropicServer, type AnthropicServer } from '../../support/anthropicServer';

const tools = [{ type: 'function' as const, function: { name: 'read_file', description: 'Reads', parameters: { type: 'object', properties: {} } } }];
type Block = { type: string; cache_control?: unknown; [key: string]: unknown };
type WireMessage = { role: string; content: Block[] };

describe('AnthropicLlmClient against the scripted Anthropic server', () => {
  let server: AnthropicServer;
  const client = (options: Partial<AnthropicClientOptions> = {}): AnthropicLlmClient =>
    new AnthropicLlmClient({ baseUrl: server.url, apiKey: 'sk-ant-test-1234567890', model: 'claude-sonnet-4-5', maxRetries: 0, ...options });
  const ask = (c: AnthropicLlmClient, signal = new AbortController().signal, onText?: (t: string) => void, messages: ChatMessage[] = [{ role: 'system', content: 'You are a test.' }, { role: 'user', content: 'hi' }]) =>
    c.complete({ messages, tools, signal, onText });
  const rejection = async (promise: Promise<unknown>): Promise<LlmError> => {
    try {
      await promise;
    } catch (err) {
      assert.ok(err instanceof LlmError, `expected LlmError, got ${String(err)}`);
      return err;
    }
    assert.fail('expected the request to fail');
  };

  beforeEach(async () => { server = await startAnthropicServer(); });
  afterEach(async () => { await server.close(); });

  it('streams text and parallel tool calls in the Messages API format, with the key as a bearer token', async () => {
    server.enqueue({
      text: 'Reading both files now.',
      toolCalls: [{ id: 'toolu_a', name: 'read_file', arguments: { path: 'x.ts' } }, { id: 'toolu_b', name: 'read_file', arguments: { path: 'y.ts' } }],
    });
    const deltas: string[] = [];
    const answer = await ask(client(), undefined, (t) => deltas.push(t));
    assert.equal(answer.text, 'Reading both files now.');
    assert.ok(deltas.length > 1, 'text arrives in several deltas');
    assert.deepEqual(answer.toolCalls.map((c) => [c.id, c.name, JSON.parse(c.arguments)]), [['toolu_a', 'read_file', { path: 'x.ts' }], ['toolu_b', 'read_file', { path: 'y.ts' }]]);
    assert.equal(answer.finishReason, 'tool_calls');
    const sent = server.requests[0];
    assert.equal(sent.path, '/v1/messages');
    // This SDK version sends the API key as a bearer token.
    assert.equal(sent.headers.authorization, 'Bearer sk-ant-test-1234567890');
    assert.ok(sent.headers['anthropic-version'], 'the SDK sends its API version');
    assert.equal(sent.body.stream, true);
    assert.ok(Number(sent.body.max_tokens) > 0);
    assert.deepEqual((sent.body.system as Block[]).map((b) => b.text), ['You are a test.']);
    assert.deepEqual((sent.body.tools as unknown as { name: string; input_schema: unknown }[]).map((t) => [t.name, t.input_schema]), [['read_file', { type: 'object', properties: {} }]]);
  });

  it('maps stop reasons: end_turn is stop, max_tokens is length', async () => {
    server.enqueue({ text: 'done' }, { text: 'cut', finishReason: 'length' });
    assert.equal((await ask(client())).finishReason, 'stop');
    assert.equal((await ask(client())).finishReason, 'length');
  });

  it('puts cache breakpoints on the tools, the system prompt and the last two user turns', async () => {
    server.enqueue({ text: 'ok' });
    const history: ChatMessage[] = [
      { role: 'system', content: 'sys' }, { role: 'user', content: 'goal' },
      { role: 'assistant', content: null, toolCalls: [{ id: 't1', name: 'read_file', arguments: '{"path":"a"}' }, { id: 't2', name: 'read_file', arguments: '{"path":"b"}' }] },
      { role: 'tool', toolCallId: 't1', content: 'A' }, { role: 'tool', toolCallId: 't2', content: 'B' },
      { role: 'assistant', content: 'next', toolCalls: [{ id: 't3', name: 'read_file', arguments: '{}' }] },
      { role: 'tool', toolCallId: 't3', content: 'C' },
    ];
    await ask(client(), undefined, undefined, history);
    const body = server.requests[0].body;
    const marked = (blocks: Block[]): boolean[] => blocks.map((b) => b.cache_control !== undefined);
    assert.deepEqual(marked(body.tools as unknown as Block[]), [true]);
    assert.deepEqual(marked(body.system as Block[]), [true]);
    const messages = body.messages as unknown as WireMessage[];
    assert.deepEqual(messages.map((m) => m.role), ['user', 'assistant', 'user', 'assistant', 'user'], 'tool results of one turn are one user turn');
    assert.deepEqual(messages[2].content.map((b) => [b.type, b.tool_use_id]), [['tool_result', 't1'], ['tool_result', 't2']]);
    assert.deepEqual(messages.map((m) => marked(m.content)), [[false], [false, false], [false, true], [false, false], [true]]);
    assert.deepEqual(messages[1].content.map((b) => [b.type, b.id, b.input]), [['tool_use', 't1', { path: 'a' }], ['tool_use', 't2', { path: 'b' }]]);
  });

  it('counts cache writes and reads in usage and prices them (Sonnet: read 0.1×, write 1.25× input)', async () => {
    server.enqueue({ text: 'one' }, { text: 'two' });
    const first = await ask(client());
    assert.equal(first.usage.cachedTokens, 0);
    assert.ok((first.usage.cacheWriteTokens ?? 0) > 0, 'the first request writes the cache');
    const history: ChatMessage[] = [{ role: 'system', content: 'You are a test.' }, { role: 'user', content: 'hi' }, { role: 'assistant', content: 'one' }, { role: 'user', content: 'more' }];
    const second = await ask(client(), undefined, undefined, history);
    assert.ok(second.usage.cachedTokens > 0, 'the second request reads what the first wrote');
    const u = second.usage;
    const uncached = u.promptTokens - u.cachedTokens - (u.cacheWriteTokens ?? 0);
    assert.ok(uncached >= 0);
    const expected = (uncached * 3 + u.cachedTokens * 0.3 + (u.cacheWriteTokens ?? 0) * 3.75 + u.completionTokens * 15) / 1e6;
    assert.ok(Math.abs(u.costUsd - expected) < 1e-12, `${u.costUsd} vs ${expected}`);
  });

  it('shows thinking and sends its signed block back on the tool turn, to this endpoint only', async () => {
    server.enqueue({ thinking: 'Let me look at x.ts first.', toolCalls: [{ id: 'toolu_1', name: 'read_file', arguments: { path: 'x.ts' } }] }, { text: 'done' });
    const thinking: string[] = [];
    const c = client({ thinkingBudgetTokens: 2048 });
    const messages: ChatMessage[] = [{ role: 'user', content: 'hi' }];
    const first = await c.complete({ messages, tools, signal: new AbortController().signal, onThinking: (t) => thinking.push(t) });
    assert.equal(thinking.join(''), 'Let me look at x.ts first.');
    assert.deepEqual(server.requests[0].body.thinking, { type: 'enabled', budget_tokens: 2048 });
    const stored = chatMessageFrom(JSON.parse(JSON.stringify({ role: 'assistant', content: first.text || null, toolCalls: first.toolCalls, reasoning: first.reasoning, metadata: first.metadata })));
    assert.ok(stored);
    await c.complete({ messages: [...messages, stored, { role: 'tool', toolCallId: 'toolu_1', content: 'X' }], tools, signal: new AbortController().signal });
    const turn = (server.requests[1].body.messages as unknown as WireMessage[])[1];
    assert.deepEqual(turn.content.map((b) => b.type), ['thinking', 'tool_use']);
    assert.equal(turn.content[0].thinking, 'Let me look at x.ts first.');
    assert.match(String(turn.content[0].signature), /^sig-/);
    const other = new AnthropicLlmClient({ baseUrl: 'http://127.0.0.1:1/v1', apiKey: 'k', model: 'claude-sonnet-4-5' });
    assert.notEqual(other.providerKey, c.providerKey, 'another endpoint would not get these blocks');
  });

  it('API fault: 401 becomes an auth error naming ANTHROPIC_API_KEY, without retrying', async () => {
    server.enqueue({ fail: { status: 401 } }, { text: 'never' });
    const err = await rejection(ask(client({ maxRetries: 2 })));
    assert.equal(err.kind, 'auth');
    assert.match(err.message, /ANTHROPIC_API_KEY/);
    assert.equal(server.requests.length, 1);
  });

  it('API fault: 403 forbidden, 404 names the model, 413 is a context overflow', async () => {
    server.enqueue({ fail: { status: 403 } }, { fail: { status: 404 } }, { fail: { status: 413, message: 'Request exceeds the maximum size' } });
    assert.equal((await rejection(ask(client()))).kind, 'forbidden');
    const notFound = await rejection(ask(client({ model: 'claude-nope' })));
    assert.equal(notFound.kind, 'model_not_found');
    assert.match(notFound.message, /claude-nope/);
    assert.equal((await rejection(ask(client()))).kind, 'context_overflow');
  });

  it('API fault: 400 "prompt is too long" is a context overflow', async () => {
    server.enqueue({ fail: { status: 400, message: 'prompt is too long: 210000 tokens > 200000 maximum' } });
    assert.equal((await rejection(ask(client()))).kind, 'context_overflow');
  });

  it('API fault: 429 carries retry-after when retries are exhausted', async () => {
    server.enqueue({ fail: { status: 429, retryAfter: '7' } });
    const err = await rejection(ask(client()));
    assert.equal(err.kind, 'rate_limited');
    assert.equal(err.retryAfterMs, 7000);
    assert.ok(err.isTransient);
  });

  it('API fault: 429 with retry-after 0 is retried by the SDK, then succeeds', async () => {
    server.enqueue({ fail: { status: 429, retryAfter: '0' } }, { text: 'after the wait' });
    assert.equal((await ask(client({ maxRetries: 2 }))).text, 'after the wait');
    assert.equal(server.requests.length, 2);
  });

  it('API fault: 529 is an overloaded error, transient', async () => {
    server.enqueue({ fail: { status: 529, message: 'Overloaded' } });
    const err = await rejection(ask(client()));
    assert.equal(err.kind, 'overloaded');
    assert.ok(err.isTransient);
  });

  it('API fault: an overloaded_error event in the middle of the stream is an overloaded error', async () => {
    server.enqueue({ text: 'partial answer', streamError: 'overloaded_error' });
    assert.equal((await rejection(ask(client()))).kind, 'overloaded');
  });

  it('API fault: 500 and 503 are retried a bounded number of times, then a server error', async () => {
    server.enqueue({ fail: { status: 500 } }, { fail: { status: 503 } });
    const err = await rejection(ask(client({ maxRetries: 1 })));
    assert.equal(err.kind, 'server');
    assert.equal(server.requests.length, 2);
  });

  it('API fault: a connection dropped mid-stream is a stream_dropped error', async () => {
    server.enqueue({ text: 'This answer will be cut off somewhere in the middle', dropAfterChunks: 3 });
    assert.equal((await rejection(ask(client()))).kind, 'stream_dropped');
  });

  it('API fault: a stream that stalls is aborted by the idle watchdog', async () => {
    server.enqueue({ text: 'slow answer here', stallAfterChunks: 2, stallMs: 5000 });
    assert.equal((await rejection(ask(client({ idleTimeoutMs: 200 })))).kind, 'stalled');
  });

  it('API fault: the user pressing Stop mid-stream cancels the request', async () => {
    server.enqueue({ text: 'a long answer that stalls', stallAfterChunks: 3, stallMs: 5000 });
    const controller = new AbortController();
    const pending = ask(client(), controller.signal, () => controller.abort());
    assert.equal((await rejection(pending)).kind, 'cancelled');
  });

  it('lists the models of the endpoint', async () => {
    assert.deepEqual(await client().listModels(), ['claude-haiku-4-5', 'claude-sonnet-4-5']);
  });
});
