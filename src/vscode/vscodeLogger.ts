/** The "Auto Agent" LogOutputChannel as the engine's Logger; every line is redacted before it is written. */
import * as vscode from 'vscode';
import type { Logger } from '../core/host';
import { redactSecrets } from '../core/policy/redact';

export class VscodeLogger implements Logger, vscode.Disposable {
  readonly channel: vscode.LogOutputChannel;

  /** `secrets` returns the secrets known right now (the API key), so a key set later is redacted too. */
  constructor(private readonly secrets: () => readonly string[]) {
    this.channel = vscode.window.createOutputChannel('Auto Agent', { log: true });
  }

  debug(message: string, ...details: unknown[]): void { this.channel.debug(this.format(message, details)); }
  info(message: string, ...details: unknown[]): void { this.channel.info(this.format(message, details)); }
  warn(message: string, ...details: unknown[]): void { this.channel.warn(this.format(message, details)); }
  error(message: string, ...details: unknown[]): void { this.channel.error(this.format(message, details)); }

  dispose(): void { this.channel.dispose(); }

  private format(message: string, details: unknown[]): string {
    const extra = details.map(describe).join(' ');
    return redactSecrets(extra ? `${message} ${extra}` : message, this.secrets());
  }
}

function describe(detail: unknown): string {
  if (typeof detail === 'string') return detail;
  if (detail instanceof Error) return detail.stack ?? detail.message;
  try {
    return JSON.stringify(detail);
  } catch {
    return String(detail);
  }
}
