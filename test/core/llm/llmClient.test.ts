import { strict as assert } from 'node:assert';
import { OpenAiLlmClient, type LlmClientOptions } from '../../../src/core/llm/openAiClient';
import { LlmError } from '../../../src/core/llm/llmErrors';
import { chatMessageFrom, type AssistantMessage } from '../../../src/core/llm/messages';
import { toWireMessages } from '../../../src/core/llm/openAiMessages';
import { geminiProfile, openRouterProfile } from '../../support/hostedProfiles';
import { lmStudioProfile, vllmProfile } from '../../support/localProfiles';
import { startScriptedServer, type ScriptedServer } from '../../support/scriptedServer';

const tools = [{ type: 'function' as const, function: { name: 'read_file', description: 'Reads', parameters: { type: 'object', properties: {} } } }];

describe('OpenAiLlmClient against the scripted server', () => {
  let server: ScriptedServer;
  const client = (options: Partial<LlmClientOptions> = {}): OpenAiLlmClient =>
    new OpenAiLlmClient({ baseUrl: server.url, apiKey: 'sk-test-key-1234567890abcdef', model: 'gpt-4o-mini', maxRetries: 0, ...options });
  const ask = (c: OpenAiLlmClient, signal = new AbortController().signal, onText?: (t: string) => void) =>
    c.complete({ messages: [{ role: 'user', content: 'hi' }], tools, signal, onText });
  const rejection = async (promise: Promise<unknown>): Promise<LlmError> => {
    try {
      await promise;
    } catch (err) {
      assert.ok(err instanceof LlmError, `expected LlmError, got ${String(err)}`);
      return err;
    }
    assert.fail('expected the request to fail');
  };

  beforeEach(async () => { server = await startScriptedServer(); });
  afterEach(async () => { await server.close(); });

  it('streams text and parallel tool calls, with usage, cached tokens and cost', async () => {
    server.enqueue({
      text: 'Reading both files now.',
      toolCalls: [{ id: 'a', name: 'read_file', arguments: { path: 'x.ts' } }, { id: 'b', name: 'read_file', arguments: { path: 'y.ts' } }],
      usage: { prompt_tokens: 1_000_000, completion_tokens: 1_000_000, cached_tokens: 400_000 },
    });
    const deltas: string[] = [];
    const answer = await ask(client(), undefined, (t) => deltas.push(t));
    assert.equal(answer.text, 'Reading both files now.');
    assert.ok(deltas.length > 1, 'text arrives in several deltas');
    assert.deepEqual(answer.toolCalls.map((c) => [c.id, c.name, JSON.parse(c.arguments)]), [['a', 'read_file', { path: 'x.ts' }], ['b', 'read_file', { path: 'y.ts' }]]);
    assert.equal(answer.finishReason, 'tool_calls');
    assert.deepEqual({ ...answer.usage, costUsd: undefined }, { promptTokens: 1_000_000, completionTokens: 1_000_000, cachedTokens: 400_000, costUsd: undefined });
    // gpt-4o-mini: 600k uncached × 0.15 + 400k cached × 0.075 + 1M × 0.6 per million.
    assert.ok(Math.abs(answer.usage.costUsd - (0.09 + 0.03 + 0.6)) < 1e-9);
    const sent = server.requests[0];
    assert.equal(sent.headers.authorization, 'Bearer sk-test-key-1234567890abcdef');
    assert.equal(sent.body.stream, true);
    assert.deepEqual(sent.body.tools?.map((t) => t.function.name), ['read_file']);
  });

  it('uses a user price override and extra headers', async () => {
    server.enqueue({ text: 'ok', usage: { prompt_tokens: 1_000_000, completion_tokens: 0 } });
    const answer = await ask(client({ model: 'local-llama', prices: { 'local-llama': { input: 3, output: 1 } }, extraHeaders: { 'x-team': 'core' } }));
    assert.equal(answer.usage.costUsd, 3);
    assert.equal(server.requests[0].headers['x-team'], 'core');
  });

  it('API fault: 401 becomes an auth error without retrying', async () => {
    server.enqueue({ fail: { status: 401 } }, { text: 'never' });
    const err = await rejection(ask(client({ maxRetries: 2 })));
    assert.equal(err.kind, 'auth');
    assert.match(err.message, /API key/);
    assert.equal(server.requests.length, 1);
  });

  it('API fault: 403 becomes a forbidden error', async () => {
    server.enqueue({ fail: { status: 403, message: 'region blocked' } });
    assert.equal((await rejection(ask(client()))).kind, 'forbidden');
  });

  it('API fault: 404 unknown model names the model', async () => {
    server.enqueue({ fail: { status: 404, message: 'model not found' } });
    const err = await rejection(ask(client({ model: 'no-such-model' })));
    assert.equal(err.kind, 'model_not_found');
    assert.match(err.message, /no-such-model/);
  });

  it('API fault: 400 context overflow is recognised', async () => {
    server.enqueue({ fail: { status: 400, message: "This model's maximum context length is 8192 tokens", code: 'context_length_exceeded' } });
    assert.equal((await rejection(ask(client()))).kind, 'context_overflow');
  });

  it('a model without tool support gets a clear error', async () => {
    server.enqueue({ fail: { status: 400, message: 'registry.ollama.ai/library/gemma does not support tools' } });
    const err = await rejection(ask(client()));
    assert.equal(err.kind, 'no_tool_support');
    assert.match(err.message, /tool/);
  });

  it('API fault: 429 with Retry-After is retried by the SDK, bounded, then succeeds', async () => {
    server.enqueue({ fail: { status: 429, retryAfter: '0' } }, { text: 'after the wait' });
    const answer = await ask(client({ maxRetries: 2 }));
    assert.equal(answer.text, 'after the wait');
    assert.equal(server.requests.length, 2);
  });

  it('API fault: 429 without Retry-After, retries exhausted, is a rate-limit error', async () => {
    server.enqueue({ fail: { status: 429 } }, { fail: { status: 429 } });
    const err = await rejection(ask(client({ maxRetries: 1 })));
    assert.equal(err.kind, 'rate_limited');
    assert.equal(server.requests.length, 2, 'one try plus exactly one SDK retry');
  });

  it('API fault: 500/502/503 are retried a bounded number of times', async () => {
    server.enqueue({ fail: { status: 500 } }, { fail: { status: 502 } }, { fail: { status: 503 } });
    const err = await rejection(ask(client({ maxRetries: 2 })));
    assert.equal(err.kind, 'server');
    assert.equal(server.requests.length, 3);
  });

  it('API fault: a connection dropped mid-stream is a stream_dropped error', async () => {
    server.enqueue({ text: 'This answer will be cut off somewhere in the middle', dropAfterChunks: 3 });
    assert.equal((await rejection(ask(client()))).kind, 'stream_dropped');
  });

  it('API fault: malformed SSE is reported as a malformed response', async () => {
    server.enqueue({ text: 'hello there', isMalformed: true });
    assert.equal((await rejection(ask(client()))).kind, 'malformed_response');
  });

  it('API fault: a stream that stalls is aborted by the idle watchdog', async () => {
    server.enqueue({ text: 'slow answer here', stallAfterChunks: 2, stallMs: 5000 });
    const err = await rejection(ask(client({ idleTimeoutMs: 200 })));
    assert.equal(err.kind, 'stalled');
  });

  it('API fault: a first byte that never comes times out', async () => {
    server.enqueue({ text: 'late', delayMs: 5000 });
    const err = await rejection(ask(client({ requestTimeoutMs: 200 })));
    assert.equal(err.kind, 'stalled');
  });

  it('API fault: the user pressing Stop mid-stream cancels the request', async () => {
    server.enqueue({ text: 'a long answer that stalls', stallAfterChunks: 2, stallMs: 5000 });
    const controller = new AbortController();
    const pending = ask(client(), controller.signal, () => controller.abort());
    assert.equal((await rejection(pending)).kind, 'cancelled');
  });

  it('lists the models of the endpoint', async () => {
    assert.deepEqual(await client().listModels(), ['test-model', 'test-model-large']);
  });

  it('keeps parallel calls apart when they all come at index 0, each with its own id (Gemini)', async () => {
    await server.close();
    server = await startScriptedServer({ profile: geminiProfile() });
    server.enqueue({ toolCalls: [{ name: 'read_file', arguments: { path: 'a.ts' } }, { name: 'read_file', arguments: { path: 'b.ts' } }] });
    const answer = await ask(client());
    assert.deepEqual(answer.toolCalls.map((c) => [c.name, JSON.parse(c.arguments)]), [['read_file', { path: 'a.ts' }], ['read_file', { path: 'b.ts' }]]);
    assert.notEqual(answer.toolCalls[0].id, answer.toolCalls[1].id);
    const own = answer.toolCalls[0].metadata?.[client().providerKey] as { extra_content?: { google?: { thought_signature?: string } } };
    assert.ok(own.extra_content?.google?.thought_signature, 'the first call keeps its thought signature');
    assert.equal(answer.toolCalls[1].metadata, undefined);
  });

  it('sends a thought signature back only to the endpoint that gave it, also after a transcript round trip', () => {
    const message: AssistantMessage = {
      role: 'assistant', content: null,
      toolCalls: [{ id: 'c1', name: 'read_file', arguments: '{}', metadata: { 'openai-compatible http://gemini/v1': { extra_content: { google: { thought_signature: 'c2ln' } } } } }],
    };
    const resumed = chatMessageFrom(JSON.parse(JSON.stringify(message)));
    assert.ok(resumed);
    const [sameEndpoint] = toWireMessages([resumed], 'openai-compatible http://gemini/v1') as unknown as { tool_calls: Record<string, unknown>[] }[];
    assert.deepEqual(sameEndpoint.tool_calls[0].extra_content, { google: { thought_signature: 'c2ln' } });
    const [otherEndpoint] = toWireMessages([resumed], 'openai-compatible http://localhost:11434/v1') as unknown as { tool_calls: Record<string, unknown>[] }[];
    assert.equal('extra_content' in otherEndpoint.tool_calls[0], false);
  });

  it('reads a transcript message written in the older OpenAI shape', () => {
    const old = { role: 'assistant', content: null, tool_calls: [{ id: 'x', type: 'function', function: { name: 'read_file', arguments: '{"path":"a"}' } }] };
    assert.deepEqual(chatMessageFrom(old), { role: 'assistant', content: null, toolCalls: [{ id: 'x', name: 'read_file', arguments: '{"path":"a"}' }] });
    assert.deepEqual(chatMessageFrom({ role: 'tool', tool_call_id: 'x', content: 'ok' }), { role: 'tool', toolCallId: 'x', content: 'ok' });
  });

  it('a 400 naming stream_options is retried once without it, and the answer comes through', async () => {
    server.enqueue({ fail: { status: 400, message: 'Unrecognized request argument supplied: stream_options' } }, { text: 'after the retry' });
    const answer = await ask(client());
    assert.equal(answer.text, 'after the retry');
    assert.deepEqual(server.requests.map((r) => 'stream_options' in r.body), [true, false]);
  });

  it('retries once without an optional parameter the endpoint rejects, remembers it, and logs it', async () => {
    const logged: string[] = [];
    server.enqueue(
      { fail: { status: 400, message: "Unsupported parameter: 'parallel_tool_calls' is not supported with this model." } },
      { text: 'first' }, { text: 'second' },
    );
    const c = client({ log: (m) => logged.push(m) });
    assert.equal((await ask(c)).text, 'first');
    assert.equal((await ask(c)).text, 'second');
    assert.deepEqual(server.requests.map((r) => 'parallel_tool_calls' in r.body), [true, false, false]);
    assert.equal(logged.length, 1);
    assert.match(logged[0], /rejected the optional parameter "parallel_tool_calls".*retrying without it/);
  });

  it('does not retry a 400 that names no optional parameter', async () => {
    server.enqueue({ fail: { status: 400, message: 'messages: invalid role' } }, { text: 'never' });
    assert.equal((await rejection(ask(client()))).kind, 'bad_request');
    assert.equal(server.requests.length, 1);
  });

  it('talks to Azure OpenAI through deployment paths, api-version and the api-key header', async () => {
    server.enqueue({ text: 'azure' });
    const answer = await ask(client({ baseUrl: server.url.replace(/\/v1$/, ''), model: 'my-deployment', apiVersion: '2024-10-21' }));
    assert.equal(answer.text, 'azure');
    const sent = server.requests[0];
    assert.equal(sent.path, '/openai/deployments/my-deployment/chat/completions');
    assert.equal(sent.query.get('api-version'), '2024-10-21');
    assert.equal(sent.headers['api-key'], 'sk-test-key-1234567890abcdef');
    assert.equal(sent.headers.authorization, undefined);
  });

  for (const [name, makeProfile] of [['Gemini (a JSON array)', geminiProfile], ['vLLM (a top-level object)', vllmProfile], ['LM Studio (a string)', lmStudioProfile], ['OpenRouter (upstream text in metadata)', openRouterProfile]] as const) {
    it(`keeps the words of an error body shaped the ${name} way`, async () => {
      await server.close();
      server = await startScriptedServer({ profile: makeProfile() });
      server.enqueue({ fail: { status: 400, message: "This model's maximum context length is 8192 tokens" } });
      const err = await rejection(ask(client({ model: makeProfile().model })));
      assert.equal(err.kind, 'context_overflow', err.message);
      assert.match(err.message, /maximum context length is 8192/);
    });
  }
});
