/**
 * Stage 4: a search block with an elided middle ("...", "// ... existing code ..."). Each literal segment is
 * placed in order; the first must be unique, each next one is the nearest exact-indentation occurrence after
 * the previous (or a unique one when only indentation-insensitive). A replacement with as many markers gets the
 * elided lines put back in their place.
 */
import type { Candidate, MatchInput, MatchResult } from './blockMatcher';
import { buildReplacement } from './replacementBuilder';
import { detectIndent } from './reindent';

const MARKER = /^\s*(?:(?:\/\/|#|--|\/\*|<!--|\*)\s*)?(?:\.\.\.|…|\[\.\.\.\]|\.\.\.\s*(?:existing|rest of|unchanged)\b.*|(?:existing|rest of the|unchanged)\b.*(?:code|lines|file|here).*)\s*(?:\*\/|-->)?\s*$/i;

/** True when the line is an elision marker rather than code. */
export function isElisionMarker(line: string): boolean {
  return MARKER.test(line);
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

function findFrom(file: readonly string[], seg: readonly string[], from: number, normalize: (l: string) => string): number[] {
  const want = seg.map(normalize);
  const out: number[] = [];
  outer: for (let i = from; i + want.length <= file.length; i++) {
    for (let k = 0; k < want.length; k++) if (normalize(file[i + k]) !== want[k]) continue outer;
    out.push(i);
    if (out.length > 5) break;
  }
  return out;
}

/** Places a segment at or after `from`: exact/trailing-space nearest, else a unique indentation-free hit. */
function placeSegment(file: readonly string[], seg: readonly string[], from: number, isFirst: boolean): number | 'ambiguous' | undefined {
  for (const normalize of [(l: string) => l.trimEnd(), (l: string) => l.trim()]) {
    const hits = findFrom(file, seg, from, normalize);
    if (hits.length === 0) continue;
    const isLoose = normalize('  x') === 'x';
    if (hits.length === 1 || (!isFirst && !isLoose)) return hits[0];
    return 'ambiguous';
  }
  return undefined;
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
  const starts: number[] = [];
  let from = 0;
  for (const [i, seg] of segs.entries()) {
    const at = placeSegment(input.file, seg, from, i === 0);
    if (at === undefined) return undefined;
    if (at === 'ambiguous') return { kind: 'ambiguous', stage: 'elided', candidates: [] as Candidate[] };
    starts.push(at);
    from = at + seg.length;
  }
  const start = starts[0];
  const end = from;
  const gaps = segs.slice(1).map((_, i) => input.file.slice(starts[i] + segs[i].length, starts[i + 1]));
  return { kind: 'found', match: { start, end, stage: 'elided', lines: replacementFor(input, segs, starts, gaps) } };
}

function replacementFor(input: MatchInput, segs: string[][], starts: number[], gaps: string[][]): string[] {
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
