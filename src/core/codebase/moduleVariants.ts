/**
 * One module, many files: a package publishes the same module as `.ts` source, `.d.ts`/`.d.mts`/`.d.cts`
 * declarations and `.js`/`.mjs`/`.cjs` builds, often in build folders beside the source (`src/`, `dist/esm/`,
 * `dist/cjs/`, `dist/types/`). The map shows each module once, from the file a reader wants.
 */

/**
 * Best first. The source says the most (bodies and types); without it the declarations are the module's API with
 * its types, which a reader of a published package wants over compiled JavaScript; the ESM variants come before
 * the CommonJS ones because they are the newer, canonical output.
 */
const variantSuffixes = ['.tsx', '.ts', '.mts', '.cts', '.d.ts', '.d.mts', '.d.cts', '.jsx', '.js', '.mjs', '.cjs'] as const;

/** Folders that hold a build of the tree; the folders of one build's flavour (`dist/esm/`, `dist/types/`) may follow. */
const buildRoots = new Set(['dist', 'build', 'out']);
const buildFlavours = new Set(['esm', 'esm5', 'es', 'cjs', 'mjs', 'dts', 'types', 'typings', 'src', 'lib']);

/**
 * The module's path without the folder that says which copy it is: the first `src/`, or the first build folder
 * and its flavours (`dist/cjs/`). Other folders, `lib/` and `types/` among them, are often hand-written code
 * and stay part of the path.
 */
function moduleKey(stem: string): string {
  const parts = stem.split('/');
  const at = parts.findIndex((part, i) => i < parts.length - 1 && (part === 'src' || buildRoots.has(part)));
  if (at < 0) return stem;
  let end = at + 1;
  if (parts[at] !== 'src') while (end < parts.length - 1 && buildFlavours.has(parts[end])) end++;
  return [...parts.slice(0, at), ...parts.slice(end)].join('/');
}

/** Where a path stands among its module's files: the module's key and the variant's preference (lower is better). */
function variantOf(path: string): { key: string; preference: number } | undefined {
  // The declaration suffixes are tried before `.ts` (`a.d.ts` ends with `.ts` too).
  const suffix = bySuffixLength.find((s) => path.endsWith(s));
  if (!suffix) return undefined;
  return { key: moduleKey(path.slice(0, -suffix.length)), preference: variantSuffixes.indexOf(suffix) };
}

const bySuffixLength = [...variantSuffixes].sort((a, b) => b.length - a.length);

/**
 * For each path, the index of the path that stands for its module (itself when it is the preferred variant or
 * has none). Ties in preference (the same suffix in two build folders) go to the first path in the given order.
 */
export function moduleRepresentatives(paths: readonly string[]): Int32Array {
  const best = new Map<string, { index: number; preference: number }>();
  const keys = paths.map((p) => variantOf(p));
  keys.forEach((variant, index) => {
    if (!variant) return;
    const current = best.get(variant.key);
    if (!current || variant.preference < current.preference) best.set(variant.key, { index, preference: variant.preference });
  });
  return Int32Array.from(keys, (variant, index) => (variant ? best.get(variant.key)!.index : index));
}
