/**
 * What a task gets from MCP: the configured servers, started on first use (a workspace server only after its
 * command line was approved), and their tools for the registry. Disposing stops every server.
 */
import type { Host } from '../../core/host';
import { approveLaunch } from '../../core/mcp/launchApproval';
import { loadMcpTools } from '../../core/mcp/mcpTools';
import type { ToolDefinition } from '../../core/tools/tool';
import { loadMcpServers } from './mcpConfigFiles';
import { NodeMcpHost } from './nodeMcpHost';
import { confineServers, type ServerSandboxing } from './sandboxedServers';

export interface McpServicesOptions {
  host: Host;
  workspace: string;
  env: Readonly<Record<string, string | undefined>>;
  /** `--mcp-config` files, absolute. */
  cliFiles: readonly string[];
  /** Names of the built-in tools, which an MCP tool never takes. */
  reserved: readonly string[];
  signal: AbortSignal;
  /** Start stdio servers in the OS sandbox (the sandbox-MCP setting); absent starts them with the user's rights. */
  sandboxing?: Omit<ServerSandboxing, 'logger'>;
}

export interface McpServices {
  tools: ToolDefinition[];
  dispose(): Promise<void>;
}

/** Loads the configuration and the tools; without any configured server nothing starts and nothing is added. */
export async function createMcpServices(options: McpServicesOptions): Promise<McpServices> {
  const { host, workspace, env } = options;
  const servers = await loadMcpServers({ env, homeDir: host.homeDir, workspace, cliFiles: options.cliFiles });
  if (servers.length === 0) return { tools: [], dispose: async () => undefined };
  const mcp = new NodeMcpHost({
    servers, cwd: workspace, homeDir: host.homeDir, env, logger: host.logger,
    confine: options.sandboxing ? confineServers({ ...options.sandboxing, logger: host.logger }) : undefined,
    canStart: (server, signal) => approveLaunch(server, { store: host.store, approvals: host.approvals, workspace }, signal ?? options.signal),
  });
  const tools = await loadMcpTools({ host: mcp, store: host.store, logger: host.logger, reserved: options.reserved, signal: options.signal });
  return { tools, dispose: () => mcp.dispose() };
}
