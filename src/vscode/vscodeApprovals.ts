/**
 * Approvals through the agent panel. Each request waits under its one-time id until the panel (or the test API)
 * decides it; a decision for an id that is not pending approves nothing. Questions of `ask_user` work the same way.
 */
import * as vscode from 'vscode';
import type { ApprovalDecision, ApprovalRequest, Approvals } from '../core/host';
import type { AllowListEntry } from '../protocol/events';

/** What the approvals need from the UI: show the request, show a question, and forget a settled id. */
export interface ApprovalsUi {
  approvalRequested(request: ApprovalRequest): void;
  questionAsked(questionId: string, question: string): void;
  settled(id: string): void;
}

interface Waiter<T> {
  resolve(value: T): void;
}

export class VscodeApprovals implements Approvals {
  private readonly pending = new Map<string, { request: ApprovalRequest } & Waiter<ApprovalDecision>>();
  private readonly questions = new Map<string, { question: string } & Waiter<string>>();
  private readonly requested = new vscode.EventEmitter<ApprovalRequest>();
  private nextQuestion = 0;
  /** Set by Accept All: the rest of this task's file changes are accepted without asking (still listed). */
  private isAcceptingChanges = false;
  /** Fires for every new request; the in-host tests decide through it. */
  readonly onDidRequest = this.requested.event;

  /**
   * `isAllowed` says whether the user's allow-list already holds an entry: one granted on a card while this task
   * runs (its rules were built at the start) lets the same action through like the rule would.
   */
  constructor(private readonly ui: ApprovalsUi, private readonly isAllowed: (entry: AllowListEntry) => boolean = () => false) {}

  request(request: ApprovalRequest, signal: AbortSignal): Promise<ApprovalDecision> {
    if (this.isAcceptingChanges && request.risk === 'edit' && request.change) return Promise.resolve({ isApproved: true });
    if (request.allowable && this.isAllowed(request.allowable)) return Promise.resolve({ isApproved: true });
    return this.wait(signal, request.id, (resolve) => {
      this.pending.set(request.id, { request, resolve });
      this.ui.approvalRequested(request);
      this.requested.fire(request);
    }, () => this.pending.delete(request.id));
  }

  askQuestion(question: string, signal: AbortSignal): Promise<string> {
    const questionId = `q-${++this.nextQuestion}-${Date.now()}`;
    return this.wait(signal, questionId, (resolve) => {
      this.questions.set(questionId, { question, resolve });
      this.ui.questionAsked(questionId, question);
    }, () => this.questions.delete(questionId));
  }

  /** Settles one pending approval. Returns false (and changes nothing) for an unknown or already used id. */
  decide(approvalId: string, decision: ApprovalDecision): boolean {
    const waiter = this.pending.get(approvalId);
    if (!waiter) return false;
    this.pending.delete(approvalId);
    this.ui.settled(approvalId);
    waiter.resolve(decision);
    return true;
  }

  /** Accepts every pending file change whole, and the task's further changes as they come. Commands still ask. */
  acceptAll(): number {
    this.isAcceptingChanges = true;
    const ids = [...this.pending.values()].filter((p) => p.request.risk === 'edit' && p.request.change).map((p) => p.request.id);
    for (const id of ids) this.decide(id, { isApproved: true });
    return ids.length;
  }

  /** A new task starts asking again. */
  startTask(): void {
    this.isAcceptingChanges = false;
  }

  answer(questionId: string, answer: string): boolean {
    const waiter = this.questions.get(questionId);
    if (!waiter) return false;
    this.questions.delete(questionId);
    this.ui.settled(questionId);
    waiter.resolve(answer);
    return true;
  }

  pendingRequests(): ApprovalRequest[] { return [...this.pending.values()].map((p) => p.request); }
  pendingRequest(id: string): ApprovalRequest | undefined { return this.pending.get(id)?.request; }

  pendingQuestion(): { questionId: string; question: string } | undefined {
    const [first] = this.questions.entries();
    return first ? { questionId: first[0], question: first[1].question } : undefined;
  }

  dispose(): void { this.requested.dispose(); }

  private wait<T>(signal: AbortSignal, id: string, start: (resolve: (v: T) => void) => void, forget: () => void): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const onAbort = (): void => {
        forget();
        this.ui.settled(id);
        reject(new DOMException('The task was stopped.', 'AbortError'));
      };
      if (signal.aborted) return onAbort();
      signal.addEventListener('abort', onAbort, { once: true });
      start((value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      });
    });
  }
}
