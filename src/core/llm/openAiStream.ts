/**
 * Builds one answer from the stream chunks of an OpenAI-compatible server, in every dialect the matrix in
 * `test/core/llm/serverMatrix.test.ts` reproduces: tool calls keyed by index or, when an index repeats with a
 * new id (Gemini), by id; reasoning as `reasoning_content` (DeepSeek, vLLM, llama.cpp), `reasoning` (Ollama,
 * OpenRouter, Groq), `reasoning_details` (OpenRouter) or `<think>` tags in the text (LM Studio); usage in
 * `usage` or in Groq's `x_groq.usage`, cached tokens as `cached_tokens` or DeepSeek's `prompt_cache_hit_tokens`.
 */
import type { ToolCall } from './messages';
import { ThinkTagSplitter, type StreamDelta } from './thinkTags';

interface WireToolCallDelta {
  index?: number;
  id?: string | null;
  function?: { name?: string | null; arguments?: string | null };
  /** Gemini: `{ google: { thought_signature } }`, to be sent back with the call. */
  extra_content?: Record<string, unknown>;
}

interface WireDelta {
  content?: string | null;
  reasoning_content?: string | null;
  reasoning?: string | null;
  reasoning_details?: ReasoningDetail[] | null;
  tool_calls?: WireToolCallDelta[] | null;
}

export interface WireUsage {
  prompt_tokens?: number;
  completion_tokens?: number;
  prompt_tokens_details?: { cached_tokens?: number } | null;
  prompt_cache_hit_tokens?: number;
  completion_tokens_details?: { reasoning_tokens?: number } | null;
}

/** A chunk as any of the servers sends it; every field may be missing. */
export interface WireChunk {
  choices?: { delta?: WireDelta | null; finish_reason?: string | null }[] | null;
  usage?: WireUsage | null;
  x_groq?: { usage?: WireUsage | null } | null;
}

/** One piece of OpenRouter's structured reasoning; pieces with the same index and type are one block. */
interface ReasoningDetail {
  type?: string;
  index?: number;
  text?: string;
  summary?: string;
  data?: string;
  [key: string]: unknown;
}

/** Where the reasoning came from, so it goes back in the same field (and only to that provider). */
export type ReasoningField = 'reasoning_content' | 'reasoning';

export interface StreamUsage {
  promptTokens: number;
  completionTokens: number;
  cachedTokens: number;
  reasoningTokens?: number;
}

interface PendingCall extends ToolCall {
  extra?: Record<string, unknown>;
}

export class StreamAccumulator {
  text = '';
  reasoning = '';
  reasoningField: ReasoningField | undefined;
  finishReason: string | undefined;
  usage: StreamUsage = { promptTokens: 0, completionTokens: 0, cachedTokens: 0 };
  private readonly details: ReasoningDetail[] = [];
  private readonly calls: PendingCall[] = [];
  private readonly callAtIndex = new Map<number, PendingCall>();
  private readonly thinkTags = new ThinkTagSplitter();

  /** `providerKey` names this endpoint in the metadata the calls carry (see ProviderMetadata). */
  constructor(private readonly providerKey: string) {}

  add(chunk: WireChunk): StreamDelta {
    const usage = chunk.usage ?? chunk.x_groq?.usage;
    if (usage) this.usage = usageOf(usage);
    const choice = chunk.choices?.[0];
    if (!choice) return { text: '', thinking: '' };
    if (choice.finish_reason) this.finishReason = choice.finish_reason;
    const delta = choice.delta ?? {};
    (delta.tool_calls ?? []).forEach((call, position) => this.addCall(call, position));
    const thinking = this.addReasoning(delta);
    const split = this.took(this.thinkTags.push(delta.content ?? ''));
    return { text: split.text, thinking: thinking + split.thinking };
  }

  /** Ends the stream: text a tag splitter still held back is released. */
  flush(): StreamDelta {
    return this.took(this.thinkTags.flush());
  }

  /** Tool calls in arrival order; servers that send no id get a generated one. */
  toolCalls(): ToolCall[] {
    const stamp = Date.now().toString(36);
    return this.calls.map(({ extra, ...call }, i) => ({
      ...call, id: call.id || `call_${i}_${stamp}`, ...(extra ? { metadata: { [this.providerKey]: extra } } : {}),
    }));
  }

  /** OpenRouter's reasoning blocks, merged piece by piece (undefined when the server sent none). */
  reasoningDetails(): ReasoningDetail[] | undefined {
    return this.details.length ? this.details : undefined;
  }

  /** Tagged thinking (`<think>` in the text) is shown and kept, but never sent back: the text had it inline. */
  private took(piece: StreamDelta): StreamDelta {
    this.text += piece.text;
    this.reasoning += piece.thinking;
    return piece;
  }

  /**
   * A delta belongs to the call at its index, unless it carries an id other than that call's: Gemini sends
   * every parallel call complete, each with its own id, all at `index: 0`.
   */
  private addCall(delta: WireToolCallDelta, position: number): void {
    const index = delta.index ?? position;
    let call = this.callAtIndex.get(index);
    if (!call || (delta.id && call.id && delta.id !== call.id)) {
      call = { id: '', name: '', arguments: '' };
      this.calls.push(call);
      this.callAtIndex.set(index, call);
    }
    if (delta.id) call.id = delta.id;
    const name = delta.function?.name;
    // A server that repeats the whole name on every delta must not make "read_fileread_file".
    if (name && name !== call.name) call.name += name;
    if (delta.function?.arguments) call.arguments += delta.function.arguments;
    if (delta.extra_content) call.extra = { ...call.extra, extra_content: delta.extra_content };
  }

  /** Reasoning in a field of its own; returns the text to show as thinking. */
  private addReasoning(delta: WireDelta): string {
    for (const detail of delta.reasoning_details ?? []) this.addDetail(detail);
    // An empty string still names the field: DeepSeek opens every thinking-mode answer with `reasoning_content: ""`.
    const field: ReasoningField | undefined = typeof delta.reasoning_content === 'string' ? 'reasoning_content' : typeof delta.reasoning === 'string' ? 'reasoning' : undefined;
    const text = field ? delta[field] ?? '' : (delta.reasoning_details ?? []).map((d) => d.text ?? d.summary ?? '').join('');
    if (field) this.reasoningField ??= field;
    this.reasoning += text;
    return text;
  }

  private addDetail(detail: ReasoningDetail): void {
    const last = this.details[this.details.length - 1];
    if (!last || last.index !== detail.index || last.type !== detail.type) {
      this.details.push({ ...detail });
      return;
    }
    for (const key of ['text', 'summary', 'data'] as const) {
      if (typeof detail[key] === 'string') last[key] = `${last[key] ?? ''}${detail[key]}`;
    }
    for (const [key, value] of Object.entries(detail)) if (!['text', 'summary', 'data'].includes(key)) last[key] = value;
  }
}

function usageOf(usage: WireUsage): StreamUsage {
  const reasoningTokens = usage.completion_tokens_details?.reasoning_tokens;
  return {
    promptTokens: usage.prompt_tokens ?? 0,
    completionTokens: usage.completion_tokens ?? 0,
    cachedTokens: usage.prompt_tokens_details?.cached_tokens ?? usage.prompt_cache_hit_tokens ?? 0,
    ...(reasoningTokens ? { reasoningTokens } : {}),
  };
}
