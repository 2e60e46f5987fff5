/**
 * The lines typed on stdin, shared by the approval prompts and the follow-up prompt. Reading starts at once, so
 * a closed stdin (`</dev/null`, a pipe that ended) is known before the first question and no prompt is printed
 * to nobody; lines typed ahead of a question are kept for it.
 */
import { createInterface, type Interface } from 'node:readline';

export class StdinLines {
  private readonly reader: Interface;
  private readonly lines: string[] = [];
  private waiting: ((line: string | undefined) => void) | undefined;
  private isEnded = false;

  constructor(input: NodeJS.ReadableStream) {
    this.reader = createInterface({ input, terminal: false });
    this.reader.on('line', (line) => this.deliver(line));
    this.reader.on('close', () => {
      this.isEnded = true;
      this.deliver(undefined);
    });
  }

  /** True when stdin has ended and no typed-ahead line is left. */
  isClosed(): boolean {
    return this.isEnded && this.lines.length === 0;
  }

  /** The next line; undefined once stdin has ended. Rejects with an AbortError when the signal fires. */
  next(signal?: AbortSignal): Promise<string | undefined> {
    if (this.lines.length) return Promise.resolve(this.lines.shift());
    if (this.isEnded) return Promise.resolve(undefined);
    if (signal?.aborted) return Promise.reject(abortError());
    return new Promise((resolve, reject) => {
      const onAbort = (): void => {
        this.waiting = undefined;
        reject(abortError());
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.waiting = (line) => {
        signal?.removeEventListener('abort', onAbort);
        resolve(line);
      };
    });
  }

  dispose(): void {
    this.reader.close();
  }

  private deliver(line: string | undefined): void {
    const waiting = this.waiting;
    this.waiting = undefined;
    if (waiting) waiting(line);
    else if (line !== undefined) this.lines.push(line);
  }
}

function abortError(): Error {
  return Object.assign(new Error('Stopped'), { name: 'AbortError' });
}
