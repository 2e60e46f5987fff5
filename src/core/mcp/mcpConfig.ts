/**
 * MCP server configuration in the shapes users already have: VS Code's `mcp.json` (`servers`, each with `type`,
 * `command`/`args`/`env`/`envFile` or `url`/`headers`, plus `inputs`) and the `mcpServers` shape of other agents.
 * Parsing only: the host reads the files and resolves `${env:NAME}` / `${input:id}` values.
 */
import { parse as parseJsonc, printParseErrorCode, type ParseError } from 'jsonc-parser';
import { z } from 'zod';

/** Where a server was configured: a workspace's servers start only after the user approved their command line. */
export type McpOrigin = 'user' | 'cli' | 'workspace';

const stringMap = z.record(z.string(), z.string());

const serverEntry = z.object({
  type: z.enum(['stdio', 'http', 'sse', 'streamableHttp', 'streamable-http']).optional(),
  command: z.string().min(1).optional(),
  args: z.array(z.string()).default([]),
  env: z.record(z.string(), z.union([z.string(), z.number(), z.null()])).default({}),
  envFile: z.string().optional(),
  cwd: z.string().optional(),
  url: z.string().optional(),
  headers: stringMap.default({}),
  /** Seconds a call may take (the `timeout` other agents' configs use); default 60. */
  timeout: z.number().positive().optional(),
  disabled: z.boolean().optional(),
}).loose();

const inputEntry = z.object({ id: z.string(), type: z.string().optional(), description: z.string().optional(), password: z.boolean().optional() }).loose();

const configFile = z.object({
  servers: z.record(z.string(), serverEntry).optional(),
  mcpServers: z.record(z.string(), serverEntry).optional(),
  inputs: z.array(inputEntry).default([]),
}).loose();

/** How a server is reached. */
export type McpTransportConfig =
  | { kind: 'stdio'; command: string; args: string[]; env: Record<string, string>; envFile?: string; cwd?: string }
  /** `isLegacySse`: the server was configured as `type: "sse"` (the 2024-11-05 HTTP+SSE transport). */
  | { kind: 'http'; url: string; headers: Record<string, string>; isLegacySse?: boolean };

/** One server, normalised. `name` is the key it was configured under. */
export interface McpServerConfig {
  name: string;
  origin: McpOrigin;
  /** The file it came from, for messages. */
  source: string;
  transport: McpTransportConfig;
  timeoutMs: number;
}

/** The exact command line or URL of a server: what the user approves for a workspace server. */
export function launchLine(server: McpServerConfig): string {
  const t = server.transport;
  if (t.kind === 'http') return t.url;
  const env = Object.entries(t.env).map(([k, v]) => `${k}=${JSON.stringify(v)}`);
  return [...env, t.command, ...t.args].map((part) => (/^[\w@%+=:,./-]+$/.test(part) || part.includes('=') ? part : JSON.stringify(part))).join(' ');
}

/** Parses one config file's text; throws an Error naming the file and the problem. */
export function parseMcpConfig(text: string, origin: McpOrigin, source: string): McpServerConfig[] {
  // VS Code's mcp.json is JSONC: comments and trailing commas are allowed.
  const errors: ParseError[] = [];
  const json: unknown = parseJsonc(text, errors, { allowTrailingComma: true });
  if (errors.length) throw new Error(`${source} is not valid JSON: ${printParseErrorCode(errors[0].error)} at offset ${errors[0].offset}`);
  const parsed = configFile.safeParse(json);
  if (!parsed.success) throw new Error(`${source} is not an MCP configuration:\n${z.prettifyError(parsed.error)}`);
  const entries = { ...parsed.data.mcpServers, ...parsed.data.servers };
  return Object.entries(entries).filter(([, e]) => !e.disabled).map(([name, entry]) => toServer(name, entry, origin, source));
}

function toServer(name: string, entry: z.infer<typeof serverEntry>, origin: McpOrigin, source: string): McpServerConfig {
  const timeoutMs = (entry.timeout ?? 60) * 1000;
  const isHttp = entry.type !== undefined && entry.type !== 'stdio';
  if (isHttp || (entry.url && !entry.command)) {
    if (!entry.url) throw new Error(`${source}: server "${name}" has type ${entry.type} but no url.`);
    return { name, origin, source, timeoutMs, transport: { kind: 'http', url: entry.url, headers: entry.headers, ...(entry.type === 'sse' ? { isLegacySse: true } : {}) } };
  }
  if (!entry.command) throw new Error(`${source}: server "${name}" has neither a command nor a url.`);
  const env = Object.fromEntries(Object.entries(entry.env).filter(([, v]) => v !== null).map(([k, v]) => [k, String(v)]));
  return { name, origin, source, timeoutMs, transport: { kind: 'stdio', command: entry.command, args: entry.args, env, envFile: entry.envFile, cwd: entry.cwd } };
}
