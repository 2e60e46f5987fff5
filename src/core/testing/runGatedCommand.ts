/**
 * Runs one shell command for a tool: asks the permission gate first (risk `execute`), then runs it through the
 * host shell in its own process group with the settings' timeout and output cap, streaming cleaned output as
 * `commandOutputStreamed` events. Shared by run_command and run_tests.
 */
import type { ProcessResult } from '../host';
import type { ToolContext } from '../tools/tool';
import { AnsiStreamStripper, cleanTerminalOutput } from '../text/stripAnsi';
import { chooseSandbox, sandboxNotes, type SandboxRequest } from './commandSandboxing';

/** What to run and how to present it to the user. */
export interface GatedCommand {
  command: string;
  /** Absolute working directory, already confined to the workspace. */
  cwd: string;
  toolName: string;
  /** Requested timeout; always capped by `settings.commandTimeoutMs`. */
  timeoutMs?: number;
  env?: Record<string, string>;
  /** Extra words for the approval prompt (what this run is for). */
  purpose?: string;
  /** The user wrote this command (a goal's own check), so the analyzer's reasons to ask do not apply. */
  isUserAuthored?: boolean;
  /** Outside the sandbox (an explicit approval), or with more hosts reachable from inside it. */
  sandbox?: SandboxRequest;
}

/** Either the user or a rule refused, or the process ran (successfully or not) with its cleaned output. */
export type GatedCommandOutcome =
  | { isRefused: true; reason: string }
  | { isRefused: false; result: ProcessResult; output: string; timeoutMs: number; sandboxNotes: string[] };

/** Asks, then runs. Output has ANSI escapes stripped, CRLF and carriage-return rewrites resolved. */
export async function runGatedCommand(ctx: ToolContext, request: GatedCommand): Promise<GatedCommandOutcome> {
  const timeoutMs = Math.max(1, Math.min(request.timeoutMs ?? ctx.settings.commandTimeoutMs, ctx.settings.commandTimeoutMs));
  const where = ctx.paths.display(request.cwd);
  const sandbox = await chooseSandbox(ctx, request.command, request.sandbox ?? {});
  if (sandbox.isRefused) return sandbox;
  const permission = await ctx.permissions.check({
    callId: ctx.callId,
    risk: 'execute',
    toolName: request.toolName,
    title: `${request.sandbox?.isOutsideSandbox ? 'Run outside the sandbox' : 'Run'}: ${request.command}`,
    detail: `${request.purpose ? `${request.purpose}\n` : ''}Working directory: ${where}\nTimeout: ${formatDuration(timeoutMs)}\n${sandbox.detail}`,
    command: request.command,
    paths: [request.cwd],
    isUserAuthored: request.isUserAuthored,
    ...sandbox.permission,
  });
  if (!permission.isAllowed) return { isRefused: true, reason: permission.reason };
  const stripper = new AnsiStreamStripper();
  const stream = (chunk: string): void => {
    if (chunk) ctx.emit({ type: 'commandOutputStreamed', callId: ctx.callId, chunk });
  };
  const result = await ctx.host.shell.run(request.command, {
    cwd: request.cwd,
    env: { CI: 'true', NO_COLOR: '1', FORCE_COLOR: '0', TERM: 'dumb', GIT_TERMINAL_PROMPT: '0', PAGER: 'cat', GIT_PAGER: 'cat', ...request.env },
    timeoutMs,
    maxOutputBytes: ctx.settings.maxCommandOutputBytes,
    signal: ctx.signal,
    onOutput: (chunk) => stream(stripper.push(chunk)),
    sandbox: sandbox.spec,
  });
  stream(stripper.flush());
  const output = cleanTerminalOutput(result.output);
  return { isRefused: false, result, output, timeoutMs, sandboxNotes: sandboxNotes(ctx, { command: request.command, spec: sandbox.spec, result, output }) };
}

/** The status lines the model needs about how a process ended (exit code, timeout, Stop, truncation). */
export function describeProcessEnd(result: ProcessResult, timeoutMs: number, maxOutputBytes: number): string[] {
  const lines: string[] = [];
  if (result.isCancelled) lines.push('Cancelled: the task was stopped; the command and every process it started were killed.');
  else if (result.isTimedOut) lines.push(`Timed out after ${formatDuration(timeoutMs)}: the command and every process it started were killed. If it waits for input or runs forever (a server, a watcher), run something that finishes instead.`);
  else if (result.exitCode === null) lines.push(`Killed by signal ${result.signal ?? 'unknown'}.`);
  else lines.push(`Exit code: ${result.exitCode}${result.exitCode === 127 ? ' (command not found?)' : ''}`);
  lines.push(`Duration: ${formatDuration(result.durationMs)}`);
  if (result.isTruncated) lines.push(`Note: the output passed the ${Math.round(maxOutputBytes / 1024)} KB cap; its middle was dropped and only the beginning and the end are kept.`);
  return lines;
}

/** "1.2 s", "3 min 5 s". */
export function formatDuration(ms: number): string {
  if (ms < 60_000) return `${(ms / 1000).toFixed(ms < 10_000 ? 1 : 0)} s`;
  const minutes = Math.floor(ms / 60_000);
  const seconds = Math.round((ms % 60_000) / 1000);
  return seconds ? `${minutes} min ${seconds} s` : `${minutes} min`;
}
