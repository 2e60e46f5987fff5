/**
 * "Auto Agent: MCP Servers": a quick pick with each configured server, where it comes from, its state and its
 * command line; picking one starts it if needed (a workspace server asks first; in Restricted Mode it never
 * starts, and the pick says so) and lists its tools.
 */
import * as vscode from 'vscode';
import { AlwaysAllowedTools } from '../core/mcp/alwaysAllowedTools';
import { launchLine, type McpServerConfig } from '../core/mcp/mcpConfig';
import type { McpServerStatus } from '../core/mcp/mcpHost';
import type { NodeMcpHost } from '../node/mcp/nodeMcpHost';
import { restrictedMcpMessage, type VscodeMcp } from './vscodeMcp';

type ServerItem = vscode.QuickPickItem & { server?: McpServerConfig };

/** Shows the servers, then the picked server's tools. */
export async function showMcpServers(mcp: VscodeMcp): Promise<void> {
  const { host, configuration } = await mcp.host();
  const items: ServerItem[] = configuration.servers.map((server) => ({
    label: `$(server) ${server.name}`,
    description: `${server.origin === 'workspace' ? 'workspace' : 'user'} · ${stateText(server, host.status(server.name))}`,
    detail: `${server.source}: ${launchLine(server)}`,
    server,
  }));
  for (const problem of configuration.problems) items.push({ label: '$(error) Configuration problem', detail: problem });
  if (items.length === 0) {
    void vscode.window.showInformationMessage('Auto Agent: no MCP servers are configured (.vscode/mcp.json, your user mcp.json or the "mcp" setting).');
    return;
  }
  const picked = await vscode.window.showQuickPick(items, { title: 'Auto Agent: MCP Servers', placeHolder: 'Pick a server to start it (if needed) and see its tools', matchOnDetail: true });
  if (picked?.server) await showTools(mcp, host, picked.server);
}

/** What the pick says about a server's state; a workspace server in Restricted Mode says it never starts. */
export function stateText(server: McpServerConfig, status: McpServerStatus): string {
  if (server.origin === 'workspace' && !vscode.workspace.isTrusted) return `not started — ${restrictedMcpMessage}`;
  switch (status.kind) {
    case 'idle': return server.origin === 'workspace' ? 'not started (asks you to approve its command line first)' : 'not started (starts on first use)';
    case 'starting': return 'starting…';
    case 'running': return 'running';
    case 'refused': return `not started: ${status.message}`;
    case 'failed': return `failed: ${status.message}`;
  }
}

async function showTools(mcp: VscodeMcp, host: NodeMcpHost, server: McpServerConfig): Promise<void> {
  if (server.origin === 'workspace' && !vscode.workspace.isTrusted) {
    void vscode.window.showWarningMessage(`Auto Agent: "${server.name}" comes from this workspace. ${restrictedMcpMessage}`, 'Manage Workspace Trust').then((choice) => {
      if (choice) void vscode.commands.executeCommand('workbench.trust.manage');
    });
    return;
  }
  let tools;
  try {
    tools = await host.listTools(server.name);
  } catch (err) {
    void vscode.window.showErrorMessage(`Auto Agent: ${(err as Error).message}`);
    return;
  }
  const allowed = new Set(await new AlwaysAllowedTools(mcp.userStore).list(server));
  await vscode.window.showQuickPick(tools.map((t) => ({
    label: `$(tools) ${t.name}`, description: allowed.has(t.name) ? 'always allowed' : 'asks before it runs',
    // The description is the server's text: shown as it is, it is not run or followed.
    detail: t.description.slice(0, 300),
  })), { title: `Auto Agent: MCP server "${server.name}" — ${stateText(server, host.status(server.name))}, ${tools.length} tools`, matchOnDetail: true });
}
