/**
 * Reflection feeds memory: when a task has completed, the model is asked once for at most a few notes worth
 * keeping. Each goes through remember as a reflection note, which always asks: the user accepts or rejects it
 * in the review like any change, and nothing is saved silently.
 */
import type { AgentEventInput } from '../../protocol/events';
import type { LlmClient } from '../llm/llmClient';
import { ToolRegistry } from '../tools/registry';
import { rememberToolFor } from '../tools/remember';
import type { ToolContext } from '../tools/tool';
import type { Conversation } from './conversation';
import { memoryReflectionRequest } from './prompts';
import type { LoopDetector } from './stopRules';
import { dispatchToolCalls } from './toolDispatch';
import type { Usage } from '../../protocol/events';

/** At most this many notes are proposed per task. */
export const maxReflectionNotes = 3;

export interface MemoryReflectionOptions {
  llm: LlmClient;
  conversation: Conversation;
  detector: LoopDetector;
  contextFor(callId: string): ToolContext;
  emit(event: AgentEventInput): void;
  signal: AbortSignal;
  secrets: readonly string[];
  onUsage(usage: Usage): void;
}

/** Asks for notes and runs the remember calls (the first few); a failed request only skips the reflection. */
export async function reflectIntoMemory(options: MemoryReflectionOptions): Promise<void> {
  const registry = new ToolRegistry([rememberToolFor('reflection')]);
  let response;
  try {
    response = await options.llm.complete({ messages: options.conversation.toRequest(memoryReflectionRequest(maxReflectionNotes)), tools: registry.toOpenAiTools(), signal: options.signal });
  } catch {
    return;
  }
  options.onUsage(response.usage);
  const calls = response.toolCalls.filter((c) => c.name === 'remember').slice(0, maxReflectionNotes);
  if (calls.length === 0) return;
  options.conversation.startRound();
  options.conversation.add({
    role: 'assistant', content: response.text || null, toolCalls: calls,
    ...(response.reasoning ? { reasoning: response.reasoning } : {}),
    ...(response.metadata ? { metadata: response.metadata } : {}),
  });
  await dispatchToolCalls({
    calls, finishReason: response.finishReason, registry, conversation: options.conversation, detector: options.detector,
    contextFor: options.contextFor, emit: options.emit, signal: options.signal, secrets: options.secrets,
  }, new Set());
}
