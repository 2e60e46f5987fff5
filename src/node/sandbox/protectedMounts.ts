/**
 * Which paths inside a workspace root the sandbox binds read-only: every existing path the protected list
 * matches (a matching folder whole, so files created in it later, such as a new `.git/hooks/x`, are unwritable
 * too), and for a protected path that does not exist yet, its deepest existing folder below the root (a missing
 * `.github/workflows/` makes `.github/` read-only). Uses the policy's own matcher, so both layers agree.
 */
import { promises as fs, type Dirent } from 'node:fs';
import * as path from 'node:path';
import picomatch from 'picomatch';
import { ProtectedPaths, normaliseForMatch } from '../../core/policy/protectedFiles';
import { isWithin } from '../../core/policy/pathGuard';

/** Entries looked at per root; a larger tree is bound from what was seen (documented limit). */
const maxEntries = 20_000;
/** Folders not walked: dependencies are rewritten by installs and their package.json files are not the project's. */
const skippedFolders = new Set(['node_modules']);

/** The read-only binds for one root. Symlinks are bound at their real target when that lies inside the root. */
export async function protectedMountsIn(root: string, globs: readonly string[]): Promise<string[]> {
  const matcher = matcherFor(globs);
  const found = new Set<string>();
  let level = [root];
  let seen = 0;
  // Breadth first, one level at a time with its folders read in parallel: a walk is on every command's path.
  while (level.length > 0 && seen < maxEntries) {
    const listings = await Promise.all(level.map(async (dir) => ({ dir, entries: await listQuietly(dir) })));
    const next: string[] = [];
    for (const { dir, entries } of listings) {
      for (const entry of entries) {
        if (++seen > maxEntries) break;
        const abs = path.join(dir, entry.name);
        if (matcher.couldMatch(entry.name) && matcher.paths.matches(path.relative(root, abs))) found.add(abs);
        else if (entry.isDirectory() && !skippedFolders.has(entry.name)) next.push(abs);
      }
    }
    level = next;
  }
  const targets = await Promise.all([...found].map((abs) => bindTarget(root, abs)));
  return [...new Set([...targets.filter((t): t is string => t !== undefined), ...(await missingProtectedAncestors(root, globs))])];
}

/**
 * The policy's matcher plus a cheap pre-check on the entry's own name: a path can match a glob only if its last
 * segment matches the glob's last segment (parents are matched, and not descended, before their children).
 */
interface WalkMatcher {
  paths: ProtectedPaths;
  couldMatch(name: string): boolean;
}

/** Compiling the globs costs more than matching them: one matcher per list. */
const matchers = new Map<string, WalkMatcher>();
function matcherFor(globs: readonly string[]): WalkMatcher {
  const key = globs.join('\0');
  let matcher = matchers.get(key);
  if (!matcher) {
    const lastSegments = globs.map((g) => g.replace(/(\/\*\*)+$/, '').split('/').pop() ?? '').map((s) => s.toLowerCase());
    const literals = new Set(lastSegments.filter((s) => !/[*?[\]{}!()+@]/.test(s)));
    const patterns = lastSegments.filter((s) => !literals.has(s));
    const isPatternMatch = patterns.length > 0 ? picomatch(patterns, { dot: true, nocase: true }) : () => false;
    matcher = {
      paths: new ProtectedPaths(globs),
      couldMatch: (name) => {
        const normal = normaliseForMatch(name);
        return literals.has(normal) || isPatternMatch(normal);
      },
    };
    matchers.set(key, matcher);
  }
  return matcher;
}

/**
 * The protected entries directly in a root. A sandboxed command can create these (the root itself must stay
 * writable), so the sandbox compares them before and after a run and reports the new ones.
 */
export async function protectedRootEntries(root: string, globs: readonly string[]): Promise<string[]> {
  const matcher = matcherFor(globs);
  return (await listQuietly(root)).filter((e) => matcher.paths.matches(e.name)).map((e) => path.join(root, e.name));
}

async function listQuietly(dir: string): Promise<Dirent[]> {
  return fs.readdir(dir, { withFileTypes: true }).catch(() => []);
}

async function bindTarget(root: string, abs: string): Promise<string | undefined> {
  const stat = await fs.lstat(abs).catch(() => undefined);
  if (!stat?.isSymbolicLink()) return stat ? abs : undefined;
  const real = await fs.realpath(abs).catch(() => undefined);
  // A link that leads outside the root needs no bind: everything outside the roots is read-only already.
  return real && isWithin(root, real) ? real : undefined;
}

/** For root-anchored literal globs (`**\/.github/workflows/**`): the deepest existing folder of a missing path. */
async function missingProtectedAncestors(root: string, globs: readonly string[]): Promise<string[]> {
  const ancestors: string[] = [];
  for (const glob of globs) {
    const literal = glob.replace(/^\*\*\//, '').replace(/\/\*\*$/, '');
    if (/[*?[\]{}!]/.test(literal) || !literal.includes('/')) continue;
    const parts = literal.split('/');
    if (await exists(path.join(root, ...parts))) continue;
    for (let n = parts.length - 1; n >= 1; n--) {
      const candidate = path.join(root, ...parts.slice(0, n));
      if (await isDirectory(candidate)) {
        ancestors.push(candidate);
        break;
      }
    }
  }
  return ancestors;
}

async function exists(abs: string): Promise<boolean> {
  return fs.lstat(abs).then(() => true, () => false);
}

async function isDirectory(abs: string): Promise<boolean> {
  return fs.stat(abs).then((s) => s.isDirectory(), () => false);
}
