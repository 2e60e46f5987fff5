/**
 * The mutable state of one task that tools touch through TaskControl: plan, edits, verification, finish request.
 * The verified-finish rule reads it: a finish counts only if a passing check ran after the last applied edit.
 */
import type { AgentEventInput, Goal, PlanStep } from '../../protocol/events';
import type { TaskControl, UserWords, VerificationRecord } from './taskControl';

export class TaskState implements TaskControl {
  private currentPlan: PlanStep[] = [];
  private editCounter = 0;
  private verifiedAtEdit: number | undefined;
  private lastVerificationRecord: VerificationRecord | undefined;
  private pendingFinish: string | undefined;
  private pendingUserWords: UserWords[] = [];
  readonly editedPaths = new Set<string>();
  /** Every check recorded, in order (a sub-agent's report lists them). */
  readonly verifications: VerificationRecord[] = [];

  constructor(
    readonly taskId: string,
    readonly goals: readonly Goal[],
    private readonly emit: (event: AgentEventInput) => void,
  ) {}

  get plan(): readonly PlanStep[] {
    return this.currentPlan;
  }

  get editCount(): number {
    return this.editCounter;
  }

  get lastVerification(): VerificationRecord | undefined {
    return this.lastVerificationRecord;
  }

  /** True when a passing check ran after the last applied edit. */
  get isVerifiedSinceLastEdit(): boolean {
    return this.verifiedAtEdit === this.editCounter && this.lastVerificationRecord?.isPassed === true;
  }

  updatePlan(steps: PlanStep[], note?: string): void {
    this.currentPlan = steps.map((s) => ({ ...s }));
    this.emit({ type: 'planUpdated', steps: this.currentPlan, note });
  }

  recordEdit(path: string): void {
    this.editCounter++;
    this.editedPaths.add(path);
  }

  recordVerification(record: VerificationRecord): void {
    this.lastVerificationRecord = record;
    this.verifications.push(record);
    this.verifiedAtEdit = this.editCounter;
    this.emit({ type: 'verificationRan', passed: record.isPassed, command: record.command, summary: record.summary });
  }

  requestFinish(summary: string): void {
    this.pendingFinish = summary;
  }

  /** Takes the pending finish request, if any (the loop calls this once per round). */
  takeFinishRequest(): string | undefined {
    const summary = this.pendingFinish;
    this.pendingFinish = undefined;
    return summary;
  }

  relayUserWords(words: UserWords): void {
    if (words.text.trim() !== '') this.pendingUserWords.push(words);
  }

  /** Takes the user's words relayed during this round (the loop sends them as one user message). */
  takeUserWords(): UserWords[] {
    return this.pendingUserWords.splice(0);
  }
}
