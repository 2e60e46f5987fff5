/**
 * Resolves a path the model gave into a canonical absolute path inside the workspace roots. Reads outside ask,
 * writes outside are refused. Every error path denies. (Issue 6 hardens this: symlinks, dangling links.)
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

/** The first, lexical-plus-realpath guard used by the engine. */
export class WorkspacePathGuard implements PathGuard {
  constructor(
    private readonly roots: readonly string[],
    private readonly files: WorkspaceFiles,
    private readonly approveOutsideRead: OutsideReadApprover,
    private readonly homeDir: string,
  ) {}

  async resolve(input: string, access: PathAccess): Promise<ResolvedPath> {
    const abs = await this.canonical(this.expand(input));
    const root = this.roots.find((r) => isWithin(r, abs));
    if (root) return { abs, rel: toPosix(path.relative(root, abs)) || '.', root, isInside: true };
    if (access === 'write') throw new ToolError(`Refused: ${input} is outside the workspace. Only files inside ${this.roots.join(', ')} can be changed.`);
    if (!(await this.approveOutsideRead(abs).catch(() => false))) {
      throw new ToolError(`Refused: reading ${input} (outside the workspace) was not approved.`);
    }
    return { abs, rel: abs, root: undefined, isInside: false };
  }

  display(abs: string): string {
    const root = this.roots.find((r) => isWithin(r, abs));
    return root ? toPosix(path.relative(root, abs)) || '.' : abs;
  }

  private expand(input: string): string {
    const trimmed = input.trim();
    if (trimmed === '') throw new ToolError('The path is empty.');
    if (trimmed.includes('\0')) throw new ToolError('The path contains a NUL character.');
    const home = trimmed === '~' || trimmed.startsWith('~/') ? this.homeDir + trimmed.slice(1) : trimmed;
    return path.resolve(this.roots[0], home.replace(/\\/g, '/'));
  }

  /** Resolves symlinks of the longest existing ancestor, so a link inside cannot lead outside. */
  private async canonical(abs: string): Promise<string> {
    let existing = abs;
    const rest: string[] = [];
    for (;;) {
      try {
        return path.join(await this.files.realpath(existing), ...rest.reverse());
      } catch {
        const parent = path.dirname(existing);
        if (parent === existing) return abs;
        rest.push(path.basename(existing));
        existing = parent;
      }
    }
  }
}

/** True when `child` is `parent` or below it. */
export function isWithin(parent: string, child: string): boolean {
  const rel = path.relative(parent, child);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

export function toPosix(p: string): string {
  return p.split(path.sep).join('/');
}
