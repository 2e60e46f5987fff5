/**
 * A scripted OpenAI-compatible server on 127.0.0.1 for tests and benchmarks: `/v1/chat/completions` (JSON and
 * SSE streaming, tool calls, usage), `/v1/models` and, once given vectors, `/v1/embeddings`. Each chat request
 * takes the next step of the script; a step can also fail on demand (HTTP status, dropped stream, stall,
 * malformed SSE). Requests are recorded for inspection. A server profile (`serverProfiles.ts`) makes it speak
 * one real server family's dialect: its stream shapes, its error bodies, and the requests it rejects.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface ScriptedToolCall {
  id?: string;
  name: string;
  /** An object is JSON-encoded; a string is sent as is (to send malformed JSON). */
  arguments: unknown;
}

export interface ScriptedUsage {
  prompt_tokens: number;
  completion_tokens: number;
  cached_tokens?: number;
}

/** One scripted response. */
export interface ScriptStep {
  text?: string;
  /** Reasoning the model shows before answering; a profile sends it in its server's field. */
  reasoning?: string;
  toolCalls?: ScriptedToolCall[];
  usage?: ScriptedUsage;
  finishReason?: 'stop' | 'tool_calls' | 'length';
  /** Answer with this HTTP status and an OpenAI-style error body instead. */
  fail?: { status: number; message?: string; code?: string; retryAfter?: string };
  /** Streaming only: close the connection after this many SSE chunks. */
  dropAfterChunks?: number;
  /** Wait this long before the first byte. */
  delayMs?: number;
  /** Streaming only: after this many chunks, stop sending (but keep the connection open) for `stallMs`. */
  stallAfterChunks?: number;
  stallMs?: number;
  /** Streaming only: send a line that is not valid SSE JSON. */
  isMalformed?: boolean;
}

export interface RecordedRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: Record<string, string | string[] | undefined>;
  body: ChatRequestBody;
  /** When the request arrived and when its answer was fully sent (ms since the epoch), to see overlapping requests. */
  startedAt?: number;
  endedAt?: number;
}

/** The parts of a chat request the tests look at. */
export interface ChatRequestBody {
  model?: string;
  stream?: boolean;
  messages?: { role: string; content?: unknown; tool_calls?: { id: string; function: { name: string; arguments: string }; [key: string]: unknown }[]; tool_call_id?: string; [key: string]: unknown }[];
  tools?: { function: { name: string; description?: string; parameters?: unknown } }[];
  [key: string]: unknown;
}

export interface ScriptedServer {
  url: string;
  requests: RecordedRequest[];
  enqueue(...steps: ScriptStep[]): void;
  /** Answers requests once the queue is empty (default: a 500 saying the script ran out). */
  setFallback(next: ((request: RecordedRequest) => ScriptStep) | undefined): void;
  remaining(): number;
  models: string[];
  close(): Promise<void>;
}

/** The OpenAI-compatible server also answers `/v1/embeddings` once `setEmbeddings` gave it vectors (404 before). */
export interface ScriptedOpenAiServer extends ScriptedServer {
  /** `embed` returns the vectors of the texts, or `{ fail: status }`; its requests are kept apart from `requests`. */
  setEmbeddings(embed: ((texts: string[], model: string) => number[][] | { fail: number }) | undefined): void;
  embeddingRequests: { model: string; input: string[] }[];
}

/** One real server family's dialect (see `serverProfiles.ts`). */
export interface ServerProfile {
  name: string;
  /** Rejects what the real server rejects: a status and that server's own error body. */
  check?(request: RecordedRequest): { status: number; body: unknown } | undefined;
  /** The SSE events of a step; objects are sent as JSON `data:` lines, strings as raw lines (comments). */
  chunks?(body: ChatRequestBody, step: ScriptStep): (object | string)[];
  /** The error body for a scripted failure (default: OpenAI's `{ error: { message, type, code } }`). */
  errorBody?(status: number, message: string): unknown;
  /** Whether the stream ends with `data: [DONE]` (default true). */
  sendsDone?: boolean;
}

export async function startScriptedServer(options: { models?: string[]; profile?: ServerProfile } = {}): Promise<ScriptedOpenAiServer> {
  const profile = options.profile;
  const queue: ScriptStep[] = [];
  const requests: RecordedRequest[] = [];
  const sockets = new Set<Socket>();
  let fallback: ((request: RecordedRequest) => ScriptStep) | undefined;
  let embed: Parameters<ScriptedOpenAiServer['setEmbeddings']>[0];
  const embeddingRequests: ScriptedOpenAiServer['embeddingRequests'] = [];
  const models = options.models ?? ['test-model', 'test-model-large'];
  const server: Server = createServer((req, res) => {
    void handle(req, res).catch((err: Error) => {
      if (!res.headersSent) sendJson(res, 500, { error: { message: err.message } });
      else res.destroy();
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const raw = await readBody(req);
    const [path, search] = (req.url ?? '').split('?');
    const request: RecordedRequest = { method: req.method ?? 'GET', path, query: new URLSearchParams(search ?? ''), headers: req.headers, body: raw ? (JSON.parse(raw) as ChatRequestBody) : {} };
    if (req.method === 'GET' && path.endsWith('/models')) {
      sendJson(res, 200, { object: 'list', data: models.map((id) => ({ id, object: 'model', created: 0, owned_by: 'scripted' })) });
      return;
    }
    if (req.method === 'POST' && path.endsWith('/embeddings') && embed) return answerEmbeddings(request.body as { model: string; input: string | string[] }, res);
    if (!path.endsWith('/chat/completions')) return sendJson(res, 404, { error: { message: `No route ${path}` } });
    requests.push(request);
    request.startedAt = Date.now();
    try {
      await answerChat(request, res);
    } finally {
      request.endedAt = Date.now();
    }
  }

  function answerEmbeddings(body: { model: string; input: string | string[] }, res: ServerResponse): void {
    const input = Array.isArray(body.input) ? body.input : [body.input];
    embeddingRequests.push({ model: body.model, input });
    const vectors = embed?.(input, body.model);
    if (!vectors || 'fail' in vectors) return sendJson(res, vectors?.fail ?? 404, { error: { message: 'scripted server: embeddings failed' } });
    sendJson(res, 200, { object: 'list', model: body.model, data: vectors.map((embedding, index) => ({ object: 'embedding', index, embedding })), usage: { prompt_tokens: 0, total_tokens: 0 } });
  }

  async function answerChat(request: RecordedRequest, res: ServerResponse): Promise<void> {
    const rejected = profile?.check?.(request);
    if (rejected) return sendJson(res, rejected.status, rejected.body as object);
    const step = queue.shift() ?? fallback?.(request) ?? { fail: { status: 500, message: 'scripted server: the script ran out of steps' } };
    if (step.delayMs) await sleep(step.delayMs);
    if (step.fail) return sendFailure(res, step.fail, profile);
    if (request.body.stream) return streamStep(res, request.body, step, profile);
    sendJson(res, 200, completionBody(request.body, step));
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    requests,
    models,
    enqueue: (...steps) => { queue.push(...steps); },
    setFallback: (next) => { fallback = next; },
    remaining: () => queue.length,
    setEmbeddings: (next) => { embed = next; },
    embeddingRequests,
    close: () => new Promise<void>((resolve) => {
      for (const socket of sockets) socket.destroy();
      server.close(() => resolve());
    }),
  };
}

let callCounter = 0;

export function toolCallsOf(step: ScriptStep): { id: string; type: 'function'; function: { name: string; arguments: string } }[] {
  return (step.toolCalls ?? []).map((call) => ({
    id: call.id ?? `call_${++callCounter}`,
    type: 'function',
    function: { name: call.name, arguments: typeof call.arguments === 'string' ? call.arguments : JSON.stringify(call.arguments ?? {}) },
  }));
}

export function usageOf(step: ScriptStep): object {
  const usage = step.usage ?? { prompt_tokens: 100, completion_tokens: 20 };
  return {
    prompt_tokens: usage.prompt_tokens,
    completion_tokens: usage.completion_tokens,
    total_tokens: usage.prompt_tokens + usage.completion_tokens,
    prompt_tokens_details: { cached_tokens: usage.cached_tokens ?? 0 },
  };
}

export function finishReasonOf(step: ScriptStep): string {
  return step.finishReason ?? (step.toolCalls?.length ? 'tool_calls' : 'stop');
}

function completionBody(body: ChatRequestBody, step: ScriptStep): object {
  const toolCalls = toolCallsOf(step);
  return {
    id: `chatcmpl-${++callCounter}`, object: 'chat.completion', created: 0, model: body.model ?? 'test-model',
    choices: [{ index: 0, finish_reason: finishReasonOf(step), message: { role: 'assistant', content: step.text ?? null, ...(toolCalls.length ? { tool_calls: toolCalls } : {}) } }],
    usage: usageOf(step),
  };
}

/** The SSE chunks of a step: role, reasoning and text in pieces, each tool call in two argument pieces, finish, usage. */
export function streamChunks(body: ChatRequestBody, step: ScriptStep): object[] {
  const id = `chatcmpl-${++callCounter}`;
  const chunk = (delta: object, finish: string | null = null): object => ({
    id, object: 'chat.completion.chunk', created: 0, model: body.model ?? 'test-model', choices: [{ index: 0, delta, finish_reason: finish }],
  });
  const chunks: object[] = [chunk({ role: 'assistant', content: '' })];
  for (const piece of piecesOf(step.reasoning)) chunks.push(chunk({ reasoning_content: piece }));
  for (const piece of piecesOf(step.text)) chunks.push(chunk({ content: piece }));
  toolCallsOf(step).forEach((call, index) => {
    const args = call.function.arguments;
    const half = Math.ceil(args.length / 2);
    chunks.push(chunk({ tool_calls: [{ index, id: call.id, type: 'function', function: { name: call.function.name, arguments: args.slice(0, half) } }] }));
    if (args.length > half) chunks.push(chunk({ tool_calls: [{ index, function: { arguments: args.slice(half) } }] }));
  });
  chunks.push(chunk({}, finishReasonOf(step)));
  const streamOptions = body.stream_options as { include_usage?: boolean } | undefined;
  if (streamOptions?.include_usage) chunks.push({ id, object: 'chat.completion.chunk', created: 0, model: body.model ?? 'test-model', choices: [], usage: usageOf(step) });
  return chunks;
}

/** Splits text into the pieces a server streams it in. */
export function piecesOf(text: string | undefined): string[] {
  return (text ?? '').match(/[\s\S]{1,12}/g) ?? [];
}

async function streamStep(res: ServerResponse, body: ChatRequestBody, step: ScriptStep, profile: ServerProfile | undefined): Promise<void> {
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
  res.flushHeaders();
  const chunks = profile?.chunks?.(body, step) ?? streamChunks(body, step);
  for (let i = 0; i < chunks.length; i++) {
    if (step.dropAfterChunks !== undefined && i >= step.dropAfterChunks) {
      // Let what was written reach the client first, so the drop really happens mid-stream.
      await sleep(30);
      res.socket?.destroy();
      return;
    }
    if (step.stallAfterChunks !== undefined && i === step.stallAfterChunks) {
      await sleep(step.stallMs ?? 60_000);
      if (res.destroyed) return;
    }
    if (step.isMalformed && i === 1) res.write('data: {"choices": [ this is not json\n\n');
    const chunk = chunks[i];
    res.write(typeof chunk === 'string' ? `${chunk}\n\n` : `data: ${JSON.stringify(chunk)}\n\n`);
  }
  res.end(profile?.sendsDone === false ? '' : 'data: [DONE]\n\n');
}

function sendFailure(res: ServerResponse, fail: NonNullable<ScriptStep['fail']>, profile: ServerProfile | undefined): void {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (fail.retryAfter !== undefined) headers['retry-after'] = fail.retryAfter;
  res.writeHead(fail.status, headers);
  const message = fail.message ?? `scripted failure ${fail.status}`;
  res.end(JSON.stringify(profile?.errorBody?.(fail.status, message) ?? { error: { message, type: 'scripted_error', code: fail.code ?? null } }));
}

function sendJson(res: ServerResponse, status: number, body: object): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const parts: Buffer[] = [];
    req.on('data', (d: Buffer) => parts.push(d));
    req.on('end', () => resolve(Buffer.concat(parts).toString('utf8')));
    req.on('error', reject);
  });
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref?.());
}
