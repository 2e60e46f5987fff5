/**
 * Builds a real Host and ToolContext for tests: real files and processes in a temporary folder, scripted
 * approvals that record what they were asked, and an in-memory store. Nothing here is production code.
 */
import { mkdtempSync, realpathSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { AgentEvent, AgentEventInput } from '../../src/protocol/events';
import type { ApprovalDecision, ApprovalRequest, Approvals, GitHost, Host, Logger, Shell, Store, TextSearch, TranscriptWriter } from '../../src/core/host';
import { NodeFiles } from '../../src/node/nodeFiles';
import { NodeShell } from '../../src/node/nodeShell';
import { resolveSettings, type AgentSettings } from '../../src/core/settings';
import { WorkspacePathGuard } from '../../src/core/policy/pathGuard';
import { PolicyGate, type PermissionRule } from '../../src/core/policy/permissionGate';
import { ChangePipeline, type ChangeProposer } from '../../src/core/edits/changeProposer';
import { TaskState } from '../../src/core/loop/taskState';
import type { ToolContext } from '../../src/core/tools/tool';

/** A fresh canonical temporary folder, removed by the returned cleanup. */
export function makeTempDir(prefix = 'auto-agent-test-'): { dir: string; cleanup(): void } {
  const dir = realpathSync(mkdtempSync(path.join(os.tmpdir(), prefix)));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Approvals that answer from a queue (default: approve) and record every request. */
export class ScriptedApprovals implements Approvals {
  readonly requests: ApprovalRequest[] = [];
  readonly questions: string[] = [];
  constructor(public decisions: ApprovalDecision[] = [], public answers: string[] = [], public fallback: ApprovalDecision = { isApproved: true }) {}

  async request(request: ApprovalRequest): Promise<ApprovalDecision> {
    this.requests.push(request);
    return this.decisions.shift() ?? this.fallback;
  }

  async askQuestion(question: string): Promise<string> {
    this.questions.push(question);
    return this.answers.shift() ?? '';
  }
}

/** An in-memory Store. */
export class MemoryStore implements Store {
  readonly values = new Map<string, unknown>();
  readonly transcripts = new Map<string, object[]>();
  async get<T>(key: string): Promise<T | undefined> { return this.values.get(key) as T | undefined; }
  async set(key: string, value: unknown): Promise<void> { this.values.set(key, value); }
  openTranscript(taskId: string): TranscriptWriter {
    const lines: object[] = [];
    this.transcripts.set(taskId, lines);
    return { append: (r) => lines.push(r), close: async () => undefined, location: `memory:${taskId}` };
  }
  async readTranscript(taskId: string): Promise<object[]> { return this.transcripts.get(taskId) ?? []; }
  async listTasks(): Promise<{ taskId: string; mtimeMs: number }[]> { return [...this.transcripts.keys()].map((taskId) => ({ taskId, mtimeMs: 0 })); }
}

const missing = (what: string) => new Proxy({}, { get: () => () => { throw new Error(`${what} is not provided in this test`); } });

export interface TestHostOptions {
  approvals?: Approvals;
  /** Default: a plain NodeShell (no sandbox). */
  shell?: Shell;
  git?: GitHost;
  search?: TextSearch;
}

const silent = (): void => undefined;
/** A logger that drops everything. */
export const silentLogger: Logger = { debug: silent, info: silent, warn: silent, error: silent };

export function createTestHost(options: TestHostOptions = {}): Host {
  return {
    files: new NodeFiles(),
    shell: options.shell ?? new NodeShell(),
    approvals: options.approvals ?? new ScriptedApprovals(),
    store: new MemoryStore(),
    logger: silentLogger,
    git: options.git ?? (missing('git') as GitHost),
    search: options.search ?? (missing('search') as TextSearch),
    homeDir: os.homedir(),
    platform: process.platform,
  };
}

export interface TestContextOptions extends TestHostOptions {
  root: string;
  roots?: string[];
  settings?: Partial<AgentSettings>;
  rules?: PermissionRule[];
  changes?: ChangeProposer;
  callId?: string;
  signal?: AbortSignal;
}

/** A ToolContext over real files, recording events in `events`. */
export function createTestContext(options: TestContextOptions): { ctx: ToolContext; events: AgentEvent[]; task: TaskState; host: Host } {
  const host = createTestHost(options);
  const settings = resolveSettings({ baseUrl: 'http://127.0.0.1:9/v1', model: 'test-model', ...options.settings });
  const events: AgentEvent[] = [];
  let seq = 0;
  const emit = (event: AgentEventInput): void => { events.push({ ...event, seq: seq++, at: Date.now() } as AgentEvent); };
  let id = 0;
  const newId = (): string => `id-${++id}`;
  const signal = options.signal ?? new AbortController().signal;
  const roots = options.roots ?? [options.root];
  const task = new TaskState('test-task', [{ text: 'test goal' }], emit);
  const permissions = new PolicyGate({ policy: settings.policy, rules: options.rules ?? [], approvals: host.approvals, signal, emit, newId });
  const paths = new WorkspacePathGuard(roots, host.files, async () => (await permissions.check({ callId: 'c', risk: 'read', toolName: 'read', title: 'read outside', detail: '', isAlwaysAsk: true })).isAllowed, host.homeDir);
  const changes = options.changes ?? new ChangePipeline({ files: host.files, gate: permissions, task, emit, newId });
  const ctx: ToolContext = { host, settings, roots, paths, permissions, changes, task, callId: options.callId ?? 'call-1', signal, emit };
  return { ctx, events, task, host };
}
