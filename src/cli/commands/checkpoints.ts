/**
 * `auto-agent checkpoints list|restore`: lists a workspace's checkpoints and restores the workspace or one file.
 * A restore keeps the files the user changed by hand after the checkpoint unless --overwrite-my-changes is given.
 */
import { existsSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Checkpoint, RestorePlan } from '../../core/checkpoints/checkpointStore';
import { ShadowGitCheckpoints } from '../../node/checkpoints/shadowGitCheckpoints';
import { userCacheDir } from '../../node/userCacheDir';

/** Where the command writes and which folder it runs in. */
export interface CommandIo {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  cwd: string;
}

const USAGE = `usage:
  auto-agent checkpoints list [--workspace DIR] [--task ID]
  auto-agent checkpoints restore ID [--workspace DIR] [--file PATH] [--overwrite-my-changes] [--dry-run]`;

export const checkpointsHelp = `${USAGE}

list     the checkpoints the agent made in the workspace (default: the current folder), grouped by task
restore  puts the workspace (or with --file, one file) back as it was at checkpoint ID. Files you changed by
         hand after that checkpoint are kept unless --overwrite-my-changes; --dry-run only shows what would
         change. A restore makes its own checkpoint first, so it can be undone.`;

interface Parsed {
  command: string;
  id?: string;
  workspace: string;
  task?: string;
  file?: string;
  storage?: string;
  isOverwrite: boolean;
  isDryRun: boolean;
}

/** Runs the checkpoints subcommand; returns the exit code (0 ok, 1 failed, 2 usage). */
export async function runCheckpointsCommand(args: string[], io: CommandIo): Promise<number> {
  const parsed = parse(args, io.cwd);
  if (typeof parsed === 'string') {
    io.stderr(`${parsed}\n${USAGE}\n`);
    return 2;
  }
  try {
    const store = new ShadowGitCheckpoints({
      workspace: parsed.workspace, storageDir: parsed.storage ?? userCacheDir(process.env, process.platform, os.homedir()), homeDir: os.homedir(),
    });
    if (parsed.command === 'list') return await list(store, parsed, io);
    return await restore(store, parsed, io);
  } catch (err) {
    io.stderr(`auto-agent checkpoints: ${err instanceof Error ? err.message : String(err)}\n`);
    return 1;
  }
}

function parse(args: string[], cwd: string): Parsed | string {
  const [command, ...rest] = args;
  if (command !== 'list' && command !== 'restore') return command ? `Unknown checkpoints command "${command}".` : 'Missing command.';
  const out: Parsed = { command, workspace: cwd, isOverwrite: false, isDryRun: false };
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i];
    const value = (): string | undefined => rest[++i];
    if (arg === '--workspace') out.workspace = path.resolve(cwd, value() ?? '');
    else if (arg === '--task') out.task = value();
    else if (arg === '--file') out.file = value();
    else if (arg === '--storage') out.storage = value();
    else if (arg === '--overwrite-my-changes') out.isOverwrite = true;
    else if (arg === '--dry-run') out.isDryRun = true;
    else if (!arg.startsWith('--') && command === 'restore' && !out.id) out.id = arg;
    else return `Unexpected argument "${arg}".`;
  }
  if (command === 'restore' && !out.id) return 'restore needs a checkpoint ID (see `auto-agent checkpoints list`).';
  return out;
}

async function list(store: ShadowGitCheckpoints, parsed: Parsed, io: CommandIo): Promise<number> {
  const checkpoints = await store.list(parsed.task);
  if (checkpoints.length === 0) {
    io.stdout(`No checkpoints${parsed.task ? ` for task ${parsed.task}` : ''} in ${parsed.workspace}.\n`);
    return 0;
  }
  const byTask = new Map<string, Checkpoint[]>();
  for (const c of checkpoints) byTask.set(c.taskId, [...(byTask.get(c.taskId) ?? []), c]);
  for (const [taskId, chain] of byTask) {
    io.stdout(`Task ${taskId}:\n`);
    for (const c of chain) io.stdout(`  ${describe(c)}\n`);
  }
  return 0;
}

function describe(c: Checkpoint): string {
  const when = new Date(c.createdAt).toISOString().replace('T', ' ').slice(0, 19);
  const notes = [c.isBaseline ? 'baseline' : '', c.userPaths.length ? `changed by hand before it: ${c.userPaths.join(', ')}` : ''].filter(Boolean);
  return `${c.id.slice(0, 12)}  ${when}  ${c.label}${notes.length ? `  (${notes.join('; ')})` : ''}`;
}

async function restore(store: ShadowGitCheckpoints, parsed: Parsed, io: CommandIo): Promise<number> {
  const id = parsed.id as string;
  const file = parsed.file === undefined ? undefined : path.relative(parsed.workspace, path.resolve(io.cwd, parsed.file));
  const plan = await store.planRestore(id, { file });
  if (file !== undefined && plan.changes.length === 0) {
    // Unchanged since the checkpoint, or in neither: a file the checkpoint lacks but the workspace has is a delete.
    if (existsSync(path.resolve(parsed.workspace, file))) {
      io.stdout(`${file} is already as it was at checkpoint ${id}: nothing to restore.\n`);
      return 0;
    }
    io.stderr(`auto-agent checkpoints: ${parsed.file} is neither in checkpoint ${id} nor in the workspace ${parsed.workspace}: nothing was restored.\n`);
    return 1;
  }
  if (parsed.isDryRun) {
    io.stdout(describePlan(plan));
    return 0;
  }
  const result = await store.restore(id, { file, overwrite: parsed.isOverwrite });
  const done = [...result.written.map((p) => `  restored ${p}`), ...result.deleted.map((p) => `  deleted  ${p}`)];
  io.stdout(done.length ? `Restored to ${result.checkpoint.id.slice(0, 12)} (${result.checkpoint.label}):\n${done.join('\n')}\n` : 'Nothing to restore.\n');
  if (result.kept.length > 0) {
    io.stdout(`${result.kept.length} file(s) have your own changes made after that checkpoint and were kept:\n${result.kept.map((p) => `  ${p}`).join('\n')}\n`
      + 'Run again with --overwrite-my-changes to overwrite them too.\n');
  }
  if (result.undoCheckpointId) io.stdout(`To undo this restore: auto-agent checkpoints restore ${result.undoCheckpointId.slice(0, 12)}\n`);
  return 0;
}

function describePlan(plan: RestorePlan): string {
  if (plan.changes.length === 0) return 'Nothing to restore.\n';
  const lines = plan.changes.map((c) => `  ${c.action === 'write' ? 'restore' : 'delete '} ${c.path}${c.hasUserChanges ? '  (has your own changes: kept unless --overwrite-my-changes)' : ''}`);
  return `Restoring ${plan.checkpoint.id.slice(0, 12)} (${plan.checkpoint.label}) would change:\n${lines.join('\n')}\n`;
}
