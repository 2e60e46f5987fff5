/**
 * What the engine needs from MCP servers, with no I/O of its own: the Node host (`src/node/mcp/`) starts the
 * servers and speaks the protocol. Everything a server sends (names, descriptions, schemas, results) is
 * untrusted: the adapter in `mcpTools.ts` fences it.
 */
import type { McpServerConfig } from './mcpConfig';

/** One tool as a server lists it (raw, unverified). */
export interface McpToolInfo {
  name: string;
  description: string;
  inputSchema: Record<string, unknown>;
}

/** One content block of a tool result, as the server sent it. */
export interface McpContentBlock {
  type: string;
  text?: string;
  mimeType?: string;
  data?: string;
  uri?: string;
  resource?: { uri?: string; text?: string; mimeType?: string; blob?: string };
  [key: string]: unknown;
}

/** What a tool call returned. */
export interface McpCallOutcome {
  content: McpContentBlock[];
  structuredContent?: unknown;
  isError: boolean;
}

/** One resource as a server lists it (raw, unverified). */
export interface McpResourceInfo {
  uri: string;
  name: string;
  description?: string;
  mimeType?: string;
}

/** Where a server is in its life, for the status views (`auto-agent mcp list`, VS Code's MCP Servers). */
export type McpServerStatus =
  | { kind: 'idle' } | { kind: 'starting' } | { kind: 'running' }
  | { kind: 'refused'; message: string } | { kind: 'failed'; message: string };

/** Starts MCP servers lazily (on first use), talks to them, and stops them all on dispose. */
export interface McpHost {
  readonly servers: readonly McpServerConfig[];
  listTools(server: string, signal?: AbortSignal): Promise<McpToolInfo[]>;
  callTool(server: string, tool: string, args: Record<string, unknown>, signal: AbortSignal): Promise<McpCallOutcome>;
  /** True when the server (started) said it has resources. */
  hasResources(server: string): boolean;
  /** The server's resources (empty when it offers none). */
  listResources(server: string, signal?: AbortSignal): Promise<McpResourceInfo[]>;
  /** One resource's contents, as blocks of type `resource`. */
  readResource(server: string, uri: string, signal: AbortSignal): Promise<McpContentBlock[]>;
  /** Calls `listener` when a server sends `notifications/tools/list_changed`; returns the unsubscribe. */
  onToolsChanged(listener: (server: string) => void): () => void;
  status(server: string): McpServerStatus;
  /** Stops every server started so far. */
  dispose(): Promise<void>;
}
