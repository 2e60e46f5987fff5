/**
 * Approvals on the terminal: the prompt goes to stderr (stdout may carry --json events), the answer comes from
 * stdin, one line each. An unclear answer is asked again; Enter takes the default, which is "no", and says so.
 * When stdin has ended there is nobody to ask, so the action is refused, never allowed, and that is said once.
 */
import type { ApprovalDecision, ApprovalRequest, Approvals } from '../core/host';
import { StdinLines } from './stdinLines';
import type { Style } from './terminalStyle';

/** How a typed line reads as an answer; `unclear` asks again. */
export type ApprovalAnswer = { kind: 'yes' } | { kind: 'always' } | { kind: 'no'; reason?: string } | { kind: 'default' } | { kind: 'unclear' };

export function parseApprovalAnswer(line: string): ApprovalAnswer {
  const trimmed = line.trim();
  if (trimmed === '') return { kind: 'default' };
  if (/^y(es)?$/i.test(trimmed)) return { kind: 'yes' };
  if (/^a(lways)?$/i.test(trimmed)) return { kind: 'always' };
  const no = /^no?(?:$|[\s,:;.!-]+(.*)$)/i.exec(trimmed);
  if (no) return { kind: 'no', reason: no[1]?.trim() || undefined };
  return { kind: 'unclear' };
}

const closedStdinReason = 'nobody could be asked (stdin is closed); run with --yes or --approve to allow this class of action';

export class TerminalApprovals implements Approvals {
  private hasSaidClosed = false;

  constructor(
    private readonly input: StdinLines,
    private readonly prompt: (s: string) => void,
    private readonly style: Style,
  ) {}

  async request(request: ApprovalRequest, signal: AbortSignal): Promise<ApprovalDecision> {
    if (this.input.isClosed()) return this.refuseClosed(request);
    const { style } = this;
    const reasons = request.reasons.map((r) => `    · ${r}`).join('\n');
    this.prompt(`\n${style.yellow(style.bold(`Approve? ${request.title}`))}\n${style.dim(request.detail)}\n${reasons}\n`);
    for (;;) {
      const always = request.alwaysAllowLabel ? ` / [a]lways (${request.alwaysAllowLabel.toLowerCase()})` : '';
      this.prompt(`  [y]es${always} / [N]o / n <reason> (Enter: no) : `);
      const line = await this.answer(signal);
      if (line === undefined) return this.refuseClosed(request);
      const answer = parseApprovalAnswer(line);
      if (answer.kind === 'yes') return { isApproved: true };
      if (answer.kind === 'always' && request.alwaysAllowLabel) return { isApproved: true, isAlways: true };
      if (answer.kind === 'no') return { isApproved: false, reason: answer.reason };
      if (answer.kind === 'default') {
        this.prompt(style.dim('  Not approved (Enter means no).\n'));
        return { isApproved: false };
      }
      this.prompt(style.yellow(`  "${line.trim().slice(0, 40)}" is not an answer: type y to approve, n to refuse, or n followed by the reason.\n`));
    }
  }

  async askQuestion(question: string, signal: AbortSignal): Promise<string> {
    if (this.input.isClosed()) {
      this.sayClosed();
      return '';
    }
    this.prompt(`\n${this.style.bold(`The agent asks: ${question}`)}\n> `);
    return (await this.answer(signal)) ?? '';
  }

  /** The typed line; on a stop (Ctrl-C, SIGTERM) the prompt's line is ended, so the "Stopped" that follows does not overwrite it. */
  private async answer(signal: AbortSignal): Promise<string | undefined> {
    try {
      return await this.input.next(signal);
    } catch (err) {
      this.prompt('\n');
      throw err;
    }
  }

  private refuseClosed(request: ApprovalRequest): ApprovalDecision {
    this.sayClosed();
    this.prompt(this.style.dim(`  Refused without asking: ${request.title}\n`));
    return { isApproved: false, reason: closedStdinReason };
  }

  private sayClosed(): void {
    if (this.hasSaidClosed) return;
    this.hasSaidClosed = true;
    this.prompt(this.style.yellow('\nstdin is closed, so nobody can answer: every action that asks is refused and every question gets an empty answer.\nRun with --yes or --approve CLASSES to let actions run without asking.\n'));
  }
}
