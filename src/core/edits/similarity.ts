/** Edit distance between lines, bounded so that fuzzy matching stays fast on long files. */

/** Levenshtein distance between two strings; returns `limit + 1` as soon as the distance must exceed `limit`. */
export function editDistance(a: string, b: string, limit = Number.POSITIVE_INFINITY): number {
  if (a === b) return 0;
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  if (a.length === 0) return b.length;
  if (b.length === 0) return a.length;
  let prev = new Array<number>(b.length + 1);
  let cur = new Array<number>(b.length + 1);
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    let rowMin = cur[0];
    for (let j = 1; j <= b.length; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
      if (cur[j] < rowMin) rowMin = cur[j];
    }
    if (rowMin > limit) return limit + 1;
    [prev, cur] = [cur, prev];
  }
  return prev[b.length];
}

/** Distance and size of a window compared line by line (lines compared without surrounding whitespace). */
export interface WindowScore {
  distance: number;
  size: number;
  similarity: number;
}

/** Compares two equally long line lists; `limit` bounds the total distance (beyond it the score is approximate). */
export function scoreWindow(a: readonly string[], b: readonly string[], limit = Number.POSITIVE_INFINITY): WindowScore {
  let distance = 0;
  let size = 0;
  for (let i = 0; i < a.length; i++) {
    const x = a[i].trim();
    const y = b[i].trim();
    size += Math.max(x.length, y.length, 1);
    if (distance <= limit) distance += editDistance(x, y, Math.max(0, limit - distance));
    else distance += Math.max(x.length, y.length);
  }
  return { distance, size, similarity: size === 0 ? 1 : 1 - distance / size };
}
