/**
 * The MCP stdio transport on top of the one spawn helper: the SDK's own StdioClientTransport spawns the server
 * itself (with the agent's whole environment), so this one starts it through `spawnChild`, where the agent's
 * secrets are removed and only the server's configured variables are added. Newline-delimited JSON-RPC, as the
 * MCP stdio transport defines it; the server's stderr goes to the caller (the log).
 */
import { ReadBuffer, serializeMessage } from '@modelcontextprotocol/sdk/shared/stdio.js';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import type { JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';
import { spawnChild, type SpawnedChild } from '../childProcess';
import type { ProcessLaunch, SandboxedLaunch } from '../sandbox/commandSandbox';

export interface SpawnedStdioOptions {
  command: string;
  args: readonly string[];
  cwd: string;
  /** The agent's environment (scrubbed by spawnChild). */
  baseEnv: Readonly<Record<string, string | undefined>>;
  /** The server's configured variables (passed although secret-shaped, never the agent's key). */
  serverEnv: Readonly<Record<string, string>>;
  onStderr(line: string): void;
  /** Turns the launch into a sandboxed one (MCP servers in the sandbox); absent starts the server as it is. */
  confine?(launch: ProcessLaunch): Promise<SandboxedLaunch>;
}

/** How a server's process ended, for the error a pending call gets. */
export interface ExitInfo { code: number | null; signal: string | null }

export class SpawnedStdioTransport implements Transport {
  onclose?: () => void;
  onerror?: (error: Error) => void;
  onmessage?: <T extends JSONRPCMessage>(message: T) => void;
  private child: SpawnedChild | undefined;
  private readonly buffer = new ReadBuffer();
  /** Set once the process has ended. */
  exit: ExitInfo | undefined;

  constructor(private readonly options: SpawnedStdioOptions) {}

  async start(): Promise<void> {
    if (this.child) throw new Error('SpawnedStdioTransport already started');
    const { command, args, cwd, baseEnv, serverEnv, confine } = this.options;
    const plain: ProcessLaunch = { file: command, args: [...args], cwd, env: { ...baseEnv } };
    const launch = confine ? await confine(plain) : { ...plain, finish: async () => ({ deniedHosts: [], createdProtected: [] }) };
    return new Promise((resolve, reject) => {
      const child = spawnChild({ file: launch.file, args: launch.args, cwd: launch.cwd, env: launch.env, explicitEnv: serverEnv });
      this.child = child;
      child.on('error', (err) => { reject(err); this.onerror?.(err); });
      child.on('spawn', () => resolve());
      child.on('close', (code, signal) => {
        this.exit = { code, signal };
        this.child = undefined;
        // The sandbox's proxy (when the server may reach hosts) lives exactly as long as the server.
        void launch.finish().catch(() => undefined);
        this.onclose?.();
      });
      child.stdout.on('data', (chunk: Buffer) => this.receive(chunk));
      child.stdout.on('error', (err) => this.onerror?.(err));
      child.stdin?.on('error', (err) => this.onerror?.(err));
      child.stderr.on('data', (chunk: Buffer) => this.forwardStderr(chunk));
    });
  }

  private receive(chunk: Buffer): void {
    this.buffer.append(chunk);
    for (;;) {
      let message: JSONRPCMessage | null;
      try {
        message = this.buffer.readMessage();
      } catch (err) {
        // A malformed line is reported and skipped; the SDK keeps waiting for a proper answer (or its timeout).
        this.onerror?.(new Error(`The MCP server sent a line that is not JSON-RPC: ${(err as Error).message}`));
        continue;
      }
      if (message === null) return;
      this.onmessage?.(message);
    }
  }

  private forwardStderr(chunk: Buffer): void {
    for (const line of chunk.toString('utf8').split('\n')) if (line.trim() !== '') this.options.onStderr(line);
  }

  send(message: JSONRPCMessage): Promise<void> {
    return new Promise((resolve, reject) => {
      const stdin = this.child?.stdin;
      if (!stdin) return reject(new Error('The MCP server is not running.'));
      if (stdin.write(serializeMessage(message))) resolve();
      else stdin.once('drain', () => resolve());
    });
  }

  async close(): Promise<void> {
    const child = this.child;
    if (!child) return;
    const closed = new Promise<void>((resolve) => child.once('close', () => resolve()));
    child.stdin?.end();
    // The spec's shutdown: close stdin, then SIGTERM, then SIGKILL for a server that ignores both.
    const term = setTimeout(() => child.kill('SIGTERM'), 500);
    const kill = setTimeout(() => child.kill('SIGKILL'), 2000);
    await closed;
    clearTimeout(term);
    clearTimeout(kill);
    this.buffer.clear();
  }
}
