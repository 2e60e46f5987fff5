/**
 * Ranks definitions: personalized PageRank over files, then each file's rank flows along its out-edges to the
 * names it uses, so a definition's rank is the share of attention it receives from the files that use it.
 */
import { personalizedPageRank, type WeightedEdge } from './pageRank';
import type { ReferenceGraph } from './referenceGraph';
import { isTestPath } from './testPaths';
import type { Definition, FileTags } from './types';

/** A definition with its rank; higher is more important. */
export interface RankedDefinition {
  path: string;
  definition: Definition;
  rank: number;
}

/** What {@link rankDefinitions} needs; `tags[i]` is the file `graph.files[i]`. */
export interface RankInput {
  graph: ReferenceGraph;
  tags: readonly FileTags[];
  mentioned: ReadonlySet<string>;
  /** Teleport weight per file index; absent means uniform. */
  personalization?: Map<number, number>;
  /** Extra rank for definitions the map must show first (the focus and the code around its uses); 0 for the rest. */
  pinnedRank?: (path: string, definition: Definition) => number;
  /** Tests, fixtures and test helpers rank below the code (the goal is not about tests). */
  demoteTests?: boolean;
}


/** Share of the teleport mass spread over all files even when some are boosted, so every file keeps a rank. */
const backgroundShare = 0.05;

/** Ranks every definition of every file, best first. */
export function rankDefinitions(input: RankInput): RankedDefinition[] {
  const { graph, tags } = input;
  const n = graph.files.length;
  const mention = (name: string): number => (input.mentioned.has(name) ? 10 : 1);
  const weights = graph.uses.map((use) => use.baseWeight * mention(use.name));
  const outWeight = new Float64Array(n);
  graph.uses.forEach((use) => { outWeight[use.from] += use.fullWeight * mention(use.name); });
  const fileRank = personalizedPageRank(n, mergeEdges(n, graph, weights), { personalization: teleportVector(n, input.personalization), divisors: outWeight });
  const nameRank = rankByName(graph, fileRank, weights, outWeight);
  const ranked: RankedDefinition[] = [];
  const demoted: RankedDefinition[] = [];
  tags.forEach((file, index) => {
    const base = fileRank[index] * 1e-3;
    const isShadowed = graph.representative[index] !== index;
    // A helper every test uses gathers rank from all of them, but a reader wants the code first: tests come after it.
    const isDemoted = input.demoteTests === true && isTestPath(file.path);
    for (const definition of file.definitions) {
      const pinned = input.pinnedRank?.(file.path, definition) ?? 0;
      // Another file of the same module is shown instead (a `.js` beside its `.d.ts`), unless this one is pinned.
      if (isShadowed && pinned === 0) continue;
      let rank = (nameRank.get(index)?.get(definition.name) ?? 0) + base / (1 + definition.line / 1e4);
      if (input.mentioned.has(definition.name)) rank += fileRank[index];
      (isDemoted && pinned === 0 ? demoted : ranked).push({ path: file.path, definition, rank: rank + pinned });
    }
  });
  return [...ranked.sort(byRank), ...demoted.sort(byRank)];
}

/** Per defining file and name, the rank that flows into it from the files using the name. */
function rankByName(graph: ReferenceGraph, fileRank: Float64Array, weights: readonly number[], outWeight: Float64Array): Map<number, Map<string, number>> {
  const targetRank = new Float64Array(graph.targets.length);
  graph.uses.forEach((use, i) => { targetRank[use.target] += (fileRank[use.from] * weights[i]) / outWeight[use.from]; });
  const nameRank = new Map<number, Map<string, number>>();
  graph.targets.forEach((t, i) => {
    let byName = nameRank.get(t.file);
    if (!byName) nameRank.set(t.file, (byName = new Map()));
    byName.set(t.name, targetRank[i]);
  });
  return nameRank;
}

function byRank(a: RankedDefinition, b: RankedDefinition): number {
  return b.rank - a.rank || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0) || a.definition.line - b.definition.line;
}

/** One edge per pair of files: PageRank needs the total weight between them, not each name. */
function mergeEdges(n: number, graph: ReferenceGraph, weights: readonly number[]): WeightedEdge[] {
  const merged = new Map<number, number>();
  graph.uses.forEach((use, i) => {
    const key = use.from * n + use.to;
    merged.set(key, (merged.get(key) ?? 0) + weights[i]);
  });
  return [...merged].map(([key, weight]) => ({ from: Math.floor(key / n), to: key % n, weight }));
}

function teleportVector(n: number, boosts: Map<number, number> | undefined): Float64Array | undefined {
  if (!boosts || boosts.size === 0 || n === 0) return undefined;
  const boostTotal = [...boosts.values()].reduce((sum, w) => sum + w, 0);
  const vector = new Float64Array(n).fill((boostTotal * backgroundShare) / n);
  for (const [index, weight] of boosts) vector[index] += weight;
  return vector;
}
