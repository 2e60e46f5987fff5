/**
 * The OpenAI-compatible adapter on the `openai` package: any chat-completions endpoint (and Azure OpenAI through
 * the SDK's AzureOpenAI client), streamed, with native (parallel) tool calls, reasoning shown as thinking, usage
 * and cost per request, cancellation, and a stall watchdog. The dialects servers speak are handled here and in
 * the files it uses (`openAiStream`, `openAiMessages`, `openAiCompat`), nowhere else. HTTP-level retries are the
 * SDK's own (bounded); everything else surfaces as a typed LlmError.
 */
import OpenAI, { AzureOpenAI } from 'openai';
import type { ChatCompletionChunk, ChatCompletionCreateParamsStreaming } from 'openai/resources/chat/completions';
import type { ModelPrice } from '../settings';
import type { ChatRequest, ChatResponse, LlmClient } from './llmClient';
import { LlmError, toLlmError } from './llmErrors';
import type { ProviderMetadata } from './messages';
import { EndpointCompatibility, withOpenAiErrorBodies } from './openAiCompat';
import { toWireMessages, type AssistantWireData } from './openAiMessages';
import { StreamAccumulator, type WireChunk } from './openAiStream';
import { costOf, priceFor } from './pricing';
import { StallWatchdog } from './stallWatchdog';

export interface LlmClientOptions {
  baseUrl: string;
  apiKey: string | undefined;
  /** The model name; for Azure OpenAI, the deployment name. */
  model: string;
  extraHeaders?: Record<string, string>;
  prices?: Record<string, ModelPrice>;
  /**
   * Azure OpenAI's `api-version`. Set, or a base URL on `*.openai.azure.com` / `*.cognitiveservices.azure.com`,
   * selects the Azure client: `/openai/deployments/{model}/…?api-version=…` with an `api-key` header.
   */
  apiVersion?: string;
  /** SDK retries for connection errors, 408/409/429/5xx (bounded; default 2). */
  maxRetries?: number;
  /** Time until the response headers arrive (default 120 s). */
  requestTimeoutMs?: number;
  /** Longest silence allowed between stream chunks (default 90 s). */
  idleTimeoutMs?: number;
  /** Where the adapter says what it adapted (an optional parameter the endpoint rejected). */
  log?: (message: string) => void;
}

/** Azure's GA `api-version` with streamed usage; used when the base URL is Azure's and none is set. */
export const defaultAzureApiVersion = '2024-10-21';
const azureHost = /\.(openai\.azure\.com|cognitiveservices\.azure\.com)$/i;

export class OpenAiLlmClient implements LlmClient {
  private readonly client: OpenAI;
  private readonly compat: EndpointCompatibility;
  /** This endpoint's key in ProviderMetadata: what it attached goes back to it and to nothing else. */
  readonly providerKey: string;
  readonly model: string;

  constructor(private readonly options: LlmClientOptions) {
    this.model = options.model;
    const baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.providerKey = `openai-compatible ${baseUrl}`;
    this.client = createSdkClient(options, baseUrl);
    this.compat = new EndpointCompatibility(baseUrl, options.log ?? (() => undefined));
  }

  /** Streams one answer; a 400 naming an optional parameter is retried once without it (see openAiCompat). */
  async complete(request: ChatRequest): Promise<ChatResponse> {
    for (;;) {
      const body = this.body(request);
      try {
        return await this.stream(body, request);
      } catch (err) {
        if (err instanceof LlmError || !this.compat.dropRejected(err, body as unknown as Record<string, unknown>)) throw this.classify(err, request.signal);
      }
    }
  }

  private body(request: ChatRequest): ChatCompletionCreateParamsStreaming {
    return {
      model: this.model, messages: toWireMessages(request.messages, this.providerKey, this.compat.droppedFields), stream: true,
      ...(request.tools.length ? { tools: request.tools } : {}),
      ...this.compat.optionalParams(request.tools.length > 0),
    } as ChatCompletionCreateParamsStreaming;
  }

  private async stream(body: ChatCompletionCreateParamsStreaming, request: ChatRequest): Promise<ChatResponse> {
    const watchdog = new StallWatchdog(this.options.idleTimeoutMs ?? 90_000, request.signal);
    const accumulator = new StreamAccumulator(this.providerKey);
    const state = { isStreaming: false };
    const deliver = (piece: { text: string; thinking: string }): void => {
      if (piece.thinking) request.onThinking?.(piece.thinking);
      if (piece.text) request.onText?.(piece.text);
    };
    try {
      const stream = await this.client.chat.completions.create(body, { signal: watchdog.signal });
      state.isStreaming = true;
      watchdog.arm();
      for await (const chunk of stream) {
        watchdog.arm();
        deliver(accumulator.add(chunk as ChatCompletionChunk & WireChunk));
      }
      deliver(accumulator.flush());
    } catch (err) {
      if (state.isStreaming || watchdog.hasFired || request.signal.aborted) throw this.streamFault(err, state.isStreaming, watchdog, request.signal);
      throw err;
    } finally {
      watchdog.dispose();
    }
    if (request.signal.aborted || watchdog.hasFired) throw this.streamFault(new Error('aborted'), true, watchdog, request.signal);
    return this.finish(accumulator);
  }

  /** Once the stream has started, a failure that is not a parse error means the connection went away. */
  private streamFault(err: unknown, isStreaming: boolean, watchdog: StallWatchdog, signal: AbortSignal): LlmError {
    if (signal.aborted) return new LlmError('cancelled', 'The request was cancelled.');
    if (watchdog.hasFired) return new LlmError('stalled', `The model stream stalled: nothing arrived for ${Math.round(watchdog.idleMs / 1000)} s.`);
    const mapped = this.classify(err, signal);
    if (isStreaming && mapped.kind === 'connection') {
      return new LlmError('stream_dropped', `The connection dropped while the model was answering (${mapped.message}).`);
    }
    return mapped;
  }

  private classify(err: unknown, signal: AbortSignal): LlmError {
    if (signal.aborted) return new LlmError('cancelled', 'The request was cancelled.');
    return toLlmError(err, this.model, signal);
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
    const wire: AssistantWireData = {
      ...(accumulator.reasoningField ? { reasoningField: accumulator.reasoningField } : {}),
      ...(accumulator.reasoningDetails() ? { reasoning_details: accumulator.reasoningDetails() } : {}),
    };
    const metadata: ProviderMetadata | undefined = Object.keys(wire).length ? { [this.providerKey]: { ...wire } } : undefined;
    return {
      text: accumulator.text,
      toolCalls: accumulator.toolCalls(),
      ...(accumulator.reasoning ? { reasoning: accumulator.reasoning } : {}),
      ...(metadata ? { metadata } : {}),
      finishReason: accumulator.finishReason,
      usage: { ...usage, costUsd: costOf(usage, priceFor(this.model, this.options.prices ?? {})) },
    };
  }
}

/** The SDK client: AzureOpenAI for Azure (deployment paths, `api-version`, `api-key`), OpenAI for the rest. */
function createSdkClient(options: LlmClientOptions, baseUrl: string): OpenAI {
  const common = {
    defaultHeaders: options.extraHeaders,
    maxRetries: options.maxRetries ?? 2,
    timeout: options.requestTimeoutMs ?? 120_000,
    fetch: withOpenAiErrorBodies(globalThis.fetch),
  };
  if (options.apiVersion || isAzureUrl(baseUrl)) {
    // Given explicitly, so the SDK reads none of OPENAI_BASE_URL, AZURE_OPENAI_* or OPENAI_API_VERSION itself.
    const endpoint = baseUrl.replace(/\/openai(\/.*)?$/, '');
    return new AzureOpenAI({ ...common, baseURL: `${endpoint}/openai`, apiKey: options.apiKey || 'no-key', apiVersion: options.apiVersion || defaultAzureApiVersion });
  }
  // Local servers need no key, but the SDK insists on one.
  return new OpenAI({ ...common, apiKey: options.apiKey || 'no-key', baseURL: baseUrl });
}

function isAzureUrl(baseUrl: string): boolean {
  try {
    return azureHost.test(new URL(baseUrl).hostname);
  } catch {
    return false;
  }
}
