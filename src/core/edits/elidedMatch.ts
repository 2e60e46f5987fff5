/**
 * Stage 4: a search block with an elided middle ("...", "// ... existing code ..."). Each literal segment is
 * placed in order; the first must be unique, each next one is the nearest exact-indentation occurrence after
 * the previous (or a unique one when only indentation-insensitive). A replacement with as many markers gets the
 * elided lines put back in their place.
 */
import type { Candidate, MatchInput, MatchResult } from './blockMatcher';
import { diffArrays } from 'diff';
import { absolute, buildReplacement, type BuiltReplacement } from './replacementBuilder';
import { detectIndent, isUniformIndent } from './reindent';

const MARKER = /^\s*(?:(?:\/\/|#|--|\/\*|<!--|\*)\s*)?(?:\.\.\.|…|\[\.\.\.\]|\.\.\.\s*(?:existing|rest of|unchanged)\b.*|(?:existing|rest of the|unchanged)\b.*(?:code|lines|file|here).*)\s*(?:\*\/|-->)?\s*$/i;

/** True when the line is an elision marker rather than code. */
export function isElisionMarker(line: string): boolean {
  return MARKER.test(line);
}

const PLACEHOLDER = /^\s*(?:\/\/|#|--|\/\*|<!--|\*)\s*(?:\.\.\.|…)?\s*(?:existing code|rest of (?:the )?(?:code|file|function|class|method)|(?:code|lines) unchanged|unchanged code|remaining code)\b.*$/i;

/** True for a comment that stands for code a model left out ("// ... existing code ..."), never real code. */
export function isPlaceholderComment(line: string): boolean {
  return PLACEHOLDER.test(line);
}

/** True when a search block elides part of itself. */
export function hasElision(search: readonly string[]): boolean {
  return search.some(isElisionMarker);
}

function segments(lines: readonly string[]): string[][] {
  const out: string[][] = [[]];
  for (const line of lines) {
    if (isElisionMarker(line)) out.push([]);
    else out[out.length - 1].push(line);
  }
  return out;
}

/** Leading and trailing markers say nothing about the place: drop them. */
function stripEndMarkers(lines: readonly string[]): string[] {
  let a = 0;
  let b = lines.length;
  while (a < b && isElisionMarker(lines[a])) a++;
  while (b > a && isElisionMarker(lines[b - 1])) b--;
  return lines.slice(a, b);
}

interface FindOptions {
  from: number;
  normalize: (l: string) => string;
  cap?: number;
}

/** Starts of `seg` in `file` at or after `from`, at most `cap` (6) of them. */
function findFrom(file: readonly string[], seg: readonly string[], options: FindOptions): number[] {
  const { from, normalize, cap = 6 } = options;
  const want = seg.map(normalize);
  const out: number[] = [];
  outer: for (let i = from; i + want.length <= file.length; i++) {
    for (let k = 0; k < want.length; k++) if (normalize(file[i + k]) !== want[k]) continue outer;
    out.push(i);
    if (out.length >= cap) break;
  }
  return out;
}

const tight = (l: string): string => l.trimEnd();
const loose = (l: string): string => l.trim();

/** Where a segment occurs between `from` and `to`, exactly (but for trailing space), else indentation-free. */
function occurrences(file: readonly string[], seg: readonly string[], from: number, to: number): { hits: number[]; isLoose: boolean } {
  const window = file.slice(0, to);
  const hits = findFrom(window, seg, { from, normalize: tight });
  if (hits.length > 0) return { hits, isLoose: false };
  return { hits: findFrom(window, seg, { from, normalize: loose }), isLoose: true };
}

/**
 * Places the segments: one that occurs exactly once is the anchor. Each other segment must be the only occurrence
 * in its direction, or the nearest one when the lines it elides form an enclosed block (all more indented than
 * the lines around them, as in "function f() {" ... "}"), the one reading where nearest is what the model meant.
 */
function placeSegments(file: readonly string[], segs: readonly string[][]): number[] | 'ambiguous' | undefined {
  const counts = segs.map((seg) => occurrences(file, seg, 0, file.length));
  if (counts.some((c) => c.hits.length === 0)) return undefined;
  const anchor = counts.findIndex((c) => c.hits.length === 1);
  if (anchor < 0) return 'ambiguous';
  const starts: number[] = new Array<number>(segs.length);
  starts[anchor] = counts[anchor].hits[0];
  for (let i = anchor + 1; i < segs.length; i++) {
    const from = starts[i - 1] + segs[i - 1].length;
    const { hits, isLoose } = occurrences(file, segs[i], from, file.length);
    if (hits.length === 0) return undefined;
    if (hits.length > 1 && (isLoose || !isEnclosed(file, from, hits[0]) || hits[1] <= hits[0] + segs[i].length)) return 'ambiguous';
    starts[i] = hits[0];
  }
  for (let i = anchor - 1; i >= 0; i--) {
    const { hits, isLoose } = occurrences(file, segs[i], 0, starts[i + 1]);
    if (hits.length === 0) return undefined;
    const nearest = hits.length > 5 ? findAllBefore(file, segs[i], starts[i + 1], tight)[0] : hits[hits.length - 1];
    // A repeating segment (its places touch each other) has no nearest place worth trusting.
    const isRepeating = hits.some((h) => h !== nearest && h + segs[i].length >= nearest);
    if (hits.length > 1 && (isLoose || isRepeating || !isEnclosed(file, nearest + segs[i].length, starts[i + 1]))) return 'ambiguous';
    starts[i] = nearest;
  }
  return starts;
}

/**
 * For a head ... tail block that placement left ambiguous: the full replacement is evidence too. The region that
 * needs clearly the fewest changed lines wins, and never over a larger region overlapping it.
 */
function pickByReplacement(file: readonly string[], segs: readonly string[][], replace: readonly string[]): number[] | undefined {
  if (segs.length !== 2 || replace.length === 0) return undefined;
  const [head, tail] = segs;
  const heads = findFrom(file, head, { from: 0, normalize: tight, cap: 20 });
  const tails = findFrom(file, tail, { from: 0, normalize: tight, cap: 20 });
  const wanted = replace.map(loose);
  const scored: Array<{ starts: number[]; cost: number }> = [];
  for (const h of heads) {
    for (const t of tails) {
      if (t < h + head.length) continue;
      const region = file.slice(h, t + tail.length).map(loose);
      const cost = diffArrays(region, wanted).reduce((n, part) => n + (part.added || part.removed ? part.value.length : 0), 0);
      scored.push({ starts: [h, t], cost });
    }
  }
  scored.sort((a, b) => a.cost - b.cost);
  const [best, second] = scored;
  if (!best) return undefined;
  // Among overlapping regions a smaller one fits a deletion best, so it is never taken over a larger one; the
  // larger one wins only when the replacement clearly reproduces the lines it adds.
  const end = (c: { starts: number[] }): number => c.starts[1] + tail.length;
  const overlapping = scored.slice(1).filter((c) => c.starts[0] < end(best) && best.starts[0] < end(c));
  if (overlapping.some((c) => c.starts[0] < best.starts[0] || end(c) > end(best))) return undefined;
  return !second || second.cost - best.cost >= Math.max(2, Math.ceil(best.cost / 2)) ? best.starts : undefined;
}

/** Up to three regions an ambiguous elided block could mean: each place of its first part to the next of its last. */
function elidedCandidates(file: readonly string[], segs: readonly string[][]): Candidate[] {
  const last = segs[segs.length - 1];
  const out: Candidate[] = [];
  for (const h of findFrom(file, segs[0], { from: 0, normalize: loose, cap: 3 })) {
    const [t] = findFrom(file, last, { from: h + segs[0].length, normalize: loose, cap: 1 });
    if (t !== undefined) out.push({ start: h, end: t + last.length, similarity: 1 });
  }
  return out;
}

/**
 * True when file lines [from, to) are all blank or more indented than the lines just around them, which must be
 * code (a blank edge says nothing about structure).
 */
function isEnclosed(file: readonly string[], from: number, to: number): boolean {
  const width = (line: string): number => line.length - line.trimStart().length;
  const [before, after] = [file[from - 1], file[to]];
  if (before === undefined || after === undefined || before.trim() === '' || after.trim() === '') return false;
  const edge = Math.max(width(before), width(after));
  const inner = file.slice(from, to).filter((l) => l.trim() !== '');
  return inner.length > 0 && inner.every((l) => width(l) > edge);
}

function findAllBefore(file: readonly string[], seg: readonly string[], to: number, normalize: (l: string) => string): number[] {
  const want = seg.map(normalize);
  for (let i = to - seg.length; i >= 0; i--) {
    if (want.every((w, k) => normalize(file[i + k]) === w)) return [i];
  }
  return [];
}

/** Matches a search block with elision markers; undefined when it does not apply. */
export function matchElided(original: MatchInput): MatchResult | undefined {
  const input = { ...original, search: stripEndMarkers(original.search), replace: stripEndMarkers(original.replace) };
  const segs = segments(input.search);
  if (segs.length < 2 || segs.some((s) => s.length === 0)) return undefined;
  const markers = input.replace.filter(isElisionMarker).length;
  if (markers > 0 && markers !== segs.length - 1) {
    return { kind: 'invalid', message: `The replacement has ${markers} elision marker(s) but the search block has ${segs.length - 1}; write the replaced lines out in full, or use one marker per elided part in both.` };
  }
  let starts = placeSegments(input.file, segs);
  if (starts === 'ambiguous' && markers === 0) starts = pickByReplacement(input.file, segs, input.replace) ?? starts;
  if (starts === undefined) return undefined;
  if (starts === 'ambiguous') return { kind: 'ambiguous', stage: 'elided', candidates: elidedCandidates(input.file, segs) };
  const pairs = segs.flatMap((seg, i) => seg.map((l, k) => [l, input.file[starts[i] + k]] as const));
  if (!isUniformIndent(pairs, input.fileStyle ?? detectIndent(input.file))) return undefined;
  const start = starts[0];
  const end = starts[starts.length - 1] + segs[segs.length - 1].length;
  const gaps = segs.slice(1).map((_, i) => input.file.slice(starts[i] + segs[i].length, starts[i + 1]));
  const built = replacementFor(input, segs, starts, gaps);
  return { kind: 'found', match: { start, end, stage: 'elided', lines: built.lines, origins: absolute(built.origins, start) } };
}

function replacementFor(input: MatchInput, segs: string[][], starts: number[], gaps: string[][]): BuiltReplacement {
  const region = input.file.slice(starts[0], starts[starts.length - 1] + segs[segs.length - 1].length);
  const search = segs.flatMap((seg, i) => (i === 0 ? seg : [...gaps[i - 1], ...seg]));
  const pairs = segs.flatMap((seg, i) => seg.map((l, k) => [l, input.file[starts[i] + k]] as const));
  let replace = [...input.replace];
  if (replace.some(isElisionMarker)) {
    let gap = 0;
    replace = input.replace.flatMap((l) => (isElisionMarker(l) ? gaps[gap++] : [l]));
  }
  return buildReplacement({ search, replace, aligned: region, pairs, isReindent: true, fileStyle: input.fileStyle ?? detectIndent(input.file) });
}
