/**
 * Finds the MCP configuration files and reads them: the user's `~/.config/auto-agent/mcp.json`, the workspace's
 * `.vscode/mcp.json` and each `--mcp-config FILE`. A workspace server never replaces a user's server of the same
 * name. Values keep their `${...}` variables until the server starts (see `resolveVariables`), so an approval shows
 * the line as configured, not the secrets it would pick up.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { parseMcpConfig, type McpOrigin, type McpServerConfig } from '../../core/mcp/mcpConfig';

export interface McpConfigSources {
  env: Readonly<Record<string, string | undefined>>;
  homeDir: string;
  workspace: string;
  /** `--mcp-config` files, absolute. */
  cliFiles: readonly string[];
}

/** The user-level file. */
export function userMcpConfigPath(env: Readonly<Record<string, string | undefined>>, homeDir: string): string {
  return path.join(env.XDG_CONFIG_HOME?.trim() || path.join(homeDir, '.config'), 'auto-agent', 'mcp.json');
}

/** Every configured server; a missing user or workspace file adds nothing, a missing `--mcp-config` file throws. */
export async function loadMcpServers(sources: McpConfigSources): Promise<McpServerConfig[]> {
  const files: { file: string; origin: McpOrigin; isRequired: boolean }[] = [
    { file: path.join(sources.workspace, '.vscode', 'mcp.json'), origin: 'workspace', isRequired: false },
    { file: userMcpConfigPath(sources.env, sources.homeDir), origin: 'user', isRequired: false },
    ...sources.cliFiles.map((file) => ({ file, origin: 'cli' as const, isRequired: true })),
  ];
  const byName = new Map<string, McpServerConfig>();
  for (const { file, origin, isRequired } of files) {
    const text = await fs.readFile(file, 'utf8').catch((err: NodeJS.ErrnoException) => {
      if (err.code === 'ENOENT' && !isRequired) return undefined;
      throw new Error(`Cannot read the MCP configuration ${file}: ${err.message}`);
    });
    if (text === undefined) continue;
    for (const server of parseMcpConfig(text, origin, file)) byName.set(server.name, server);
  }
  return [...byName.values()];
}

/**
 * The variables VS Code's mcp.json allows. `${input:id}` comes from `inputs` (VS Code: SecretStorage), else from
 * the environment variable `MCP_INPUT_<ID>` (the CLI).
 */
export function resolveVariables(value: string, context: { env: Readonly<Record<string, string | undefined>>; workspace: string; homeDir: string; inputs?: Readonly<Record<string, string>> }): string {
  return value.replace(/\$\{([^}]+)\}/g, (whole, name: string) => {
    if (name === 'workspaceFolder') return context.workspace;
    if (name === 'userHome') return context.homeDir;
    if (name.startsWith('env:')) return context.env[name.slice(4)] ?? '';
    if (name.startsWith('input:') && context.inputs?.[name.slice(6)] !== undefined) return context.inputs[name.slice(6)];
    if (name.startsWith('input:')) return context.env[`MCP_INPUT_${name.slice(6).toUpperCase().replace(/[^A-Z0-9]/g, '_')}`] ?? '';
    return whole;
  });
}

/** `KEY=VALUE` lines of an `envFile` (comments and blank lines skipped, surrounding quotes removed). */
export async function readEnvFile(file: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const line of (await fs.readFile(file, 'utf8')).split(/\r?\n/)) {
    const match = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*)$/.exec(line);
    if (match) out[match[1]] = match[2].trim().replace(/^(['"])(.*)\1$/, '$2');
  }
  return out;
}
