/**
 * GitHost on simple-git: status, diff, log and commit in the user's repository, nothing else. Git runs with the C
 * locale (so messages can be recognised), no prompts, no external diff or textconv programs, and
 * without taking optional locks for read-only commands. Failures become GitHostError with a message for the model.
 */
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { simpleGit, type SimpleGit } from 'simple-git';
import type { GitHost } from '../core/host';

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

const allowedEnvironment = ['GIT_OPTIONAL_LOCKS', 'GIT_TERMINAL_PROMPT'];
// Ambient variables that point git at other programs or configs; simple-git's guard refuses them, and a commit
// with -m needs none of them.
const droppedEnvironment = /^(GIT_.*|EDITOR|VISUAL|PAGER|PREFIX|SSH_ASKPASS)$/i;

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

  async status(root: string): Promise<string> {
    return (await this.run(root, ['status', '--branch', '--untracked-files=normal'], { isReadOnly: true })).trimEnd();
  }

  async diff(root: string, options: { staged?: boolean; paths?: string[] }): Promise<string> {
    const args = ['diff', '--no-color', '--no-ext-diff', '--no-textconv', ...(options.staged ? ['--staged'] : []), '--', ...(options.paths ?? [])];
    return this.run(root, args, { isReadOnly: true });
  }

  async log(root: string, options: { maxCount: number; path?: string }): Promise<string> {
    const args = ['log', '--no-color', `--max-count=${Math.max(1, Math.floor(options.maxCount))}`, '--date=short', '--format=%h %ad %an%d%n    %s', '--', ...(options.path ? [options.path] : [])];
    try {
      return (await this.run(root, args, { isReadOnly: true })).trimEnd();
    } catch (err) {
      if (err instanceof GitHostError && /does not have any commits yet/.test(err.message)) return '';
      throw err;
    }
  }

  async commit(root: string, message: string, paths?: string[]): Promise<string> {
    const state = await this.state(root);
    if (state.conflicts.length > 0) {
      throw new GitHostError(`Cannot commit: unresolved merge conflicts in ${state.conflicts.join(', ')}. Resolve the conflict markers in those files first (and stage them).`);
    }
    if (state.operation && paths && paths.length > 0) {
      throw new GitHostError(`Cannot commit only some paths while a ${state.operation} is in progress. Commit without paths to include everything staged, or ask the user how to finish the ${state.operation}.`);
    }
    if (paths && paths.length > 0) {
      await this.refuseNestedRepos(root, paths);
      await this.run(root, ['add', '--all', '--', ...paths]);
    }
    await this.run(root, ['commit', '--no-edit', '-m', message, ...(paths && paths.length > 0 ? ['--', ...paths] : [])]);
    const summary = await this.run(root, ['show', '--no-color', '--stat', '--format=%h %s', 'HEAD'], { isReadOnly: true });
    const where = state.branch ? `on branch ${state.branch}` : 'on a detached HEAD (the commit is on no branch; create one to keep it)';
    return `Committed ${where}: ${summary.trimEnd()}`;
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

  private async state(root: string): Promise<RepoState> {
    const gitPath = async (name: string): Promise<string> => path.resolve(root, (await this.run(root, ['rev-parse', '--git-path', name])).trim());
    const markers: [RepoState['operation'], string][] = [
      ['merge', 'MERGE_HEAD'], ['rebase', 'rebase-merge'], ['rebase', 'rebase-apply'], ['cherry-pick', 'CHERRY_PICK_HEAD'], ['revert', 'REVERT_HEAD'], ['bisect', 'BISECT_LOG'],
    ];
    let operation: RepoState['operation'];
    for (const [name, marker] of markers) {
      if (!operation && existsSync(await gitPath(marker))) operation = name;
    }
    const conflicts = (await this.run(root, ['diff', '--name-only', '--diff-filter=U'], { isReadOnly: true })).split('\n').filter(Boolean);
    const branch = (await this.run(root, ['branch', '--show-current'])).trim() || undefined;
    return { operation, conflicts, branch };
  }

  private git(root: string): SimpleGit {
    const env: Record<string, string> = {};
    for (const [key, value] of Object.entries(process.env)) {
      if (value !== undefined && !droppedEnvironment.test(key)) env[key] = value;
    }
    return simpleGit({
      baseDir: root,
      binary: this.options.binary ?? 'git',
      allowEnvironment: allowedEnvironment,
      timeout: { block: this.options.silenceTimeoutMs ?? 60_000 },
      config: ['color.ui=false'],
      // Any non-zero exit is a failure, even when git wrote its reason to stdout only ("nothing to commit").
      errors: (error, result) => error ?? (result.exitCode === 0 ? undefined : Buffer.concat([...result.stdOut, ...result.stdErr])),
    }).env({ ...env, LC_ALL: 'C', LANG: 'C', GIT_TERMINAL_PROMPT: '0' });
  }

  private async run(root: string, args: string[], options: { isReadOnly?: boolean } = {}): Promise<string> {
    const git = this.git(root);
    if (options.isReadOnly) git.env('GIT_OPTIONAL_LOCKS', '0');
    try {
      return await git.raw(args);
    } catch (err) {
      throw explainGitError(err as Error, this.options.binary ?? 'git');
    }
  }
}

/** Turns git's (or the spawn's) failure into a message that says what to do. */
function explainGitError(err: Error, binary: string): GitHostError {
  const text = err.message.trim();
  if (/ENOENT|spawn .* not found/i.test(text) && !/fatal:/.test(text)) return new GitHostError(`git is not available: the program "${binary}" was not found. Git must be installed and on PATH for git tools to work.`);
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
