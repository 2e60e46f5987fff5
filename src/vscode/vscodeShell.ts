/** The engine's Shell for VS Code: NodeShell does the work (own process group, timeout, cap), the terminal shows it. */
import type { ProcessOptions, ProcessResult, Shell } from '../core/host';
import type { SandboxStatus } from '../core/policy/sandboxStatus';
import type { AgentTerminal } from './agentTerminal';

export class VscodeShell implements Shell {
  constructor(private readonly inner: Shell, private readonly terminal: AgentTerminal) {}

  run(command: string, options: ProcessOptions): Promise<ProcessResult> {
    return this.shown(command, options, (opts) => this.inner.run(command, opts));
  }

  exec(file: string, args: string[], options: ProcessOptions): Promise<ProcessResult> {
    return this.shown([file, ...args].map(quote).join(' '), options, (opts) => this.inner.exec(file, args, opts));
  }

  which(program: string): Promise<string | undefined> {
    return this.inner.which(program);
  }

  async sandboxStatus(): Promise<SandboxStatus> {
    return this.inner.sandboxStatus?.() ?? { mode: 'auto', isActive: false, engine: 'none', reason: 'this host runs commands without a sandbox' };
  }

  private async shown(label: string, options: ProcessOptions, start: (o: ProcessOptions) => Promise<ProcessResult>): Promise<ProcessResult> {
    this.terminal.commandStarted(label, options.cwd);
    const onOutput = (chunk: string): void => {
      this.terminal.output(chunk);
      options.onOutput?.(chunk);
    };
    try {
      const result = await start({ ...options, onOutput });
      this.terminal.commandFinished(result.exitCode, noteOf(result));
      return result;
    } catch (err) {
      this.terminal.commandFinished(null, (err as Error).message);
      throw err;
    }
  }
}

function noteOf(result: ProcessResult): string {
  if (result.isTimedOut) return 'timed out';
  if (result.isCancelled) return 'cancelled';
  if (result.isTruncated) return 'output truncated';
  return `${Math.round(result.durationMs)} ms`;
}

function quote(arg: string): string {
  return /^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`;
}
