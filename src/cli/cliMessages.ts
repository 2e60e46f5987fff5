/**
 * The CLI's own words: model errors told in terms of the terminal (the endpoint's URL, OPENAI_API_KEY,
 * `auto-agent models`) rather than VS Code's commands, and how a usage or configuration error is reported, as
 * text on stderr and, with --json, also as one `errorOccurred` line on stdout so a script sees why it failed.
 */
import type { AgentEvent } from '../protocol/events';
import type { CliIo } from './cliIo';

type ErrorEvent = Extract<AgentEvent, { type: 'errorOccurred' }>;

/** What the terminal shows for a model error at `baseUrl`; `keyVariable` is where its key is read from. */
export function describeModelError(event: Pick<ErrorEvent, 'message' | 'code'>, baseUrl: string, keyVariable = 'OPENAI_API_KEY'): string {
  switch (event.code) {
    case 'auth': return `The endpoint ${baseUrl} rejected the API key (401). Set a valid key in ${keyVariable}.`;
    case 'connection': return `Could not reach the model endpoint ${baseUrl}: ${event.message.replace(/^Could not reach the model endpoint:\s*/, '')} Is the server running, and is --base-url (or OPENAI_BASE_URL) right?`;
    case 'stalled': return `The model endpoint ${baseUrl} did not answer in time.`;
    case 'model_not_found': return `${event.message} Run \`auto-agent models\` to list them, then pass --model NAME.`;
    default: return event.message;
  }
}

export interface FailureOptions {
  isJson: boolean;
  /** Add "Run auto-agent run --help" (for mistakes in the flags). */
  hasHint?: boolean;
  /** The code in the JSON line: `usage` for flags, `config` for endpoint, key, files. */
  code?: 'usage' | 'config';
  exitCode?: number;
}

/** Reports a usage or configuration error and returns the exit code (2). */
export function reportFailure(io: CliIo, message: string, options: FailureOptions): number {
  io.stderr(`${message}\n${options.hasHint ? 'Run auto-agent run --help for the options.\n' : ''}`);
  if (options.isJson) {
    const event: ErrorEvent = { seq: 0, at: Date.now(), type: 'errorOccurred', message, code: options.code ?? 'usage' };
    io.stdout(`${JSON.stringify(event)}\n`);
  }
  return options.exitCode ?? 2;
}
