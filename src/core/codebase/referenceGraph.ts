/**
 * The reference graph: an edge from each file that uses a name to each other file that defines it, weighted the
 * way aider weighs its repo map (sqrt of the use count; mentioned and long descriptive names up, private and
 * widely defined names down).
 */
import { moduleRepresentatives } from './moduleVariants';
import { memberPrefix, type FileTags } from './types';

/** Names defined in more files than this say nothing about which file is meant and are left out. */
const maxDefiningFiles = 25;
/** Shorter names are mostly type parameters and locals (`A`, `T`, `id`) that only look like references. */
const minNameLength = 3;
/** A member use (`x.name()`) may mean any `name`, most often one the index does not know (a library's). */
const memberUseWeight = 0.1;

/** One name that a file uses and another defines. */
export interface NameUse {
  from: number;
  to: number;
  name: string;
  count: number;
  /** The weight before mentions are known (see {@link useWeight}), member uses scaled down. */
  baseWeight: number;
  /** What the use would weigh as a bare use; a file's rank is shared out in proportion to these. */
  fullWeight: number;
  /** Index of the (defining file, name) pair in `ReferenceGraph.targets`. */
  target: number;
}

/** Files (by index) and the name uses between them; independent of what is mentioned, so it can be cached. */
export interface ReferenceGraph {
  files: string[];
  uses: NameUse[];
  /** Names defined in more than one file, which carry less weight. */
  definerCount: Map<string, number>;
  /** The (defining file, name) pairs that uses point at; rank flows into these. */
  targets: { file: number; name: string }[];
  /**
   * Per file, the file that stands for its module (see moduleVariants): a `.js` beside its `.ts` defines nothing
   * here, so a name has one definer per module, and its uses count as uses of the module's definitions.
   */
  representative: Int32Array;
}

/** Builds the unweighted graph from the tags of every file. */
export function buildReferenceGraph(all: readonly FileTags[]): ReferenceGraph {
  const files = all.map((f) => f.path);
  const representative = moduleRepresentatives(files);
  const definers = new Map<string, number[]>();
  all.forEach((tags, index) => {
    if (representative[index] !== index) return;
    for (const name of new Set(tags.definitions.map((d) => d.name))) {
      const list = definers.get(name);
      if (list) list.push(index);
      else definers.set(name, [index]);
    }
  });
  const uses: NameUse[] = [];
  const targets: { file: number; name: string }[] = [];
  const targetIds = new Map<string, number[]>();
  all.forEach((tags, from) => {
    forEachReferenceCount(tags, (key, count) => {
      const isMember = key.startsWith(memberPrefix);
      const name = isMember ? key.slice(memberPrefix.length) : key;
      const definedIn = definers.get(name);
      if (!definedIn || definedIn.length > maxDefiningFiles || name.length < minNameLength) return;
      let ids = targetIds.get(name);
      if (!ids) {
        ids = definedIn.map((file) => targets.push({ file, name }) - 1);
        targetIds.set(name, ids);
      }
      const fullWeight = useWeight({ name, count }, definedIn.length, noMentions);
      const baseWeight = fullWeight * (isMember ? memberUseWeight : 1);
      definedIn.forEach((to, i) => { if (to !== representative[from]) uses.push({ from, to, name, count, baseWeight, fullWeight, target: ids[i] }); });
    });
  });
  const definerCount = new Map<string, number>();
  for (const [name, list] of definers) definerCount.set(name, list.length);
  return { files, uses, definerCount, targets, representative };
}

const noMentions: ReadonlySet<string> = new Set();

function forEachReferenceCount(tags: FileTags, visit: (key: string, count: number) => void): void {
  if (tags.eachReferenceCount) tags.eachReferenceCount(visit);
  else for (const [key, lines] of Object.entries(tags.references)) visit(key, lines.length);
}

/** The weight of one use: what makes a reference informative. */
export function useWeight(use: { name: string; count: number }, definerCount: number, mentioned: ReadonlySet<string>): number {
  let multiplier = 1;
  if (mentioned.has(use.name)) multiplier *= 10;
  if (use.name.length >= 8 && /[a-z][A-Z]|_/.test(use.name.replace(/^_+/, ''))) multiplier *= 10;
  if (use.name.startsWith('_')) multiplier *= 0.1;
  if (definerCount > 5) multiplier *= 0.1;
  return multiplier * Math.sqrt(use.count);
}
