/** Real git repositories for tests, made with the git CLI. */
import { execFileSync } from 'node:child_process';
import { writeFileSync, mkdirSync } from 'node:fs';
import * as path from 'node:path';

/** Runs git in `dir` and returns its stdout. Identity and signing are set per repository, never globally. */
export function git(dir: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

/** A new repository on branch main with one commit of `files`. */
export function initRepo(dir: string, files: Record<string, string> = { 'README.md': '# demo\n' }): void {
  git(dir, 'init', '-q', '-b', 'main');
  git(dir, 'config', 'user.name', 'Test User');
  git(dir, 'config', 'user.email', 'test@example.com');
  git(dir, 'config', 'commit.gpgsign', 'false');
  writeFiles(dir, files);
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '-m', 'initial');
}

export function writeFiles(dir: string, files: Record<string, string>): void {
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), text);
  }
}

/** Leaves `dir` in a merge with a conflict in conflict.txt. */
export function makeConflict(dir: string): void {
  writeFiles(dir, { 'conflict.txt': 'base\n' });
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '-m', 'base');
  git(dir, 'checkout', '-q', '-b', 'other');
  writeFiles(dir, { 'conflict.txt': 'theirs\n' });
  git(dir, 'commit', '-q', '-am', 'theirs');
  git(dir, 'checkout', '-q', 'main');
  writeFiles(dir, { 'conflict.txt': 'ours\n' });
  git(dir, 'commit', '-q', '-am', 'ours');
  try {
    git(dir, 'merge', 'other');
  } catch {
    // The conflict is the point: git exits non-zero.
  }
}
