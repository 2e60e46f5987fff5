/**
 * The panel's state, reduced from the AgentEvent stream: timeline items, the plan, usage, pending approvals.
 * Pure (no DOM), so a 1,000-step transcript reduces fast; each item carries a version so the view redraws only
 * what changed.
 */
import type { ChangeView } from '../protocol/change';
import type { AgentEvent, AllowListEntry, PlanStep, RiskClass, StopReason, SubagentKind, Usage } from '../protocol/events';
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
  /** The sub-agent that asks; absent for the task's own agent. */
  agentId?: string;
}

/** A sub-agent's lane: its own timeline (plan, steps, usage, finish), nested where its parent started it. */
export interface LaneInfo {
  childId: string;
  kind: SubagentKind;
  agent?: string;
  goal: string;
  model: string;
  /** The steps of its budget slice, when known. */
  maxSteps?: number;
  /** Set when the sub-agent reported back to its parent. */
  reason?: StopReason;
  report?: string;
  timeline: TimelineModel;
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
  | { kind: 'lane'; lane: LaneInfo }
);

/** The lanes of one task, shared by its timeline and theirs: where each sub-agent's events go, and all approvals. */
class Lanes {
  readonly approvals = new Map<string, ApprovalInfo>();
  private readonly byId = new Map<string, { owner: TimelineModel; itemId: string; lane: LaneInfo }>();

  add(owner: TimelineModel, itemId: string, lane: LaneInfo): void { this.byId.set(lane.childId, { owner, itemId, lane }); }

  get(childId: string): LaneInfo | undefined { return this.byId.get(childId)?.lane; }

  /** Marks a lane changed in its parent's timeline, and each enclosing lane up to the task's, so the view redraws them. */
  touch(childId: string): void {
    for (let entry = this.byId.get(childId); entry; entry = entry.owner.agentId ? this.byId.get(entry.owner.agentId) : undefined) entry.owner.touchItem(entry.itemId);
  }
}

export class TimelineModel {
  readonly items: TimelineItem[] = [];
  readonly approvals: Map<string, ApprovalInfo>;
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

  /** `agentId`: the sub-agent whose lane this timeline is (absent: the task's own). */
  constructor(readonly agentId?: string, private readonly lanes = new Lanes()) {
    this.approvals = lanes.approvals;
  }

  /** Applies an event of the task: a sub-agent's goes to its lane, so its plan, usage and finish stay its own. */
  apply(event: AgentEvent): void {
    if (!event.agentId) return this.reduce(event);
    const lane = this.lanes.get(event.agentId) ?? this.lateLane(event.agentId, event.parentAgentId);
    lane.timeline.reduce(event);
    this.lanes.touch(event.agentId);
  }

  /** A lane for events whose start this view never saw (a shortened first snapshot). */
  private lateLane(childId: string, parentId: string | undefined): LaneInfo {
    const owner = (parentId && this.lanes.get(parentId)?.timeline) || this;
    owner.reduce({ type: 'subagentStarted', childId, kind: 'explore', goal: '(started before this view opened)', model: '', seq: 0, at: 0 });
    return this.lanes.get(childId) as LaneInfo;
  }

  private reduce(event: AgentEvent): void {
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
      case 'subagentStarted': return this.startLane(event);
      case 'subagentFinished': return this.endLane(event.childId, event.reason, event.report);
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

  /** Marks an item changed (a lane whose timeline changed). */
  touchItem(id: string): void {
    const item = this.byId.get(id);
    if (item) this.touch(item);
  }

  /** Position of an item in `items` (items are only ever appended). */
  indexOf(id: string): number { return this.positions.get(id) ?? -1; }

  pendingApprovals(): ApprovalInfo[] {
    return [...this.approvals.values()].filter((a) => a.state === 'pending');
  }

  private startLane(event: Extract<AgentEvent, { type: 'subagentStarted' }>): void {
    this.closeText();
    const { childId, kind, agent, goal, model, maxSteps } = event;
    const lane: LaneInfo = { childId, kind, agent, goal, model, maxSteps, timeline: new TimelineModel(childId, this.lanes) };
    const item = this.add({ kind: 'lane', lane }, `lane:${childId}`);
    this.lanes.add(this, item.id, lane);
  }

  private endLane(childId: string, reason: StopReason, report: string): void {
    const lane = this.lanes.get(childId);
    if (!lane) return;
    Object.assign(lane, { reason, report });
    this.lanes.touch(childId);
  }

  private requestApproval(event: Extract<AgentEvent, { type: 'approvalRequested' }>): void {
    const { approvalId, callId, risk, title, detail, reasons, change, alwaysAllowLabel, allowable } = event;
    this.approvals.set(approvalId, { approvalId, callId, risk, title, detail, reasons, change, alwaysAllowLabel, allowable, state: 'pending', ...(this.agentId ? { agentId: this.agentId } : {}) });
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
    // A lane's end expires its own approvals only; the task's end, every one left.
    for (const a of this.pendingApprovals()) if (!this.agentId || a.agentId === this.agentId) this.resolveApproval(a.approvalId, 'expired');
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
