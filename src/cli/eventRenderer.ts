/**
 * Renders the agent's event stream for a person at a terminal: the plan, each step, streamed model text, tool
 * calls and results with a live tail of command output, diffs, verification, a live status line (on stderr,
 * TTY only) while the model thinks, and closing lines (files changed, checks, how to resume). `quiet` keeps
 * only the outcome and errors; `verbose` adds the model calls' usage and longer tool results.
 */
import type { ChangeView } from '../protocol/change';
import type { AgentEvent, PlanStep } from '../protocol/events';
import { ClosingSummary } from './closingSummary';
import { LiveOutput } from './liveOutput';
import type { Style } from './terminalStyle';

export type Verbosity = 'quiet' | 'normal' | 'verbose';

export interface RendererOptions {
  out: (s: string) => void;
  /** Writes the transient status line; undefined when stderr is not a TTY. */
  status?: (s: string) => void;
  style: Style;
  verbosity?: Verbosity;
  /** Turns an error event into the words shown (the CLI names its own flags and variables). */
  describeError?: (event: Extract<AgentEvent, { type: 'errorOccurred' }>) => string;
}

/** Characters of a goal shown on the header line; the whole goal is in the transcript. */
const maxGoalChars = 300;
const quietEvents = new Set<AgentEvent['type']>(['taskFinished', 'errorOccurred', 'finishRefused', 'costUnmeasurable']);
/**
 * A sub-agent's events not shown as its own lines: its start and end are the parent's subagentStarted/Finished,
 * its usage is in the task's totals, and its streamed text (parallel children would interleave) comes whole.
 */
const childHiddenEvents = new Set<AgentEvent['type']>(['taskStarted', 'taskFinished', 'usageUpdated', 'textStreamed', 'thinkingStreamed', 'stepStarted', 'instructionsLoaded', 'memoryRecalled']);

const planMarks: Record<PlanStep['status'], string> = { pending: '○', in_progress: '▸', done: '✓', skipped: '–' };
const spinner = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];

export class EventRenderer {
  /** The streamed run (answer text or thinking) a line is open for. */
  private midStream: 'textStreamed' | 'thinkingStreamed' | undefined;
  private statusText = '';
  private stepLabel = '';
  private frame = 0;
  private timer: ReturnType<typeof setInterval> | undefined;
  private readonly live: LiveOutput;
  private readonly summary = new ClosingSummary();
  private readonly verbosity: Verbosity;
  /** A check failed during the current tool call (a failed run_tests is not a tool error, but is not a ✓). */
  private hasFailedCheck = false;
  /** Put before each line of the event being rendered: a sub-agent's lines are indented and named. */
  private prefix = '';

  constructor(private readonly options: RendererOptions) {
    this.verbosity = options.verbosity ?? 'normal';
    const maxLines = this.verbosity === 'verbose' ? Number.POSITIVE_INFINITY : 8;
    this.live = new LiveOutput({ out: (s) => this.options.out(s), status: options.status, dim: options.style.dim, maxLines });
  }

  render(event: AgentEvent): void {
    if (event.agentId && childHiddenEvents.has(event.type)) return;
    this.summary.note(event);
    this.prefix = event.agentId ? `${'  '.repeat(event.agentId.split('.').length)}${this.options.style.dim(`[${event.agentId}]`)} ` : '';
    if (this.verbosity === 'quiet' && !quietEvents.has(event.type)) {
      if (event.type === 'usageUpdated') this.usage(event);
      return;
    }
    this.renderEvent(event);
  }

  private renderEvent(event: AgentEvent): void {
    const { style } = this.options;
    if (event.type !== this.midStream) this.endText();
    // The spinner means "the model is answering": anything else that shows up (a tool, a question) ends it.
    if (event.type !== 'stepStarted' && event.type !== 'usageUpdated') this.stopSpinner();
    switch (event.type) {
      case 'taskStarted': return this.line(style.bold(`Auto Agent · ${event.model} · ${event.workspace}`) + `\n${event.goals.map((g, i) => `  Goal ${i + 1}: ${clipGoal(g.text)}${g.successCriterion ? style.dim(` (check: ${clipGoal(g.successCriterion)})`) : ''}`).join('\n')}`);
      case 'instructionsLoaded': return this.line(style.dim(`  Rules: ${event.files.length ? event.files.map((f) => `${f.path}${f.isCut ? ' (cut)' : ''}`).join(', ') : 'none'}${event.notes.map((n) => `\n  ${n}`).join('')}`));
      case 'memoryRecalled': return this.line(style.dim(`  Recalled: ${event.notes.map((n) => `${n.scope}/${n.id}`).join(', ')} (~${event.tokens} tokens)`));
      case 'planUpdated': return this.line(`${style.bold('Plan')}${event.note ? style.dim(` — ${event.note}`) : ''}\n${event.steps.map((s) => `  ${planMarks[s.status]} ${s.status === 'done' ? style.dim(s.text) : s.text}`).join('\n')}`);
      case 'stepStarted': return this.thinking(`step ${event.step}`);
      case 'textStreamed': return this.text(event.type, event.text);
      case 'thinkingStreamed': return this.text(event.type, style.dim(event.text));
      case 'toolCallProposed': return this.proposed(event);
      case 'commandOutputStreamed': return this.live.push(event.callId, event.chunk);
      case 'toolCallCompleted': return this.completed(event);
      case 'changeProposed': return this.line(renderDiff(event.change, style));
      case 'changeApplied': return this.line(style.green(`  applied ${event.path}`));
      case 'changeRejected': return this.line(style.yellow(`  not applied ${event.path}${event.reason ? `: ${event.reason}` : ''}`));
      case 'usageUpdated': return this.usage(event);
      case 'verificationRan': return this.verification(event);
      case 'finishRefused': return this.line(style.yellow(`Finish refused: ${firstLines(event.reason, 6)}`));
      case 'modelSteered': return this.line(style.yellow(`Steering the model: ${event.reason}`));
      case 'costUnmeasurable': return this.line(style.yellow(`Warning: ${event.message}`));
      case 'contextCondensed': return this.line(style.dim(`Condensed ${event.removedMessages} older messages (${event.tokensBefore} → ${event.tokensAfter} tokens${event.summarizedBy ? `; summarised by ${event.summarizedBy}` : ''}).`));
      case 'errorOccurred': return this.line(style.red(`Error: ${this.options.describeError?.(event) ?? event.message}`));
      case 'taskFinished': return this.finished(event);
      case 'assistantMessageCompleted': return event.agentId ? this.line(style.dim(firstLines(event.text, 4))) : undefined;
      case 'subagentStarted': return this.line(style.cyan(`⇢ sub-agent ${event.childId} (${event.agent ? `${event.agent}, ` : ''}${event.kind}, ${event.model}): `) + clipGoal(event.goal));
      case 'subagentFinished': return this.line(`${style.cyan(`⇠ sub-agent ${event.childId} reported (${event.reason.replace(/_/g, ' ')})`)}\n${event.report.split('\n').map((l) => `    ${l}`).join('\n')}`);
      default: return undefined;
    }
  }

  private proposed(event: Extract<AgentEvent, { type: 'toolCallProposed' }>): void {
    this.hasFailedCheck = false;
    this.line(this.options.style.cyan(`→ ${event.name}`) + this.options.style.dim(` ${briefArgs(event.args, this.verbosity === 'verbose' ? 2000 : 160)}`));
  }

  private completed(event: Extract<AgentEvent, { type: 'toolCallCompleted' }>): void {
    const { style } = this.options;
    const wasLive = this.live.hasShown(event.callId);
    this.live.end(event.callId);
    const isFailed = event.isError || this.hasFailedCheck || /^Exit code: [1-9]/m.test(event.output);
    this.hasFailedCheck = false;
    // Output already shown live is not repeated: only the lines about how the command ended.
    const text = wasLive ? event.output.split(/\n--- output ---\n/)[0] : event.output;
    const shown = this.verbosity === 'verbose' ? 40 : wasLive ? 4 : 3;
    const seconds = this.verbosity === 'verbose' ? style.dim(` (${(event.durationMs / 1000).toFixed(1)} s)`) : '';
    this.line(`  ${isFailed ? style.red('✗') : style.green('✓')} ${style.dim(firstLines(text, shown))}${seconds}`);
  }

  private verification(event: Extract<AgentEvent, { type: 'verificationRan' }>): void {
    const { style } = this.options;
    if (!event.passed) this.hasFailedCheck = true;
    this.live.endCurrent();
    this.line(event.passed ? style.green(`✓ check passed: ${event.command} (${event.summary})`) : style.red(`✗ check failed: ${event.command}\n${firstLines(event.summary, 8)}`));
  }

  /** Clears the status line and stops the spinner. */
  dispose(): void {
    this.stopSpinner();
  }

  private stopSpinner(): void {
    if (!this.timer) return;
    clearInterval(this.timer);
    this.timer = undefined;
    this.options.status?.('');
  }

  private line(text: string): void {
    this.options.status?.('');
    this.options.out(`${this.prefix ? text.split('\n').map((l) => this.prefix + l).join('\n') : text}\n`);
  }

  private text(kind: 'textStreamed' | 'thinkingStreamed', delta: string): void {
    if (!this.midStream && kind === 'thinkingStreamed') this.options.out(this.options.style.dim('thinking: '));
    this.midStream = kind;
    this.options.out(delta);
  }

  private endText(): void {
    if (!this.midStream) return;
    this.midStream = undefined;
    this.options.out('\n');
  }

  private thinking(label: string): void {
    this.stepLabel = label;
    if (!this.options.status || this.timer) return;
    this.timer = setInterval(() => {
      const usage = this.statusText ? ` · ${this.statusText}` : '';
      this.options.status?.(`${spinner[this.frame++ % spinner.length]} thinking… ${this.stepLabel}${usage}`);
    }, 100);
    this.timer.unref?.();
  }

  private usage(event: Extract<AgentEvent, { type: 'usageUpdated' }>): void {
    const tokens = event.total.promptTokens + event.total.completionTokens;
    const context = event.contextWindow ? ` · context ${Math.round((100 * event.contextTokens) / event.contextWindow)}%` : '';
    const cost = event.isCostUnknown ? 'cost unknown' : `$${event.total.costUsd.toFixed(4)}`;
    this.statusText = `${formatTokens(tokens)} tokens · ${cost}${context}`;
    const { request } = event;
    if (this.verbosity === 'verbose' && request.promptTokens + request.completionTokens > 0) {
      this.line(this.options.style.dim(`  model call: ${request.promptTokens} prompt (${request.cachedTokens} cached) + ${request.completionTokens} completion tokens · task total ${this.statusText}`));
    }
  }

  private finished(event: Extract<AgentEvent, { type: 'taskFinished' }>): void {
    this.dispose();
    const { style } = this.options;
    const head = event.reason === 'completed'
      ? (event.isVerified ? style.green('✓ Done (verified)') : style.yellow('Done, but not verified'))
      : style.yellow(`Stopped (${event.reason.replace(/_/g, ' ')})`);
    this.line(`\n${head}\n${event.summary}${this.statusText ? style.dim(`\n${this.statusText}`) : ''}\n${this.summary.render(event, style)}`);
  }
}

function renderDiff(change: ChangeView, style: Style): string {
  const title = `${change.kind} ${change.path}${change.newPath ? ` → ${change.newPath}` : ''}`;
  const body = change.hunks.flatMap((h) => [style.cyan(`@@ -${h.oldStart},${h.oldLines} +${h.newStart},${h.newLines} @@`), ...h.lines.map((l) => {
    if (l.startsWith('+')) return style.green(l);
    if (l.startsWith('-')) return style.red(l);
    return style.dim(l);
  })]);
  return [style.bold(`  ${title}`), ...body.map((l) => `    ${l}`)].join('\n');
}

function briefArgs(args: unknown, max: number): string {
  const text = typeof args === 'string' ? args : JSON.stringify(args);
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

function clipGoal(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > maxGoalChars ? `${flat.slice(0, maxGoalChars)}… (${flat.length - maxGoalChars} more characters)` : flat;
}

function firstLines(text: string, n: number): string {
  const lines = text.split('\n');
  const head = lines.slice(0, n).join('\n    ');
  return lines.length > n ? `${head}\n    … (${lines.length - n} more lines)` : head;
}

function formatTokens(n: number): string {
  return n >= 1000 ? `${(n / 1000).toFixed(1)}k` : String(n);
}
