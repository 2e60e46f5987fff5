/**
 * CheckpointStore on a shadow git repository per workspace (see shadowGit.ts). Only changed files are staged
 * (git's stat cache finds them), big and binary files are skipped, each task's checkpoints are a chain of
 * commits under refs/checkpoints/, and a restore keeps the files the user changed by hand unless told otherwise.
 */
import { createHash } from 'node:crypto';
import { promises as fs, realpathSync } from 'node:fs';
import * as path from 'node:path';
import {
  mayOverwrite, userChangedSince, type Checkpoint, type CheckpointStore, type CreateCheckpointInput, type RestoreChange,
  type RestoreOptions, type RestorePlan, type RestoreResult,
} from '../../core/checkpoints/checkpointStore';
import { ensureShadowRepo, runGit, shadowLocation, type ShadowLocation } from './shadowGit';

/** Options of a shadow-git checkpoint store. */
export interface ShadowGitCheckpointsOptions {
  workspace: string;
  /** The host's storage folder (VS Code: the extension's storage; CLI: the user's cache folder). */
  storageDir: string;
  /** The user's home folder, refused as a workspace. */
  homeDir: string;
  /** Files larger than this are not checkpointed (default 5 MiB). */
  maxFileBytes?: number;
}

const REF_PREFIX = 'refs/checkpoints/';
const META = 'auto-agent-checkpoint:';

/** The workspace, canonical; throws for the home folder, a filesystem root, or a missing folder. */
export function checkedWorkspace(workspace: string, homeDir: string): string {
  const real = realpathSync(workspace);
  const home = (() => { try { return realpathSync(homeDir); } catch { return path.resolve(homeDir); } })();
  if (path.parse(real).root === real) throw new Error(`Refusing to checkpoint a filesystem root (${real}) as a workspace.`);
  if (real === home) throw new Error(`Refusing to checkpoint the home folder (${real}) as a workspace; open a project folder.`);
  return real;
}

/** A ref-safe name for a task id. */
function taskRef(taskId: string): string {
  const safe = taskId.replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 60);
  return `${REF_PREFIX}${safe}-${createHash('sha256').update(taskId).digest('hex').slice(0, 8)}`;
}

export class ShadowGitCheckpoints implements CheckpointStore {
  private readonly location: ShadowLocation;
  private readonly maxFileBytes: number;
  private queue: Promise<unknown> = Promise.resolve();
  private isReady = false;

  constructor(options: ShadowGitCheckpointsOptions) {
    const workspace = checkedWorkspace(options.workspace, options.homeDir);
    this.location = shadowLocation(options.storageDir, workspace);
    this.maxFileBytes = options.maxFileBytes ?? 5 * 1024 * 1024;
  }

  /** Where the shadow repository is (for diagnostics). */
  get gitDir(): string {
    return this.location.gitDir;
  }

  create(input: CreateCheckpointInput): Promise<Checkpoint> {
    return this.serial(() => this.createNow(input));
  }

  ensureBaseline(taskId: string): Promise<Checkpoint> {
    return this.serial(async () => {
      const existing = await this.listNow(taskId);
      return existing[0] ?? this.createNow({ taskId, label: 'before the task', isBaseline: true });
    });
  }

  list(taskId?: string): Promise<Checkpoint[]> {
    return this.serial(() => this.listNow(taskId));
  }

  planRestore(checkpointId: string, options: Pick<RestoreOptions, 'file'> = {}): Promise<RestorePlan> {
    return this.serial(() => this.planNow(checkpointId, options));
  }

  readFile(checkpointId: string, rel: string): Promise<Uint8Array | null> {
    return this.serial(async () => {
      const { checkpoint } = await this.find(checkpointId);
      this.abs(rel);
      return this.git(['cat-file', 'blob', `${checkpoint.id}:${rel}`]).then((b) => new Uint8Array(b), () => null);
    });
  }

  restore(checkpointId: string, options: RestoreOptions = {}): Promise<RestoreResult> {
    return this.serial(async () => {
      const plan = await this.planNow(checkpointId, options);
      const chosen = plan.changes.filter((c) => !c.hasUserChanges || mayOverwrite(c.path, options.overwrite));
      const kept = plan.userChanged.filter((p) => !mayOverwrite(p, options.overwrite));
      if (chosen.length === 0) return { checkpoint: plan.checkpoint, written: [], deleted: [], kept };
      const undo = await this.createNow({ taskId: plan.checkpoint.taskId, label: `before restoring "${plan.checkpoint.label}"` });
      const tree = `${plan.checkpoint.id}^{tree}`;
      const written: string[] = [];
      const deleted: string[] = [];
      const agentWrites = [];
      for (const change of chosen) {
        const abs = this.abs(change.path);
        agentWrites.push({ path: change.path, preWriteHash: await this.textHash(`${undo.id}:${change.path}`) });
        if (change.action === 'delete') {
          await fs.rm(abs, { force: true });
          deleted.push(change.path);
        } else {
          await this.writeFromTree(tree, change.path, abs);
          written.push(change.path);
        }
      }
      // The restore's own writes are recorded like the agent's, so that later restores do not take them for the user's.
      await this.createNow({ taskId: plan.checkpoint.taskId, label: `restored "${plan.checkpoint.label}"`, agentWrites });
      return { checkpoint: plan.checkpoint, written, deleted, kept, undoCheckpointId: undo.id };
    });
  }

  private serial<T>(work: () => Promise<T>): Promise<T> {
    const next = this.queue.then(async () => {
      if (!this.isReady) {
        await ensureShadowRepo(this.location);
        this.isReady = true;
      }
      return work();
    });
    this.queue = next.catch(() => undefined);
    return next;
  }

  private git(args: string[], input?: string | Buffer): Promise<Buffer> {
    return runGit(this.location, args, { input });
  }

  private abs(rel: string): string {
    const abs = path.resolve(this.location.workspace, rel);
    if (path.relative(this.location.workspace, abs).startsWith('..')) throw new Error(`${rel} is outside the workspace.`);
    return abs;
  }

  private async createNow(input: CreateCheckpointInput): Promise<Checkpoint> {
    const tree = await this.snapshot();
    const ref = taskRef(input.taskId);
    const parent = await this.resolve(ref);
    const changed = parent ? await this.changedPaths(`${parent}^{tree}`, tree) : [];
    const agentPaths = (input.agentWrites ?? []).map((w) => w.path);
    const userPaths = await this.userPaths(parent, changed, input);
    const meta = {
      taskId: input.taskId, label: input.label, createdAt: Date.now(), isBaseline: input.isBaseline === true, agentPaths, userPaths,
      ...(input.callId ? { callId: input.callId } : {}),
    };
    const message = `${input.label}\n\n${META}${JSON.stringify(meta)}\n`;
    const id = (await this.git(['commit-tree', tree, ...(parent ? ['-p', parent] : [])], message)).toString('utf8').trim();
    await this.git(['update-ref', ref, id, ...(parent ? [parent] : [])]);
    return { id, ...meta };
  }

  /** Paths changed since the previous checkpoint that the agent did not write (or that changed before its write). */
  private async userPaths(parent: string | undefined, changed: string[], input: CreateCheckpointInput): Promise<string[]> {
    if (!parent) return [];
    const writes = new Map((input.agentWrites ?? []).map((w) => [w.path, w.preWriteHash]));
    const out: string[] = [];
    for (const p of changed) {
      if (!writes.has(p)) out.push(p);
      else if ((await this.textHash(`${parent}:${p}`)) !== writes.get(p)) out.push(p);
    }
    return out;
  }

  /** sha256 of a blob decoded as UTF-8 text (as the change pipeline hashes), or null when absent. */
  private async textHash(spec: string): Promise<string | null> {
    const blob = await this.git(['cat-file', 'blob', spec]).catch(() => undefined);
    if (!blob) return null;
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(blob);
    return createHash('sha256').update(text, 'utf8').digest('hex');
  }

  /** Stages what changed in the workspace (big and binary files left out) and returns the tree. */
  private async snapshot(): Promise<string> {
    // Modified (by the index's stat cache), deleted and untracked-but-not-ignored files only: nothing else is read.
    const listed = (await this.git(['ls-files', '-z', '--modified', '--deleted', '--others', '--exclude-standard'])).toString('utf8');
    // A nested repository shows as "dir/": its files belong to it, not to this snapshot.
    const paths = [...new Set(listed.split('\0').filter((p) => p && !p.endsWith('/')))];
    const update: string[] = [];
    const remove: string[] = [];
    for (const rel of paths) {
      const verdict = await this.stageable(rel);
      if (verdict === 'yes') update.push(rel);
      else if (verdict === 'gone') update.push(rel);
      else remove.push(rel);
    }
    if (update.length > 0) await this.git(['update-index', '--add', '--remove', '-z', '--stdin'], update.join('\0') + '\0');
    if (remove.length > 0) await this.git(['update-index', '--force-remove', '-z', '--stdin'], remove.join('\0') + '\0');
    return (await this.git(['write-tree'])).toString('utf8').trim();
  }

  /** 'yes' for a normal file or link, 'gone' for a deleted one, 'skip' for one too big or binary. */
  private async stageable(rel: string): Promise<'yes' | 'gone' | 'skip'> {
    const abs = path.join(this.location.workspace, rel);
    const stat = await fs.lstat(abs).catch(() => undefined);
    if (!stat) return 'gone';
    if (stat.isSymbolicLink()) return 'yes';
    if (!stat.isFile() || stat.size > this.maxFileBytes) return 'skip';
    const handle = await fs.open(abs, 'r');
    try {
      const head = Buffer.alloc(Math.min(8000, stat.size));
      await handle.read(head, 0, head.length, 0);
      return head.includes(0) ? 'skip' : 'yes';
    } finally {
      await handle.close();
    }
  }

  private async resolve(ref: string): Promise<string | undefined> {
    const out = await this.git(['rev-parse', '--verify', '-q', ref]).catch(() => undefined);
    return out?.toString('utf8').trim() || undefined;
  }

  private async changedPaths(from: string, to: string): Promise<string[]> {
    const out = (await this.git(['diff-tree', '-r', '--no-renames', '--name-only', '-z', from, to])).toString('utf8');
    return out.split('\0').filter(Boolean);
  }

  private async listNow(taskId?: string): Promise<Checkpoint[]> {
    const refs = taskId ? [taskRef(taskId)] : (await this.git(['for-each-ref', '--format=%(refname)', REF_PREFIX])).toString('utf8').split('\n').filter(Boolean);
    const all: Checkpoint[] = [];
    for (const ref of refs) {
      if (!(await this.resolve(ref))) continue;
      const log = (await this.git(['log', '--format=%H%x00%B%x1e', ref])).toString('utf8');
      const chain = log.split('\x1e').map((e) => e.trim()).filter(Boolean).map(parseEntry).filter((c): c is Checkpoint => c !== undefined);
      all.push(...chain.reverse());
    }
    return all;
  }

  private async find(checkpointId: string): Promise<{ checkpoint: Checkpoint; chain: Checkpoint[] }> {
    const all = await this.listNow();
    const matches = all.filter((c) => c.id === checkpointId || (checkpointId.length >= 6 && c.id.startsWith(checkpointId)));
    if (matches.length !== 1) throw new Error(matches.length === 0 ? `No checkpoint ${checkpointId} in this workspace.` : `Checkpoint id ${checkpointId} is ambiguous; give more characters.`);
    const [checkpoint] = matches;
    return { checkpoint, chain: all.filter((c) => c.taskId === checkpoint.taskId) };
  }

  private async planNow(checkpointId: string, options: Pick<RestoreOptions, 'file'>): Promise<RestorePlan> {
    const { checkpoint, chain } = await this.find(checkpointId);
    const current = await this.snapshot();
    const latest = chain[chain.length - 1];
    const differing = await this.changedPaths(`${checkpoint.id}^{tree}`, current);
    const sinceLatest = latest.id === checkpoint.id ? differing : await this.changedPaths(`${latest.id}^{tree}`, current);
    const userChanged = userChangedSince(checkpoint, chain, sinceLatest);
    const file = options.file === undefined ? undefined : path.relative(this.location.workspace, this.abs(options.file)).split(path.sep).join('/');
    const changes: RestoreChange[] = [];
    for (const p of differing) {
      if (file !== undefined && p !== file) continue;
      const isThere = (await this.git(['cat-file', '-e', `${checkpoint.id}:${p}`]).then(() => true, () => false));
      changes.push({ path: p, action: isThere ? 'write' : 'delete', hasUserChanges: userChanged.has(p) });
    }
    return { checkpoint, changes, userChanged: changes.filter((c) => c.hasUserChanges).map((c) => c.path) };
  }

  private async writeFromTree(tree: string, rel: string, abs: string): Promise<void> {
    const entry = (await this.git(['ls-tree', '-z', tree, '--', rel])).toString('utf8');
    const mode = entry.split(' ')[0];
    const blob = await this.git(['cat-file', 'blob', `${tree}:${rel}`]);
    await fs.mkdir(path.dirname(abs), { recursive: true });
    const existing = await fs.lstat(abs).catch(() => undefined);
    if (existing?.isDirectory()) throw new Error(`${rel} is a folder now; it was not restored.`);
    if (mode === '120000') {
      await fs.rm(abs, { force: true });
      await fs.symlink(blob.toString('utf8'), abs);
      return;
    }
    const temp = `${abs}.${process.pid}.${Date.now()}.restore.tmp`;
    await fs.writeFile(temp, blob, { mode: mode === '100755' ? 0o755 : 0o644 });
    await fs.rename(temp, abs);
  }
}

function parseEntry(entry: string): Checkpoint | undefined {
  const [id, body] = entry.split('\0');
  const line = body?.split('\n').find((l) => l.startsWith(META));
  if (!id || !line) return undefined;
  try {
    const meta = JSON.parse(line.slice(META.length)) as Omit<Checkpoint, 'id'>;
    return { id: id.trim(), ...meta };
  } catch {
    return undefined;
  }
}
