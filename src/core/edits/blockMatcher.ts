/**
 * Finds where one search block belongs in a file, in stages that stop at the first one finding exactly one
 * place: exact, part of a line, line-ending/trailing-whitespace, indentation (one shift, re-indenting the
 * replacement; or lines off by different amounts when only one place fits), runs of spaces inside lines, elided
 * middle, bounded fuzzy; then the same again without blank lines at the block's edges that the file lacks.
 * Ambiguity and low confidence are results with candidates, never a guess.
 */
import { absolute, buildReplacement } from './replacementBuilder';
import { detectIndent, isUnevenButTelling, isUniformIndent, type IndentStyle } from './reindent';
import { matchElided, hasElision, isPlaceholderComment } from './elidedMatch';
import { fuzzyCandidates, pickFuzzy } from './fuzzyMatch';

/** The stage that found a block. */
export type MatchStage = 'exact' | 'partial' | 'whitespace' | 'indentation' | 'uneven indentation' | 'spaces' | 'elided' | 'fuzzy' | 'insert';

/** A 0-based half-open range of lines. */
export interface LineRange {
  start: number;
  end: number;
}

/** Where a block matched and the lines that replace [start, end). */
export interface BlockMatch extends LineRange {
  stage: MatchStage;
  lines: string[];
  /** Per new line, the file line whose ending it keeps (the line itself, or the one it changes), else undefined. */
  origins?: Array<number | undefined>;
  /** The new lines end the file without a final line break. */
  isOpenEnd?: boolean;
  /** For replace_all: how many occurrences this change replaced. */
  count?: number;
}

/** A near place shown to the model when a block cannot be placed. */
export interface Candidate extends LineRange {
  similarity: number;
  /** 1-based column, for a match inside a line that holds several. */
  column?: number;
}

/** The matcher's verdict for one block. */
export type MatchResult =
  | { kind: 'found'; match: BlockMatch }
  | { kind: 'ambiguous'; stage: MatchStage; candidates: Candidate[] }
  | { kind: 'notFound'; candidates: Candidate[] }
  | { kind: 'invalid'; message: string };

/** One block to place: the file's line texts (no endings), search and replacement lines, an optional line hint. */
export interface MatchInput {
  file: readonly string[];
  search: readonly string[];
  replace: readonly string[];
  /** 0-based line the block is believed to start at (from the model or a diff header); only breaks ties. */
  hintLine?: number;
  fileStyle?: IndentStyle;
}

type Normalize = (line: string) => string;
const stages: ReadonlyArray<readonly [MatchStage, Normalize]> = [
  ['exact', (l) => l],
  ['whitespace', (l) => l.trimEnd()],
  ['indentation', (l) => l.trim()],
  ['spaces', (l) => l.trim().replace(/[ \t]+/g, ' ')],
];

/** Places one block in a file; a block not found is tried again without edge blank lines the file lacks. */
export function matchBlock(input: MatchInput): MatchResult {
  const result = matchLines(input);
  if (result.kind !== 'notFound') return result;
  // Only blank lines the file lacks go; every way of dropping them that places the block must agree.
  let found: BlockMatch | undefined;
  let foundTotal = 0;
  for (const edges of edgeTrims(input.search)) {
    const trimmed = withoutEdgeBlanks(input, edges);
    if (!trimmed) {
      // A reading whose replacement is unclear matters only where its search fits the file; there it is not
      // guessed, unless a reading dropping fewer lines already placed the block.
      const fits = matchLines({ ...input, search: input.search.slice(edges.head, input.search.length - edges.tail) }).kind !== 'notFound';
      if (fits && !(found && edges.head + edges.tail > foundTotal)) return result;
      continue;
    }
    const retry = matchLines(trimmed);
    if (retry.kind === 'notFound') continue;
    if (retry.kind !== 'found') return retry;
    if (isMissingEdgeLine(trimmed, retry.match)) return result;
    if (found && effect(input.file, found) !== effect(input.file, retry.match)) {
      return { kind: 'ambiguous', stage: retry.match.stage, candidates: [found, retry.match].map((m) => ({ start: m.start, end: m.end, similarity: 1 })) };
    }
    if (!found) [found, foundTotal] = [retry.match, edges.head + edges.tail];
  }
  return found ? { kind: 'found', match: found } : result;
}

/** The file's lines after a match is applied, to compare two readings of one block. */
function effect(file: readonly string[], match: BlockMatch): string {
  return [...file.slice(0, match.start), ...match.lines, ...file.slice(match.end)].join('\n');
}

/** How many blank lines to drop at each edge, fewest first (at most three per edge). */
function edgeTrims(search: readonly string[]): Array<{ head: number; tail: number }> {
  const isBlank = (l: string): boolean => l.trim() === '';
  let heads = 0;
  while (heads < Math.min(3, search.length) && isBlank(search[heads])) heads++;
  let tails = 0;
  while (tails < Math.min(3, search.length - heads) && isBlank(search[search.length - 1 - tails])) tails++;
  if (heads === search.length) return [];
  const out: Array<{ head: number; tail: number }> = [];
  for (let total = 1; total <= heads + tails; total++) {
    for (let head = 0; head <= Math.min(heads, total); head++) if (total - head <= tails) out.push({ head, tail: total - head });
  }
  return out;
}

/**
 * A blank edge line in place of a line the model left out: the replacement then starts (or ends) with a new line
 * equal to the nearest non-blank file line before (after) the match, which applying would duplicate.
 */
function isMissingEdgeLine(input: MatchInput, match: BlockMatch): boolean {
  const key = (l: string | undefined): string => (l ?? '').trim();
  const { search, replace, file } = input;
  const nearest = (from: number, step: number): string => {
    for (let i = from; i >= 0 && i < file.length; i += step) if (key(file[i]) !== '') return key(file[i]);
    return '';
  };
  const head = replace.find((l) => key(l) !== '');
  const tail = [...replace].reverse().find((l) => key(l) !== '');
  const isHeadNew = head !== undefined && key(head) !== key(search[0]) && key(head) === nearest(match.start - 1, -1);
  const isTailNew = tail !== undefined && key(tail) !== key(search[search.length - 1]) && key(tail) === nearest(match.end, 1);
  return isHeadNew || isTailNew;
}

/**
 * The block without `head` leading and `tail` trailing (blank) search lines. At that edge the replacement keeps
 * blank lines that are no more than the search's real ones, and loses the stray ones when it has all of the
 * search's blank lines there, the stray ones word for word (the model copied them); anything else could be a
 * copy or meant, so the block is not placed.
 */
function withoutEdgeBlanks(input: MatchInput, edges: { head: number; tail: number }): MatchInput | undefined {
  const { search, replace } = input;
  const blanks = (lines: readonly string[]): number => {
    let n = 0;
    while (n < lines.length && lines[n].trim() === '') n++;
    return n;
  };
  const reversed = (lines: readonly string[]): string[] => [...lines].reverse();
  const head = edgeFate(replace, search.slice(0, edges.head), blanks(search) - edges.head, blanks);
  const tail = edgeFate(reversed(replace), reversed(search.slice(search.length - edges.tail)), blanks(reversed(search)) - edges.tail, blanks);
  if (head === undefined || tail === undefined) return undefined;
  const to = Math.max(head, replace.length - tail);
  return { ...input, search: search.slice(edges.head, search.length - edges.tail), replace: replace.slice(head, to) };
}

/** How many replacement lines to drop at one edge (lines given from that edge), or undefined when unclear. */
function edgeFate(replace: readonly string[], stray: readonly string[], realBlanks: number, blanks: (l: readonly string[]) => number): number | undefined {
  if (stray.length === 0) return 0;
  const count = blanks(replace);
  if (count <= realBlanks) return 0;
  const isCopy = count >= realBlanks + stray.length && replace.length > stray.length && stray.every((l, i) => replace[i] === l);
  return isCopy ? stray.length : undefined;
}

function matchLines(input: MatchInput): MatchResult {
  const fileStyle = input.fileStyle ?? detectIndent(input.file);
  const ctx = { ...input, fileStyle };
  const placeholder = input.replace.find((l) => isPlaceholderComment(l) && !input.search.includes(l));
  if (placeholder !== undefined && !hasElision(input.search)) {
    return { kind: 'invalid', message: `The replacement contains "${placeholder.trim()}", which would be written into the file literally and drop the code it stands for. Write out the lines in full, or quote the same placeholder in the search text where the unchanged lines are.` };
  }
  if (input.search.every((l) => l.trim() === '')) {
    return matchStage(ctx, 'exact', (l) => l) ?? { kind: 'notFound', candidates: [] };
  }
  for (const [stage, normalize] of stages) {
    const result = matchStage(ctx, stage, normalize);
    if (result) return result;
    if (stage === 'exact') {
      const partial = matchPartial(ctx);
      if (partial) return partial;
    }
  }
  if (hasElision(input.search)) {
    const elided = matchElided(ctx);
    if (elided) return elided;
  }
  return pickFuzzy(ctx, fuzzyCandidates(input.file, input.search));
}

type Ctx = MatchInput & { fileStyle: IndentStyle };

function matchStage(ctx: Ctx, initialStage: MatchStage, normalize: Normalize): MatchResult | undefined {
  let stage = initialStage;
  const file = ctx.file.map(normalize);
  const search = ctx.search.map(normalize);
  let starts = findAll(file, search);
  const isIndentFree = stage === 'indentation' || stage === 'spaces';
  if (isIndentFree) {
    const uniform = starts.filter((s) => isUniformIndent(ctx.search.map((l, i) => [l, ctx.file[s + i]] as const), ctx.fileStyle));
    // Lines off by different amounts are still the same code when only one place fits at all.
    const uneven = starts.filter((s) => isUnevenButTelling(ctx.search, ctx.file.slice(s, s + search.length), ctx.fileStyle));
    if (uniform.length === 0 && stage === 'indentation' && uneven.length > 0) {
      stage = 'uneven indentation';
      starts = uneven;
    } else starts = uniform;
  }
  if (starts.length === 0) return undefined;
  const start = starts.length === 1 ? starts[0] : nearestToHint(starts, ctx.hintLine);
  if (start === undefined) {
    const candidates = starts.slice(0, 5).map((s) => ({ start: s, end: s + search.length, similarity: 1 }));
    return { kind: 'ambiguous', stage, candidates };
  }
  const end = start + search.length;
  const aligned = ctx.file.slice(start, end);
  const built = buildReplacement({
    search: ctx.search, replace: ctx.replace, aligned, isReindent: isIndentFree, isUneven: stage === 'uneven indentation', fileStyle: ctx.fileStyle,
  });
  return { kind: 'found', match: { start, end, stage, lines: built.lines, origins: absolute(built.origins, start) } };
}


/** All starts where `search` equals a window of `file`. */
export function findAll(file: readonly string[], search: readonly string[]): number[] {
  const out: number[] = [];
  const m = search.length;
  outer: for (let i = 0; i + m <= file.length; i++) {
    for (let k = 0; k < m; k++) if (file[i + k] !== search[k]) continue outer;
    out.push(i);
  }
  return out;
}

/** A line hint picks a place `d1` lines away over one `d2` away: more than three times nearer, and by 3 lines or more. */
export function isMuchNearer(d1: number, d2: number): boolean {
  return d2 > 3 * d1 + 2;
}

/** With a line hint, the nearest start wins only when it is much nearer than the next one. */
export function nearestToHint(starts: readonly number[], hint: number | undefined): number | undefined {
  if (hint === undefined) return undefined;
  const sorted = [...starts].sort((a, b) => Math.abs(a - hint) - Math.abs(b - hint));
  const d1 = Math.abs(sorted[0] - hint);
  const d2 = Math.abs(sorted[1] - hint);
  return isMuchNearer(d1, d2) ? sorted[0] : undefined;
}

/** A block that starts or ends inside a line: the first line a suffix, the last a prefix, the middle exact. */
function matchPartial(ctx: Ctx): MatchResult | undefined {
  const { file, search } = ctx;
  const m = search.length;
  const hits: Array<{ start: number; prefix: string; suffix: string }> = [];
  for (let i = 0; i + m <= file.length && hits.length <= 50; i++) {
    hits.push(...partialAt(file, search, i).filter((h) => h.prefix.trim() !== '' || h.suffix.trim() !== ''));
  }
  if (hits.length === 0) return undefined;
  const chosen = hits.length === 1 ? 0 : nearestHit(hits.map((h) => h.start), ctx.hintLine);
  if (chosen === undefined) {
    const candidates = hits.slice(0, 5).map((h) => ({ start: h.start, end: h.start + m, similarity: 1, column: h.prefix.length + 1 }));
    return { kind: 'ambiguous', stage: 'partial', candidates };
  }
  const { start, prefix, suffix } = hits[chosen];
  const lines = [...ctx.replace];
  if (lines.length === 0) lines.push('');
  lines[0] = prefix + lines[0];
  lines[lines.length - 1] += suffix;
  const isLineGone = ctx.replace.length === 0 && prefix === '' && suffix === '';
  return { kind: 'found', match: { start, end: start + m, stage: 'partial', lines: isLineGone ? [] : lines } };
}

/** The index of the hit a line hint picks, when it picks one line (two hits on one line are never told apart). */
function nearestHit(starts: readonly number[], hint: number | undefined): number | undefined {
  const start = nearestToHint(starts, hint);
  if (start === undefined || starts.filter((s) => s === start).length > 1) return undefined;
  return starts.indexOf(start);
}

function partialAt(file: readonly string[], search: readonly string[], i: number): Array<{ start: number; prefix: string; suffix: string }> {
  const m = search.length;
  if (m === 1) {
    const out: Array<{ start: number; prefix: string; suffix: string }> = [];
    const line = file[i];
    if (search[0] === '') return out;
    for (let at = line.indexOf(search[0]); at >= 0 && out.length < 5; at = line.indexOf(search[0], at + 1)) {
      out.push({ start: i, prefix: line.slice(0, at), suffix: line.slice(at + search[0].length) });
    }
    return out;
  }
  if (search[0].trim() === '' || search[m - 1].trim() === '') return [];
  if (!file[i].endsWith(search[0]) || !file[i + m - 1].startsWith(search[m - 1])) return [];
  for (let k = 1; k < m - 1; k++) if (file[i + k] !== search[k]) return [];
  return [{ start: i, prefix: file[i].slice(0, file[i].length - search[0].length), suffix: file[i + m - 1].slice(search[m - 1].length) }];
}
