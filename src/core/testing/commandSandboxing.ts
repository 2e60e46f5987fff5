/**
 * How one gated command meets the OS sandbox: inside it (the `sandboxed` execute level then runs it without
 * asking), outside it by an explicit approval that says what the sandbox had blocked, or not at all when the
 * sandbox setting is `on` and the sandbox is unavailable. Used by run_command, run_tests, goal checks and the
 * verification before finish, through runGatedCommand.
 */
import type { ProcessResult } from '../host';
import type { PermissionRequest } from '../policy/permissionGate';
import { defaultProtectedGlobs } from '../policy/protectedFiles';
import { describeCreatedProtected, describeSandboxBlocks, findSandboxBlocks } from '../policy/sandboxBlocks';
import { describeSandboxStatus, refusesUnsandboxed, type SandboxSpec } from '../policy/sandboxStatus';
import type { AgentSettings } from '../settings';
import type { ToolContext } from '../tools/tool';

/** What the caller asks beyond the command: to run outside the sandbox, or to reach more hosts from inside. */
export interface SandboxRequest {
  isOutsideSandbox?: boolean;
  /** Hosts granted for this one command (asks). */
  extraHosts?: readonly string[];
}

/** The spec to run with (absent: unsandboxed), the permission fields, and a line for the approval prompt; or a refusal. */
export type SandboxChoice =
  | { isRefused: true; reason: string }
  | { isRefused: false; spec?: SandboxSpec; permission: Pick<PermissionRequest, 'isSandboxed' | 'isAlwaysAsk' | 'alwaysAskReason'>; detail: string };

/** What the sandbox blocked in each command's latest sandboxed run, per task, so the re-run approval can show it. */
const lastBlocks = new WeakMap<object, Map<string, string[]>>();

export async function chooseSandbox(ctx: ToolContext, command: string, request: SandboxRequest): Promise<SandboxChoice> {
  const status = await ctx.host.shell.sandboxStatus?.();
  if (request.isOutsideSandbox) {
    if (status?.mode === 'on') return { isRefused: true, reason: 'The sandbox setting is on: commands never run outside the sandbox. Ask the user to change the setting if this command must.' };
    const reason = 'it runs OUTSIDE the sandbox, with your full rights (files anywhere you can write, your secrets, the network)';
    const blocked = lastBlocks.get(ctx.task)?.get(command);
    const why = blocked ? `In its last run the sandbox blocked:\n${blocked.map((b) => `  ${b}`).join('\n')}` : 'The sandbox has not blocked this command in this task.';
    return { isRefused: false, permission: { isAlwaysAsk: true, alwaysAskReason: reason }, detail: `Sandbox: NOT used for this command (asked for by the agent). ${why}` };
  }
  if (!status?.isActive) {
    if (status && refusesUnsandboxed(status)) return { isRefused: true, reason: `${describeSandboxStatus(status)}` };
    return { isRefused: false, permission: {}, detail: status ? describeSandboxStatus(status) : 'Sandbox: none on this host.' };
  }
  const extraHosts = request.extraHosts ?? [];
  const spec = sandboxSpecFor(ctx.settings, ctx.roots, extraHosts);
  const { allowedHosts } = spec;
  const network = allowedHosts.length > 0 ? `network only to ${allowedHosts.join(', ')}` : 'no network';
  const detail = `Sandbox: on (writes only the workspace, ${network}).`;
  if (extraHosts.length === 0) return { isRefused: false, spec, permission: { isSandboxed: true }, detail };
  const reason = `it lets the command reach ${extraHosts.join(', ')} from the sandbox (not on the sandbox's allowed hosts)`;
  return { isRefused: false, spec, permission: { isSandboxed: true, isAlwaysAsk: true, alwaysAskReason: reason }, detail };
}

/** The sandbox's limits for the agent's commands (and, by the sandbox-MCP setting, its stdio MCP servers). */
export function sandboxSpecFor(settings: AgentSettings, roots: readonly string[], extraHosts: readonly string[] = []): SandboxSpec {
  const allowedHosts = [...(settings.sandboxAllowedHosts ?? []), ...extraHosts];
  return { writableRoots: roots, protectedGlobs: [...defaultProtectedGlobs, ...(settings.protectedPaths ?? [])], allowedHosts };
}

/** The lines about what the sandbox blocked in a finished run (empty for an unsandboxed run or no block); remembered for a re-run. */
export function sandboxNotes(ctx: ToolContext, run: { command: string; spec: SandboxSpec | undefined; result: ProcessResult; output: string }): string[] {
  const { command, spec, result, output } = run;
  if (!spec) return [];
  const blocks = findSandboxBlocks(output, result.sandboxDeniedHosts ?? [], spec.allowedHosts.length > 0);
  const byCommand = lastBlocks.get(ctx.task) ?? new Map<string, string[]>();
  lastBlocks.set(ctx.task, byCommand);
  const what = [...blocks.paths.map((p) => `writing ${p}`), ...blocks.hosts.map((h) => `connecting to ${h}`), ...(blocks.isNetworkOff && blocks.hosts.length === 0 ? ['the network'] : [])];
  if (what.length > 0) byCommand.set(command, what);
  else byCommand.delete(command);
  return [...describeSandboxBlocks(blocks), ...describeCreatedProtected((result.sandboxCreatedProtected ?? []).map((p) => ctx.paths.display(p)))];
}
