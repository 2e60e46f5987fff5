/**
 * Builds one answer from the events of Anthropic's Messages stream: text, tool_use blocks (parallel calls each
 * in their own block, arguments as partial JSON), thinking and redacted_thinking blocks with their signatures
 * (kept verbatim to send back), the stop reason and usage, including the tokens written to and read from the
 * prompt cache.
 */
import type { RawMessageStreamEvent } from '@anthropic-ai/sdk/resources/messages';
import type { ThinkingBlockData } from './anthropicMessages';
import type { FinishReason, ToolCall } from './messages';

export interface AnthropicUsage {
  /** Every input token: uncached, written to the cache, and read from it. */
  promptTokens: number;
  completionTokens: number;
  cachedTokens: number;
  cacheWriteTokens: number;
}

type Pending =
  | { type: 'text' }
  | { type: 'tool_use'; call: ToolCall }
  | { type: 'thinking'; block: ThinkingBlockData };

interface WireUsage {
  input_tokens?: number | null;
  output_tokens?: number | null;
  cache_creation_input_tokens?: number | null;
  cache_read_input_tokens?: number | null;
}

const finishReasons: Record<string, FinishReason> = {
  end_turn: 'stop', stop_sequence: 'stop', tool_use: 'tool_calls', max_tokens: 'length', refusal: 'content_filter',
};

export class AnthropicStreamAccumulator {
  text = '';
  reasoning = '';
  finishReason: FinishReason | undefined;
  readonly thinkingBlocks: ThinkingBlockData[] = [];
  private readonly calls: ToolCall[] = [];
  private readonly blocks = new Map<number, Pending>();
  private readonly wireUsage: WireUsage = {};

  /** Takes one event; returns the text and thinking it adds, to be shown as they stream. */
  add(event: RawMessageStreamEvent): { text: string; thinking: string } {
    switch (event.type) {
      case 'message_start': this.addUsage(event.message.usage); break;
      case 'message_delta':
        this.addUsage(event.usage);
        if (event.delta.stop_reason) this.finishReason = finishReasons[event.delta.stop_reason] ?? event.delta.stop_reason;
        break;
      case 'content_block_start': this.startBlock(event.index, event.content_block); break;
      case 'content_block_delta': return this.addDelta(event.index, event.delta);
      default: break;
    }
    return { text: '', thinking: '' };
  }

  get usage(): AnthropicUsage {
    const u = this.wireUsage;
    const cachedTokens = u.cache_read_input_tokens ?? 0;
    const cacheWriteTokens = u.cache_creation_input_tokens ?? 0;
    return { promptTokens: (u.input_tokens ?? 0) + cachedTokens + cacheWriteTokens, completionTokens: u.output_tokens ?? 0, cachedTokens, cacheWriteTokens };
  }

  toolCalls(): ToolCall[] {
    return this.calls.map((call) => ({ ...call, arguments: call.arguments || '{}' }));
  }

  /** message_delta's usage is cumulative: a field it carries replaces the one message_start gave. */
  private addUsage(usage: WireUsage | undefined): void {
    for (const [key, value] of Object.entries(usage ?? {}) as [keyof WireUsage, unknown][]) {
      if (typeof value === 'number') this.wireUsage[key] = value;
    }
  }

  private startBlock(index: number, block: Extract<RawMessageStreamEvent, { type: 'content_block_start' }>['content_block']): void {
    if (block.type === 'tool_use') {
      const call: ToolCall = { id: block.id, name: block.name, arguments: '' };
      this.calls.push(call);
      this.blocks.set(index, { type: 'tool_use', call });
    } else if (block.type === 'thinking' || block.type === 'redacted_thinking') {
      const data: ThinkingBlockData = block.type === 'thinking' ? { type: 'thinking', thinking: block.thinking, signature: block.signature } : { type: 'redacted_thinking', data: block.data };
      this.thinkingBlocks.push(data);
      this.blocks.set(index, { type: 'thinking', block: data });
    } else if (block.type === 'text') {
      this.blocks.set(index, { type: 'text' });
      if (block.text) this.text += block.text;
    }
  }

  private addDelta(index: number, delta: Extract<RawMessageStreamEvent, { type: 'content_block_delta' }>['delta']): { text: string; thinking: string } {
    const pending = this.blocks.get(index);
    if (delta.type === 'text_delta') {
      this.text += delta.text;
      return { text: delta.text, thinking: '' };
    }
    if (delta.type === 'input_json_delta' && pending?.type === 'tool_use') pending.call.arguments += delta.partial_json;
    if (pending?.type === 'thinking' && pending.block.type === 'thinking') {
      if (delta.type === 'signature_delta') pending.block.signature += delta.signature;
      if (delta.type === 'thinking_delta') {
        pending.block.thinking += delta.thinking;
        this.reasoning += delta.thinking;
        return { text: '', thinking: delta.thinking };
      }
    }
    return { text: '', thinking: '' };
  }
}
