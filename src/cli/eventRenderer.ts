/**
 * Renders the agent's event stream for a person at a terminal: the plan, each step, streamed model text, tool
 * calls and results, diffs, verification, and a live status line (on stderr, TTY only) while the model thinks.
 */
import type { ChangeView } from '../protocol/change';
import type { AgentEvent, PlanStep } from '../protocol/events';
import type { Style } from './terminalStyle';

export interface RendererOptions {
  out: (s: string) => void;
  /** Writes the transient status line; undefined when stderr is not a TTY. */
  status?: (s: string) => void;
  style: Style;
}

const planMarks: Record<PlanStep['status'], string> = { pending: '○', in_progress: '▸', done: '✓', skipped: '–' };
const spinner = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];

export class EventRenderer {
  private isMidText = false;
  private statusText = '';
  private stepLabel = '';
  private frame = 0;
  private timer: ReturnType<typeof setInterval> | undefined;

  constructor(private readonly options: RendererOptions) {}

  render(event: AgentEvent): void {
    const { style } = this.options;
    if (event.type !== 'textStreamed') this.endText();
    // The spinner means "the model is answering": anything else that shows up (a tool, a question) ends it.
    if (event.type !== 'stepStarted' && event.type !== 'usageUpdated') this.stopSpinner();
    switch (event.type) {
      case 'taskStarted': return this.line(style.bold(`Auto Agent · ${event.model} · ${event.workspace}`) + `\n${event.goals.map((g, i) => `  Goal ${i + 1}: ${g.text}${g.successCriterion ? style.dim(` (check: ${g.successCriterion})`) : ''}`).join('\n')}`);
      case 'instructionsLoaded': return this.line(style.dim(`  Rules: ${event.files.length ? event.files.map((f) => `${f.path}${f.isCut ? ' (cut)' : ''}`).join(', ') : 'none'}${event.notes.map((n) => `\n  ${n}`).join('')}`));
      case 'memoryRecalled': return this.line(style.dim(`  Recalled: ${event.notes.map((n) => `${n.scope}/${n.id}`).join(', ')} (~${event.tokens} tokens)`));
      case 'planUpdated': return this.line(`${style.bold('Plan')}${event.note ? style.dim(` — ${event.note}`) : ''}\n${event.steps.map((s) => `  ${planMarks[s.status]} ${s.status === 'done' ? style.dim(s.text) : s.text}`).join('\n')}`);
      case 'stepStarted': return this.thinking(`step ${event.step}`);
      case 'textStreamed': return this.text(event.text);
      case 'toolCallProposed': return this.line(style.cyan(`→ ${event.name}`) + style.dim(` ${briefArgs(event.args)}`));
      case 'toolCallCompleted': return this.line(`  ${event.isError ? style.red('✗') : style.green('✓')} ${style.dim(firstLines(event.output, 3))}`);
      case 'changeProposed': return this.line(renderDiff(event.change, style));
      case 'changeApplied': return this.line(style.green(`  applied ${event.path}`));
      case 'changeRejected': return this.line(style.yellow(`  not applied ${event.path}${event.reason ? `: ${event.reason}` : ''}`));
      case 'usageUpdated': return this.usage(event);
      case 'verificationRan': return this.line(event.passed ? style.green(`✓ check passed: ${event.command} (${event.summary})`) : style.red(`✗ check failed: ${event.command}\n${firstLines(event.summary, 8)}`));
      case 'finishRefused': return this.line(style.yellow(`Finish refused: ${firstLines(event.reason, 6)}`));
      case 'modelSteered': return this.line(style.yellow(`Steering the model: ${event.reason}`));
      case 'contextCondensed': return this.line(style.dim(`Condensed ${event.removedMessages} older messages (${event.tokensBefore} → ${event.tokensAfter} tokens).`));
      case 'errorOccurred': return this.line(style.red(`Error: ${event.message}`));
      case 'taskFinished': return this.finished(event);
      default: return undefined;
    }
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
    this.options.out(`${text}\n`);
  }

  private text(delta: string): void {
    this.isMidText = true;
    this.options.out(delta);
  }

  private endText(): void {
    if (!this.isMidText) return;
    this.isMidText = false;
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
    this.statusText = `${formatTokens(tokens)} tokens · $${event.total.costUsd.toFixed(4)}${context}`;
  }

  private finished(event: Extract<AgentEvent, { type: 'taskFinished' }>): void {
    this.dispose();
    const { style } = this.options;
    const head = event.reason === 'completed'
      ? (event.isVerified ? style.green('✓ Done (verified)') : style.yellow('Done, but not verified'))
      : style.yellow(`Stopped (${event.reason.replace(/_/g, ' ')})`);
    this.line(`\n${head}\n${event.summary}${this.statusText ? style.dim(`\n${this.statusText}`) : ''}`);
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

function briefArgs(args: unknown): string {
  const text = typeof args === 'string' ? args : JSON.stringify(args);
  return text.length > 160 ? `${text.slice(0, 160)}…` : text;
}

function firstLines(text: string, n: number): string {
  const lines = text.split('\n');
  const head = lines.slice(0, n).join('\n    ');
  return lines.length > n ? `${head}\n    … (${lines.length - n} more lines)` : head;
}

function formatTokens(n: number): string {
  return n >= 1000 ? `${(n / 1000).toFixed(1)}k` : String(n);
}
