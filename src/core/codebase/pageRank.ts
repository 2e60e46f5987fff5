/** Personalized PageRank by power iteration over a weighted directed graph given as an edge list. */

/** A weighted edge between node indexes. */
export interface WeightedEdge {
  from: number;
  to: number;
  weight: number;
}

/** Options of {@link personalizedPageRank}. */
export interface PageRankOptions {
  /** Teleport distribution (non-negative, any scale); uniform when absent or all zero. */
  personalization?: Float64Array;
  damping?: number;
  maxIterations?: number;
  tolerance?: number;
  /**
   * Per node, what its out-weights are divided by (at least their sum): a node passes on only `sum / divisor`
   * of its rank and the rest teleports, so weak evidence stays weak instead of being scaled up.
   */
  divisors?: Float64Array;
}

/**
 * Ranks `nodeCount` nodes; the result sums to 1. Rank leaving a node is split by edge weight; the rank of nodes
 * without out-edges and the teleport share go back to the personalization distribution, as in networkx.
 */
export function personalizedPageRank(nodeCount: number, edges: readonly WeightedEdge[], options: PageRankOptions = {}): Float64Array {
  const damping = options.damping ?? 0.85;
  const teleport = normalized(nodeCount, options.personalization);
  const outWeight = new Float64Array(nodeCount);
  for (const e of edges) outWeight[e.from] += e.weight;
  const divisor = outWeight.map((w, i) => Math.max(w, options.divisors?.[i] ?? 0));
  let rank = Float64Array.from(teleport);
  for (let iteration = 0; iteration < (options.maxIterations ?? 100); iteration++) {
    const next = new Float64Array(nodeCount);
    let dangling = 0;
    for (let i = 0; i < nodeCount; i++) if (divisor[i] > 0) dangling += (rank[i] * (divisor[i] - outWeight[i])) / divisor[i];
    else dangling += rank[i];
    for (const e of edges) next[e.to] += (damping * rank[e.from] * e.weight) / divisor[e.from];
    let delta = 0;
    for (let i = 0; i < nodeCount; i++) {
      next[i] += (damping * dangling + (1 - damping)) * teleport[i];
      delta += Math.abs(next[i] - rank[i]);
    }
    rank = next;
    if (delta < (options.tolerance ?? 1e-9) * nodeCount) break;
  }
  return rank;
}

function normalized(nodeCount: number, weights: Float64Array | undefined): Float64Array {
  const total = weights ? weights.reduce((sum, w) => sum + w, 0) : 0;
  const result = new Float64Array(nodeCount);
  for (let i = 0; i < nodeCount; i++) result[i] = total > 0 && weights ? weights[i] / total : 1 / nodeCount;
  return result;
}
