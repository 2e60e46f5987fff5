/**
 * Stop rules: budgets (steps, tokens, dollars, wall time) and loop detection. A detected loop steers the model
 * once; the same kind of loop again stops the task with the reason.
 */
import type { StopReason, Usage } from '../../protocol/events';
import type { Budgets } from '../settings';
import { steering } from './prompts';

/**
 * Running totals that the budgets are checked against. A sub-agent's meter has its parent's as `parent`: every
 * step and token it counts is counted there too (the task's budgets answer for all its agents), and the child
 * stops when either its own slice or its parent's budget is used up.
 */
export class BudgetMeter {
  steps = 0;
  readonly total: Usage = { promptTokens: 0, completionTokens: 0, cachedTokens: 0, costUsd: 0 };
  private readonly startedAt = Date.now();

  /** `carried`: the totals of earlier runs of the same task (a resume). */
  constructor(private readonly budgets: Budgets, carried?: Usage, private readonly parent?: BudgetMeter) {
    if (carried) this.addOwn(carried);
  }

  countStep(): void {
    this.steps++;
    this.parent?.countStep();
  }

  add(usage: Usage): void {
    this.addOwn(usage);
    this.parent?.add(usage);
  }

  /** What is left of each budget (never below zero). */
  left(): Budgets {
    const b = this.budgets;
    const tokens = this.total.promptTokens + this.total.completionTokens;
    return {
      maxSteps: Math.max(0, b.maxSteps - this.steps), maxTokens: Math.max(0, b.maxTokens - tokens),
      maxCostUsd: Math.max(0, b.maxCostUsd - this.total.costUsd), maxWallMs: Math.max(0, b.maxWallMs - this.elapsedMs),
    };
  }

  private addOwn(usage: Usage): void {
    this.total.promptTokens += usage.promptTokens;
    this.total.completionTokens += usage.completionTokens;
    this.total.cachedTokens += usage.cachedTokens;
    this.total.costUsd += usage.costUsd;
    // Part of the completion tokens already; kept apart so the user sees what thinking cost.
    if (usage.cacheWriteTokens) this.total.cacheWriteTokens = (this.total.cacheWriteTokens ?? 0) + usage.cacheWriteTokens;
    if (usage.reasoningTokens) this.total.reasoningTokens = (this.total.reasoningTokens ?? 0) + usage.reasoningTokens;
  }

  get elapsedMs(): number {
    return Date.now() - this.startedAt;
  }

  /** The first budget that is used up, if any. */
  exceeded(): { reason: StopReason; message: string } | undefined {
    return this.ownExceeded() ?? this.parent?.exceeded();
  }

  private ownExceeded(): { reason: StopReason; message: string } | undefined {
    const b = this.budgets;
    if (this.steps >= b.maxSteps) return { reason: 'max_steps', message: `Stopped: the step budget (${b.maxSteps}) is used up.` };
    const tokens = this.total.promptTokens + this.total.completionTokens;
    if (tokens >= b.maxTokens) return { reason: 'max_tokens', message: `Stopped: the token budget (${b.maxTokens}) is used up (${tokens} tokens).` };
    if (this.total.costUsd >= b.maxCostUsd) return { reason: 'max_cost', message: `Stopped: the cost budget ($${b.maxCostUsd}) is used up ($${this.total.costUsd.toFixed(4)}).` };
    if (this.elapsedMs >= b.maxWallMs) return { reason: 'max_time', message: `Stopped: the time budget (${Math.round(b.maxWallMs / 1000)} s) is used up.` };
    return undefined;
  }

  /** A short note for the model about what is left. */
  note(): string {
    const b = this.budgets;
    const left = Number.isFinite(b.maxSteps) ? `${b.maxSteps - this.steps} steps` : 'unlimited steps';
    return `Budget left: ${left}, $${Number.isFinite(b.maxCostUsd) ? (b.maxCostUsd - this.total.costUsd).toFixed(2) : '∞'}.`;
  }
}

/** What the loop detector saw after a round. */
export type LoopVerdict = { kind: 'ok' } | { kind: 'steer'; message: string } | { kind: 'stop'; message: string };

const repeatLimit = 3;
const errorStreakLimit = 5;
const textOnlyLimit = 2;

/** Watches the calls of the task for repetition, A-B-A-B alternation, error streaks and text-only rounds. */
export class LoopDetector {
  private recent: string[] = [];
  private errorStreak = 0;
  private textOnlyStreak = 0;
  private readonly steered = new Set<string>();

  /** After an applied edit, repeating a read or a test run is progress, so the history starts over. */
  noteEdit(): void {
    this.recent = [];
  }

  noteCall(name: string, args: string, isError: boolean): void {
    this.recent.push(`${name}\u0000${canonicalArgs(args)}`);
    if (this.recent.length > 12) this.recent.shift();
    this.errorStreak = isError ? this.errorStreak + 1 : 0;
  }

  noteRound(hadToolCalls: boolean): void {
    this.textOnlyStreak = hadToolCalls ? 0 : this.textOnlyStreak + 1;
  }

  check(): LoopVerdict {
    const found = this.detect();
    if (!found) return { kind: 'ok' };
    if (this.steered.has(found.kind)) return { kind: 'stop', message: `Stopped: ${found.description}, even after being steered.` };
    this.steered.add(found.kind);
    this.recent = [];
    this.errorStreak = 0;
    this.textOnlyStreak = 0;
    return { kind: 'steer', message: found.message };
  }

  private detect(): { kind: string; message: string; description: string } | undefined {
    const last = this.recent[this.recent.length - 1];
    const nameOf = (sig: string): string => sig.split('\u0000')[0];
    if (last && this.recent.filter((sig) => sig === last).length >= repeatLimit) {
      return { kind: 'repeat', message: steering.repeatedCall(nameOf(last)), description: `the model repeated ${nameOf(last)} with the same arguments` };
    }
    const [a, b, c, d] = this.recent.slice(-4);
    if (d && a === c && b === d && a !== b) {
      return { kind: 'alternate', message: steering.alternation(nameOf(a), nameOf(b)), description: 'the model kept alternating between two calls' };
    }
    if (this.errorStreak >= errorStreakLimit) {
      return { kind: 'errors', message: steering.toolErrors(this.errorStreak), description: `${errorStreakLimit} tool calls in a row failed` };
    }
    if (this.textOnlyStreak >= textOnlyLimit) {
      return { kind: 'text', message: steering.noToolCall, description: 'the model kept answering without calling a tool or finish' };
    }
    return undefined;
  }
}

/** Arguments compared by meaning: key order and whitespace do not make two calls different. */
function canonicalArgs(args: string): string {
  try {
    return JSON.stringify(sortKeys(JSON.parse(args)));
  } catch {
    return args.trim();
  }
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => [k, sortKeys(v)]));
  }
  return value;
}
