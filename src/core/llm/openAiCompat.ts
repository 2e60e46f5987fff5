/**
 * The OpenAI adapter's compatibility layer for the parameters only some servers accept. Each optional parameter
 * is sent until an endpoint rejects it with a 400 that names it; then the request is retried once without it,
 * and the endpoint is remembered so later requests leave it out from the start. The same holds for the fields
 * echoed back on assistant messages (reasoning): Groq, for one, answers "'messages.2' : for 'role:assistant' the
 * following must be satisfied[('messages.2' : property 'reasoning' is unsupported)]". Servers phrase the rejection
 * in their own words: Azure "Unrecognized request argument supplied: stream_options", OpenAI's o-series
 * "Unsupported parameter: 'parallel_tool_calls' is not supported with this model", proxies "Unknown parameter".
 */
import OpenAI from 'openai';

/**
 * `stream_options.include_usage` asks for the usage chunk that the cost meter needs; `parallel_tool_calls`
 * lets the model read several files in one turn (llama.cpp's server sends one call per turn unless asked).
 */
export const optionalParams = ['stream_options', 'parallel_tool_calls'] as const;
export type OptionalParam = (typeof optionalParams)[number];

/** Fields the adapter adds to assistant messages for the providers that want their reasoning back. */
export const echoedFields = ['reasoning_content', 'reasoning_details', 'reasoning'] as const;
type Droppable = OptionalParam | (typeof echoedFields)[number];

const rejectionWords = /unrecogni[sz]ed|unknown|unsupported|not supported|not permitted|extra inputs|invalid|not allowed/i;

/** What one endpoint accepts, learned from its rejections. One per client: a client serves one endpoint. */
export class EndpointCompatibility {
  private readonly dropped = new Set<Droppable>();

  constructor(
    private readonly endpoint: string,
    private readonly log: (message: string) => void,
  ) {}

  /** The optional parameters of a streamed request, less the ones this endpoint rejected. */
  optionalParams(hasTools: boolean): Record<string, unknown> {
    const params: Record<string, unknown> = {};
    if (!this.dropped.has('stream_options')) params.stream_options = { include_usage: true };
    if (hasTools && !this.dropped.has('parallel_tool_calls')) params.parallel_tool_calls = true;
    return params;
  }

  /** Echoed message fields this endpoint rejected (left out of every assistant message). */
  get droppedFields(): ReadonlySet<string> {
    return this.dropped;
  }

  /**
   * If `err` is a 400 (or 422) naming an optional parameter or echoed field that was sent, drops it for this endpoint, logs
   * why, and returns true: the caller retries once. Anything else returns false.
   */
  dropRejected(err: unknown, sent: Record<string, unknown>): boolean {
    const param = rejectedParam(err, sent);
    if (!param) return false;
    this.dropped.add(param);
    const what = (optionalParams as readonly string[]).includes(param) ? 'optional parameter' : 'assistant-message field';
    this.log(`The endpoint ${this.endpoint} rejected the ${what} "${param}" (${(err as Error).message.slice(0, 200)}); retrying without it, and leaving it out of every later request to this endpoint.`);
    return true;
  }
}

function rejectedParam(err: unknown, sent: Record<string, unknown>): Droppable | undefined {
  if (!(err instanceof OpenAI.APIError) || (err.status !== 400 && err.status !== 422)) return undefined;
  const named = typeof err.param === 'string' ? err.param : '';
  const message = err.message;
  const messages = Array.isArray(sent.messages) ? (sent.messages as Record<string, unknown>[]) : [];
  const candidates: Droppable[] = [
    ...optionalParams.filter((param) => param in sent),
    ...echoedFields.filter((field) => messages.some((m) => m.role === 'assistant' && field in m)),
  ];
  // A whole word: "reasoning" must not match a message about "reasoning_content".
  const names = (name: string): boolean => new RegExp(`(^|[^a-z_])${name}([^a-z_]|$)`).test(message);
  return candidates.find((name) => named === name || (names(name) && rejectionWords.test(message)));
}

/**
 * Rewrites the error bodies servers shape their own way into OpenAI's `{ error: { message } }`, so the SDK keeps
 * their words instead of "400 status code (no body)": Gemini's array `[{ error }]`, vLLM's top-level
 * `{ object: "error", message }`, LM Studio's `{ error: "<text>" }`; OpenRouter's upstream text
 * (`error.metadata.raw`) joins its message.
 */
export function withOpenAiErrorBodies(fetchImpl: typeof fetch): typeof fetch {
  return async (input, init) => {
    const response = await fetchImpl(input, init);
    if (response.ok || !(response.headers.get('content-type') ?? '').includes('json')) return response;
    const headers = new Headers(response.headers);
    headers.delete('content-length');
    headers.delete('content-encoding');
    return new Response(normalizedErrorBody(await response.text()), { status: response.status, statusText: response.statusText, headers });
  };
}

interface LooseError {
  error?: unknown;
  message?: unknown;
  type?: unknown;
  code?: unknown;
  param?: unknown;
}

/** The body in OpenAI's error shape; a body that is not JSON, or already fine, is returned as it was. */
export function normalizedErrorBody(text: string): string {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return text;
  }
  const first = (Array.isArray(body) ? body[0] : body) as LooseError | undefined;
  if (!first || typeof first !== 'object') return text;
  if (typeof first.error === 'string') return JSON.stringify({ error: { message: first.error } });
  if (first.error && typeof first.error === 'object') return JSON.stringify({ error: withUpstreamText(first.error as Record<string, unknown>) });
  if (typeof first.message === 'string') return JSON.stringify({ error: { message: first.message, type: first.type, code: first.code, param: first.param } });
  return text;
}

function withUpstreamText(error: Record<string, unknown>): Record<string, unknown> {
  const raw = (error.metadata as { raw?: unknown } | undefined)?.raw;
  return typeof raw === 'string' && typeof error.message === 'string' ? { ...error, message: `${error.message}: ${raw}` } : error;
}
