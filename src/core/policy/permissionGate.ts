/**
 * The single gate every side effect passes: it applies the approval policy and the safety rules, and asks the
 * user through the host when needed. A rule can add a reason to ask, or deny outright; an error denies.
 */
import type { ChangeView } from '../../protocol/change';
import type { AgentEventInput, AllowListEntry, RiskClass } from '../../protocol/events';
import type { Approvals } from '../host';
import type { ApprovalPolicy } from '../settings';

/** One action that needs permission. `paths` are every absolute path the action really touches. */
export interface PermissionRequest {
  callId: string;
  risk: RiskClass;
  toolName: string;
  title: string;
  detail: string;
  paths?: string[];
  command?: string;
  url?: string;
  change?: ChangeView;
  /** Ask the user even under an `auto` policy (commits, reads outside the workspace). */
  isAlwaysAsk?: boolean;
  /** Why it always asks, shown to the user. */
  alwaysAskReason?: string;
  /**
   * The user wrote this action themselves (a goal's own --check): under an `auto` policy the rules' reasons to
   * ask are not put back to its author. A rule's denial still denies, and an `ask` policy still asks.
   */
  isUserAuthored?: boolean;
  /** The command will run inside the OS sandbox: the `sandboxed` execute level lets it run without asking. */
  isSandboxed?: boolean;
  /**
   * The user chose "always allow" for this action before (an MCP tool, remembered per server, in user-level
   * storage): it runs without asking like a rule's `allow`, unless a rule asks or denies or it always asks.
   */
  isAllowedByUser?: boolean;
  /** Offer the user an "always allow" answer with this label; the outcome says whether they chose it. */
  alwaysAllowLabel?: string;
}

export type PermissionOutcome =
  | { isAllowed: true; acceptedHunks?: number[]; isAlways?: boolean }
  | { isAllowed: false; reason: string; isUserDecision: boolean };

/**
 * A safety rule's verdict: nothing to say, a reason to ask even under `auto`, or a refusal. `allow` vouches for
 * the action (an allow-listed command or host): it runs without asking even when its risk class asks, unless
 * another rule asks or denies.
 */
export type RuleVerdict =
  | { kind: 'pass'; allowable?: AllowListEntry } | { kind: 'ask'; reason: string; allowable?: AllowListEntry }
  | { kind: 'deny'; reason: string } | { kind: 'allow'; reason: string };
// `allowable`: the allow-list entry that would make this rule vouch for the action (and, on an ask, stop asking).

/** A safety rule (protected files, command analysis, network allow-list...). */
export interface PermissionRule {
  name: string;
  evaluate(request: PermissionRequest): Promise<RuleVerdict> | RuleVerdict;
}

export interface PermissionGate {
  check(request: PermissionRequest): Promise<PermissionOutcome>;
}

export interface PolicyGateOptions {
  policy: ApprovalPolicy;
  rules: readonly PermissionRule[];
  approvals: Approvals;
  signal: AbortSignal;
  emit(event: AgentEventInput): void;
  newId(): string;
  /**
   * Takes the reason the user gave for a rejection, to pass on as the user's own message. Without it the reason
   * is part of the refusal text (inside the tool's result).
   */
  relayRejectionReason?(request: PermissionRequest, reason: string): void;
}

/** Applies policy and rules, then asks when any of them wants the user. */
export class PolicyGate implements PermissionGate {
  constructor(private readonly options: PolicyGateOptions) {}

  async check(request: PermissionRequest): Promise<PermissionOutcome> {
    const reasons: string[] = [];
    let isVouched = false;
    let allowable: AllowListEntry | undefined;
    let hasOtherAsk = request.isAlwaysAsk === true;
    for (const rule of this.options.rules) {
      const verdict = await safeEvaluate(rule, request);
      if (verdict.kind === 'deny') return { isAllowed: false, reason: verdict.reason, isUserDecision: false };
      if (verdict.kind === 'ask' && !request.isUserAuthored) reasons.push(verdict.reason);
      if (verdict.kind === 'ask' && !verdict.allowable) hasOtherAsk = true;
      if ((verdict.kind === 'pass' || verdict.kind === 'ask') && verdict.allowable) allowable = verdict.allowable;
      if (verdict.kind === 'allow') isVouched = true;
    }
    if (request.isAllowedByUser) isVouched = true;
    if (request.isAlwaysAsk) reasons.push(request.alwaysAskReason ?? 'this action always asks');
    // "Always allow" is offered only where the entry alone would let the action through next time: no other rule
    // asks and the action is not one that always asks (a dangerous form, outside the sandbox, a commit...).
    const offer = hasOtherAsk ? undefined : allowable;
    const level = this.options.policy[request.risk];
    const isAutoLevel = level === 'auto' || (level === 'sandboxed' && request.isSandboxed === true);
    if ((isAutoLevel || isVouched) && reasons.length === 0) return { isAllowed: true };
    if (level === 'ask') reasons.unshift(`${request.risk} actions ask before they run`);
    if (level === 'sandboxed' && !request.isSandboxed) reasons.unshift(`${request.risk} actions run without asking only inside the sandbox, and this one would run outside it`);
    return this.ask(request, reasons, offer);
  }

  private async ask(request: PermissionRequest, reasons: string[], allowable: AllowListEntry | undefined): Promise<PermissionOutcome> {
    const approvalId = this.options.newId();
    const { callId, risk, title, detail, change, alwaysAllowLabel } = request;
    const offered = allowable ? { allowable } : {};
    this.options.emit({ type: 'approvalRequested', approvalId, callId, risk, title, detail, reasons, change, alwaysAllowLabel, ...offered });
    const decision = await this.options.approvals.request(
      { id: approvalId, callId, risk, toolName: request.toolName, title, detail, reasons, change, alwaysAllowLabel, ...offered },
      this.options.signal,
    );
    if (decision.isApproved) {
      this.options.emit({ type: 'approvalResolved', approvalId, approved: true, acceptedHunks: decision.acceptedHunks });
      return { isAllowed: true, acceptedHunks: decision.acceptedHunks, isAlways: alwaysAllowLabel !== undefined && decision.isAlways === true };
    }
    this.options.emit({ type: 'approvalResolved', approvalId, approved: false, reason: decision.reason });
    return { isAllowed: false, reason: this.rejection(request, decision.reason), isUserDecision: true };
  }

  private rejection(request: PermissionRequest, reason: string | undefined): string {
    if (!reason?.trim()) return 'The user rejected this.';
    if (!this.options.relayRejectionReason) return `The user rejected this: ${reason}`;
    this.options.relayRejectionReason(request, reason);
    return 'The user rejected this; their reason follows as their own message.';
  }
}

/** A rule that throws denies: no error path may allow. */
async function safeEvaluate(rule: PermissionRule, request: PermissionRequest): Promise<RuleVerdict> {
  try {
    return await rule.evaluate(request);
  } catch (err) {
    return { kind: 'deny', reason: `Safety rule ${rule.name} failed (${(err as Error).message}); denied to be safe.` };
  }
}
