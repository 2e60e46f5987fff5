/** Logger for the CLI: writes to stderr (or a file) with secrets redacted, at a chosen level. */
import { appendFileSync } from 'node:fs';
import { inspect } from 'node:util';
import type { Logger } from '../core/host';
import { redactSecrets } from '../core/policy/redact';

const levels = ['debug', 'info', 'warn', 'error'] as const;
export type LogLevel = (typeof levels)[number];

export interface NodeLoggerOptions {
  level: LogLevel;
  /** A file to append to; stderr when absent. */
  file?: string;
  secrets: readonly string[];
}

export class NodeLogger implements Logger {
  constructor(private readonly options: NodeLoggerOptions) {}

  debug(message: string, ...details: unknown[]): void { this.write('debug', message, details); }
  info(message: string, ...details: unknown[]): void { this.write('info', message, details); }
  warn(message: string, ...details: unknown[]): void { this.write('warn', message, details); }
  error(message: string, ...details: unknown[]): void { this.write('error', message, details); }

  private write(level: LogLevel, message: string, details: unknown[]): void {
    if (levels.indexOf(level) < levels.indexOf(this.options.level)) return;
    const extra = details.map((d) => (typeof d === 'string' ? d : inspect(d, { depth: 4 }))).join(' ');
    const line = redactSecrets(`${new Date().toISOString()} [${level}] ${message}${extra ? ` ${extra}` : ''}`, this.options.secrets);
    if (this.options.file) appendFileSync(this.options.file, `${line}\n`);
    else process.stderr.write(`${line}\n`);
  }
}
