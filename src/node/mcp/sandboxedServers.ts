/**
 * Stdio MCP servers inside the OS sandbox (the sandbox-MCP setting): the same confinement as the agent's commands
 * (the workspace writable except its protected paths, the user's secrets hidden, no network but the sandbox's
 * allowed hosts), plus the server's own files under /tmp kept visible. Without a sandbox on this machine a server
 * still starts, outside it and said in the log, unless the sandbox is required (`on`): then it does not start.
 */
import type { Logger } from '../../core/host';
import { describeSandboxStatus, refusesUnsandboxed, type SandboxSpec } from '../../core/policy/sandboxStatus';
import type { CommandSandbox, ProcessLaunch, SandboxedLaunch } from '../sandbox/commandSandbox';
import { serverVisiblePaths } from './serverFiles';

export interface ServerSandboxing {
  sandbox: CommandSandbox;
  /** The limits the agent's commands get. */
  spec: SandboxSpec;
  logger: Logger;
}

/** The `confine` step for stdio transports. */
export function confineServers(options: ServerSandboxing): (launch: ProcessLaunch) => Promise<SandboxedLaunch> {
  let saidUnsandboxed = false;
  return async (launch) => {
    const status = await options.sandbox.status();
    if (!status.isActive) {
      if (refusesUnsandboxed(status)) throw new Error(`The MCP server was not started: ${describeSandboxStatus(status)}`);
      if (!saidUnsandboxed) options.logger.warn(`MCP servers start outside the sandbox. ${describeSandboxStatus(status)}`);
      saidUnsandboxed = true;
      return { ...launch, finish: async () => ({ deniedHosts: [], createdProtected: [] }) };
    }
    const visiblePaths = await serverVisiblePaths(launch.file, launch.args, launch.cwd, launch.env.PATH ?? '');
    return options.sandbox.wrap(launch, { ...options.spec, visiblePaths });
  };
}
