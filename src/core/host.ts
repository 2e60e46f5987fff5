/**
 * The host interfaces: everything the engine needs from the outside world. `src/node/` implements them for
 * Node (and so for the CLI); the VS Code host wraps or replaces some of them. All paths are absolute.
 */
import type { AllowListEntry, RiskClass } from '../protocol/events';
import type { ChangeView } from '../protocol/change';
import type { SandboxSpec, SandboxStatus } from './policy/sandboxStatus';

/** What `stat` reports; `undefined` from `stat` means the path does not exist. */
export interface FileStat {
  isFile: boolean;
  isDirectory: boolean;
  isSymbolicLink: boolean;
  size: number;
  mtimeMs: number;
}

/** One entry of a directory listing. */
export interface DirEntry {
  name: string;
  isFile: boolean;
  isDirectory: boolean;
  isSymbolicLink: boolean;
}

/** A file-system change seen by a watcher. */
export interface FileChange {
  kind: 'created' | 'changed' | 'deleted';
  path: string;
}

/** Workspace files. Writes are atomic: a reader sees the old or the new content, never half of it. */
export interface WorkspaceFiles {
  readFile(path: string): Promise<Uint8Array>;
  /** Atomic write; creates parent folders. */
  writeFile(path: string, data: Uint8Array): Promise<void>;
  deleteFile(path: string): Promise<void>;
  rename(from: string, to: string): Promise<void>;
  stat(path: string): Promise<FileStat | undefined>;
  /** `lstat`: does not follow a final symlink. */
  lstat(path: string): Promise<FileStat | undefined>;
  /** Resolves symlinks; rejects if the path does not exist. */
  realpath(path: string): Promise<string>;
  readlink(path: string): Promise<string>;
  list(dir: string): Promise<DirEntry[]>;
  watch?(root: string, onChange: (change: FileChange) => void): Disposable;
}

/** Anything that holds resources until disposed. */
export interface Disposable {
  dispose(): void;
}

/** Options of one child process. */
export interface ProcessOptions {
  cwd: string;
  env?: Record<string, string | undefined>;
  timeoutMs: number;
  /** Bytes of combined output kept; the rest is dropped and `isTruncated` set. */
  maxOutputBytes: number;
  signal?: AbortSignal;
  onOutput?: (chunk: string) => void;
  stdin?: string;
  /** Run inside the OS sandbox with these limits; absent runs with the user's full rights. */
  sandbox?: SandboxSpec;
}

/** The outcome of one child process. Output is stdout and stderr interleaved, decoded as UTF-8 with replacement. */
export interface ProcessResult {
  exitCode: number | null;
  signal: string | null;
  output: string;
  isTimedOut: boolean;
  isCancelled: boolean;
  isTruncated: boolean;
  durationMs: number;
  /** Hosts the sandbox's proxy refused to connect to during this run (sandboxed runs only). */
  sandboxDeniedHosts?: string[];
  /** Protected files or folders the run created directly in a workspace root, which the sandbox cannot prevent. */
  sandboxCreatedProtected?: string[];
}

/** Runs child processes, each in its own process group that is killed whole on timeout or cancellation. */
export interface Shell {
  /** Runs a command line through the user's shell (`bash -c` on POSIX). */
  run(command: string, options: ProcessOptions): Promise<ProcessResult>;
  /** Runs a program directly with an argument vector, no shell. */
  exec(file: string, args: string[], options: ProcessOptions): Promise<ProcessResult>;
  /** Finds a program on PATH, or undefined. */
  which(program: string): Promise<string | undefined>;
  /** Whether `run` can honour `ProcessOptions.sandbox` here, and why not; absent means it never can. */
  sandboxStatus?(): Promise<SandboxStatus>;
}

/** One pending action the user is asked about. `id` is one-time: a decision for another id approves nothing. */
export interface ApprovalRequest {
  id: string;
  callId: string;
  risk: RiskClass;
  toolName: string;
  title: string;
  detail: string;
  /** Why this needs the user (policy, protected path, command analysis...). */
  reasons: string[];
  change?: ChangeView;
  /** When set, the user may also answer "always allow" (the label says what): an MCP tool, remembered per server. */
  alwaysAllowLabel?: string;
  /** What the user may add to the workspace's allow-list so the same action runs without asking (see PolicyGate). */
  allowable?: AllowListEntry;
}

/**
 * The user's answer. For a change, `acceptedHunks` (indexes) accepts part of it; absent means all hunks.
 * `isAlways`: the user chose the request's "always allow" answer (only meaningful when it offered one).
 */
export type ApprovalDecision =
  | { isApproved: true; acceptedHunks?: number[]; isAlways?: boolean }
  | { isApproved: false; reason?: string };

/** Asks the user about one pending action at a time. Rejects with an AbortError if the signal fires. */
export interface Approvals {
  request(request: ApprovalRequest, signal: AbortSignal): Promise<ApprovalDecision>;
  /** Asks the user a free-text question (the `ask_user` tool); resolves with the answer. */
  askQuestion(question: string, signal: AbortSignal): Promise<string>;
}

/** A line-oriented append-only log of one task (JSONL). */
export interface TranscriptWriter {
  append(record: object): void;
  /** Flushes and closes; safe to call twice. */
  close(): Promise<void>;
  readonly location: string;
}

/** Persistent storage: key/value state and task transcripts. */
export interface Store {
  get<T>(key: string): Promise<T | undefined>;
  set(key: string, value: unknown): Promise<void>;
  openTranscript(taskId: string): TranscriptWriter;
  readTranscript(taskId: string): Promise<object[]>;
  listTasks(): Promise<{ taskId: string; mtimeMs: number }[]>;
}

/** Diagnostics for developers. Implementations redact secrets before anything leaves the process. */
export interface Logger {
  debug(message: string, ...details: unknown[]): void;
  info(message: string, ...details: unknown[]): void;
  warn(message: string, ...details: unknown[]): void;
  error(message: string, ...details: unknown[]): void;
}

/**
 * Git operations on the user's repository (the hardened git in `src/node/`): no program the repository's config
 * names runs, except the hooks of a commit the user approved.
 */
export interface GitHost {
  isRepo(root: string): Promise<boolean>;
  status(root: string): Promise<string>;
  diff(root: string, options: { staged?: boolean; paths?: string[] }): Promise<string>;
  log(root: string, options: { maxCount: number; path?: string }): Promise<string>;
  commit(root: string, message: string, paths?: string[]): Promise<string>;
  /** Absolute paths the repository's real config makes part of git's behaviour (core.hooksPath, included files). */
  behaviourPaths?(root: string): Promise<string[]>;
}

/** A text search match grouped by file. */
export interface SearchMatch {
  path: string;
  line: number;
  text: string;
  before: string[];
  after: string[];
}

/** A text search over workspace files, honouring .gitignore. */
export interface TextSearch {
  search(query: {
    root: string;
    pattern: string;
    isRegex: boolean;
    isCaseSensitive: boolean;
    include?: string[];
    contextLines: number;
    maxMatches: number;
    signal?: AbortSignal;
  }): Promise<{ matches: SearchMatch[]; isTruncated: boolean; engine: 'ripgrep' | 'js' }>;
}

/** Problems an editor reports for a file (VS Code's language services). Only the VS Code host has it. */
export interface DiagnosticsSource {
  /** The errors that appeared in `path` since its last write began, after a short settle time; capped. */
  errorsAfterEdit(path: string, signal?: AbortSignal): Promise<string[]>;
}

/** One HTTP GET. Redirects are not followed: the caller re-checks each hop. The body stops at `maxBytes`. */
export interface HttpRequest {
  url: string;
  timeoutMs: number;
  maxBytes: number;
  signal?: AbortSignal;
  headers?: Record<string, string>;
}

/** The answer to one GET. Header names are lower case. */
export interface HttpResponse {
  status: number;
  headers: Record<string, string>;
  body: Uint8Array;
  isTruncated: boolean;
}

/** Network reads (`fetch_url`, `web_search`). Nothing else in the engine makes network requests. */
export interface HttpClient {
  get(request: HttpRequest): Promise<HttpResponse>;
  /** One POST of a JSON body (a search API that takes its query that way); redirects are not followed. */
  post?(request: HttpRequest & { body: string }): Promise<HttpResponse>;
}

/** Everything a host hands to the engine. Optional members are features a host may not have. */
export interface Host {
  files: WorkspaceFiles;
  shell: Shell;
  approvals: Approvals;
  store: Store;
  logger: Logger;
  git: GitHost;
  search: TextSearch;
  /** The user's home folder, so that the sandbox can expand `~` and refuse it as a workspace. */
  homeDir: string;
  platform: 'linux' | 'darwin' | 'win32' | string;
  /** Network reads for `fetch_url`; without it the tool reports that this host cannot fetch. */
  http?: HttpClient;
  /** New errors after an accepted edit, to return with the tool result (VS Code host only). */
  diagnostics?: DiagnosticsSource;
}
