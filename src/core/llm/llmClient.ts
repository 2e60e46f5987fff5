/**
 * The seam between the engine and a model provider. The loop speaks only these types and the ones of
 * `messages.ts`; each provider's adapter (the OpenAI-compatible one is `openAiClient.ts`) converts at its
 * boundary. Tests and benchmarks use a real adapter against a scripted server.
 */
import type { Usage } from '../../protocol/events';
import type { ChatMessage, FinishReason, ProviderMetadata, ToolCall, ToolSpec } from './messages';

/** One tool call as the model sent it (the engine's `ToolCall`). */
export type ToolCallRequest = ToolCall;

export interface ChatRequest {
  messages: ChatMessage[];
  tools: ToolSpec[];
  signal: AbortSignal;
  onText?: (delta: string) => void;
  /** Reasoning text as it streams (`reasoning_content`, `reasoning`, `<think>` blocks), for the user to see. */
  onThinking?: (delta: string) => void;
}

export interface ChatResponse {
  text: string;
  toolCalls: ToolCall[];
  /** The reasoning the model showed; the adapter decides whether its provider wants it back. */
  reasoning?: string;
  /** What the provider attached to the whole answer, under its own key. */
  metadata?: ProviderMetadata;
  finishReason: FinishReason;
  usage: Usage;
}

/** What the engine needs from a model. */
export interface LlmClient {
  readonly model: string;
  /** The context window the provider reports for this model, when it does (VS Code's models do). */
  readonly contextWindow?: number;
  /** Whether the provider says this model takes images, when it says. */
  readonly hasVision?: boolean;
  complete(request: ChatRequest): Promise<ChatResponse>;
  listModels(signal?: AbortSignal): Promise<string[]>;
}
