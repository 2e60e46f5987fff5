/** Rebuilds what a stopped task needs to continue from its JSONL transcript: goals, messages and the last plan. */
import { chatMessageFrom, type ChatMessage } from '../llm/messages';
import type { AgentEvent, Goal, PlanStep, Usage } from '../../protocol/events';
import type { Store } from '../host';

/** A transcript's resumable state; undefined when it holds no conversation. */
export interface ResumeState {
  goals: Goal[];
  /** The workspace roots the task ran in (from its meta record); empty for old transcripts without one. */
  roots: string[];
  /** `usage`: the totals the task had used when it stopped, so a resume keeps counting from there. */
  resume: { history: ChatMessage[]; plan: PlanStep[]; usage?: Usage; children?: number };
}

/** Reads a task's transcript from the store; a missing or unreadable transcript gives undefined. */
export async function loadResumeState(store: Store, taskId: string): Promise<ResumeState | undefined> {
  const records = (await store.readTranscript(taskId).catch(() => [])) as { kind?: string; goals?: Goal[]; roots?: string[]; message?: unknown; event?: AgentEvent }[];
  const history = records.filter((r) => r.kind === 'message').flatMap((r) => chatMessageFrom(r.message) ?? []);
  if (history.length === 0) return undefined;
  const meta = records.find((r) => r.kind === 'meta');
  const plans = records.flatMap((r) => (r.event?.type === 'planUpdated' ? [r.event.steps] : []));
  const totals = records.flatMap((r) => (r.event?.type === 'usageUpdated' ? [r.event.total] : []));
  const usage = totals[totals.length - 1];
  const children = topLevelChildren(records.flatMap((r) => (r.event ? [r.event] : [])));
  return { goals: meta?.goals ?? [], roots: meta?.roots ?? [], resume: { history, plan: plans[plans.length - 1] ?? [], ...(usage ? { usage } : {}), children } };
}

/** The highest number among the sub-agents the task's own agent started (`sub-N`); 0 when it started none. */
function topLevelChildren(events: readonly AgentEvent[]): number {
  const numbers = events.flatMap((e) => (e.type === 'subagentStarted' && !e.agentId ? [Number(/^sub-(\d+)$/.exec(e.childId)?.[1] ?? 0)] : []));
  return Math.max(0, ...numbers);
}
