/**
 * The engine's messages in Anthropic's Messages API format, the one place that conversion happens, and where the
 * prompt-cache breakpoints go. Anthropic caches the prefix up to a block marked `cache_control`, in the order
 * tools → system → messages; four breakpoints at most. We mark the last tool and the system prompt (stable for
 * the whole task) and the last two user turns (the growing conversation: this step writes the cache at the
 * newest turn and reads what the previous step wrote at the one before). A breakpoint goes on the last block of
 * a turn that the next request will still have: never on an ephemeral note (the reflection with the budget
 * left), which would make every prefix new. Thinking blocks, with their signatures,
 * go back only to the endpoint that produced them (the API requires them on the turns that called tools).
 */
import type { ImageBlockParam, MessageParam, TextBlockParam, Tool, ToolResultBlockParam } from '@anthropic-ai/sdk/resources/messages';
import type { AssistantMessage, ChatMessage, ImageAttachment, ToolCall, ToolSpec } from './messages';

/** A thinking block as the API sent it, kept verbatim under this adapter's provider key. */
export type ThinkingBlockData = { type: 'thinking'; thinking: string; signature: string } | { type: 'redacted_thinking'; data: string };

/** What this adapter keeps on an assistant message under its own provider key. */
export interface AnthropicAssistantData {
  thinkingBlocks?: ThinkingBlockData[];
}

export interface AnthropicRequestParts {
  system: TextBlockParam[];
  messages: MessageParam[];
  tools: Tool[];
}

type Block = Exclude<MessageParam['content'], string>[number];
const ephemeral = { type: 'ephemeral' } as const;
/** User turns marked for caching: with the system prompt and the tools, Anthropic's limit of four. */
const conversationBreakpoints = 2;

/** The request's system, messages and tools, for the endpoint named by `providerKey`, with cache breakpoints. */
export function toAnthropicRequest(messages: readonly ChatMessage[], tools: readonly ToolSpec[], providerKey: string): AnthropicRequestParts {
  const system: TextBlockParam[] = [];
  const turns: MessageParam[] = [];
  const ephemeralBlocks = new Set<object>();
  for (const message of messages) {
    if (message.role === 'system' && turns.length === 0) system.push({ type: 'text', text: message.content });
    else if (message.role === 'assistant') turns.push({ role: 'assistant', content: assistantBlocks(message, providerKey) });
    else {
      const blocks = userBlocks(message);
      if (message.role === 'user' && message.isEphemeral) blocks.forEach((block) => ephemeralBlocks.add(block));
      appendUserBlocks(turns, blocks);
    }
  }
  markLastBlock(system);
  const wireTools = tools.map((tool): Tool => ({
    name: tool.function.name, description: tool.function.description, input_schema: tool.function.parameters as Tool['input_schema'],
  }));
  if (wireTools.length) wireTools[wireTools.length - 1] = { ...wireTools[wireTools.length - 1], cache_control: ephemeral };
  markConversation(turns, ephemeralBlocks);
  return { system, messages: turns, tools: wireTools };
}

type UserBlock = TextBlockParam | ToolResultBlockParam | ImageBlockParam;

/**
 * A system message after the conversation started (a note from the engine) rides in a user turn. Images go as
 * base64 image blocks: inside the tool_result that returned them, after the text of a user message. The last
 * block is the one a cache breakpoint goes on.
 */
function userBlocks(message: Exclude<ChatMessage, AssistantMessage>): UserBlock[] {
  if (message.role === 'tool') {
    const content = message.images?.length ? [{ type: 'text' as const, text: message.content }, ...message.images.map(imageBlock)] : message.content;
    return [{ type: 'tool_result', tool_use_id: message.toolCallId, content }];
  }
  const text: TextBlockParam = { type: 'text', text: message.role === 'system' ? `[system note] ${message.content}` : message.content };
  return message.role === 'user' && message.images?.length ? [...message.images.map(imageBlock), text] : [text];
}

function imageBlock(image: ImageAttachment): ImageBlockParam {
  return { type: 'image', source: { type: 'base64', media_type: image.mediaType, data: image.data } };
}

/** Tool results and user text that follow each other are one user turn, as the API wants roles to alternate. */
function appendUserBlocks(turns: MessageParam[], blocks: UserBlock[]): void {
  const last = turns[turns.length - 1];
  if (last?.role === 'user' && Array.isArray(last.content)) last.content.push(...blocks);
  else turns.push({ role: 'user', content: [...blocks] });
}

function assistantBlocks(message: AssistantMessage, providerKey: string): Block[] {
  const own = (message.metadata?.[providerKey] ?? {}) as AnthropicAssistantData;
  const calls = message.toolCalls ?? [];
  // Thinking goes back on the turns that called tools (the API requires it there; elsewhere it is dropped anyway).
  const blocks: Block[] = calls.length ? [...(own.thinkingBlocks ?? [])] : [];
  if (message.content) blocks.push({ type: 'text', text: message.content });
  for (const call of calls) blocks.push({ type: 'tool_use', id: call.id, name: call.name, input: inputOf(call) });
  // The API rejects an empty assistant turn; an answer with nothing in it still has to hold its place.
  return blocks.length ? blocks : [{ type: 'text', text: '(no answer)' }];
}

/** The arguments as an object: malformed JSON (already reported to the model as an error) is sent as `{}`. */
function inputOf(call: ToolCall): Record<string, unknown> {
  try {
    const parsed: unknown = JSON.parse(call.arguments || '{}');
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

function markConversation(turns: MessageParam[], ephemeralBlocks: ReadonlySet<object>): void {
  let marked = 0;
  for (let i = turns.length - 1; i >= 0 && marked < conversationBreakpoints; i--) {
    const content = turns[i].content;
    if (turns[i].role !== 'user' || !Array.isArray(content)) continue;
    const lasting = content.filter((block) => !ephemeralBlocks.has(block));
    if (!lasting.length) continue;
    markLastBlock(lasting);
    marked++;
  }
}

function markLastBlock(blocks: Block[] | TextBlockParam[]): void {
  const last = blocks[blocks.length - 1] as { cache_control?: unknown; type: string } | undefined;
  if (last && last.type !== 'thinking' && last.type !== 'redacted_thinking') last.cache_control = ephemeral;
}
