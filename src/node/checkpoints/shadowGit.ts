/**
 * Runs git against a shadow repository: its own GIT_DIR and index, the workspace as work tree, and nothing of
 * the user's git (repository, index, hooks, global or system config, credential helpers) is read or written.
 * Every call goes through the hardened git (`../hardenedGit.ts`), which also keeps the workspace's attributes
 * from naming programs: the shadow repository's config defines no drivers, and no other config is read.
 */
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { runHardenedGit } from '../hardenedGit';

/** Where one workspace's shadow repository lives. */
export interface ShadowLocation {
  workspace: string;
  gitDir: string;
  indexFile: string;
  /** A folder used as HOME for git, so that no user-level file is ever consulted. */
  homeDir: string;
}

/** Options of the shadow repository on top of the hardening: byte-exact snapshots, no background work. */
const shadowConfig = [
  'core.autocrlf=false', 'core.safecrlf=false', 'core.longpaths=true', 'core.symlinks=true', 'gc.auto=0', 'maintenance.auto=false', 'core.untrackedCache=false',
];

/** The shadow location of a workspace under a storage folder: one folder per workspace, named by its path's hash. */
export function shadowLocation(storageDir: string, workspace: string): ShadowLocation {
  const key = createHash('sha256').update(workspace).digest('hex').slice(0, 20);
  const base = path.join(storageDir, 'checkpoints', key);
  return { workspace, gitDir: path.join(base, 'git'), indexFile: path.join(base, 'index'), homeDir: path.join(base, 'home') };
}

/** The variables of every shadow git call (the hardening drops inherited GIT_* ones: a hook's GIT_DIR must not leak in). */
export function shadowEnv(location: ShadowLocation, extra: Record<string, string> = {}): Record<string, string> {
  return {
    GIT_DIR: location.gitDir,
    GIT_WORK_TREE: location.workspace,
    GIT_INDEX_FILE: location.indexFile,
    HOME: location.homeDir,
    XDG_CONFIG_HOME: location.homeDir,
    GIT_OPTIONAL_LOCKS: '0',
    GIT_AUTHOR_NAME: 'Auto Agent', GIT_AUTHOR_EMAIL: 'checkpoints@auto-agent.invalid',
    GIT_COMMITTER_NAME: 'Auto Agent', GIT_COMMITTER_EMAIL: 'checkpoints@auto-agent.invalid',
    ...extra,
  };
}

/** Runs one git command in the shadow repository; rejects with git's message on a non-zero exit. */
export async function runGit(location: ShadowLocation, args: string[], options: { input?: string | Buffer; env?: Record<string, string> } = {}): Promise<Buffer> {
  const result = await runHardenedGit({ cwd: location.workspace, args, overrides: shadowConfig, env: shadowEnv(location, options.env), input: options.input });
  if (result.exitCode !== 0) throw new Error(`git ${args[0]} failed: ${result.stderr.trim() || result.spawnError?.message || `exit code ${result.exitCode}`}`);
  return result.stdout;
}

/** Creates the shadow repository if needed, with excludes for the user's .git and their info/exclude patterns. */
export async function ensureShadowRepo(location: ShadowLocation): Promise<void> {
  await fs.mkdir(location.homeDir, { recursive: true });
  const isNew = !(await fs.stat(path.join(location.gitDir, 'HEAD')).catch(() => undefined));
  if (isNew) {
    await fs.mkdir(location.gitDir, { recursive: true });
    await runGit(location, ['init', '-q']);
  }
  const userExclude = await fs.readFile(path.join(location.workspace, '.git', 'info', 'exclude'), 'utf8').catch(() => '');
  // A storage folder inside the workspace must not checkpoint itself.
  const inside = path.relative(location.workspace, path.dirname(path.dirname(location.gitDir)));
  const ownStore = inside && !inside.startsWith('..') && !path.isAbsolute(inside) ? [`/${inside.split(path.sep).join('/')}/`] : [];
  const exclude = ['# Written by Auto Agent checkpoints', '.git', ...ownStore, userExclude].join('\n');
  await fs.mkdir(path.join(location.gitDir, 'info'), { recursive: true });
  await fs.writeFile(path.join(location.gitDir, 'info', 'exclude'), exclude);
}
