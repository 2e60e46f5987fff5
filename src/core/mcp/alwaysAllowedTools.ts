/**
 * "Always allow this tool", remembered per server in the user's own storage (the CLI's cache directory, VS Code's
 * global storage): never in the workspace, so a repository cannot allow its own tools. A server is named by its
 * name and its exact command line or URL, so a workspace that reuses a trusted server's name with another command
 * does not inherit its allowances. A tool the server changed since it was pinned still asks (the pin holds it).
 */
import { createHash } from 'node:crypto';
import type { Store } from '../host';
import { launchLine, type McpServerConfig } from './mcpConfig';

const storeKey = 'mcp.alwaysAllowed';

export class AlwaysAllowedTools {
  constructor(private readonly store: Store) {}

  async has(server: McpServerConfig, tool: string): Promise<boolean> {
    return ((await this.all())[serverKey(server)] ?? []).includes(tool);
  }

  async add(server: McpServerConfig, tool: string): Promise<void> {
    const all = await this.all();
    const key = serverKey(server);
    all[key] = [...new Set([...(all[key] ?? []), tool])];
    await this.store.set(storeKey, all);
  }

  /** The tools allowed for this server, for the status views. */
  async list(server: McpServerConfig): Promise<string[]> {
    return (await this.all())[serverKey(server)] ?? [];
  }

  private async all(): Promise<Record<string, string[]>> {
    return { ...((await this.store.get<Record<string, string[]>>(storeKey)) ?? {}) };
  }
}

function serverKey(server: McpServerConfig): string {
  return createHash('sha256').update(JSON.stringify([server.name, launchLine(server)])).digest('hex');
}
