/**
 * Approvals on the terminal: the prompt goes to stderr (stdout may carry --json events), the answer comes from
 * stdin, one line each. When stdin has ended there is nobody to ask, so the action is refused, never allowed.
 */
import { createInterface, type Interface } from 'node:readline';
import type { ApprovalDecision, ApprovalRequest, Approvals } from '../core/host';
import type { Style } from './terminalStyle';

export class TerminalApprovals implements Approvals {
  private reader: Interface | undefined;
  private readonly lines: string[] = [];
  private waiting: ((line: string | undefined) => void) | undefined;
  private isEnded = false;

  constructor(
    private readonly input: NodeJS.ReadableStream,
    private readonly prompt: (s: string) => void,
    private readonly style: Style,
  ) {}

  async request(request: ApprovalRequest, signal: AbortSignal): Promise<ApprovalDecision> {
    const { style } = this;
    const reasons = request.reasons.map((r) => `    · ${r}`).join('\n');
    this.prompt(`\n${style.yellow(style.bold(`Approve? ${request.title}`))}\n${style.dim(request.detail)}\n${reasons}\n  [y]es / [n]o / n <reason> : `);
    const answer = await this.nextLine(signal);
    if (answer === undefined) return { isApproved: false, reason: 'nobody could be asked (stdin closed); run with --yes or --approve to allow this class of action' };
    const trimmed = answer.trim();
    if (/^y(es)?$/i.test(trimmed)) return { isApproved: true };
    const reason = trimmed.replace(/^no?\b\s*/i, '').trim();
    return { isApproved: false, reason: reason || undefined };
  }

  async askQuestion(question: string, signal: AbortSignal): Promise<string> {
    this.prompt(`\n${this.style.bold(`The agent asks: ${question}`)}\n> `);
    return (await this.nextLine(signal)) ?? '';
  }

  dispose(): void {
    this.reader?.close();
  }

  private nextLine(signal: AbortSignal): Promise<string | undefined> {
    this.ensureReader();
    if (this.lines.length) return Promise.resolve(this.lines.shift());
    if (this.isEnded) return Promise.resolve(undefined);
    return new Promise((resolve, reject) => {
      const onAbort = (): void => reject(Object.assign(new Error('Stopped'), { name: 'AbortError' }));
      signal.addEventListener('abort', onAbort, { once: true });
      this.waiting = (line) => {
        signal.removeEventListener('abort', onAbort);
        resolve(line);
      };
    });
  }

  private ensureReader(): void {
    if (this.reader) return;
    this.reader = createInterface({ input: this.input, terminal: false });
    this.reader.on('line', (line) => this.deliver(line));
    this.reader.on('close', () => {
      this.isEnded = true;
      this.deliver(undefined);
    });
  }

  private deliver(line: string | undefined): void {
    const waiting = this.waiting;
    this.waiting = undefined;
    if (waiting) waiting(line);
    else if (line !== undefined) this.lines.push(line);
  }
}
