/**
 * The native Anthropic adapter on `@anthropic-ai/sdk`: the Messages API streamed, with (parallel) tool use,
 * prompt caching through `cache_control` breakpoints (placed in `anthropicMessages`), extended thinking when
 * asked for (its blocks, signed, sent back across tool turns), usage with cache writes and reads priced, a stall
 * watchdog, and the same typed LlmErrors as the OpenAI-compatible adapter. HTTP retries are the SDK's (bounded).
 */
import Anthropic from '@anthropic-ai/sdk';
import type { MessageCreateParamsStreaming, RawMessageStreamEvent } from '@anthropic-ai/sdk/resources/messages';
import type { ModelPrice } from '../settings';
import { toAnthropicRequest, type AnthropicAssistantData } from './anthropicMessages';
import { AnthropicStreamAccumulator } from './anthropicStream';
import type { ChatRequest, ChatResponse, LlmClient } from './llmClient';
import { fromHttpStatus, LlmError } from './llmErrors';
import { costOf, priceFor } from './pricing';
import { StallWatchdog } from './stallWatchdog';

export const anthropicBaseUrl = 'https://api.anthropic.com';

export interface AnthropicClientOptions {
  /** Anthropic's API or a proxy speaking it; a trailing `/v1` is allowed (the SDK adds it). */
  baseUrl?: string;
  apiKey: string | undefined;
  model: string;
  extraHeaders?: Record<string, string>;
  prices?: Record<string, ModelPrice>;
  /** The answer's output limit (`max_tokens`, which the API requires; default 8192, plus the thinking budget). */
  maxOutputTokens?: number;
  /** Extended thinking: the token budget for it, or undefined for none. */
  thinkingBudgetTokens?: number;
  maxRetries?: number;
  requestTimeoutMs?: number;
  idleTimeoutMs?: number;
}

export class AnthropicLlmClient implements LlmClient {
  private readonly client: Anthropic;
  /** This endpoint's key in ProviderMetadata: thinking blocks it signed go back to it and to nothing else. */
  readonly providerKey: string;
  readonly model: string;

  constructor(private readonly options: AnthropicClientOptions) {
    this.model = options.model;
    const baseUrl = (options.baseUrl ?? anthropicBaseUrl).replace(/\/+$/, '').replace(/\/v1$/, '');
    this.providerKey = `anthropic ${baseUrl}`;
    // Given explicitly, so the SDK reads neither ANTHROPIC_BASE_URL nor ANTHROPIC_API_KEY itself.
    this.client = new Anthropic({
      baseURL: baseUrl, apiKey: options.apiKey || 'no-key', defaultHeaders: options.extraHeaders,
      maxRetries: options.maxRetries ?? 2, timeout: options.requestTimeoutMs ?? 120_000,
    });
  }

  async complete(request: ChatRequest): Promise<ChatResponse> {
    const watchdog = new StallWatchdog(this.options.idleTimeoutMs ?? 90_000, request.signal);
    const accumulator = new AnthropicStreamAccumulator();
    let isStreaming = false;
    try {
      const stream = await this.client.messages.create(this.body(request), { signal: watchdog.signal });
      isStreaming = true;
      watchdog.arm();
      for await (const event of stream) {
        watchdog.arm();
        const piece = accumulator.add(event as RawMessageStreamEvent);
        if (piece.thinking) request.onThinking?.(piece.thinking);
        if (piece.text) request.onText?.(piece.text);
      }
    } catch (err) {
      throw this.fault(err, isStreaming, watchdog, request.signal);
    } finally {
      watchdog.dispose();
    }
    if (request.signal.aborted || watchdog.hasFired) throw this.fault(new Error('aborted'), true, watchdog, request.signal);
    return this.finish(accumulator);
  }

  private body(request: ChatRequest): MessageCreateParamsStreaming {
    const parts = toAnthropicRequest(request.messages, request.tools, this.providerKey);
    const thinking = this.options.thinkingBudgetTokens;
    return {
      model: this.model, stream: true,
      max_tokens: (this.options.maxOutputTokens ?? 8192) + (thinking ?? 0),
      messages: parts.messages,
      ...(parts.system.length ? { system: parts.system } : {}),
      ...(parts.tools.length ? { tools: parts.tools } : {}),
      ...(thinking ? { thinking: { type: 'enabled', budget_tokens: thinking } } : {}),
    };
  }

  private fault(err: unknown, isStreaming: boolean, watchdog: StallWatchdog, signal: AbortSignal): LlmError {
    if (signal.aborted) return new LlmError('cancelled', 'The request was cancelled.');
    if (watchdog.hasFired) return new LlmError('stalled', `The model stream stalled: nothing arrived for ${Math.round(watchdog.idleMs / 1000)} s.`);
    const mapped = toAnthropicLlmError(err, this.model);
    if (isStreaming && mapped.kind === 'connection') return new LlmError('stream_dropped', `The connection dropped while the model was answering (${mapped.message}).`);
    return mapped;
  }

  async listModels(signal?: AbortSignal): Promise<string[]> {
    try {
      const ids: string[] = [];
      for await (const model of this.client.models.list({}, { signal })) ids.push(model.id);
      return ids.sort();
    } catch (err) {
      throw toAnthropicLlmError(err, this.model);
    }
  }

  private finish(accumulator: AnthropicStreamAccumulator): ChatResponse {
    if (!accumulator.finishReason) throw new LlmError('stream_dropped', 'The model stream ended before the answer was complete.');
    const { cacheWriteTokens, ...usage } = accumulator.usage;
    const own: AnthropicAssistantData = accumulator.thinkingBlocks.length ? { thinkingBlocks: accumulator.thinkingBlocks } : {};
    const full = { ...usage, ...(cacheWriteTokens ? { cacheWriteTokens } : {}) };
    return {
      text: accumulator.text,
      toolCalls: accumulator.toolCalls(),
      ...(accumulator.reasoning ? { reasoning: accumulator.reasoning } : {}),
      ...(own.thinkingBlocks ? { metadata: { [this.providerKey]: { ...own } } } : {}),
      finishReason: accumulator.finishReason,
      usage: { ...full, costUsd: costOf(full, priceFor(this.model, this.options.prices ?? {})) },
    };
  }
}

const statusOfErrorType: Record<string, number> = {
  invalid_request_error: 400, authentication_error: 401, permission_error: 403, not_found_error: 404,
  request_too_large: 413, rate_limit_error: 429, api_error: 500, overloaded_error: 529,
};

/** Maps anything the SDK threw to an LlmError: HTTP statuses, error events in the stream, connection faults. */
export function toAnthropicLlmError(err: unknown, model: string): LlmError {
  if (err instanceof LlmError) return err;
  if (err instanceof Anthropic.APIUserAbortError) return new LlmError('cancelled', 'The request was cancelled.');
  if (err instanceof Anthropic.APIConnectionTimeoutError) return new LlmError('stalled', 'The model endpoint did not answer in time.');
  if (err instanceof Anthropic.APIConnectionError) return new LlmError('connection', `Could not reach the model endpoint: ${err.message}`);
  if (err instanceof Anthropic.APIError) {
    const body = err.error as { error?: { type?: string; message?: string } } | undefined;
    const detail = body?.error?.message ?? err.message;
    const type = body?.error?.type ?? err.type ?? undefined;
    // An error event inside the stream has no HTTP status: its type says which one it stands for.
    const status = err.status ?? (type ? statusOfErrorType[type] : undefined);
    return fromHttpStatus({ status, detail, headers: err.headers, code: type }, model, 'ANTHROPIC_API_KEY');
  }
  const message = err instanceof Error ? err.message : String(err);
  if (/terminated|socket|ECONNRESET|premature close|other side closed/i.test(message)) {
    return new LlmError('stream_dropped', `The connection dropped while the model was answering (${message}).`);
  }
  if (err instanceof SyntaxError || /JSON/.test(message)) return new LlmError('malformed_response', `The endpoint sent a response that could not be parsed (${message}).`);
  return new LlmError('connection', message);
}
