/**
 * Shell on Node child processes. Each child leads its own process group (detached), so a timeout or Stop kills
 * everything it started, background children included. Output is capped and decoded with replacement.
 */
import { spawn } from 'node:child_process';
import { promises as fs, constants as fsConstants } from 'node:fs';
import * as path from 'node:path';
import type { ProcessOptions, ProcessResult, Shell } from '../core/host';

const killGraceMs = 2000;

export class NodeShell implements Shell {
  constructor(private readonly shellPath = process.env.SHELL && path.basename(process.env.SHELL) === 'bash' ? process.env.SHELL : '/bin/bash') {}

  run(command: string, options: ProcessOptions): Promise<ProcessResult> {
    return runProcess(this.shellPath, ['-c', command], options);
  }

  exec(file: string, args: string[], options: ProcessOptions): Promise<ProcessResult> {
    return runProcess(file, args, options);
  }

  async which(program: string): Promise<string | undefined> {
    for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
      if (!dir) continue;
      const candidate = path.join(dir, program);
      if (await fs.access(candidate, fsConstants.X_OK).then(() => true, () => false)) return candidate;
    }
    return undefined;
  }
}

function runProcess(file: string, args: string[], options: ProcessOptions): Promise<ProcessResult> {
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn(file, args, {
      cwd: options.cwd, env: { ...process.env, ...options.env }, detached: true, stdio: ['pipe', 'pipe', 'pipe'],
    });
    const output = new CappedOutput(options.maxOutputBytes);
    let isTimedOut = false;
    let isCancelled = false;
    let spawnError: Error | undefined;
    const killGroup = (): void => killProcessGroup(child.pid);
    const timer = setTimeout(() => { isTimedOut = true; killGroup(); }, options.timeoutMs);
    const onAbort = (): void => { isCancelled = true; killGroup(); };
    options.signal?.addEventListener('abort', onAbort, { once: true });
    if (options.signal?.aborted) onAbort();
    const onData = (data: Buffer): void => {
      const text = output.push(data);
      if (text) options.onOutput?.(text);
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.stdin.on('error', () => undefined);
    child.stdin.end(options.stdin ?? '');
    child.on('error', (err) => { spawnError = err; });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      // The shell may be gone while children it put in the background still hold the group: end them too.
      killGroup();
      const text = output.text() + (spawnError ? `\n${spawnError.message}` : '');
      resolve({ exitCode: spawnError ? 127 : code, signal, output: text, isTimedOut, isCancelled, isTruncated: output.isTruncated, durationMs: Date.now() - started });
    });
  });
}

/** SIGTERM to the whole group, then SIGKILL after a grace period if anything is left. */
function killProcessGroup(pid: number | undefined): void {
  if (!pid) return;
  const signalGroup = (signal: NodeJS.Signals): boolean => {
    try {
      process.kill(-pid, signal);
      return true;
    } catch {
      return false;
    }
  };
  if (signalGroup('SIGTERM')) setTimeout(() => signalGroup('SIGKILL'), killGraceMs).unref();
}

/** Keeps the head and the tail of the output within a byte cap; the middle is dropped with a marker. */
class CappedOutput {
  private readonly head: Buffer[] = [];
  private tail: Buffer[] = [];
  private headBytes = 0;
  private tailBytes = 0;
  private droppedBytes = 0;
  private readonly decoder = new TextDecoder('utf-8');

  constructor(private readonly maxBytes: number) {}

  get isTruncated(): boolean {
    return this.droppedBytes > 0;
  }

  /** Stores a chunk and returns its decoded text for live display. */
  push(original: Buffer): string {
    let chunk = original;
    const half = Math.floor(this.maxBytes / 2);
    if (this.headBytes < half) {
      const take = chunk.subarray(0, half - this.headBytes);
      this.head.push(take);
      this.headBytes += take.length;
      chunk = chunk.subarray(take.length);
    }
    if (chunk.length > 0) {
      this.tail.push(chunk);
      this.tailBytes += chunk.length;
      while (this.tailBytes > half && this.tail.length > 0) {
        const excess = this.tailBytes - half;
        const first = this.tail[0];
        if (first.length <= excess) {
          this.tail.shift();
          this.tailBytes -= first.length;
          this.droppedBytes += first.length;
        } else {
          this.tail[0] = first.subarray(excess);
          this.tailBytes -= excess;
          this.droppedBytes += excess;
        }
      }
    }
    return this.decoder.decode(original, { stream: true });
  }

  text(): string {
    const decode = (parts: Buffer[]): string => new TextDecoder('utf-8').decode(Buffer.concat(parts));
    if (this.droppedBytes === 0) return decode([...this.head, ...this.tail]);
    return `${decode(this.head)}\n… [${this.droppedBytes} bytes of output omitted] …\n${decode(this.tail)}`;
  }
}
