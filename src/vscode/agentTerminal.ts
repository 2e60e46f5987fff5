/**
 * The "Auto Agent" terminal: a Pseudoterminal the extension writes to, so the user sees every command the agent
 * runs and its output live. Capture itself happens in the child process (NodeShell), never through the terminal.
 */
import * as vscode from 'vscode';

const maxTranscriptChars = 200_000;

export class AgentTerminal implements vscode.Disposable {
  private terminal: vscode.Terminal | undefined;
  private readonly writeEmitter = new vscode.EventEmitter<string>();
  private isOpen = false;
  private pending: string[] = [];
  /** What was written, for the tests and for a terminal opened after the fact. Bounded. */
  private transcript = '';

  /** Shows the terminal (without taking focus) and writes a command header. */
  commandStarted(command: string, cwd: string): void {
    this.ensure().show(true);
    this.write(`\x1b[1;36m$ ${command}\x1b[0m\x1b[2m  (${cwd})\x1b[0m\n`);
  }

  output(chunk: string): void {
    this.write(chunk);
  }

  commandFinished(exitCode: number | null, note: string): void {
    const color = exitCode === 0 ? '32' : '31';
    this.write(`\x1b[${color}m[exit ${exitCode ?? '-'}${note ? `, ${note}` : ''}]\x1b[0m\n\n`);
  }

  /** Plain text written so far (escape codes removed). */
  text(): string {
    return this.transcript.replace(/\x1b\[[0-9;]*m/g, '');
  }

  get name(): string { return 'Auto Agent'; }

  dispose(): void {
    this.terminal?.dispose();
    this.writeEmitter.dispose();
  }

  private write(text: string): void {
    this.transcript = (this.transcript + text).slice(-maxTranscriptChars);
    const data = text.replace(/\r?\n/g, '\r\n');
    if (this.isOpen) this.writeEmitter.fire(data);
    else this.pending.push(data);
  }

  private ensure(): vscode.Terminal {
    if (this.terminal && this.terminal.exitStatus === undefined) return this.terminal;
    this.isOpen = false;
    const pty: vscode.Pseudoterminal = {
      onDidWrite: this.writeEmitter.event,
      open: () => {
        this.isOpen = true;
        for (const data of this.pending.splice(0)) this.writeEmitter.fire(data);
      },
      close: () => {
        this.isOpen = false;
        this.terminal = undefined;
      },
    };
    this.terminal = vscode.window.createTerminal({ name: this.name, pty, iconPath: new vscode.ThemeIcon('robot') });
    return this.terminal;
  }
}
