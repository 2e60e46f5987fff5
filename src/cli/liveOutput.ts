/**
 * The live view of a running command's output: its first lines are printed as they arrive, then (a long or
 * chatty command) only the latest line is shown on the status line, so a slow build or test run is visibly
 * alive without flooding the terminal. The whole output stays in the JSON stream and the transcript.
 */

export interface LiveOutputOptions {
  out: (s: string) => void;
  /** The transient status line (TTY only). */
  status?: (s: string) => void;
  dim: (s: string) => string;
  /** Lines printed per command before the rest is only tailed (unbounded in --verbose). */
  maxLines: number;
}

export class LiveOutput {
  private partial = '';
  private printed = 0;
  private hidden = 0;
  private callId: string | undefined;
  private shownCallId: string | undefined;

  constructor(private readonly options: LiveOutputOptions) {}

  /** True when this call's output was shown live (the completion line then need not repeat it). */
  hasShown(callId: string): boolean {
    return this.shownCallId === callId || (this.callId === callId && this.printed > 0);
  }

  push(callId: string, chunk: string): void {
    if (this.callId !== callId) this.reset(callId);
    const lines = (this.partial + chunk).split('\n');
    this.partial = lines.pop() ?? '';
    for (const line of lines) this.show(line);
    if (this.partial) this.options.status?.(this.options.dim(`    │ ${clip(this.partial)}`));
  }

  /** Ends the live view of whichever call is showing (a check's verdict arrives before its call completes). */
  endCurrent(): void {
    if (this.callId !== undefined) this.end(this.callId);
  }

  /** Ends the call's live view: the last partial line, and how many lines were not printed. */
  end(callId: string): void {
    if (this.callId !== callId) return;
    if (this.partial) this.show(this.partial);
    this.partial = '';
    this.options.status?.('');
    if (this.hidden > 0) this.options.out(this.options.dim(`    │ … ${this.hidden} more line(s) not shown (they are in the transcript)\n`));
    this.shownCallId = this.printed > 0 ? callId : undefined;
    this.reset(undefined);
  }

  private show(line: string): void {
    if (this.printed < this.options.maxLines) {
      this.printed++;
      this.options.status?.('');
      this.options.out(this.options.dim(`    │ ${clip(line)}\n`));
      return;
    }
    this.hidden++;
    this.options.status?.(this.options.dim(`    │ ${clip(line)}  (+${this.hidden} lines)`));
  }

  private reset(callId: string | undefined): void {
    this.callId = callId;
    this.partial = '';
    this.printed = 0;
    this.hidden = 0;
  }
}

function clip(line: string): string {
  const width = Math.max(40, (process.stderr.columns ?? 100) - 12);
  return line.length > width ? `${line.slice(0, width - 1)}…` : line;
}
