/**
 * The task the agent panel shows: it starts the engine, keeps the task's events (for a panel that reloads),
 * stops and resumes it, and reopens a finished task from history read-only. A task the extension host was torn
 * down under (a window reload, a crash) comes back interrupted, with Resume: the marker says which task ran.
 */
import * as vscode from 'vscode';
import { TaskInterrupted } from '../core/loop/interruption';
import type { AgentEvent, Goal, StopReason } from '../protocol/events';

export interface TaskRunOptions {
  goals: Goal[];
  taskId?: string;
  onEvent(event: AgentEvent): void;
  signal: AbortSignal;
}

export interface TaskRunResult {
  taskId: string;
  reason: StopReason;
  isVerified: boolean;
  summary: string;
}

/** Runs one task with the engine (built by the composition root with the VS Code host). */
export type TaskRunner = (options: TaskRunOptions) => Promise<TaskRunResult>;

export interface SessionStatus {
  taskId?: string;
  isRunning: boolean;
  canResume: boolean;
  isReadOnly: boolean;
  /** The task was cut off by a reload or crash of the extension host, not stopped: Resume continues it. */
  isInterrupted: boolean;
}

/** Where the id of the running task is kept across extension hosts (the workspace state). */
export interface RunningTaskMarker {
  get(): string | undefined;
  set(taskId: string | undefined): void;
}

export class AgentSession implements vscode.Disposable {
  private events: AgentEvent[] = [];
  private goals: Goal[] = [];
  private taskId: string | undefined;
  private abort: AbortController | undefined;
  private running: Promise<TaskRunResult | undefined> | undefined;
  private isReadOnly = false;
  private isInterrupted = false;
  private isDisposed = false;
  private lastReason: StopReason | undefined;
  private readonly eventsEmitter = new vscode.EventEmitter<AgentEvent>();
  private readonly statusEmitter = new vscode.EventEmitter<SessionStatus>();
  private readonly resetEmitter = new vscode.EventEmitter<void>();
  readonly onDidEmit = this.eventsEmitter.event;
  readonly onDidChangeStatus = this.statusEmitter.event;
  /** The whole event list was replaced (new task, or one opened from history). */
  readonly onDidReset = this.resetEmitter.event;

  constructor(
    private readonly runner: () => Promise<TaskRunner>,
    private readonly logError: (message: string, err: unknown) => void,
    private readonly marker: RunningTaskMarker = { get: () => undefined, set: () => undefined },
  ) {}

  /** Starts a task; resolves when it ends. Refuses while another task runs. */
  async start(goals: Goal[], taskId?: string): Promise<TaskRunResult | undefined> {
    if (this.abort) throw new Error('A task is already running. Stop it first.');
    this.events = [];
    this.goals = goals;
    this.taskId = taskId;
    this.isReadOnly = false;
    this.isInterrupted = false;
    this.resetEmitter.fire();
    const abort = new AbortController();
    this.abort = abort;
    this.fireStatus();
    this.running = this.run(goals, taskId, abort);
    return this.running;
  }

  /** Starts the stopped task again under the same id and goals. */
  async resume(): Promise<TaskRunResult | undefined> {
    if (!this.canResume()) throw new Error('There is no stopped task to resume.');
    return this.start(this.goals, this.taskId);
  }

  stop(): boolean {
    if (!this.abort) return false;
    this.abort.abort();
    return true;
  }

  /** Shows a finished task from its transcript: no Stop, no Resume, no approvals. */
  openReadOnly(taskId: string, events: AgentEvent[]): void {
    this.show(taskId, events, { isReadOnly: true, isInterrupted: false });
  }

  /**
   * Shows a task whose transcript ends without a finish (the host went away under it): Resume continues it, and
   * the proposal it was waiting on is proposed again then.
   */
  openInterrupted(taskId: string, events: AgentEvent[]): void {
    this.show(taskId, events, { isReadOnly: false, isInterrupted: true });
  }

  /** Leaves a task opened from history, back to an empty panel with the New Task form. */
  closeHistory(): void {
    if (!this.isReadOnly || this.abort) return;
    this.show(undefined, [], { isReadOnly: false, isInterrupted: false });
    this.goals = [];
  }

  snapshotEvents(): AgentEvent[] { return this.events; }

  status(): SessionStatus {
    return { taskId: this.taskId, isRunning: !!this.abort, canResume: this.canResume(), isReadOnly: this.isReadOnly, isInterrupted: this.isInterrupted };
  }

  /** The current run, for tests and for "Stop, then wait". */
  whenIdle(): Promise<TaskRunResult | undefined> { return this.running ?? Promise.resolve(undefined); }

  /** The extension host is going away: the running task is interrupted, not stopped, and stays marked to resume. */
  dispose(): void {
    this.isDisposed = true;
    this.abort?.abort(new TaskInterrupted());
    this.eventsEmitter.dispose();
    this.statusEmitter.dispose();
    this.resetEmitter.dispose();
  }

  private canResume(): boolean {
    const isStopped = this.isInterrupted || (this.lastReason !== undefined && this.lastReason !== 'completed');
    return !this.abort && !this.isReadOnly && this.goals.length > 0 && isStopped;
  }

  private show(taskId: string | undefined, events: AgentEvent[], mode: { isReadOnly: boolean; isInterrupted: boolean }): void {
    if (this.abort) throw new Error('A task is running; stop it before opening another from history.');
    this.events = events;
    this.taskId = taskId;
    this.goals = events.find((e) => e.type === 'taskStarted')?.goals ?? [];
    this.isReadOnly = mode.isReadOnly;
    this.isInterrupted = mode.isInterrupted;
    this.lastReason = undefined;
    this.resetEmitter.fire();
    this.fireStatus();
  }

  private async run(goals: Goal[], taskId: string | undefined, abort: AbortController): Promise<TaskRunResult | undefined> {
    try {
      const run = await this.runner();
      const result = await run({ goals, taskId, signal: abort.signal, onEvent: (event) => this.push(event) });
      this.taskId = result.taskId;
      this.lastReason = result.reason;
      return result;
    } catch (err) {
      this.logError('The task failed', err);
      this.lastReason = abort.signal.aborted ? 'user_stopped' : 'model_error';
      const code = (err as { code?: unknown }).code;
      this.pushLocal({ type: 'errorOccurred', message: (err as Error).message ?? String(err), ...(typeof code === 'string' ? { code } : {}) });
      return undefined;
    } finally {
      this.abort = undefined;
      // Torn down with the host: the marker stays, so the next host offers to resume this task.
      if (!this.isDisposed) {
        this.marker.set(undefined);
        void vscode.commands.executeCommand('setContext', 'autoAgent.isRunning', false);
        this.fireStatus();
      }
    }
  }

  private push(event: AgentEvent): void {
    if (event.type === 'taskStarted' && !event.agentId) {
      this.taskId = event.taskId;
      this.marker.set(event.taskId);
    }
    this.events.push(event);
    this.eventsEmitter.fire(event);
  }

  /** An event the host itself reports (the engine could not report it, e.g. it failed to start). */
  private pushLocal(event: { type: 'errorOccurred'; message: string; code?: string }): void {
    const last = this.events[this.events.length - 1];
    this.push({ ...event, seq: last ? last.seq + 1 : 0, at: Date.now() });
  }

  private fireStatus(): void {
    if (this.abort) void vscode.commands.executeCommand('setContext', 'autoAgent.isRunning', true);
    this.statusEmitter.fire(this.status());
  }
}
