/**
 * Shell on Node child processes. Each child leads its own process group (detached), so a timeout or Stop kills
 * everything it started, background children included. Output is capped and decoded with replacement. Children
 * start through the spawn helper, so none of them sees the agent's secrets (a `printenv` would show them to the
 * model).
 */
import { promises as fs, constants as fsConstants } from 'node:fs';
import * as path from 'node:path';
import type { ProcessOptions, ProcessResult, Shell } from '../core/host';
import type { SandboxStatus } from '../core/policy/sandboxStatus';
import type { CommandSandbox } from './sandbox/commandSandbox';
import { spawnChild } from './childProcess';

const killGraceMs = 2000;

/**
 * Git settings for git run by commands (an allowed `git status`, a test script): a bare repository planted in a
 * subfolder is used only when named, and no fsmonitor program runs. Appended to any GIT_CONFIG_* the caller set.
 */
export function withCommandGitGuards(env: Record<string, string | undefined>): Record<string, string | undefined> {
  const count = Number.parseInt(env.GIT_CONFIG_COUNT ?? '0', 10);
  const base = Number.isFinite(count) && count > 0 ? count : 0;
  const guards = [['safe.bareRepository', 'explicit'], ['core.fsmonitor', 'false']];
  const out = { ...env, GIT_CONFIG_COUNT: String(base + guards.length) };
  guards.forEach(([key, value], i) => Object.assign(out, { [`GIT_CONFIG_KEY_${base + i}`]: key, [`GIT_CONFIG_VALUE_${base + i}`]: value }));
  return out;
}

export class NodeShell implements Shell {
  constructor(
    private readonly shellPath = process.env.SHELL && path.basename(process.env.SHELL) === 'bash' ? process.env.SHELL : '/bin/bash',
    private readonly sandbox?: CommandSandbox,
  ) {}

  run(command: string, options: ProcessOptions): Promise<ProcessResult> {
    return this.runMaybeSandboxed(this.shellPath, ['-c', command], this.withEnvironment(options));
  }

  async sandboxStatus(): Promise<SandboxStatus> {
    if (this.sandbox) return this.sandbox.status();
    return { mode: 'auto', isActive: false, engine: 'none', reason: 'this host runs commands without a sandbox' };
  }

  /** The sandbox seam: with `options.sandbox` the launch is wrapped first, and fails closed without a sandbox. */
  private async runMaybeSandboxed(file: string, args: string[], options: ProcessOptions & { env: Record<string, string | undefined> }): Promise<ProcessResult> {
    if (!options.sandbox) return runProcess(file, args, options);
    if (!this.sandbox) throw new Error('The command was not run: it must run in the sandbox, and this host has none.');
    const launch = await this.sandbox.wrap({ file, args, cwd: options.cwd, env: options.env }, options.sandbox);
    const result = await runProcess(launch.file, launch.args, { ...options, env: launch.env });
    const { deniedHosts, createdProtected } = await launch.finish();
    return { ...result, sandboxDeniedHosts: deniedHosts, sandboxCreatedProtected: createdProtected };
  }

  exec(file: string, args: string[], options: ProcessOptions): Promise<ProcessResult> {
    return runProcess(file, args, this.withEnvironment(options));
  }

  /** The full environment for the child: this process's plus the caller's additions (the spawn helper removes secrets). */
  private withEnvironment(options: ProcessOptions): ProcessOptions & { env: Record<string, string | undefined> } {
    return { ...options, env: withCommandGitGuards({ ...process.env, ...options.env }) };
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

// setTimeout fires at once for delays above 2^31-1 ms; longer timeouts are clamped to that (about 24 days).
const maxTimerMs = 2 ** 31 - 1;

function runProcess(file: string, args: string[], options: ProcessOptions): Promise<ProcessResult> {
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawnChild({ file, args, cwd: options.cwd, env: options.env ?? process.env, isDetached: true });
    const output = new CappedOutput(options.maxOutputBytes);
    let isTimedOut = false;
    let isCancelled = false;
    let spawnError: Error | undefined;
    const killGroup = (): void => killProcessGroup(child.pid);
    const timer = setTimeout(() => { isTimedOut = true; killGroup(); }, Math.min(Math.max(0, options.timeoutMs), maxTimerMs));
    const onAbort = (): void => { isCancelled = true; killGroup(); };
    options.signal?.addEventListener('abort', onAbort, { once: true });
    if (options.signal?.aborted) onAbort();
    // One decoder per stream, so a multi-byte character split across chunks of one stream decodes whole.
    const streamTo = (decoder: TextDecoder) => (data: Buffer): void => {
      output.push(data);
      const text = decoder.decode(data, { stream: true });
      if (text) options.onOutput?.(text);
    };
    child.stdout.on('data', streamTo(new TextDecoder('utf-8')));
    child.stderr.on('data', streamTo(new TextDecoder('utf-8')));
    child.stdin?.on('error', () => undefined);
    child.stdin?.end(options.stdin ?? '');
    child.on('error', (err) => { spawnError = err; });
    // When the command itself ends, background children it left (`sleep 300 &`) would keep the pipes open and
    // 'close' from firing until the timeout: end the whole group now, then wait for the pipes to drain.
    child.on('exit', () => { clearTimeout(timer); killGroup(); });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      killGroup();
      const failure = spawnError ? `\nCould not start ${file} in ${options.cwd}: ${spawnError.message}` : '';
      resolve({ exitCode: spawnError ? 127 : code, signal, output: output.text() + failure, isTimedOut, isCancelled, isTruncated: output.isTruncated, durationMs: Date.now() - started });
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

  constructor(private readonly maxBytes: number) {}

  get isTruncated(): boolean {
    return this.droppedBytes > 0;
  }

  /** Stores a chunk, keeping the head and the most recent tail within the cap. */
  push(original: Buffer): void {
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
  }

  text(): string {
    const decode = (parts: Buffer[]): string => new TextDecoder('utf-8').decode(Buffer.concat(parts));
    if (this.droppedBytes === 0) return decode([...this.head, ...this.tail]);
    return `${decode(this.head)}\n… [${this.droppedBytes} bytes of output omitted] …\n${decode(this.tail)}`;
  }
}
