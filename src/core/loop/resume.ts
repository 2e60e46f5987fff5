/** Rebuilds what a stopped task needs to continue from its JSONL transcript: goals, messages and the last plan. */
import { chatMessageFrom, type ChatMessage } from '../llm/messages';
import type { AgentEvent, Goal, PlanStep } from '../../protocol/events';
import type { Store } from '../host';

/** A transcript's resumable state; undefined when it holds no conversation. */
export interface ResumeState {
  goals: Goal[];
  resume: { history: ChatMessage[]; plan: PlanStep[] };
}

/** Reads a task's transcript from the store; a missing or unreadable transcript gives undefined. */
export async function loadResumeState(store: Store, taskId: string): Promise<ResumeState | undefined> {
  const records = (await store.readTranscript(taskId).catch(() => [])) as { kind?: string; goals?: Goal[]; message?: unknown; event?: AgentEvent }[];
  const history = records.filter((r) => r.kind === 'message').flatMap((r) => chatMessageFrom(r.message) ?? []);
  if (history.length === 0) return undefined;
  const meta = records.find((r) => r.kind === 'meta');
  const plans = records.flatMap((r) => (r.event?.type === 'planUpdated' ? [r.event.steps] : []));
  return { goals: meta?.goals ?? [], resume: { history, plan: plans[plans.length - 1] ?? [] } };
}
