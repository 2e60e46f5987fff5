/**
 * Ranks definitions: personalized PageRank over files, then each file's rank flows along its out-edges to the
 * names it uses, so a definition's rank is the share of attention it receives from the files that use it.
 */
import { personalizedPageRank, type WeightedEdge } from './pageRank';
import { useWeight, type ReferenceGraph } from './referenceGraph';
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
}

/** Share of the teleport mass spread over all files even when some are boosted, so every file keeps a rank. */
const backgroundShare = 0.05;

/** Ranks every definition of every file, best first. */
export function rankDefinitions(input: RankInput): RankedDefinition[] {
  const { graph, tags } = input;
  const n = graph.files.length;
  const weights = graph.uses.map((use) => useWeight(use, graph.definerCount.get(use.name) ?? 1, input.mentioned));
  const edges: WeightedEdge[] = graph.uses.map((use, i) => ({ from: use.from, to: use.to, weight: weights[i] }));
  const fileRank = personalizedPageRank(n, edges, { personalization: teleportVector(n, input.personalization) });
  const outWeight = new Float64Array(n);
  for (const e of edges) outWeight[e.from] += e.weight;
  const nameRank = new Map<string, number>();
  graph.uses.forEach((use, i) => {
    const key = `${use.to}\u0000${use.name}`;
    nameRank.set(key, (nameRank.get(key) ?? 0) + (fileRank[use.from] * weights[i]) / outWeight[use.from]);
  });
  const ranked: RankedDefinition[] = [];
  tags.forEach((file, index) => {
    const base = fileRank[index] * 1e-3;
    for (const definition of file.definitions) {
      let rank = (nameRank.get(`${index}\u0000${definition.name}`) ?? 0) + base / (1 + definition.line / 1e4);
      if (input.mentioned.has(definition.name)) rank += fileRank[index];
      rank += input.pinnedRank?.(file.path, definition) ?? 0;
      ranked.push({ path: file.path, definition, rank });
    }
  });
  return ranked.sort((a, b) => b.rank - a.rank || a.path.localeCompare(b.path) || a.definition.line - b.definition.line);
}

function teleportVector(n: number, boosts: Map<number, number> | undefined): Float64Array | undefined {
  if (!boosts || boosts.size === 0 || n === 0) return undefined;
  const boostTotal = [...boosts.values()].reduce((sum, w) => sum + w, 0);
  const vector = new Float64Array(n).fill((boostTotal * backgroundShare) / n);
  for (const [index, weight] of boosts) vector[index] += weight;
  return vector;
}
