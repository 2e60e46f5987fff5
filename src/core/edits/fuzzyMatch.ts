/**
 * Stage 5: a bounded fuzzy match. Windows of the search block's length are pre-ranked by how many lines are
 * equal (ignoring surrounding whitespace), then scored by edit distance. The best is taken only when it is
 * similar enough and clearly ahead of the runner-up; otherwise the nearest windows become the error's candidates.
 */
import type { Candidate, LineRange, MatchInput, MatchResult } from './blockMatcher';
import { absolute, buildReplacement } from './replacementBuilder';
import { detectIndent, isUniformIndent } from './reindent';
import { editDistance, scoreWindow } from './similarity';

/** Beyond these sizes the fuzzy stage does not run (the exact stages still do). */
const MAX_FILE_LINES = 50_000;
const MAX_SEARCH_LINES = 400;
const PRE_RANKED = 40;
const MIN_SIMILARITY = 0.85;

/** A window with its score. */
export interface ScoredWindow extends Candidate {
  distance: number;
  size: number;
}

/** The nearest windows to a search block, best first. */
export function fuzzyCandidates(file: readonly string[], search: readonly string[]): ScoredWindow[] {
  const m = search.length;
  if (m === 0 || m > file.length || file.length > MAX_FILE_LINES || m > MAX_SEARCH_LINES) return [];
  const ids = new Map<string, number>();
  const id = (line: string): number => {
    const key = line.trim();
    let value = ids.get(key);
    if (value === undefined) ids.set(key, (value = ids.size));
    return value;
  };
  const fileIds = file.map(id);
  const searchIds = search.map(id);
  const equalCounts: Array<[number, number]> = [];
  for (let i = 0; i + m <= file.length; i++) {
    let equal = 0;
    for (let k = 0; k < m; k++) if (fileIds[i + k] === searchIds[k]) equal++;
    equalCounts.push([i, equal]);
  }
  // Windows beyond `limit` cannot win nor keep the winner from being clearly ahead, so their scoring stops early.
  const searchSize = search.reduce((n, l) => n + Math.max(l.trim().length, 1), 0);
  const limit = 2 * Math.floor((1 - MIN_SIMILARITY) * searchSize * 1.25) + 2;
  const fileT = file.map((l) => l.trim());
  const searchT = search.map((l) => l.trim());
  const ranked = new Set(equalCounts.sort((a, b) => b[1] - a[1]).slice(0, PRE_RANKED).map(([start]) => start));
  const scored: ScoredWindow[] = [];
  for (const [start, equal] of equalCounts) {
    const isRanked = ranked.has(start);
    // A block of four or more lines that shares no line with a window is not a near copy of it.
    if (!isRanked && m >= 4 && equal === 0) continue;
    if (!isRanked && lengthGap(searchT, fileT, start) > limit) continue;
    const score = scoreWindow(searchT, fileT.slice(start, start + m), isRanked ? Number.POSITIVE_INFINITY : limit);
    scored.push({ start, end: start + m, similarity: score.similarity, distance: score.distance, size: score.size });
  }
  return scored.sort((a, b) => a.distance - b.distance || a.start - b.start).slice(0, 10);
}

/** A lower bound of the window's edit distance: the differences of line lengths. */
function lengthGap(search: readonly string[], file: readonly string[], start: number): number {
  let gap = 0;
  for (let k = 0; k < search.length; k++) gap += Math.abs(search[k].length - file[start + k].length);
  return gap;
}

/**
 * Every line must be a near copy of its counterpart: a few typos are fine, but a line the model left out shifts
 * the rest so that some pair is unrelated, and then the block must not be placed.
 */
function isEachLineClose(search: readonly string[], window: readonly string[]): boolean {
  return search.every((line, i) => {
    const [a, b] = [line.trim(), window[i].trim()];
    if (a === b) return true;
    if (a === '' || b === '') return false;
    const allowed = Math.max(1, Math.floor(Math.max(a.length, b.length) * 0.1));
    return editDistance(a, b, allowed) <= allowed;
  });
}

/** Accepts the best window only when it is similar enough and clearly ahead of the second. */
export function pickFuzzy(input: MatchInput, scored: readonly ScoredWindow[]): MatchResult {
  const candidates = scored.slice(0, 3).map(({ start, end, similarity }) => ({ start, end, similarity })).sort((a, b) => b.similarity - a.similarity);
  const [best, second] = scored;
  if (!best) return { kind: 'notFound', candidates };
  const isSimilar = best.similarity >= MIN_SIMILARITY && (input.search.length > 1 || best.size >= 12)
    && isEachLineClose(input.search, input.file.slice(best.start, best.end))
    && isUniformIndent(input.search.map((l, i) => [l, input.file[best.start + i]] as const), input.fileStyle ?? detectIndent(input.file));
  const isAhead = !second || second.distance >= best.distance * 2 + 2;
  if (!isSimilar || isMisaligned(input.search, input.file, best)) return { kind: 'notFound', candidates };
  if (!isAhead) return { kind: 'ambiguous', stage: 'fuzzy', candidates };
  const aligned = input.file.slice(best.start, best.end);
  const fileStyle = input.fileStyle ?? detectIndent(input.file);
  const built = buildReplacement({ search: input.search, replace: input.replace, aligned, isReindent: true, fileStyle });
  return { kind: 'found', match: { start: best.start, end: best.end, stage: 'fuzzy', lines: built.lines, origins: absolute(built.origins, best.start) } };
}

/**
 * A search line that differs from its window line but is in the file word for word just beside the window: the
 * search is shifted against the file (a line left out among similar lines), not a typo, so nothing is placed.
 */
function isMisaligned(search: readonly string[], file: readonly string[], window: LineRange): boolean {
  const m = search.length;
  const near = new Set(file.slice(Math.max(0, window.start - m), Math.min(file.length, window.end + m)).map((l) => l.trim()));
  return search.some((line, i) => line.trim() !== file[window.start + i].trim() && line.trim() !== '' && (near.has(line.trim()) || hasOwnNumber(line, file[window.start + i])));
}

/** A line-number prefix ("12\t", "12 | ", "12:") the file line lacks is no typo: it moves where the code starts. */
function hasOwnNumber(line: string, fileLine: string): boolean {
  const number = /^\s*\d+(?:\t| ?\||:)/;
  return number.test(line) && !number.test(fileLine);
}
