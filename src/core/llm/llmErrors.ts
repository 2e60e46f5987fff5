/**
 * Typed model errors. Every failure of a model request becomes one LlmError with a kind the loop can act on and
 * a message a user can act on. The SDK has already done its own bounded retries by the time one is thrown.
 */
import OpenAI from 'openai';

export type LlmErrorKind =
  | 'auth' | 'forbidden' | 'model_not_found' | 'context_overflow' | 'rate_limited' | 'server' | 'connection'
  | 'overloaded' | 'stream_dropped' | 'stalled' | 'malformed_response' | 'no_tool_support' | 'bad_request' | 'cancelled';

export class LlmError extends Error {
  override name = 'LlmError';
  constructor(
    readonly kind: LlmErrorKind,
    message: string,
    readonly status?: number,
    readonly retryAfterMs?: number,
  ) {
    super(message);
  }

  /** Worth one more try after a pause: the request may succeed unchanged. */
  get isTransient(): boolean {
    return ['rate_limited', 'overloaded', 'server', 'connection', 'stream_dropped', 'stalled', 'malformed_response'].includes(this.kind);
  }
}

const overflowPattern = /context[_ ]length|maximum context|context window|too many tokens|prompt is too long|reduce the length|request_too_large|request too large/i;
const noToolsPattern = /does not support tools|tools? (?:are|is) not supported|tool[_ ]choice.*not supported|function calling is not (?:supported|enabled)/i;

/** Maps anything a request threw to an LlmError. */
export function toLlmError(err: unknown, model: string, signal?: AbortSignal): LlmError {
  if (err instanceof LlmError) return err;
  if (signal?.aborted || err instanceof OpenAI.APIUserAbortError) return new LlmError('cancelled', 'The request was cancelled.');
  if (err instanceof OpenAI.APIConnectionTimeoutError) return new LlmError('stalled', 'The model endpoint did not answer in time.');
  if (err instanceof OpenAI.APIConnectionError) return new LlmError('connection', `Could not reach the model endpoint: ${err.message}`);
  if (err instanceof OpenAI.APIError) return fromStatus(err, model);
  const message = err instanceof Error ? err.message : String(err);
  if (/terminated|socket|ECONNRESET|premature close|other side closed/i.test(message)) {
    return new LlmError('stream_dropped', `The connection dropped while the model was answering (${message}).`);
  }
  if (err instanceof SyntaxError || /JSON/.test(message)) return new LlmError('malformed_response', `The endpoint sent a response that could not be parsed (${message}).`);
  return new LlmError('connection', message);
}

function fromStatus(err: InstanceType<typeof OpenAI.APIError>, model: string): LlmError {
  return fromHttpStatus({ status: err.status, detail: err.message, headers: err.headers, code: err.code ?? undefined }, model, 'OPENAI_API_KEY');
}

/** What any provider's HTTP error says: its status, its message, its headers, its own error code or type. */
export interface HttpFailure {
  status: number | undefined;
  detail: string;
  headers?: Headers;
  code?: string;
}

/** Maps an HTTP failure of any provider to an LlmError; `keyVariable` names where the user sets the key. */
export function fromHttpStatus({ status, detail, headers, code }: HttpFailure, model: string, keyVariable: string): LlmError {
  if (status === 401) return new LlmError('auth', `The endpoint rejected the API key (401). Set a valid key (${keyVariable}, or "Auto Agent: Set API Key").`, status);
  if (status === 403) return new LlmError('forbidden', `The endpoint refused access (403): ${detail}`, status);
  if (status === 404) return new LlmError('model_not_found', `The endpoint does not know the model "${model}" (404). Pick one that its /v1/models lists.`, status);
  if (status === 429) return new LlmError('rate_limited', `The endpoint is rate-limiting requests (429): ${detail}`, status, retryAfterMs(headers));
  if (status === 529 || code === 'overloaded_error') return new LlmError('overloaded', `The model provider is overloaded (${status ?? 'overloaded_error'}): ${detail}`, status, retryAfterMs(headers));
  if (status !== undefined && status >= 500) return new LlmError('server', `The endpoint failed (${status}): ${detail}`, status);
  if (noToolsPattern.test(detail)) return new LlmError('no_tool_support', `The model "${model}" does not support tool calls, which the agent needs. Choose a model with tool (function) calling.`, status);
  if (status === 413 || overflowPattern.test(detail) || code === 'context_length_exceeded') {
    return new LlmError('context_overflow', `The conversation is longer than the model's context window: ${detail}`, status);
  }
  return new LlmError('bad_request', `The endpoint rejected the request (${status}): ${detail}`, status);
}

function retryAfterMs(headers: Headers | undefined): number | undefined {
  const value = headers?.get('retry-after');
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}
