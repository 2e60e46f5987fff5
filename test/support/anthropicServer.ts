/**
 * A scripted Anthropic-compatible server on 127.0.0.1: `POST /v1/messages` streamed as the Messages API does
 * (message_start, content_block_start/delta/stop, ping, message_delta with usage, message_stop) and
 * `GET /v1/models`. It takes the same script steps and fault modes as the OpenAI one (`scriptedServer.ts`):
 * HTTP failures with Anthropic's error bodies, a dropped stream, a stall, an error event mid-stream.
 *
 * It also models the prompt cache, so tests can see whether the breakpoints work: each `cache_control` marks a
 * prefix (tools → system → messages, the markers themselves ignored); a prefix an earlier request marked is read
 * from the cache, the rest up to the last marker is written. Tokens are counted as characters / 4.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { ChatRequestBody, RecordedRequest, ScriptedServer, ScriptStep } from './scriptedServer';
import { piecesOf } from './scriptedServer';

export interface AnthropicScriptStep extends ScriptStep {
  /** Thinking shown before the answer, in a signed thinking block. */
  thinking?: string;
  /** Instead of finishing, send an `event: error` of this type after the first content block. */
  streamError?: string;
}

const errorTypes: Record<number, string> = {
  400: 'invalid_request_error', 401: 'authentication_error', 403: 'permission_error', 404: 'not_found_error',
  413: 'request_too_large', 429: 'rate_limit_error', 500: 'api_error', 529: 'overloaded_error',
};

export interface AnthropicServer extends ScriptedServer {
  enqueue(...steps: AnthropicScriptStep[]): void;
}

export async function startAnthropicServer(options: { models?: string[] } = {}): Promise<AnthropicServer> {
  const queue: AnthropicScriptStep[] = [];
  const requests: RecordedRequest[] = [];
  const sockets = new Set<Socket>();
  const cache = new Set<string>();
  let fallback: ((request: RecordedRequest) => ScriptStep) | undefined;
  const models = options.models ?? ['claude-sonnet-4-5', 'claude-haiku-4-5'];
  const server = createServer((req, res) => {
    void handle(req, res).catch(() => res.destroy());
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const raw = await readBody(req);
    const [path, search] = (req.url ?? '').split('?');
    const request: RecordedRequest = { method: req.method ?? 'GET', path, query: new URLSearchParams(search ?? ''), headers: req.headers, body: raw ? (JSON.parse(raw) as ChatRequestBody) : {} };
    if (req.method === 'GET' && path === '/v1/models') {
      return sendJson(res, 200, { data: models.map((id) => ({ type: 'model', id, display_name: id, created_at: '2025-01-01T00:00:00Z' })), has_more: false, first_id: models[0], last_id: models[models.length - 1] });
    }
    if (path !== '/v1/messages') return sendError(res, 404, `No route ${path}`);
    requests.push(request);
    const step: AnthropicScriptStep = queue.shift() ?? fallback?.(request) ?? { fail: { status: 500, message: 'scripted server: the script ran out of steps' } };
    if (step.delayMs) await sleep(step.delayMs);
    if (step.fail) return sendError(res, step.fail.status, step.fail.message ?? `scripted failure ${step.fail.status}`, step.fail.retryAfter);
    await streamStep(res, messageEvents(request.body, step, cachedUsage(request.body, cache)), step);
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    requests, models,
    enqueue: (...steps) => { queue.push(...steps); },
    setFallback: (next) => { fallback = next; },
    remaining: () => queue.length,
    close: () => new Promise<void>((resolve) => {
      for (const socket of sockets) socket.destroy();
      server.close(() => resolve());
    }),
  };
}

interface CacheUsage { input: number; read: number; written: number }

/** The prompt as a list of pieces in cache order, with the indexes of the pieces that carry a breakpoint. */
function promptPieces(body: ChatRequestBody): { pieces: string[]; marks: number[] } {
  const pieces: string[] = [];
  const marks: number[] = [];
  const add = (block: unknown, role?: string): void => {
    const { cache_control: marker, ...rest } = block as { cache_control?: unknown };
    pieces.push(JSON.stringify({ role, ...rest }));
    if (marker) marks.push(pieces.length - 1);
  };
  for (const tool of (body.tools as unknown[] | undefined) ?? []) add(tool);
  for (const block of (body.system as unknown[] | undefined) ?? []) add(block);
  for (const message of body.messages ?? []) {
    for (const block of Array.isArray(message.content) ? (message.content as unknown[]) : [{ text: message.content }]) add(block, message.role);
  }
  return { pieces, marks };
}

/** Reads the longest marked prefix an earlier request wrote; writes every marked prefix of this one. */
export function cachedUsage(body: ChatRequestBody, cache: Set<string>): CacheUsage {
  const { pieces, marks } = promptPieces(body);
  const tokensUpTo = (index: number): number => Math.ceil(pieces.slice(0, index + 1).join('').length / 4);
  const total = tokensUpTo(pieces.length - 1);
  const prefixKey = (index: number): string => pieces.slice(0, index + 1).join('\n');
  const hit = [...marks].reverse().find((index) => cache.has(prefixKey(index)));
  const read = hit === undefined ? 0 : tokensUpTo(hit);
  const lastMark = marks[marks.length - 1];
  const written = lastMark === undefined ? 0 : Math.max(0, tokensUpTo(lastMark) - read);
  for (const index of marks) cache.add(prefixKey(index));
  return { input: total - read - written, read, written };
}

type SseEvent = [name: string, data: object];

/** The events of one answer: thinking, text, each tool call in its own block with its input in two pieces. */
function messageEvents(body: ChatRequestBody, step: AnthropicScriptStep, cacheUsage: CacheUsage): SseEvent[] {
  const usage = step.usage
    ? { input_tokens: step.usage.prompt_tokens - (step.usage.cached_tokens ?? 0), cache_read_input_tokens: step.usage.cached_tokens ?? 0, cache_creation_input_tokens: 0 }
    : { input_tokens: cacheUsage.input, cache_read_input_tokens: cacheUsage.read, cache_creation_input_tokens: cacheUsage.written };
  const events: SseEvent[] = [['message_start', { type: 'message_start', message: { id: `msg_${++counter}`, type: 'message', role: 'assistant', model: body.model, content: [], stop_reason: null, stop_sequence: null, usage: { ...usage, output_tokens: 1 } } }]];
  let index = 0;
  const block = (start: object, deltas: object[]): void => {
    events.push(['content_block_start', { type: 'content_block_start', index, content_block: start }]);
    for (const delta of deltas) events.push(['content_block_delta', { type: 'content_block_delta', index, delta }]);
    events.push(['content_block_stop', { type: 'content_block_stop', index }]);
    index++;
  };
  if (step.thinking ?? step.reasoning) {
    block({ type: 'thinking', thinking: '', signature: '' }, [...piecesOf(step.thinking ?? step.reasoning).map((thinking) => ({ type: 'thinking_delta', thinking })), { type: 'signature_delta', signature: `sig-${counter}` }]);
  }
  if (step.text) block({ type: 'text', text: '' }, piecesOf(step.text).map((text) => ({ type: 'text_delta', text })));
  events.push(['ping', { type: 'ping' }]);
  for (const call of step.toolCalls ?? []) {
    const json = typeof call.arguments === 'string' ? call.arguments : JSON.stringify(call.arguments ?? {});
    const half = Math.ceil(json.length / 2);
    block({ type: 'tool_use', id: call.id ?? `toolu_${++counter}`, name: call.name, input: {} }, [json.slice(0, half), json.slice(half)].filter(Boolean).map((partial_json) => ({ type: 'input_json_delta', partial_json })));
  }
  if (step.streamError) return [...events.slice(0, 4), ['error', { type: 'error', error: { type: step.streamError, message: `scripted ${step.streamError}` } }]];
  const stop = step.finishReason === 'length' ? 'max_tokens' : step.toolCalls?.length ? 'tool_use' : 'end_turn';
  events.push(['message_delta', { type: 'message_delta', delta: { stop_reason: stop, stop_sequence: null }, usage: { ...usage, output_tokens: step.usage?.completion_tokens ?? 20 } }]);
  events.push(['message_stop', { type: 'message_stop' }]);
  return events;
}

let counter = 0;

async function streamStep(res: ServerResponse, events: SseEvent[], step: ScriptStep): Promise<void> {
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
  res.flushHeaders();
  for (let i = 0; i < events.length; i++) {
    if (step.dropAfterChunks !== undefined && i >= step.dropAfterChunks) {
      await sleep(30);
      res.socket?.destroy();
      return;
    }
    if (step.stallAfterChunks !== undefined && i === step.stallAfterChunks) {
      await sleep(step.stallMs ?? 60_000);
      if (res.destroyed) return;
    }
    const [name, data] = events[i];
    res.write(`event: ${name}\ndata: ${JSON.stringify(data)}\n\n`);
  }
  res.end();
}

function sendError(res: ServerResponse, status: number, message: string, retryAfter?: string): void {
  const headers: Record<string, string> = { 'content-type': 'application/json', 'request-id': `req_${++counter}` };
  if (retryAfter !== undefined) headers['retry-after'] = retryAfter;
  res.writeHead(status, headers);
  res.end(JSON.stringify({ type: 'error', error: { type: errorTypes[status] ?? 'api_error', message } }));
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
