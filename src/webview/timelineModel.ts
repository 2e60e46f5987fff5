/**
 * The panel's state, reduced from the AgentEvent stream: timeline items, the plan, usage, pending approvals.
 * Pure (no DOM), so a 1,000-step transcript reduces fast; each item carries a version so the view redraws only
 * what changed.
 */
import type { ChangeView } from '../protocol/change';
import type { AgentEvent, AllowListEntry, PlanStep, RiskClass, StopReason, Usage } from '../protocol/events';
import { splitRefusal } from './refusalSummary';

export interface ApprovalInfo {
  approvalId: string;
  callId: string;
  risk: RiskClass;
  title: string;
  detail: string;
  reasons: string[];
  change?: ChangeView;
  alwaysAllowLabel?: string;
  /** What "always allow" would add to the workspace's allow-list, when the engine offers it. */
  allowable?: AllowListEntry;
  state: 'pending' | 'approved' | 'rejected' | 'expired';
  reason?: string;
}

interface ItemBase { id: string; version: number }
export type TimelineItem = ItemBase & (
  | { kind: 'step'; step: number }
  | { kind: 'text'; text: string; isDone: boolean }
  | { kind: 'thinking'; text: string }
  | {
    kind: 'tool'; callId: string; name: string; label?: string; args: unknown; live: string; output?: string; isError?: boolean; durationMs?: number;
    change?: ChangeView; changeState?: 'applied' | 'rejected'; changeReason?: string; approvalId?: string;
  }
  /** `detail` is long raw text (a test run's output) shown folded under the body. */
  | { kind: 'notice'; tone: 'info' | 'warn' | 'error' | 'ok'; title: string; body?: string; detail?: string }
  | { kind: 'finish'; reason: StopReason; summary: string; isVerified: boolean }
);

/** Events that set the whole task's state (goals, plan, usage, outcome): a sub-agent's are not applied to it. */
const childStateEvents = new Set<AgentEvent['type']>(['taskStarted', 'instructionsLoaded', 'memoryRecalled', 'planUpdated', 'stepStarted', 'usageUpdated', 'taskFinished']);

export class TimelineModel {
  readonly items: TimelineItem[] = [];
  readonly approvals = new Map<string, ApprovalInfo>();
  plan: PlanStep[] = [];
  usage: { total?: Usage; contextTokens: number; contextWindow: number; isCostUnknown?: boolean } = { contextTokens: 0, contextWindow: 0 };
  steps = 0;
  goals: string[] = [];
  /** The instruction files in effect (the panel's "Rules" line) and the notes recalled at the start (chips). */
  rules: { path: string; abs: string; isCut: boolean }[] = [];
  recalled: { id: string; scope: string; title: string }[] = [];
  finished: { reason: StopReason; isVerified: boolean } | undefined;
  /** Ids of items changed since the view last drained them. */
  readonly dirty = new Set<string>();
  private readonly byId = new Map<string, TimelineItem>();
  private readonly positions = new Map<string, number>();
  private openText: string | undefined;
  private nextId = 0;

  apply(event: AgentEvent): void {
    // A sub-agent's lines show inline (its tool calls, text, notices); its own task state must not replace the task's.
    if (event.agentId && childStateEvents.has(event.type)) return;
    switch (event.type) {
      case 'taskStarted': this.goals = event.goals.map((g) => g.text); return;
      case 'instructionsLoaded': this.rules = event.files.map((f) => ({ path: f.path, abs: f.abs, isCut: f.isCut })); return;
      case 'memoryRecalled': this.recalled = event.notes; return;
      case 'planUpdated': this.plan = event.steps; return;
      case 'stepStarted': this.steps = Math.max(this.steps, event.step); this.closeText(); this.add({ kind: 'step', step: event.step }); return;
      case 'textStreamed': return this.streamText(event.text);
      case 'thinkingStreamed': return this.streamThinking(event.text);
      case 'assistantMessageCompleted': return this.completeText(event.text);
      case 'toolCallProposed': this.closeText(); this.add({ kind: 'tool', callId: event.callId, name: event.name, label: event.label, args: event.args, live: '' }, `tool:${event.callId}`); return;
      case 'commandOutputStreamed': return this.updateTool(event.callId, (t) => { t.live = (t.live + event.chunk).slice(-64_000); });
      case 'changeProposed': return this.updateTool(event.callId, (t) => { t.change = event.change; });
      case 'changeApplied': return this.updateTool(event.callId, (t) => { t.changeState = 'applied'; });
      case 'changeRejected': return this.updateTool(event.callId, (t) => Object.assign(t, { changeState: 'rejected', changeReason: event.reason }));
      // The result holds the whole output, so the live copy is dropped (the view shows live output only while running).
      case 'toolCallCompleted': return this.updateTool(event.callId, (t) => Object.assign(t, { output: event.output, isError: event.isError, durationMs: event.durationMs, live: '' }));
      case 'approvalRequested': return this.requestApproval(event);
      case 'approvalResolved': return this.resolveApproval(event.approvalId, event.approved ? 'approved' : 'rejected', event.reason);
      case 'usageUpdated': this.usage = { total: event.total, contextTokens: event.contextTokens, contextWindow: event.contextWindow, ...(event.isCostUnknown ? { isCostUnknown: true } : {}) }; return;
      case 'verificationRan': this.add({ kind: 'notice', tone: event.passed ? 'ok' : 'warn', title: `Verification ${event.passed ? 'passed' : 'failed'}: ${event.command}`, body: event.summary }); return;
      case 'finishRefused': return this.refuseFinish(event.reason);
      case 'contextCondensed': this.add({ kind: 'notice', tone: 'info', title: `Context condensed: ${event.tokensBefore} → ${event.tokensAfter} tokens` }); return;
      case 'modelSteered': this.add({ kind: 'notice', tone: 'info', title: 'Steered', body: event.reason }); return;
      case 'costUnmeasurable': this.add({ kind: 'notice', tone: 'warn', title: 'Cost unknown', body: event.message }); return;
      case 'errorOccurred': this.add({ kind: 'notice', tone: 'error', title: 'Error', body: event.message }); return;
      case 'subagentStarted': this.add({ kind: 'notice', tone: 'info', title: `Sub-agent ${event.childId} (${event.kind}) started`, body: event.goal }); return;
      case 'subagentFinished': this.add({ kind: 'notice', tone: event.reason === 'completed' ? 'ok' : 'warn', title: `Sub-agent ${event.childId} reported (${event.reason})`, body: event.report }); return;
      case 'taskFinished': return this.finish(event.reason, event.summary, event.isVerified);
      default: return assertNever(event);
    }
  }

  /** Marks approvals not in `pendingIds` as expired (a reloaded panel must not offer buttons for them). */
  expireExcept(pendingIds: readonly string[]): void {
    for (const a of this.approvals.values()) {
      if (a.state === 'pending' && !pendingIds.includes(a.approvalId)) this.resolveApproval(a.approvalId, 'expired');
    }
  }

  item(id: string): TimelineItem | undefined { return this.byId.get(id); }

  /** Position of an item in `items` (items are only ever appended). */
  indexOf(id: string): number { return this.positions.get(id) ?? -1; }

  pendingApprovals(): ApprovalInfo[] {
    return [...this.approvals.values()].filter((a) => a.state === 'pending');
  }

  private requestApproval(event: Extract<AgentEvent, { type: 'approvalRequested' }>): void {
    const { approvalId, callId, risk, title, detail, reasons, change, alwaysAllowLabel, allowable } = event;
    this.approvals.set(approvalId, { approvalId, callId, risk, title, detail, reasons, change, alwaysAllowLabel, allowable, state: 'pending' });
    this.updateTool(callId, (t) => { t.approvalId = approvalId; });
  }

  private resolveApproval(approvalId: string, state: ApprovalInfo['state'], reason?: string): void {
    const approval = this.approvals.get(approvalId);
    if (!approval || approval.state !== 'pending') return;
    approval.state = state;
    approval.reason = reason;
    this.updateTool(approval.callId, () => undefined);
  }

  /** The refusal's summary (which check failed, the failing tests) shows; the raw output folds away under it. */
  private refuseFinish(reason: string): void {
    const { summary, output } = splitRefusal(reason);
    this.add({ kind: 'notice', tone: 'warn', title: 'Finish refused', body: summary, ...(output ? { detail: output } : {}) });
  }

  private streamText(delta: string): void {
    const open = this.openText ? this.byId.get(this.openText) : undefined;
    if (open?.kind === 'text') {
      open.text += delta;
      this.touch(open);
    } else {
      this.openText = this.add({ kind: 'text', text: delta, isDone: false }).id;
    }
  }

  /** Thinking gathers in one item per run of deltas; the answer text that follows starts its own item. */
  private streamThinking(delta: string): void {
    const last = this.items[this.items.length - 1];
    if (last?.kind === 'thinking') {
      last.text += delta;
      this.touch(last);
    } else {
      this.closeText();
      this.add({ kind: 'thinking', text: delta });
    }
  }

  private completeText(text: string): void {
    const open = this.openText ? this.byId.get(this.openText) : undefined;
    if (open?.kind === 'text') Object.assign(open, { text, isDone: true });
    else if (text.trim()) this.add({ kind: 'text', text, isDone: true });
    if (open) this.touch(open);
    this.openText = undefined;
  }

  private closeText(): void {
    const open = this.openText ? this.byId.get(this.openText) : undefined;
    if (open?.kind === 'text' && !open.isDone) {
      open.isDone = true;
      this.touch(open);
    }
    this.openText = undefined;
  }

  private finish(reason: StopReason, summary: string, isVerified: boolean): void {
    this.closeText();
    this.finished = { reason, isVerified };
    for (const a of this.pendingApprovals()) this.resolveApproval(a.approvalId, 'expired');
    this.add({ kind: 'finish', reason, summary, isVerified });
  }

  private updateTool(callId: string, update: (item: Extract<TimelineItem, { kind: 'tool' }>) => void): void {
    const item = this.byId.get(`tool:${callId}`);
    if (item?.kind !== 'tool') return;
    update(item);
    this.touch(item);
  }

  private add<T extends Omit<TimelineItem, 'id' | 'version'>>(fields: T, id = `i${this.nextId++}`): TimelineItem {
    const item = { ...fields, id, version: 0 } as unknown as TimelineItem;
    this.positions.set(id, this.items.length);
    this.items.push(item);
    this.byId.set(id, item);
    this.dirty.add(id);
    return item;
  }

  private touch(item: TimelineItem): void {
    item.version++;
    this.dirty.add(item.id);
  }
}

function assertNever(value: never): never {
  throw new Error(`Unhandled event ${JSON.stringify(value)}`);
}
