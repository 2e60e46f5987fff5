/**
 * Resolves a path the model gave into a canonical absolute path (every symlink resolved, dangling ones included)
 * and confines it to the workspace roots. Reads outside ask, writes outside are refused unless the
 * `outsideWrites` setting makes them ask (the gate's outside-writes rule then asks). Every error path denies.
 */
import * as path from 'node:path';
import { ToolError } from '../tools/tool';
import type { WorkspaceFiles } from '../host';

/** A path after resolution. `rel` uses forward slashes and is relative to `root` (or absolute if outside). */
export interface ResolvedPath {
  abs: string;
  rel: string;
  root: string | undefined;
  isInside: boolean;
}

/** What the caller intends to do with the path. */
export type PathAccess = 'read' | 'write';

/** Resolves and confines paths for one tool call. */
export interface PathGuard {
  resolve(input: string, access: PathAccess): Promise<ResolvedPath>;
  /** The display form of an absolute path: root-relative with forward slashes when inside. */
  display(abs: string): string;
}

/** Asks the user whether a read outside the workspace may happen. */
export type OutsideReadApprover = (abs: string) => Promise<boolean>;

/** What happens to a write outside every root: refused (default), or let through to the gate, which asks. */
export type OutsideWritePolicy = 'deny' | 'ask';

/** The optional fourth constructor argument in its long form. */
export interface PathGuardExtras {
  homeDir: string;
  outsideWrites?: OutsideWritePolicy;
}

/** Symlink hops followed before a path is refused as a loop (the kernel's own limit is 40). */
const maxLinkHops = 40;

/** The workspace sandbox used by every tool. */
export class WorkspacePathGuard implements PathGuard {
  private readonly homeDir: string;
  private readonly outsideWrites: OutsideWritePolicy;

  constructor(
    private readonly roots: readonly string[],
    private readonly files: WorkspaceFiles,
    private readonly approveOutsideRead: OutsideReadApprover,
    home: string | PathGuardExtras,
  ) {
    this.homeDir = typeof home === 'string' ? home : home.homeDir;
    this.outsideWrites = typeof home === 'string' ? 'deny' : (home.outsideWrites ?? 'deny');
  }

  async resolve(input: string, access: PathAccess): Promise<ResolvedPath> {
    let abs: string;
    try {
      abs = await canonicalPath(this.files, expandPath(input, this.roots[0], this.homeDir));
    } catch (err) {
      if (err instanceof ToolError) throw err;
      throw new ToolError(`Refused: ${input} could not be resolved safely (${(err as Error).message}).`);
    }
    const root = findRoot(this.roots, abs, this.homeDir);
    if (root) return { abs, rel: toPosix(path.relative(root, abs)) || '.', root, isInside: true };
    if (access === 'write') {
      if (this.outsideWrites === 'ask') return { abs, rel: abs, root: undefined, isInside: false };
      const unsafe = this.roots.find((r) => isUnsafeRoot(r, this.homeDir) && isWithin(r, abs));
      if (unsafe) throw new ToolError(`Refused: the workspace folder ${unsafe} is your home folder or a file-system root, which Auto Agent does not treat as a workspace. Open a project folder instead.`);
      throw new ToolError(`Refused: ${input} resolves to ${abs}, outside the workspace. Only files inside ${this.roots.join(', ')} can be changed.`);
    }
    if (!(await this.approveOutsideRead(abs).catch(() => false))) {
      throw new ToolError(`Refused: reading ${input} (${abs}, outside the workspace) was not approved.`);
    }
    return { abs, rel: abs, root: undefined, isInside: false };
  }

  display(abs: string): string {
    const root = findRoot(this.roots, abs, this.homeDir);
    return root ? toPosix(path.relative(root, abs)) || '.' : abs;
  }
}

/**
 * Turns model input into an absolute, lexically normal path: `~` and `~/` expand to the home folder, backslashes
 * count as separators, relative paths start at `base`. Throws a ToolError for input that cannot be a plain path.
 */
export function expandPath(input: string, base: string, homeDir: string): string {
  const trimmed = input.trim();
  if (trimmed === '') throw new ToolError('The path is empty.');
  if (trimmed.includes('\0')) throw new ToolError('The path contains a NUL character.');
  if (/^[a-z][a-z0-9+.-]+:\/\//i.test(trimmed)) throw new ToolError(`${trimmed} is a URL; give a file path instead.`);
  const slashed = trimmed.replace(/\\/g, '/');
  if (/^~[^/]/.test(slashed)) throw new ToolError(`${trimmed}: "~user" paths are not supported; use an absolute path.`);
  const home = slashed === '~' || slashed.startsWith('~/') ? homeDir + slashed.slice(1) : slashed;
  return path.resolve(base, home);
}

/**
 * The canonical form of an absolute path: each existing component is looked at with lstat and every symlink
 * (dangling ones too) is replaced by its target, so the result names what a write would really create.
 * Components below the first missing one are kept as they are: nothing below a missing folder can be a link.
 */
export async function canonicalPath(files: WorkspaceFiles, abs: string): Promise<string> {
  const { root } = path.parse(abs);
  let current = root;
  let pending = splitParts(abs);
  let hops = 0;
  while (pending.length > 0) {
    const name = pending.shift() as string;
    if (name === '..') {
      current = path.dirname(current);
      continue;
    }
    const next = path.join(current, name);
    const stat = await files.lstat(next);
    if (!stat) return path.join(next, ...pending);
    if (!stat.isSymbolicLink) {
      current = next;
      continue;
    }
    if (++hops > maxLinkHops) throw new ToolError(`Too many levels of symbolic links at ${next}.`);
    const target = path.resolve(current, await files.readlink(next));
    pending = [...splitParts(target), ...pending];
    current = path.parse(target).root;
  }
  return current;
}

function splitParts(abs: string): string[] {
  return abs.slice(path.parse(abs).root.length).split(/[\\/]+/).filter((p) => p !== '' && p !== '.');
}

/**
 * The most specific root that contains `abs`. A root that is the file-system root or the home folder itself
 * never counts: opening `~` or `/` as a workspace must not hand the agent the whole machine.
 */
export function findRoot(roots: readonly string[], abs: string, homeDir?: string): string | undefined {
  const usable = roots.filter((r) => !isUnsafeRoot(r, homeDir));
  return usable.filter((r) => isWithin(r, abs)).sort((a, b) => b.length - a.length)[0];
}

/** True for roots the sandbox refuses to treat as a workspace (`/`, a drive root, the home folder). */
export function isUnsafeRoot(root: string, homeDir?: string): boolean {
  const normal = path.resolve(root);
  return normal === path.parse(normal).root || (!!homeDir && normal === path.resolve(homeDir));
}

/** True when `child` is `parent` or below it. */
export function isWithin(parent: string, child: string): boolean {
  const rel = path.relative(parent, child);
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${path.sep}`) && !path.isAbsolute(rel));
}

/** A path with forward slashes. */
export function toPosix(p: string): string {
  return p.split(path.sep).join('/');
}
