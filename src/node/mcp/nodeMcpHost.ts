/**
 * The Node MCP host: starts each configured server on first use (stdio through the one spawn helper, or
 * streamable HTTP), speaks MCP with the official SDK client, and stops every server on dispose. A server that
 * exits is started again on the next use, after a backoff. Its stderr goes to the log.
 */
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { SSEClientTransport } from '@modelcontextprotocol/sdk/client/sse.js';
import { StreamableHTTPClientTransport, StreamableHTTPError } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import type { Logger } from '../../core/host';
import { ToolListChangedNotificationSchema, type ServerCapabilities } from '@modelcontextprotocol/sdk/types.js';
import type { McpCallOutcome, McpContentBlock, McpHost, McpResourceInfo, McpServerStatus, McpToolInfo } from '../../core/mcp/mcpHost';
import type { McpServerConfig } from '../../core/mcp/mcpConfig';
import * as path from 'node:path';
import type { ProcessLaunch, SandboxedLaunch } from '../sandbox/commandSandbox';
import { SpawnedStdioTransport } from './spawnedStdioTransport';
import { readEnvFile, resolveVariables } from './mcpConfigFiles';
import { version } from '../../../package.json';

export interface NodeMcpHostOptions {
  servers: readonly McpServerConfig[];
  /** The workspace: stdio servers start there unless they name their own `cwd`; `${workspaceFolder}`. */
  cwd: string;
  homeDir: string;
  env: Readonly<Record<string, string | undefined>>;
  logger: Logger;
  /**
   * Asked before a server starts (a workspace server's command line needs the user's approval); false refuses.
   * It may throw to refuse with its own reason (VS Code's Restricted Mode).
   */
  canStart(server: McpServerConfig, signal?: AbortSignal): Promise<boolean>;
  /** Starts stdio servers inside the OS sandbox (the sandbox-MCP setting); absent starts them as they are. */
  confine?(launch: ProcessLaunch): Promise<SandboxedLaunch>;
  /** The value of `${input:id}` (VS Code: SecretStorage, asked once); without it, `MCP_INPUT_<ID>` from `env`. */
  resolveInput?(id: string, server: McpServerConfig): Promise<string | undefined>;
}

interface Connection { client: Client; transport: Transport; }

const restartBackoffMs = [0, 500, 2000, 5000];

export class NodeMcpHost implements McpHost {
  private readonly connections = new Map<string, Promise<Connection>>();
  private readonly crashes = new Map<string, { count: number; at: number }>();
  /** The latest transport of each server, to say how its process ended. */
  private readonly transports = new Map<string, Transport>();
  private readonly statuses = new Map<string, McpServerStatus>();
  private readonly toolListeners = new Set<(server: string) => void>();
  private readonly capabilities = new Map<string, ServerCapabilities | undefined>();

  constructor(private readonly options: NodeMcpHostOptions) {}

  get servers(): readonly McpServerConfig[] {
    return this.options.servers;
  }

  async listTools(server: string, signal?: AbortSignal): Promise<McpToolInfo[]> {
    const { client } = await this.connect(server, signal);
    const tools: McpToolInfo[] = [];
    let cursor: string | undefined;
    do {
      const page = await client.listTools(cursor ? { cursor } : undefined, { signal, timeout: this.config(server).timeoutMs });
      for (const t of page.tools) tools.push({ name: t.name, description: t.description ?? '', inputSchema: t.inputSchema as Record<string, unknown> });
      cursor = page.nextCursor;
    } while (cursor);
    return tools;
  }

  async callTool(server: string, tool: string, args: Record<string, unknown>, signal: AbortSignal): Promise<McpCallOutcome> {
    const { client } = await this.connect(server, signal);
    const scoped = scopedSignal(signal);
    try {
      const result = await client.callTool({ name: tool, arguments: args }, undefined, { signal: scoped.signal, timeout: this.config(server).timeoutMs, resetTimeoutOnProgress: true });
      return { content: (result.content ?? []) as McpContentBlock[], structuredContent: result.structuredContent, isError: result.isError === true };
    } catch (err) {
      throw new Error(this.describeFailure(server, err as Error));
    } finally {
      scoped.release();
    }
  }

  async listResources(server: string, signal?: AbortSignal): Promise<McpResourceInfo[]> {
    const { client } = await this.connect(server, signal);
    if (!client.getServerCapabilities()?.resources) return [];
    const found: McpResourceInfo[] = [];
    let cursor: string | undefined;
    do {
      const page = await client.listResources(cursor ? { cursor } : undefined, { signal, timeout: this.config(server).timeoutMs });
      for (const r of page.resources) found.push({ uri: r.uri, name: r.name, description: r.description, mimeType: r.mimeType });
      cursor = page.nextCursor;
    } while (cursor && found.length < 1000);
    return found;
  }

  async readResource(server: string, uri: string, signal: AbortSignal): Promise<McpContentBlock[]> {
    const { client } = await this.connect(server, signal);
    const scoped = scopedSignal(signal);
    try {
      const result = await client.readResource({ uri }, { signal: scoped.signal, timeout: this.config(server).timeoutMs });
      return result.contents.map((c) => ({ type: 'resource', resource: { uri: c.uri, mimeType: c.mimeType, text: 'text' in c ? c.text : undefined, blob: 'blob' in c ? c.blob : undefined } }));
    } catch (err) {
      throw new Error(this.describeFailure(server, err as Error));
    } finally {
      scoped.release();
    }
  }

  hasResources(server: string): boolean {
    return this.capabilities.get(server)?.resources !== undefined;
  }

  onToolsChanged(listener: (server: string) => void): () => void {
    this.toolListeners.add(listener);
    return () => this.toolListeners.delete(listener);
  }

  status(server: string): McpServerStatus {
    return this.statuses.get(server) ?? { kind: 'idle' };
  }

  async dispose(): Promise<void> {
    const all = [...this.connections.values()];
    this.connections.clear();
    await Promise.all(all.map(async (c) => (await c.catch(() => undefined))?.client.close().catch(() => undefined)));
  }

  private config(name: string): McpServerConfig {
    const found = this.options.servers.find((s) => s.name === name);
    if (!found) throw new Error(`No MCP server named "${name}" is configured.`);
    return found;
  }

  private connect(name: string, signal?: AbortSignal): Promise<Connection> {
    let connection = this.connections.get(name);
    if (!connection) {
      connection = this.open(this.config(name), signal);
      this.connections.set(name, connection);
      this.statuses.set(name, { kind: 'starting' });
      connection.then(() => this.statuses.set(name, { kind: 'running' }), (err: Error) => {
        // A failed start is not cached: the next use tries again (after the backoff).
        this.connections.delete(name);
        this.statuses.set(name, { kind: err instanceof StartRefused ? 'refused' : 'failed', message: err.message });
      });
    }
    return connection;
  }

  private async open(server: McpServerConfig, signal?: AbortSignal): Promise<Connection> {
    const isAllowed = await this.options.canStart(server, signal).catch((err: Error) => { throw new StartRefused(err.message); });
    if (!isAllowed) throw new StartRefused(`The MCP server "${server.name}" was not started: its command line was not approved.`);
    await this.waitBackoff(server.name);
    try {
      return await this.connectOver(server, await this.transportFor(server), signal);
    } catch (err) {
      // The spec's backwards compatibility: a server that refuses the streamable HTTP POST (404, 405) may speak
      // the older HTTP+SSE transport at the same URL.
      if (!isRefusedByOldServer(server, err)) throw err;
      this.options.logger.info(`MCP ${server.name}: no streamable HTTP at ${server.transport.kind === 'http' ? server.transport.url : ''}; trying HTTP+SSE.`);
      return this.connectOver(server, await this.transportFor(server, true), signal);
    }
  }

  private async connectOver(server: McpServerConfig, transport: Transport, signal?: AbortSignal): Promise<Connection> {
    this.transports.set(server.name, transport);
    const client = new Client({ name: 'auto-agent', version });
    client.onclose = () => this.noteClosed(server.name);
    client.onerror = (err) => this.options.logger.warn(`MCP ${server.name}: ${err.message}`);
    client.setNotificationHandler(ToolListChangedNotificationSchema, () => {
      for (const listener of this.toolListeners) listener(server.name);
    });
    try {
      await client.connect(transport, { signal, timeout: server.timeoutMs });
    } catch (err) {
      await client.close().catch(() => undefined);
      throw new ConnectFailed(this.describeFailure(server.name, err as Error, transport, 'start'), err);
    }
    this.capabilities.set(server.name, client.getServerCapabilities());
    return { client, transport };
  }

  /** The transport, with `${env:...}`-style variables resolved only now, after any approval of the configured line. */
  private async transportFor(server: McpServerConfig, isSseFallback = false): Promise<Transport> {
    const t = server.transport;
    const context = { env: this.options.env, workspace: this.options.cwd, homeDir: this.options.homeDir, inputs: await this.inputsFor(server) };
    const resolve = (v: string): string => resolveVariables(v, context);
    const resolveAll = (map: Record<string, string>): Record<string, string> => Object.fromEntries(Object.entries(map).map(([k, v]) => [k, resolve(v)]));
    if (t.kind === 'http') {
      const options = { requestInit: { headers: resolveAll(t.headers) } };
      return t.isLegacySse || isSseFallback ? new SSEClientTransport(new URL(resolve(t.url)), options) : new StreamableHTTPClientTransport(new URL(resolve(t.url)), options);
    }
    const fromFile = t.envFile ? await readEnvFile(path.resolve(this.options.cwd, resolve(t.envFile))) : {};
    return new SpawnedStdioTransport({
      command: resolve(t.command), args: t.args.map(resolve), cwd: path.resolve(this.options.cwd, resolve(t.cwd ?? '.')), baseEnv: this.options.env,
      serverEnv: { ...fromFile, ...resolveAll(t.env) },
      onStderr: (line) => this.options.logger.info(`MCP ${server.name} stderr: ${line}`), confine: this.options.confine,
    });
  }

  /** The `${input:id}` values the server's configuration names, from the host's resolver (asked only now, at start). */
  private async inputsFor(server: McpServerConfig): Promise<Record<string, string>> {
    const ids = new Set([...JSON.stringify(server.transport).matchAll(/\$\{input:([^}]+)\}/g)].map((m) => m[1]));
    const inputs: Record<string, string> = {};
    for (const id of ids) {
      const value = await this.options.resolveInput?.(id, server);
      if (value !== undefined) inputs[id] = value;
    }
    return inputs;
  }

  private noteClosed(name: string): void {
    this.connections.delete(name);
    if (this.statuses.get(name)?.kind === 'running') this.statuses.set(name, { kind: 'idle' });
    const last = this.crashes.get(name);
    this.crashes.set(name, { count: (last?.count ?? 0) + 1, at: Date.now() });
  }

  private async waitBackoff(name: string): Promise<void> {
    const crash = this.crashes.get(name);
    if (!crash) return;
    const wait = restartBackoffMs[Math.min(crash.count, restartBackoffMs.length - 1)] - (Date.now() - crash.at);
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
  }

  /** A failure written for the model and the user: which server, what happened, how the process ended. */
  private describeFailure(name: string, err: Error, transport?: Transport, phase = 'call'): string {
    const used = transport ?? this.transports.get(name);
    const exit = used instanceof SpawnedStdioTransport ? used.exit : undefined;
    const how = exit ? ` The server's process exited (${exit.signal ? `signal ${exit.signal}` : `code ${exit.code}`}).` : '';
    const timedOut = /timed out/i.test(err.message) ? ` It did not answer within ${this.config(name).timeoutMs / 1000} s.` : '';
    return `The MCP server "${name}" failed during the ${phase}: ${err.message}.${timedOut}${how}`;
  }

}

/** The host or the user refused the start: not a crash, so the status says "refused". */
class StartRefused extends Error {}

/**
 * A signal for one request that follows `outer`. The SDK adds an abort listener to the signal of every request
 * and never removes it; the task's signal lives for the whole task, so each call gets its own.
 */
function scopedSignal(outer: AbortSignal): { signal: AbortSignal; release(): void } {
  const controller = new AbortController();
  const onAbort = (): void => controller.abort(outer.reason);
  if (outer.aborted) controller.abort(outer.reason);
  else outer.addEventListener('abort', onAbort, { once: true });
  return { signal: controller.signal, release: () => outer.removeEventListener('abort', onAbort) };
}

/** A start that failed, with the SDK's own error kept to decide on the HTTP+SSE fallback. */
class ConnectFailed extends Error {
  constructor(message: string, readonly original: unknown) {
    super(message);
  }
}

/** True when a streamable HTTP start was refused the way a server of the older HTTP+SSE transport refuses it. */
function isRefusedByOldServer(server: McpServerConfig, err: unknown): boolean {
  if (server.transport.kind !== 'http' || server.transport.isLegacySse) return false;
  const original = err instanceof ConnectFailed ? err.original : err;
  return original instanceof StreamableHTTPError && (original.code === 404 || original.code === 405);
}
