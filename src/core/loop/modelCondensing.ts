/**
 * Condensing with a model (the `condenseModel` role): after the deterministic step has moved old rounds into
 * its fact lines, a model may summarise those rounds too. Its summary rides beside the lines, never instead of
 * them, fenced as data (it was written from tool output); a failure of the model leaves the lines as they are.
 */
import type { Usage } from '../../protocol/events';
import type { LlmClient } from '../llm/llmClient';
import type { ChatMessage } from '../llm/messages';
import { redactSecrets } from '../policy/redact';
import type { Conversation } from './conversation';
import { condenseRequest, condenseSystemPrompt } from './prompts';

/** Each message of the transcript is cut to this, and the whole to `maxTranscriptChars`. */
const maxMessageChars = 3_000;
const maxTranscriptChars = 60_000;

export interface ModelCondensingOptions {
  llm: LlmClient;
  conversation: Conversation;
  signal: AbortSignal;
  secrets: readonly string[];
  onUsage(usage: Usage): void;
}

/** Summarises what was just condensed; returns whether a summary was added. */
export async function summariseCondensed(options: ModelCondensingOptions): Promise<boolean> {
  const dropped = options.conversation.takeCondensed();
  if (!dropped.length) return false;
  try {
    const response = await options.llm.complete({
      messages: [
        { role: 'system', content: condenseSystemPrompt },
        { role: 'user', content: condenseRequest(options.conversation.previousModelSummary, transcriptOf(dropped)) },
      ],
      tools: [], signal: options.signal,
    });
    options.onUsage(response.usage);
    options.conversation.setModelSummary(options.llm.model, redactSecrets(response.text, options.secrets));
    return response.text.trim() !== '';
  } catch {
    // The deterministic lines are already in place: nothing measurable is lost when the model fails.
    return false;
  }
}

/** The condensed messages as plain text, each cut, the whole cut from the front (the newest matter most). */
export function transcriptOf(messages: readonly ChatMessage[]): string {
  const lines = messages.map((message) => {
    const calls = message.role === 'assistant' ? (message.toolCalls ?? []).map((c) => ` [calls ${c.name} ${c.arguments}]`).join('') : '';
    const text = `${message.role}: ${message.content ?? ''}${calls}`;
    return text.length > maxMessageChars ? `${text.slice(0, maxMessageChars)} […]` : text;
  });
  const whole = lines.join('\n\n');
  return whole.length > maxTranscriptChars ? `[…]\n${whole.slice(whole.length - maxTranscriptChars)}` : whole;
}
