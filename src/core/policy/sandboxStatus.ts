/**
 * The OS sandbox as the engine sees it: the mode the user chose, whether commands really run inside it, what it
 * confines them to, and a status line for the CLI header and the panel. The Node side probes and spawns.
 */

/** `auto` sandboxes when the machine can; `on` refuses to run commands unsandboxed; `off` never sandboxes. */
export type SandboxMode = 'auto' | 'on' | 'off';

/** Which OS mechanism confines commands (`none` when nothing does). */
export type SandboxEngine = 'bubblewrap' | 'seatbelt' | 'none';

/** The sandbox's state on this machine. `reason` and `fix` are set whenever `isActive` is false. */
export interface SandboxStatus {
  mode: SandboxMode;
  isActive: boolean;
  engine: SandboxEngine;
  /** Version or detail of the engine when active (`bubblewrap 0.8.0`). */
  detail?: string;
  /** Why the sandbox is off (not installed, user namespaces disabled, turned off, unsupported OS). */
  reason?: string;
  /** What the user can do about it. */
  fix?: string;
}

/** What one sandboxed command may touch. Paths are absolute; globs are root-relative, as the protected list. */
export interface SandboxSpec {
  /** Folders the command may write (the workspace roots), except the protected paths inside them. */
  writableRoots: readonly string[];
  /** The protected globs (the same list the policy uses): read-only inside the writable roots. */
  protectedGlobs: readonly string[];
  /** Hosts reachable through the sandbox's proxy (`example.com`, `*.example.com`); empty means no network. */
  allowedHosts: readonly string[];
  /**
   * Paths outside the roots that must stay readable although the sandbox hides them (a stdio MCP server's own
   * files under /tmp, which the sandbox's private /tmp would otherwise cover). Bound read-only.
   */
  visiblePaths?: readonly string[];
}

/** True when the mode forbids running a command outside the sandbox and the sandbox is not available. */
export function refusesUnsandboxed(status: SandboxStatus): boolean {
  return status.mode === 'on' && !status.isActive;
}

/** One line for the CLI header and the panel: on and what it confines, or off, why, and the fix. */
export function describeSandboxStatus(status: SandboxStatus): string {
  if (status.isActive) return `Sandbox: on (${status.detail ?? status.engine}): commands write only the workspace and reach no network unless allowed.`;
  const fix = status.fix ? ` Fix: ${status.fix}` : '';
  if (status.mode === 'on') return `Sandbox: required but unavailable (${status.reason ?? 'unknown'}): commands will not run.${fix}`;
  if (status.mode === 'off') return 'Sandbox: off (turned off by the sandbox setting): commands run with your full rights; approvals apply.';
  return `Sandbox: off (${status.reason ?? 'unavailable'}): commands run with your full rights; approvals apply.${fix}`;
}
