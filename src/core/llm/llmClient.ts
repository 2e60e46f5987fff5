/**
 * The model client on the `openai` package: any OpenAI-compatible endpoint, streamed, with native (parallel)
 * tool calls, usage and cost per request, cancellation, and a stall watchdog. HTTP-level retries are the
 * SDK's own (bounded); everything else surfaces as a typed LlmError.
 */
import OpenAI from 'openai';
import type { ChatCompletionChunk, ChatCompletionFunctionTool, ChatCompletionMessageParam } from 'openai/resources/chat/completions';
import type { Usage } from '../../protocol/events';
import type { ModelPrice } from '../settings';
import { LlmError, toLlmError } from './llmErrors';
import { costOf, priceFor } from './pricing';

/** One tool call as the model sent it; `arguments` is raw text, validated later by the registry. */
export interface ToolCallRequest {
  id: string;
  name: string;
  arguments: string;
}

export interface ChatRequest {
  messages: ChatCompletionMessageParam[];
  tools: ChatCompletionFunctionTool[];
  signal: AbortSignal;
  onText?: (delta: string) => void;
}

export interface ChatResponse {
  text: string;
  toolCalls: ToolCallRequest[];
  finishReason: string;
  usage: Usage;
}

/** What the engine needs from a model. Tests and benchmarks use the real client against a scripted server. */
export interface LlmClient {
  readonly model: string;
  complete(request: ChatRequest): Promise<ChatResponse>;
  listModels(signal?: AbortSignal): Promise<string[]>;
}

export interface LlmClientOptions {
  baseUrl: string;
  apiKey: string | undefined;
  model: string;
  extraHeaders?: Record<string, string>;
  prices?: Record<string, ModelPrice>;
  /** SDK retries for connection errors, 408/409/429/5xx (bounded; default 2). */
  maxRetries?: number;
  /** Time until the response headers arrive (default 120 s). */
  requestTimeoutMs?: number;
  /** Longest silence allowed between stream chunks (default 90 s). */
  idleTimeoutMs?: number;
}

export class OpenAiLlmClient implements LlmClient {
  private readonly client: OpenAI;
  readonly model: string;

  constructor(private readonly options: LlmClientOptions) {
    this.model = options.model;
    this.client = new OpenAI({
      // Local servers need no key, but the SDK insists on one.
      apiKey: options.apiKey || 'no-key',
      baseURL: options.baseUrl,
      defaultHeaders: options.extraHeaders,
      maxRetries: options.maxRetries ?? 2,
      timeout: options.requestTimeoutMs ?? 120_000,
    });
  }

  async complete(request: ChatRequest): Promise<ChatResponse> {
    const watchdog = new StallWatchdog(this.options.idleTimeoutMs ?? 90_000, request.signal);
    const accumulator = new StreamAccumulator();
    let isStreaming = false;
    try {
      const stream = await this.client.chat.completions.create(
        {
          model: this.model, messages: request.messages, stream: true, stream_options: { include_usage: true },
          ...(request.tools.length ? { tools: request.tools } : {}),
        },
        { signal: watchdog.signal },
      );
      isStreaming = true;
      watchdog.arm();
      for await (const chunk of stream) {
        watchdog.arm();
        const text = accumulator.add(chunk);
        if (text) request.onText?.(text);
      }
    } catch (err) {
      throw this.classify(err, { isStreaming, hasStalled: watchdog.hasFired, idleMs: watchdog.idleMs, signal: request.signal });
    } finally {
      watchdog.dispose();
    }
    if (request.signal.aborted || watchdog.hasFired) {
      throw this.classify(new Error('aborted'), { isStreaming, hasStalled: watchdog.hasFired, idleMs: watchdog.idleMs, signal: request.signal });
    }
    return this.finish(accumulator);
  }

  /** Once the stream has started, a failure that is not a parse error means the connection went away. */
  private classify(err: unknown, state: { isStreaming: boolean; hasStalled: boolean; idleMs: number; signal: AbortSignal }): LlmError {
    if (state.signal.aborted) return new LlmError('cancelled', 'The request was cancelled.');
    if (state.hasStalled) return new LlmError('stalled', `The model stream stalled: nothing arrived for ${Math.round(state.idleMs / 1000)} s.`);
    const mapped = toLlmError(err, this.model, state.signal);
    if (state.isStreaming && mapped.kind === 'connection') {
      return new LlmError('stream_dropped', `The connection dropped while the model was answering (${mapped.message}).`);
    }
    return mapped;
  }

  async listModels(signal?: AbortSignal): Promise<string[]> {
    try {
      const ids: string[] = [];
      for await (const model of this.client.models.list({ signal })) ids.push(model.id);
      return ids.sort();
    } catch (err) {
      throw toLlmError(err, this.model, signal);
    }
  }

  private finish(accumulator: StreamAccumulator): ChatResponse {
    if (!accumulator.finishReason) throw new LlmError('stream_dropped', 'The model stream ended before the answer was complete.');
    const usage = accumulator.usage;
    return {
      text: accumulator.text,
      toolCalls: accumulator.toolCalls(),
      finishReason: accumulator.finishReason,
      usage: { ...usage, costUsd: costOf(usage, priceFor(this.model, this.options.prices ?? {})) },
    };
  }
}

/** Builds the answer from stream chunks: text, tool calls by index, finish reason and usage. */
class StreamAccumulator {
  text = '';
  finishReason: string | undefined;
  usage = { promptTokens: 0, completionTokens: 0, cachedTokens: 0 };
  private readonly calls = new Map<number, ToolCallRequest>();

  add(chunk: ChatCompletionChunk): string {
    if (chunk.usage) {
      this.usage = {
        promptTokens: chunk.usage.prompt_tokens ?? 0,
        completionTokens: chunk.usage.completion_tokens ?? 0,
        cachedTokens: chunk.usage.prompt_tokens_details?.cached_tokens ?? 0,
      };
    }
    const choice = chunk.choices?.[0];
    if (!choice) return '';
    if (choice.finish_reason) this.finishReason = choice.finish_reason;
    for (const delta of choice.delta?.tool_calls ?? []) {
      const call = this.calls.get(delta.index) ?? { id: '', name: '', arguments: '' };
      if (delta.id) call.id = delta.id;
      if (delta.function?.name) call.name += delta.function.name;
      if (delta.function?.arguments) call.arguments += delta.function.arguments;
      this.calls.set(delta.index, call);
    }
    const text = choice.delta?.content ?? '';
    this.text += text;
    return text;
  }

  /** Tool calls in index order; servers that send no id get a generated one. */
  toolCalls(): ToolCallRequest[] {
    return [...this.calls.entries()].sort(([a], [b]) => a - b).map(([index, call]) => ({ ...call, id: call.id || `call_${index}_${Date.now().toString(36)}` }));
  }
}

/** Aborts the request when the stream is silent for too long; forwards the user's Stop. */
class StallWatchdog {
  private readonly controller = new AbortController();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private fired = false;
  private readonly onUserAbort = (): void => this.controller.abort();

  constructor(readonly idleMs: number, private readonly userSignal: AbortSignal) {
    if (userSignal.aborted) this.controller.abort();
    else userSignal.addEventListener('abort', this.onUserAbort, { once: true });
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  get hasFired(): boolean {
    return this.fired;
  }

  arm(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.fired = true;
      this.controller.abort();
    }, this.idleMs);
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.userSignal.removeEventListener('abort', this.onUserAbort);
  }
}
