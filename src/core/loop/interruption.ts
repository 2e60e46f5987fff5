/**
 * A task interrupted by its host going away (an editor reload, a shutdown) rather than stopped by the user. Its
 * transcript then ends where it was, as a crash would leave it, so a resume picks up the same calls again: a
 * proposal that was waiting for the user is proposed again and waits again, never recorded as decided.
 */
import type { ChatMessage, ToolCall } from '../llm/messages';

/** The abort reason a host passes to mean "interrupted, not stopped": `controller.abort(new TaskInterrupted())`. */
export class TaskInterrupted extends Error {
  constructor(message = 'The task was interrupted: its host went away.') {
    super(message);
    this.name = 'TaskInterrupted';
  }
}

/** Whether an abort reason is an interruption (by name, so a reason from another bundle copy still counts). */
export function isInterruption(reason: unknown): boolean {
  return reason instanceof Error && reason.name === 'TaskInterrupted';
}

/**
 * The calls of the conversation's last model answer that have no result yet: the task stopped while they ran or
 * waited for approval. They are run again (through the same policy gate) before the next model request, which
 * also keeps the request valid: the APIs require a result for every call.
 */
export function unansweredCalls(history: readonly ChatMessage[]): ToolCall[] {
  let last = -1;
  history.forEach((m, i) => { if (m.role === 'assistant') last = i; });
  const answer = history[last];
  if (answer?.role !== 'assistant' || !answer.toolCalls?.length) return [];
  const answered = new Set(history.slice(last + 1).flatMap((m) => (m.role === 'tool' ? [m.toolCallId] : [])));
  return answer.toolCalls.filter((call) => !answered.has(call.id));
}
