/** `auto-agent mcp list`: the configured MCP servers, where each comes from, its command line, state and tools. */
import * as os from 'node:os';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { launchLine, type McpServerConfig } from '../../core/mcp/mcpConfig';
import { toolName } from '../../core/mcp/mcpTools';
import { allTools } from '../../core/tools';
import { loadMcpServers, userMcpConfigPath } from '../../node/mcp/mcpConfigFiles';
import { NodeMcpHost } from '../../node/mcp/nodeMcpHost';
import { NodeLogger } from '../../node/nodeLogger';
import type { CliIo } from '../cliIo';

export const mcpHelp = `Usage: auto-agent mcp list [--workspace DIR] [--mcp-config FILE]...

Lists the MCP servers a task in DIR would use, from ~/.config/auto-agent/mcp.json (or
$XDG_CONFIG_HOME/auto-agent/mcp.json), the workspace's .vscode/mcp.json and each --mcp-config file:
where each comes from, its command line or URL, and the tools it offers under the names the model sees.
Servers are started to list their tools, except a workspace server whose command line you have not
approved yet (a task asks before it starts one).`;

export async function runMcpCommand(argv: string[], io: CliIo): Promise<number> {
  let parsed: { values: { workspace?: string; 'mcp-config'?: string[] }; positionals: string[] };
  try {
    parsed = parseArgs({ args: argv, options: { workspace: { type: 'string', short: 'w' }, 'mcp-config': { type: 'string', multiple: true } }, allowPositionals: true, strict: true });
  } catch (err) {
    io.stderr(`auto-agent mcp: ${(err as Error).message}\n\n${mcpHelp}\n`);
    return 2;
  }
  if (parsed.positionals[0] !== 'list') {
    io.stderr(`auto-agent mcp: the subcommand is "list".\n\n${mcpHelp}\n`);
    return 2;
  }
  const workspace = path.resolve(io.cwd, parsed.values.workspace ?? '.');
  let servers: McpServerConfig[];
  try {
    servers = await loadMcpServers({ env: io.env, homeDir: os.homedir(), workspace, cliFiles: (parsed.values['mcp-config'] ?? []).map((f) => path.resolve(io.cwd, f)) });
  } catch (err) {
    io.stderr(`auto-agent mcp: ${(err as Error).message}\n`);
    return 2;
  }
  if (servers.length === 0) io.stdout(`No MCP servers configured (looked in ${userMcpConfigPath(io.env, os.homedir())} and ${path.join(workspace, '.vscode', 'mcp.json')}).\n`);
  const host = new NodeMcpHost({ servers, cwd: workspace, homeDir: os.homedir(), env: io.env, logger: new NodeLogger({ level: 'error', secrets: [] }), canStart: async (s) => s.origin !== 'workspace' });
  try {
    for (const server of servers) io.stdout(await describeServer(host, server));
  } finally {
    await host.dispose();
  }
  return 0;
}

async function describeServer(host: NodeMcpHost, server: McpServerConfig): Promise<string> {
  const head = `${server.name} (${server.origin}, ${server.source})\n  ${launchLine(server)}\n`;
  if (server.origin === 'workspace') return `${head}  not started: a workspace server starts in a task, after you approve its command line\n`;
  try {
    const taken = new Set(allTools.map((t) => t.name));
    const tools = await host.listTools(server.name);
    const lines = tools.map((t) => {
      const name = toolName(server.name, t.name, taken);
      taken.add(name);
      return `    ${name}  ${t.description.split('\n')[0].slice(0, 80)}`;
    });
    return `${head}  running: ${tools.length} tools\n${lines.join('\n')}\n`;
  } catch (err) {
    return `${head}  failed: ${(err as Error).message}\n`;
  }
}
