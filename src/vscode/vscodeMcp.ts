/**
 * MCP servers in VS Code: the user's own `mcp.json` (beside settings.json in the profile), the user's `mcp` setting,
 * and each workspace folder's `.vscode/mcp.json`. A workspace server starts only in a trusted workspace and only
 * after the user approved its exact command line or URL in a modal dialog (a changed line asks again); in
 * Restricted Mode it never starts. `${input:id}` values come from SecretStorage (asked once, never from settings).
 * One host per window: servers start on first use and stop with the window (or when the configuration changes).
 */
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { Approvals, Logger, Store } from '../core/host';
import type { SandboxMode } from '../core/policy/sandboxStatus';
import { approveLaunch } from '../core/mcp/launchApproval';
import { parseMcpConfig, type McpServerConfig } from '../core/mcp/mcpConfig';
import { loadMcpTools } from '../core/mcp/mcpTools';
import type { ToolDefinition } from '../core/tools/tool';
import { NodeMcpHost } from '../node/mcp/nodeMcpHost';
import { confineServers } from '../node/mcp/sandboxedServers';
import { NodeStore } from '../node/nodeStore';
import { CommandSandbox } from '../node/sandbox/commandSandbox';
import { sandboxSpecFor } from '../core/testing/commandSandboxing';
import { readAgentSettings, readHostSettings } from './vscodeSettings';

/** Why a workspace server is not started in Restricted Mode (the status views and the refusal say it). */
export const restrictedMcpMessage = 'Restricted Mode: servers configured by this workspace never start until you trust it.';

const startChoice = 'Start Server';

/** The configured servers and the files that could not be read. */
export interface McpConfiguration {
  servers: McpServerConfig[];
  problems: string[];
}

export class VscodeMcp implements vscode.Disposable {
  /** The user's own storage (global, never the workspace's): launch approvals, pins, "always allow". */
  readonly userStore: Store;
  private current: { key: string; host: NodeMcpHost } | undefined;

  constructor(private readonly context: vscode.ExtensionContext, private readonly logger: Logger) {
    this.userStore = new NodeStore(path.join(context.globalStorageUri.fsPath, 'mcp'));
  }

  /** Every configured server; a user server wins over a workspace server of the same name. */
  async configuration(): Promise<McpConfiguration> {
    const problems: string[] = [];
    const byName = new Map<string, McpServerConfig>();
    const add = (text: string | undefined, origin: McpServerConfig['origin'], source: string): void => {
      if (text === undefined) return;
      try {
        for (const server of parseMcpConfig(text, origin, source)) byName.set(server.name, server);
      } catch (err) {
        problems.push((err as Error).message);
      }
    };
    const read = (file: string): Promise<string | undefined> => readIfExists(file).catch((err: Error) => {
      problems.push(err.message);
      return undefined;
    });
    for (const folder of vscode.workspace.workspaceFolders ?? []) {
      if (folder.uri.scheme === 'file') add(await read(path.join(folder.uri.fsPath, '.vscode', 'mcp.json')), 'workspace', path.join(folder.name, '.vscode', 'mcp.json'));
    }
    const setting = vscode.workspace.getConfiguration().inspect<object>('mcp')?.globalValue;
    if (setting) add(JSON.stringify(setting), 'user', 'user settings ("mcp")');
    add(await read(this.userMcpJson()), 'user', this.userMcpJson());
    return { servers: [...byName.values()], problems };
  }

  /** The window's MCP host for the current configuration (a changed configuration stops the old servers). */
  async host(): Promise<{ host: NodeMcpHost; configuration: McpConfiguration }> {
    const configuration = await this.configuration();
    const { sandbox, isMcpSandboxed } = readHostSettings();
    // The sandbox settings are part of what a running server was started with: a change restarts the servers.
    const key = JSON.stringify({ servers: configuration.servers, sandbox: isMcpSandboxed ? sandbox : 'none' });
    if (this.current?.key !== key) {
      void this.current?.host.dispose();
      this.current = { key, host: this.createHost(configuration.servers, isMcpSandboxed ? sandbox : undefined) };
    }
    return { host: this.current.host, configuration };
  }

  /** The servers' tools for one task (none when nothing is configured). */
  async tools(reserved: readonly string[], signal: AbortSignal): Promise<ToolDefinition[]> {
    const { host, configuration } = await this.host();
    for (const problem of configuration.problems) this.logger.warn(`MCP: ${problem}`);
    if (configuration.servers.length === 0) return [];
    return loadMcpTools({ host, store: this.userStore, userStore: this.userStore, logger: this.logger, reserved, signal });
  }

  dispose(): void {
    void this.current?.host.dispose();
    this.current = undefined;
  }

  /** VS Code's user `mcp.json`: beside the profile's settings.json, two levels above this extension's global storage. */
  private userMcpJson(): string {
    return path.join(path.dirname(path.dirname(this.context.globalStorageUri.fsPath)), 'mcp.json');
  }

  /** `sandboxMode`: start stdio servers in the OS sandbox (autoAgent.sandbox.mcpServers) with that mode. */
  private createHost(servers: McpServerConfig[], sandboxMode?: SandboxMode): NodeMcpHost {
    const folder = vscode.workspace.workspaceFolders?.find((f) => f.uri.scheme === 'file')?.uri.fsPath ?? os.homedir();
    const sandbox = sandboxMode && new CommandSandbox({ mode: sandboxMode, homeDir: os.homedir(), hiddenPaths: [this.context.globalStorageUri.fsPath] });
    return new NodeMcpHost({
      servers, cwd: folder, homeDir: os.homedir(), env: process.env, logger: this.logger,
      confine: sandbox ? confineServers({ sandbox, spec: sandboxSpecFor(readAgentSettings(), [folder]), logger: this.logger }) : undefined,
      canStart: async (server, signal) => {
        if (server.origin !== 'workspace') return true;
        // Read at start time, not when the host was built: trust can be granted (never revoked) in a session.
        if (!vscode.workspace.isTrusted) throw new Error(`The MCP server "${server.name}" was not started. ${restrictedMcpMessage}`);
        return approveLaunch(server, { store: this.userStore, approvals: modalApprovals, workspace: folder }, signal ?? new AbortController().signal);
      },
      resolveInput: (id, server) => this.input(id, server),
    });
  }

  /** `${input:id}` from SecretStorage; asked once (masked) and kept there. */
  private async input(id: string, server: McpServerConfig): Promise<string | undefined> {
    const key = `autoAgent.mcp.input.${id}`;
    const stored = await this.context.secrets.get(key);
    if (stored !== undefined) return stored;
    const value = await vscode.window.showInputBox({
      title: `Auto Agent: the MCP server "${server.name}" needs "${id}"`, prompt: 'Kept in VS Code\'s SecretStorage, never in settings.', password: true, ignoreFocusOut: true,
    });
    if (value !== undefined) await this.context.secrets.store(key, value);
    return value;
  }
}

/** The launch approval as a modal dialog that shows the exact command line (no task or panel needed). */
const modalApprovals: Approvals = {
  async request(request) {
    const choice = await vscode.window.showWarningMessage(request.title, { modal: true, detail: request.detail }, startChoice);
    return choice === startChoice ? { isApproved: true } : { isApproved: false, reason: 'The user did not approve the server\'s command line.' };
  },
  askQuestion: async () => '',
};

async function readIfExists(file: string): Promise<string | undefined> {
  return fs.readFile(file, 'utf8').catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT') return undefined;
    throw new Error(`Cannot read the MCP configuration ${file}: ${err.message}`);
  });
}
