/**
 * The engine's own conversation types: what the loop, condensing, the transcript and resume hold. Each provider
 * adapter converts them at the call boundary (the OpenAI-compatible one in `openAiMessages.ts`), so nothing
 * outside `src/core/llm/` knows which provider's wire format runs.
 */

/**
 * Opaque data a provider attached to a message or a tool call (Gemini's thought signature, OpenRouter's
 * reasoning details), keyed by the provider that gave it. An adapter sends back only its own key, so a resumed
 * task on another endpoint never leaks one provider's data into another's request.
 */
export type ProviderMetadata = Record<string, Record<string, unknown>>;

/** One tool call as the model sent it; `arguments` is raw text, validated later by the registry. */
export interface ToolCall {
  id: string;
  name: string;
  arguments: string;
  metadata?: ProviderMetadata;
}

/** A tool offered to the model: a name, a description written for it, and a JSON Schema of its arguments. */
export interface ToolSpec {
  type: 'function';
  function: { name: string; description: string; parameters: Record<string, unknown> };
}

/** An image given to the model: base64 bytes and their media type (the formats every vision provider takes). */
export interface ImageAttachment {
  mediaType: 'image/png' | 'image/jpeg' | 'image/gif' | 'image/webp';
  /** The file's bytes, base64. */
  data: string;
  /** Where it came from (a file name), for notes and the transcript. */
  name?: string;
}

export interface SystemMessage {
  role: 'system';
  content: string;
}

export interface UserMessage {
  role: 'user';
  content: string;
  /**
   * Sent with this request only, never kept in the conversation (the reflection note with the budget left): an
   * adapter keeps it out of what it asks the provider to cache, since the next request will not have it.
   */
  isEphemeral?: boolean;
  /** Images that come with the text (a goal's attachments), for a vision-capable model. */
  images?: ImageAttachment[];
}

/** The model's turn: its text, its tool calls, and the reasoning it showed (kept so it can be sent back). */
export interface AssistantMessage {
  role: 'assistant';
  content: string | null;
  toolCalls?: ToolCall[];
  /** Reasoning text the model streamed before answering (shown to the user as thinking). */
  reasoning?: string;
  metadata?: ProviderMetadata;
}

/** The result of one tool call, paired with it by id. */
export interface ToolResultMessage {
  role: 'tool';
  toolCallId: string;
  content: string;
  /** Images the tool returned (`read_file` on an image, for a vision-capable model). */
  images?: ImageAttachment[];
}

/** One message of the conversation, in the engine's terms. */
export type ChatMessage = SystemMessage | UserMessage | AssistantMessage | ToolResultMessage;

/** Why the model stopped: its own end, a tool call, the output limit, or a provider's filter. */
export type FinishReason = 'stop' | 'tool_calls' | 'length' | 'content_filter' | (string & {});

interface StoredMessage {
  role?: unknown;
  content?: unknown;
  toolCalls?: ToolCall[];
  toolCallId?: string;
  reasoning?: string;
  metadata?: ProviderMetadata;
  /** Transcripts written before the engine had its own types stored OpenAI's shape. */
  tool_calls?: { id: string; function: { name: string; arguments: string } }[];
  tool_call_id?: string;
  images?: ImageAttachment[];
}

/** A message read back from a transcript, in either the engine's shape or the older OpenAI one. */
export function chatMessageFrom(value: unknown): ChatMessage | undefined {
  const stored = (value ?? {}) as StoredMessage;
  const content = typeof stored.content === 'string' ? stored.content : null;
  switch (stored.role) {
    case 'system': return { role: stored.role, content: content ?? '' };
    case 'user': return { role: stored.role, content: content ?? '', ...imagesOf(stored) };
    case 'tool': return { role: 'tool', toolCallId: stored.toolCallId ?? stored.tool_call_id ?? '', content: content ?? '', ...imagesOf(stored) };
    case 'assistant': {
      const toolCalls = stored.toolCalls ?? stored.tool_calls?.map((c) => ({ id: c.id, name: c.function.name, arguments: c.function.arguments }));
      return {
        role: 'assistant', content,
        ...(toolCalls?.length ? { toolCalls } : {}),
        ...(stored.reasoning !== undefined ? { reasoning: stored.reasoning } : {}),
        ...(stored.metadata ? { metadata: stored.metadata } : {}),
      };
    }
    default: return undefined;
  }
}

function imagesOf(stored: StoredMessage): { images?: ImageAttachment[] } {
  return Array.isArray(stored.images) && stored.images.length ? { images: stored.images } : {};
}
