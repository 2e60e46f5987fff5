/**
 * GitHost on the hardened git (`hardenedGit.ts`): status, diff, log and commit in the user's repository, nothing
 * else. No program the repository's config names runs (hooks only for the commit the user approved); when the
 * config names any, the model is told in a note. Git runs with the C locale (so messages can be recognised) and
 * no prompts. Failures become GitHostError with a message for the model.
 */
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import type { GitHost } from '../core/host';
import { auditRepoConfig, configNote, type ConfigAudit } from './gitConfigAudit';
import { runHardenedGit } from './hardenedGit';
import { findPlantedRepos, plantedReposNote } from './plantedRepos';

/** A git failure explained for the model and the user. */
export class GitHostError extends Error {
  override name = 'GitHostError';
}

export interface NodeGitOptions {
  /** The git program; default `git` on PATH. */
  binary?: string;
  /** Kill a git command that prints nothing for this long. */
  silenceTimeoutMs?: number;
}

/** The state a commit must respect. */
interface RepoState {
  operation?: 'merge' | 'rebase' | 'cherry-pick' | 'revert' | 'bisect';
  conflicts: string[];
  branch?: string;
}

/** How one call runs: read-only (no optional locks), with hooks (the approved commit), with the audit's overrides. */
interface RunOptions {
  isReadOnly?: boolean;
  isHooksAllowed?: boolean;
  audit?: ConfigAudit;
  env?: Record<string, string | undefined>;
}

export class NodeGit implements GitHost {
  constructor(private readonly options: NodeGitOptions = {}) {}

  async isRepo(root: string): Promise<boolean> {
    try {
      return (await this.run(root, ['rev-parse', '--is-inside-work-tree'])).trim() === 'true';
    } catch (err) {
      if (err instanceof GitHostError && /not a git repository/i.test(err.message)) return false;
      throw err;
    }
  }

  // Status runs git inside submodules too: the audit reads their configs, and its overrides reach those gits.
  async status(root: string): Promise<string> {
    const status = await this.withNote(root, (audit) => this.run(root, ['status', '--branch', '--untracked-files=normal'], { isReadOnly: true, audit }));
    const planted = plantedReposNote(await findPlantedRepos(root, this.options.binary));
    return planted ? `${planted}\n\n${status}` : status;
  }

  async diff(root: string, options: { staged?: boolean; paths?: string[] }): Promise<string> {
    const args = ['diff', '--no-color', '--no-ext-diff', '--no-textconv', ...(options.staged ? ['--staged'] : []), '--', ...(options.paths ?? [])];
    return this.withNote(root, (audit) => this.run(root, args, { isReadOnly: true, audit }), false);
  }

  async log(root: string, options: { maxCount: number; path?: string }): Promise<string> {
    const args = ['log', '--no-color', '--no-ext-diff', '--no-textconv', `--max-count=${Math.max(1, Math.floor(options.maxCount))}`, '--date=short', '--format=%h %ad %an%d%n    %s', '--', ...(options.path ? [options.path] : [])];
    return this.withNote(root, async (audit) => {
      try {
        return await this.run(root, args, { isReadOnly: true, audit });
      } catch (err) {
        if (err instanceof GitHostError && /does not have any commits yet/.test(err.message)) return '';
        throw err;
      }
    });
  }

  /** Files whose change alters what git does here: the folder core.hooksPath names, files the config includes. */
  async behaviourPaths(root: string): Promise<string[]> {
    return (await auditRepoConfig(root, this.options.binary)).behaviourPaths;
  }

  /** Runs `operation` with the repository's config audited; a note about programs the config names goes first. */
  private async withNote(root: string, operation: (audit: ConfigAudit) => Promise<string>, isTrimmed = true): Promise<string> {
    const audit = await auditRepoConfig(root, this.options.binary);
    const output = await operation(audit);
    const note = configNote(audit.findings);
    return `${note ? `${note}\n\n` : ''}${isTrimmed ? output.trimEnd() : output}`;
  }

  async commit(root: string, message: string, paths?: string[]): Promise<string> {
    const audit = await auditRepoConfig(root, this.options.binary);
    const state = await this.state(root, audit);
    if (state.conflicts.length > 0) {
      throw new GitHostError(`Cannot commit: unresolved merge conflicts in ${state.conflicts.join(', ')}. Resolve the conflict markers in those files first (and stage them).`);
    }
    if (state.operation && paths && paths.length > 0) {
      throw new GitHostError(`Cannot commit only some paths while a ${state.operation} is in progress. Commit without paths to include everything staged, or ask the user how to finish the ${state.operation}.`);
    }
    if (paths && paths.length > 0) {
      await this.refuseNestedRepos(root, paths);
      await this.run(root, ['add', '--all', '--', ...paths], { audit });
    }
    // The user approved this commit, so the repository's hooks run for it (and only for it).
    const env = await this.identityEnv(root);
    await this.run(root, ['commit', '--no-edit', '-m', message, ...(paths && paths.length > 0 ? ['--', ...paths] : [])], { audit, isHooksAllowed: true, env });
    const summary = await this.run(root, ['show', '--no-color', '--no-ext-diff', '--no-textconv', '--stat', '--format=%h %s', 'HEAD'], { isReadOnly: true, audit });
    const where = state.branch ? `on branch ${state.branch}` : 'on a detached HEAD (the commit is on no branch; create one to keep it)';
    const note = configNote(audit.findings);
    return `${note ? `${note}\n\n` : ''}Committed ${where}: ${summary.trimEnd()}`;
  }

  /**
   * The author identity of a commit. The repository's own user.name/user.email win; without them, the user's
   * global ones are read (only those two keys: the rest of the global config stays out of the agent's git).
   */
  private async identityEnv(root: string): Promise<Record<string, string>> {
    const env: Record<string, string> = {};
    const keys: [string, string, string][] = [['user.name', 'GIT_AUTHOR_NAME', 'GIT_COMMITTER_NAME'], ['user.email', 'GIT_AUTHOR_EMAIL', 'GIT_COMMITTER_EMAIL']];
    for (const [key, author, committer] of keys) {
      if ((await this.configValue(root, ['--get', key])) !== undefined) continue;
      const global = await this.configValue(root, ['--global', '--includes', '--get', key], { GIT_CONFIG_GLOBAL: undefined, XDG_CONFIG_HOME: process.env.XDG_CONFIG_HOME });
      if (global !== undefined) Object.assign(env, { [author]: global, [committer]: global });
    }
    return env;
  }

  private async configValue(root: string, args: string[], env?: Record<string, string | undefined>): Promise<string | undefined> {
    const result = await runHardenedGit({ cwd: root, binary: this.options.binary, args: ['config', ...args], env, isReadOnly: true });
    const value = result.stdout.toString('utf8').trim();
    return result.exitCode === 0 && value !== '' ? value : undefined;
  }

  /** A path in a submodule or nested repository belongs to another repository: staging it would add a gitlink. */
  private async refuseNestedRepos(root: string, paths: string[]): Promise<void> {
    const top = path.resolve((await this.run(root, ['rev-parse', '--show-toplevel'])).trim());
    for (const p of paths) {
      for (let dir = path.resolve(root, p); dir.startsWith(top + path.sep); dir = path.dirname(dir)) {
        if (existsSync(path.join(dir, '.git'))) {
          throw new GitHostError(`${p} is inside ${path.relative(top, dir)}, a submodule or nested git repository. git_commit commits only to the workspace's own repository; leave that one to the user.`);
        }
      }
    }
  }

  private async state(root: string, audit: ConfigAudit): Promise<RepoState> {
    const gitPath = async (name: string): Promise<string> => path.resolve(root, (await this.run(root, ['rev-parse', '--git-path', name])).trim());
    const markers: [RepoState['operation'], string][] = [
      ['merge', 'MERGE_HEAD'], ['rebase', 'rebase-merge'], ['rebase', 'rebase-apply'], ['cherry-pick', 'CHERRY_PICK_HEAD'], ['revert', 'REVERT_HEAD'], ['bisect', 'BISECT_LOG'],
    ];
    let operation: RepoState['operation'];
    for (const [name, marker] of markers) {
      if (!operation && existsSync(await gitPath(marker))) operation = name;
    }
    const conflicts = (await this.run(root, ['diff', '--name-only', '--diff-filter=U'], { isReadOnly: true, audit })).split('\n').filter(Boolean);
    const branch = (await this.run(root, ['branch', '--show-current'])).trim() || undefined;
    return { operation, conflicts, branch };
  }

  private async run(root: string, args: string[], options: RunOptions = {}): Promise<string> {
    const result = await runHardenedGit({
      cwd: root, args, binary: this.options.binary, silenceTimeoutMs: this.options.silenceTimeoutMs ?? 60_000,
      isReadOnly: options.isReadOnly, isHooksAllowed: options.isHooksAllowed, overrides: options.audit?.overrides, env: options.env,
    });
    if (result.spawnError) throw explainGitError(result.spawnError, this.options.binary ?? 'git');
    if (result.isTimedOut) throw new GitHostError(`git ${args[0]} printed nothing for ${Math.round((this.options.silenceTimeoutMs ?? 60_000) / 1000)} s and was stopped.`);
    const stdout = result.stdout.toString('utf8');
    // Any non-zero exit is a failure, even when git wrote its reason to stdout only ("nothing to commit").
    if (result.exitCode !== 0) throw explainGitError(new Error(`${stdout}\n${result.stderr}`), this.options.binary ?? 'git');
    return stdout;
  }
}

/** Turns git's (or the spawn's) failure into a message that says what to do. */
function explainGitError(err: Error, binary: string): GitHostError {
  const text = err.message.trim();
  if (/ENOENT|spawn .* not found/i.test(text) && !/fatal:/.test(text)) return new GitHostError(`git is not available: the program "${binary}" was not found. Git must be installed and on PATH for git tools to work.`);
  if (/cannot use bare repository/i.test(text)) return new GitHostError(`${firstLines(text, 2)}\nA folder here is shaped like a bare git repository (HEAD, config, objects/), which could have been planted to make git run its config's programs. Auto Agent does not use a bare repository it was not pointed at; nothing from it ran. Tell the user rather than working around it.`);
  if (/not a git repository/i.test(text)) return new GitHostError('Not a git repository: the workspace is not inside a git work tree. (Initialising one is up to the user.)');
  if (/index\.lock.*File exists/is.test(text)) return new GitHostError(`Another git process holds the index lock (.git/index.lock exists). If no git command is running, the lock is stale and the user can delete it. Git said: ${firstLines(text)}`);
  if (/nothing (added )?to commit|no changes added to commit|nothing to commit/i.test(text)) return new GitHostError(`Nothing to commit: there are no staged changes${/untracked/.test(text) ? ' (untracked files are not included unless you pass their paths)' : ''}. Pass the changed files as paths to stage and commit them.`);
  if (/Please tell me who you are|empty ident name|user\.email/i.test(text)) return new GitHostError('Git has no author identity (user.name / user.email). Ask the user to configure git; the agent does not set it.');
  if (/pathspec .* did not match/i.test(text)) return new GitHostError(`A path matches no file known to git: ${firstLines(text)}`);
  return new GitHostError(`git failed: ${firstLines(text)}`);
}

function firstLines(text: string, count = 6): string {
  const lines = text.split('\n');
  return lines.slice(0, count).join('\n') + (lines.length > count ? '\n…' : '');
}
