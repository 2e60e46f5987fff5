/**
 * Protected files: config that grants the agent more power or runs code (editor settings and tasks, MCP configs,
 * package scripts, git hooks and config, CI workflows, the agent's own rules). Creating, changing, renaming onto,
 * or deleting one always asks, even when edits run on `auto`. Matching is case-insensitive on normalised paths.
 */
import * as path from 'node:path';
import picomatch from 'picomatch';
import type { GitHost, WorkspaceFiles } from '../host';
import { touchesGitDir } from './gitDirShape';
import type { PermissionRequest, PermissionRule, RuleVerdict } from './permissionGate';
import { canonicalPath, findRoot, isWithin, toPosix } from './pathGuard';
import { protectedEntries } from './protectedList';

/** The default protected globs, matched against root-relative paths (the list and its reasons: protectedList.ts). */
export const defaultProtectedGlobs: readonly string[] = protectedEntries.map((e) => e.glob);

/** How many entries of a renamed or deleted folder are looked at before the rule gives up and asks anyway. */
const maxFolderEntries = 2000;

/** Normalises one path for matching: NFC, lower case, forward slashes, and Windows' ignored trailing dots, spaces and `::$DATA` streams removed. */
export function normaliseForMatch(rel: string): string {
  return toPosix(rel.normalize('NFC')).replace(/\\/g, '/').split('/')
    .map((part) => part.replace(/:.*$/, '').replace(/[. ]+$/, (m) => (part === m ? m : '')))
    .filter((part) => part !== '' && part !== '.')
    .join('/').toLowerCase();
}

/** Matches root-relative paths against protected globs. */
export class ProtectedPaths {
  private readonly isMatch: (p: string) => boolean;

  constructor(readonly globs: readonly string[] = defaultProtectedGlobs) {
    this.isMatch = picomatch(globs.map((g) => g.toLowerCase()), { dot: true, nocase: true });
  }

  /** True when the root-relative path `rel` is protected (after normalising case, slashes and Windows spellings). */
  matches(rel: string): boolean {
    const normal = normaliseForMatch(rel);
    return normal !== '' && this.isMatch(normal);
  }
}

export interface ProtectedFilesRuleOptions {
  roots: readonly string[];
  files: WorkspaceFiles;
  homeDir: string;
  protectedPaths?: ProtectedPaths;
  /** The repository's git, for the paths its real config makes part of git's behaviour (hooks folder, includes). */
  git?: Pick<GitHost, 'behaviourPaths'>;
}

/** The rule: every path an edit touches (as named and canonical, and a folder's contents) is checked. */
export function protectedFilesRule(options: ProtectedFilesRuleOptions): PermissionRule {
  const guard = new ProtectedPathCheck(options);
  return {
    name: 'protected-files',
    async evaluate(request: PermissionRequest): Promise<RuleVerdict> {
      if (request.risk !== 'edit' || !request.paths) return { kind: 'pass' };
      const hits = await guard.protectedAmong(request.paths);
      if (hits.length === 0) return { kind: 'pass' };
      return { kind: 'ask', reason: `${hits.join(', ')} ${hits.length === 1 ? 'is a protected file' : 'are protected files'}: it can change what the agent, git or your tools run, so it always needs your approval.` };
    },
  };
}

/** Finds the protected paths among absolute paths, following symlinks and looking inside folders. */
export class ProtectedPathCheck {
  private readonly protectedPaths: ProtectedPaths;

  constructor(private readonly options: ProtectedFilesRuleOptions) {
    this.protectedPaths = options.protectedPaths ?? new ProtectedPaths();
  }

  /** Display forms of the protected paths touched; a path whose folder cannot be listed counts as protected. */
  async protectedAmong(paths: readonly string[]): Promise<string[]> {
    const hits = new Set<string>();
    for (const abs of paths) {
      const forms = new Set([path.resolve(abs), await canonicalPath(this.options.files, path.resolve(abs))]);
      for (const form of forms) if (this.isProtectedAbs(form) || (await this.isGitBehaviour(form))) hits.add(this.display(form));
      const stat = await this.options.files.stat(abs);
      if (stat?.isDirectory && (await this.folderHasProtected(abs))) hits.add(`${this.display(abs)}/…`);
    }
    return [...hits];
  }

  /** A file of a git dir (made or changed), in the hooks folder the real config names, or a file it includes. */
  private async isGitBehaviour(abs: string): Promise<boolean> {
    if (await touchesGitDir(this.options.files, abs)) return true;
    for (const root of this.options.git?.behaviourPaths ? this.options.roots : []) {
      const named = await this.options.git?.behaviourPaths?.(root).catch(() => []) ?? [];
      if (named.some((p) => isWithin(p, abs))) return true;
    }
    return false;
  }

  /** True for a protected absolute path. Outside every root it is matched relative to its own folder tree too. */
  isProtectedAbs(abs: string): boolean {
    const root = findRoot(this.options.roots, abs, this.options.homeDir);
    if (root) return this.protectedPaths.matches(path.relative(root, abs));
    const parts = toPosix(abs).split('/').filter(Boolean);
    return parts.some((_, i) => this.protectedPaths.matches(parts.slice(i).join('/')));
  }

  /** A folder counts if anything under it (up to a bound) is protected; past the bound it counts to be safe. */
  private async folderHasProtected(dir: string): Promise<boolean> {
    const queue = [dir];
    let seen = 0;
    while (queue.length > 0) {
      const current = queue.shift() as string;
      for (const entry of await this.options.files.list(current)) {
        if (++seen > maxFolderEntries) return true;
        const child = path.join(current, entry.name);
        if (this.isProtectedAbs(child) || this.protectedPaths.matches(path.relative(dir, child))) return true;
        if (entry.isDirectory && !entry.isSymbolicLink) queue.push(child);
      }
    }
    return false;
  }

  private display(abs: string): string {
    const root = findRoot(this.options.roots, abs, this.options.homeDir);
    return root ? toPosix(path.relative(root, abs)) : abs;
  }
}
