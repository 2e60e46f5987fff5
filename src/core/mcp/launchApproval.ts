/**
 * A server from the workspace's `.vscode/mcp.json` runs a program the repository chose, so it starts only after
 * the user approved its exact command line (or URL) once; a changed line asks again. The user's own files and
 * `--mcp-config` files are the user's choice and start without this question.
 */
import { createHash, randomUUID } from 'node:crypto';
import type { Approvals, Store } from '../host';
import { launchLine, type McpServerConfig } from './mcpConfig';

const storeKey = 'mcp.approvedLaunches';

export interface LaunchApprovalDeps {
  store: Store;
  approvals: Approvals;
  /** The workspace the server belongs to: an approval holds for this workspace only. */
  workspace: string;
}

/** True when the server may start: not from the workspace, or its exact line was approved before (or now). */
export async function approveLaunch(server: McpServerConfig, deps: LaunchApprovalDeps, signal: AbortSignal): Promise<boolean> {
  if (server.origin !== 'workspace') return true;
  const line = launchLine(server);
  const key = createHash('sha256').update(JSON.stringify([deps.workspace, server.name, line])).digest('hex');
  const approved = (await deps.store.get<string[]>(storeKey)) ?? [];
  if (approved.includes(key)) return true;
  const decision = await deps.approvals.request({
    id: randomUUID(), callId: `mcp-start-${server.name}`, risk: 'execute', toolName: 'mcp_server_start',
    title: `Start the MCP server "${server.name}" from ${server.source}: ${line}`,
    detail: `The workspace configures an MCP server that runs:\n${line}\nIt runs with your rights. Approve only if you trust this repository; a changed command line asks again.`,
    reasons: ['a server configured by the workspace starts only after you approved its exact command line'],
  }, signal);
  if (!decision.isApproved) return false;
  await deps.store.set(storeKey, [...approved, key]);
  return true;
}
