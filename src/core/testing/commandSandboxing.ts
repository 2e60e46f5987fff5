/**
 * How one gated command meets the OS sandbox: inside it (the `sandboxed` execute level then runs it without
 * asking), outside it by an explicit approval that says what the sandbox had blocked, or not at all when the
 * sandbox setting is `on` and the sandbox is unavailable. Used by run_command, run_tests, goal checks and the
 * verification before finish, through runGatedCommand.
 */
import type { ProcessResult } from '../host';
import type { PermissionRequest } from '../policy/permissionGate';
import { defaultProtectedGlobs } from '../policy/protectedFiles';
import { describeSandboxBlocks, findSandboxBlocks } from '../policy/sandboxBlocks';
import { describeSandboxStatus, refusesUnsandboxed, type SandboxSpec } from '../policy/sandboxStatus';
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

export async function chooseSandbox(ctx: ToolContext, request: SandboxRequest): Promise<SandboxChoice> {
  const status = await ctx.host.shell.sandboxStatus?.();
  if (request.isOutsideSandbox) {
    if (status?.mode === 'on') return { isRefused: true, reason: 'The sandbox setting is on: commands never run outside the sandbox. Ask the user to change the setting if this command must.' };
    const reason = 'it runs OUTSIDE the sandbox, with your full rights (files anywhere you can write, your secrets, the network)';
    return { isRefused: false, permission: { isAlwaysAsk: true, alwaysAskReason: reason }, detail: 'Sandbox: NOT used for this command (asked for by the agent).' };
  }
  if (!status?.isActive) {
    if (status && refusesUnsandboxed(status)) return { isRefused: true, reason: `${describeSandboxStatus(status)}` };
    return { isRefused: false, permission: {}, detail: status ? describeSandboxStatus(status) : 'Sandbox: none on this host.' };
  }
  const extraHosts = request.extraHosts ?? [];
  const allowedHosts = [...(ctx.settings.sandboxAllowedHosts ?? []), ...extraHosts];
  const spec: SandboxSpec = { writableRoots: ctx.roots, protectedGlobs: [...defaultProtectedGlobs, ...(ctx.settings.protectedPaths ?? [])], allowedHosts };
  const network = allowedHosts.length > 0 ? `network only to ${allowedHosts.join(', ')}` : 'no network';
  const detail = `Sandbox: on (writes only the workspace, ${network}).`;
  if (extraHosts.length === 0) return { isRefused: false, spec, permission: { isSandboxed: true }, detail };
  const reason = `it lets the command reach ${extraHosts.join(', ')} from the sandbox (not on the sandbox's allowed hosts)`;
  return { isRefused: false, spec, permission: { isSandboxed: true, isAlwaysAsk: true, alwaysAskReason: reason }, detail };
}

/** The lines about what the sandbox blocked in a finished run (empty for an unsandboxed run or no block). */
export function sandboxNotes(spec: SandboxSpec | undefined, result: ProcessResult, output: string): string[] {
  if (!spec) return [];
  return describeSandboxBlocks(findSandboxBlocks(output, result.sandboxDeniedHosts ?? [], spec.allowedHosts.length > 0));
}
