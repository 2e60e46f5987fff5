/**
 * Checkpoints of a task's workspace, host-free: what a checkpoint is, what a restore would do, and the rule that
 * a restore never silently discards what the user changed by hand after the checkpoint it goes back to.
 */

/** One saved state of the workspace within a task. `id` is stable and unique across tasks. */
export interface Checkpoint {
  id: string;
  taskId: string;
  label: string;
  createdAt: number;
  /** The state before the task's first change (restore it to undo the whole task). */
  isBaseline: boolean;
  /** Workspace-relative paths the agent wrote in the change set this checkpoint follows. */
  agentPaths: string[];
  /** Paths someone else (the user, a formatter...) changed since the task's previous checkpoint. */
  userPaths: string[];
  /** The tool call whose applied change this checkpoint follows (absent for baselines and older checkpoints). */
  callId?: string;
}

/** A file a restore would change: written back to its checkpoint content, or deleted (absent at the checkpoint). */
export interface RestoreChange {
  path: string;
  action: 'write' | 'delete';
  /** True when the user changed this file by hand after the checkpoint: kept unless explicitly overwritten. */
  hasUserChanges: boolean;
}

/** What a restore would do; hosts show `userChanged` as "these N files have your own changes: keep / overwrite". */
export interface RestorePlan {
  checkpoint: Checkpoint;
  changes: RestoreChange[];
  /** The paths of `changes` with the user's own changes. */
  userChanged: string[];
}

/** Options of a restore. `overwrite` names user-changed files to overwrite anyway (true: all of them). */
export interface RestoreOptions {
  /** Restore one workspace-relative file only. */
  file?: string;
  overwrite?: boolean | string[];
}

/** What a restore did. `kept` are the user-changed files left as they are. */
export interface RestoreResult {
  checkpoint: Checkpoint;
  written: string[];
  deleted: string[];
  kept: string[];
  /** A checkpoint of the state just before the restore, so that the restore itself can be undone. */
  undoCheckpointId?: string;
}

/** A file the agent wrote, with the hash (sha256 of the UTF-8 text) of its content just before the write. */
export interface AgentWrite {
  path: string;
  preWriteHash: string | null;
}

/** Options of `create`. */
export interface CreateCheckpointInput {
  taskId: string;
  label: string;
  agentWrites?: AgentWrite[];
  isBaseline?: boolean;
  /** The tool call whose change this checkpoint follows, so a host can offer it from that step. */
  callId?: string;
}

/** The checkpoints of one workspace (a shadow git repository in the Node hosts). */
export interface CheckpointStore {
  /** Saves the workspace as a new checkpoint of the task. */
  create(input: CreateCheckpointInput): Promise<Checkpoint>;
  /** Creates the task's baseline unless the task has checkpoints already. */
  ensureBaseline(taskId: string): Promise<Checkpoint>;
  /** The task's checkpoints, oldest first (all tasks' when `taskId` is absent). */
  list(taskId?: string): Promise<Checkpoint[]>;
  /** What restoring would change, and which of those files carry the user's own changes. Changes nothing. */
  planRestore(checkpointId: string, options?: Pick<RestoreOptions, 'file'>): Promise<RestorePlan>;
  /** Restores; user-changed files are kept unless `overwrite` says otherwise. */
  restore(checkpointId: string, options?: RestoreOptions): Promise<RestoreResult>;
  /** A file's content at a checkpoint (workspace-relative path); null when the file did not exist there. */
  readFile(checkpointId: string, path: string): Promise<Uint8Array | null>;
}

/**
 * Which paths have user changes after `checkpoint`: those recorded as changed by someone else in any later
 * checkpoint of its task, and those that differ now from the task's latest checkpoint.
 */
export function userChangedSince(checkpoint: Checkpoint, taskCheckpoints: readonly Checkpoint[], changedSinceLatest: Iterable<string>): Set<string> {
  const at = taskCheckpoints.findIndex((c) => c.id === checkpoint.id);
  const out = new Set<string>(changedSinceLatest);
  for (const later of taskCheckpoints.slice(at + 1)) for (const p of later.userPaths) out.add(p);
  return out;
}

/** Whether a restore may overwrite one user-changed path. */
export function mayOverwrite(path: string, overwrite: RestoreOptions['overwrite']): boolean {
  return overwrite === true || (Array.isArray(overwrite) && overwrite.includes(path));
}

/** Pipeline hooks that take a baseline before a task's first change and a checkpoint after every change set. */
export function checkpointHooks(store: CheckpointStore, taskId: string): {
  onBeforeApply(): Promise<void>;
  onApplied(info: { toolName: string; callId?: string; paths: Array<{ path: string; preWriteHash: string | null }> }): Promise<void>;
} {
  return {
    onBeforeApply: async () => { await store.ensureBaseline(taskId); },
    onApplied: async (info) => {
      const label = `${info.toolName} ${info.paths.map((p) => p.path).join(', ')}`;
      await store.create({ taskId, label, callId: info.callId, agentWrites: info.paths.map((p) => ({ path: p.path, preWriteHash: p.preWriteHash })) });
    },
  };
}
