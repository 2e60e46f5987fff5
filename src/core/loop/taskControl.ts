/** What tools may do to the running task: keep the plan, record edits and verification, ask to finish. */
import type { Goal, PlanStep } from '../../protocol/events';

/** The result of running the workspace's tests or a goal's own check. */
export interface VerificationRecord {
  isPassed: boolean;
  command: string;
  summary: string;
}

/**
 * Words the user addressed to the model during a tool call (an answer to ask_user, the reason for a rejection).
 * They reach the model as the user's own message after the round's tool results, never inside the data fence.
 */
export interface UserWords {
  callId: string;
  toolName: string;
  kind: 'answer' | 'rejection';
  text: string;
}

export interface TaskControl {
  readonly taskId: string;
  readonly goals: readonly Goal[];
  readonly plan: readonly PlanStep[];
  updatePlan(steps: PlanStep[], note?: string): void;
  /** Called after a change was written: any earlier verification no longer counts. */
  recordEdit(path: string): void;
  recordVerification(record: VerificationRecord): void;
  /** The model asked to finish; the loop verifies before accepting. */
  requestFinish(summary: string): void;
  /** Passes the user's own words on to the model as a user message (after this round's tool results). */
  relayUserWords(words: UserWords): void;
}
