/**
 * Lists workspace files the way git sees them: `.gitignore` files at every level (and `.git/info/exclude`) are
 * honoured, `.git` and `node_modules` are always skipped, symlinks are not followed. Paths come back relative
 * to the root with forward slashes, in the order ripgrep's `--sort path` uses (depth-first, names by byte order).
 */
import ignore, { type Ignore } from 'ignore';
import * as path from 'node:path';
import type { WorkspaceFiles } from '../host';

/** Folders never listed, whatever the ignore files say. */
export const alwaysSkipped: readonly string[] = ['.git', 'node_modules'];

/** Options of {@link walkFiles}. */
export interface WalkOptions {
  files: WorkspaceFiles;
  root: string;
  /** Only this folder (absolute, inside root) is listed; ignore files above it still apply. */
  start?: string;
  /** Stops descending once this many files are found; `isTruncated` is then set. */
  maxFiles?: number;
  signal?: AbortSignal;
}

interface Rules {
  dir: string;
  matcher: Ignore;
}

/** Lists the non-ignored files under `options.start ?? options.root`. */
export async function walkFiles(options: WalkOptions): Promise<{ files: string[]; isTruncated: boolean }> {
  const root = path.resolve(options.root);
  const start = path.resolve(options.start ?? root);
  const state = { found: 0, max: options.maxFiles ?? Number.POSITIVE_INFINITY, isTruncated: false };
  const rules = await ancestorRules(options.files, root, start);
  const files = await walkDir({ ...options, root }, start, rules, state);
  if (files.length > state.max) {
    state.isTruncated = true;
    files.length = state.max;
  }
  return { files, isTruncated: state.isTruncated };
}

async function ancestorRules(files: WorkspaceFiles, root: string, start: string): Promise<Rules[]> {
  const rules: Rules[] = [];
  const exclude = await readRules(files, root, path.join(root, '.git', 'info', 'exclude'));
  if (exclude) rules.push(exclude);
  const rel = path.relative(root, start);
  const chain = rel ? rel.split(path.sep) : [];
  for (let i = 0; i < chain.length; i++) {
    const dir = path.join(root, ...chain.slice(0, i));
    const own = await readRules(files, dir, path.join(dir, '.gitignore'));
    if (own) rules.push(own);
  }
  return rules;
}

async function readRules(files: WorkspaceFiles, dir: string, file: string): Promise<Rules | undefined> {
  try {
    const text = new TextDecoder().decode(await files.readFile(file));
    return { dir, matcher: ignore().add(text) };
  } catch {
    return undefined;
  }
}

function isIgnored(rules: readonly Rules[], abs: string, isDir: boolean): boolean {
  for (const { dir, matcher } of rules) {
    const rel = path.relative(dir, abs).split(path.sep).join('/');
    if (!rel || rel.startsWith('..')) continue;
    if (matcher.ignores(isDir ? `${rel}/` : rel)) return true;
  }
  return false;
}

/**
 * One folder, recursively. Paths are built as strings relative to the root (`rel`), not with path.relative per
 * entry: on a 5,000-file tree path.relative and path.join were a third of a warm start's walk.
 */
async function walkDir(options: WalkOptions & { root: string }, dir: string, inherited: Rules[], state: { found: number; max: number }): Promise<string[]> {
  if (options.signal?.aborted || state.found >= state.max) return [];
  const entries = await options.files.list(dir).catch(() => []);
  const rules = [...inherited];
  if (entries.some((e) => e.name === '.gitignore' && e.isFile)) {
    const own = await readRules(options.files, dir, path.join(dir, '.gitignore'));
    if (own) rules.push(own);
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const relDir = toPosix(path.relative(options.root, dir));
  const scoped = rules.map((r) => ({ matcher: r.matcher, prefix: rulePrefix(options.root, r.dir) }));
  const parts: (string | Promise<string[]>)[] = [];
  for (const entry of entries) {
    if (entry.isSymbolicLink || alwaysSkipped.includes(entry.name)) continue;
    const rel = relDir ? `${relDir}/${entry.name}` : entry.name;
    if (isIgnoredRel(scoped, rel, entry.isDirectory)) continue;
    if (entry.isDirectory) parts.push(walkDir(options, path.join(dir, entry.name), rules, state));
    else if (entry.isFile) {
      state.found++;
      parts.push(rel);
    }
  }
  const resolved = await Promise.all(parts);
  return resolved.flat();
}

function toPosix(p: string): string {
  return path.sep === '/' ? p : p.split(path.sep).join('/');
}

/** A rules file's folder as a prefix of root-relative paths ('' at the root); undefined when it is above the root. */
function rulePrefix(root: string, dir: string): string | undefined {
  const rel = path.relative(root, dir);
  if (rel.startsWith('..') || path.isAbsolute(rel)) return undefined;
  return rel ? `${toPosix(rel)}/` : '';
}

function isIgnoredRel(rules: readonly { matcher: Ignore; prefix: string | undefined }[], rel: string, isDir: boolean): boolean {
  for (const { matcher, prefix } of rules) {
    if (prefix === undefined || !rel.startsWith(prefix) || rel.length === prefix.length) continue;
    const inner = rel.slice(prefix.length);
    if (matcher.ignores(isDir ? `${inner}/` : inner)) return true;
  }
  return false;
}

/** Whether one path is left out by the walker's rules (an ignore file on the way, `.git`, `node_modules`). */
export async function isIgnoredPath(options: { files: WorkspaceFiles; root: string }, abs: string): Promise<boolean> {
  const root = path.resolve(options.root);
  const rel = path.relative(root, abs);
  if (!rel || rel.startsWith('..') || path.isAbsolute(rel)) return true;
  const parts = rel.split(path.sep);
  if (parts.some((part) => alwaysSkipped.includes(part))) return true;
  const rules = await ancestorRules(options.files, root, path.dirname(abs));
  const dirRules = await readRules(options.files, path.dirname(abs), path.join(path.dirname(abs), '.gitignore'));
  if (dirRules) rules.push(dirRules);
  for (let i = 1; i < parts.length; i++) {
    if (isIgnored(rules, path.join(root, ...parts.slice(0, i)), true)) return true;
  }
  const stat = await options.files.stat(abs);
  return isIgnored(rules, abs, stat?.isDirectory ?? false);
}
