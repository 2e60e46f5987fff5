/**
 * Applies several search/replace blocks to one file. Every block is placed against the original text, so their
 * order does not matter; overlapping blocks are an error, never a corruption. Endings, BOM and final newline
 * come through unchanged. How a block's text is read (its ends, line numbers) is decided once in blockText.
 */
import { joinText, spliceLines, splitText, type Line } from './textLines';
import { matchBlock, type BlockMatch, type MatchResult } from './blockMatcher';
import { prepareBlock, type PreparedBlock } from './blockText';
import { replaceEvery } from './replaceAll';
import { detectIndent, type IndentStyle } from './reindent';

/** One search/replace block as the model wrote it. */
export interface EditBlock {
  search: string;
  replace: string;
  /** 0-based line the block is believed to start at (the model's `line`, a diff header); only breaks ties. */
  hintLine?: number;
  /** Replace every exact occurrence of the search text instead of requiring one place. */
  isReplaceAll?: boolean;
}

/** Why one block could not be applied, written for the model. */
export interface BlockError {
  index: number;
  message: string;
}

/** The result of applying blocks: the new text and where each block went, or the errors of every failed block. */
export type ApplyResult =
  | { isOk: true; content: string; matches: BlockMatch[] }
  | { isOk: false; errors: BlockError[] };

/** Applies blocks to `content` (null: the file does not exist, allowed only with empty search blocks). */
export function applyBlocks(content: string | null, blocks: readonly EditBlock[]): ApplyResult {
  if (blocks.length === 0) return { isOk: false, errors: [{ index: 0, message: 'No edit blocks were given.' }] };
  const split = splitText(content ?? '');
  const texts = split.lines.map((l) => l.text);
  const isBlankFile = content === null || content.replace(/^\uFEFF/, '').trim() === '';
  if (isBlankFile && blocks.length === 1 && blocks[0].search === '') {
    const bom = content?.startsWith('\uFEFF') ? '\uFEFF' : '';
    return { isOk: true, content: bom + blocks[0].replace, matches: [] };
  }
  const fileStyle = detectIndent(texts);
  const matches: BlockMatch[] = [];
  const errors: BlockError[] = [];
  blocks.forEach((block, index) => {
    const placed = placeBlock(block, split.lines, fileStyle);
    const which = blocks.length > 1 ? index : undefined;
    if (Array.isArray(placed)) matches.push(...placed);
    else errors.push({ index, message: typeof placed === 'string' ? label(placed, which) : describeFailure(placed, texts, which) });
  });
  if (errors.length > 0) return { isOk: false, errors };
  const overlap = findOverlap(matches);
  if (overlap) return { isOk: false, errors: [overlap] };
  let lines = split.lines;
  // Bottom up; at one line a replaced region goes before an insertion there, and insertions keep block order.
  const order = matches.map((m, i) => ({ m, i })).sort((a, b) => b.m.start - a.m.start || b.m.end - a.m.end || b.i - a.i);
  for (const { m } of order) lines = spliceLines(lines, m);
  return { isOk: true, content: joinText({ hasBom: split.hasBom, lines }), matches };
}

const label = (message: string, index?: number): string => (index === undefined ? message : `Block ${index + 1}: ${message}`);

/** The changes of one block, or why it cannot be placed. */
function placeBlock(block: EditBlock, lines: readonly Line[], fileStyle: IndentStyle): BlockMatch[] | string | Exclude<MatchResult, { kind: 'found' }> {
  const texts = lines.map((l) => l.text);
  if (block.isReplaceAll) {
    const all = replaceEvery(lines, block.search, block.replace);
    return all.length > 0 ? all : 'replace_all found no exact occurrence of the search text; quote it exactly as the file has it.';
  }
  const prepared = prepareBlock(block, texts);
  if (prepared.search.length === 0) return insertion(prepared, texts.length);
  const result = matchBlock({ file: texts, search: prepared.search, replace: prepared.replace, hintLine: prepared.hintLine, fileStyle });
  if (result.kind !== 'found') return result;
  return [prepared.joinsNext ? joinNext(result.match, texts) : result.match];
}

/** An empty search with a line: the replacement is inserted before that line, as whole lines. */
function insertion(block: PreparedBlock, lineCount: number): BlockMatch[] | string {
  const at = block.hintLine;
  if (at === undefined) return 'The search text is empty. Quote the lines to replace (with a few lines of context), give "line" with an empty search to insert before that line, or write the whole file with create_file.';
  if (at > lineCount) return `line ${at + 1} is past the end of the file, which has ${lineCount} line(s); use line ${lineCount + 1} to append.`;
  const lines = block.replace[block.replace.length - 1] === '' ? block.replace.slice(0, -1) : block.replace;
  if (lines.length === 0) return 'Nothing to insert: the replacement is empty.';
  return [{ start: at, end: at, stage: 'insert', lines }];
}

/** A replacement without the search's final line break: its last line and the next file line become one. */
function joinNext(match: BlockMatch, texts: readonly string[]): BlockMatch {
  if (match.lines.length === 0) return match;
  if (match.end >= texts.length) return { ...match, isOpenEnd: true };
  const lines = [...match.lines];
  const origins = match.origins ? [...match.origins] : lines.map(() => undefined);
  lines[lines.length - 1] += texts[match.end];
  origins[origins.length - 1] = undefined;
  return { ...match, end: match.end + 1, lines, origins };
}

function findOverlap(matches: readonly BlockMatch[]): BlockError | undefined {
  const sorted = matches.map((m, index) => ({ ...m, index })).sort((a, b) => a.start - b.start);
  for (let i = 1; i < sorted.length; i++) {
    const [a, b] = [sorted[i - 1], sorted[i]];
    if (b.start < a.end) {
      const message = `Blocks ${a.index + 1} and ${b.index + 1} overlap (lines ${a.start + 1}–${a.end} and ${b.start + 1}–${b.end}). Merge them into one block, or make each quote different lines. Nothing was changed.`;
      return { index: b.index, message };
    }
  }
  return undefined;
}

/** An error for one block: what failed and the closest places, with 1-based line numbers and their text. */
export function describeFailure(result: Exclude<MatchResult, { kind: 'found' }>, file: readonly string[], index?: number): string {
  const which = index === undefined ? 'The search text' : `Block ${index + 1}: the search text`;
  if (result.kind === 'invalid') return `${index === undefined ? '' : `Block ${index + 1}: `}${result.message}`;
  const near = result.candidates.map((c) => {
    const percent = result.kind === 'notFound' ? ` (${Math.round(c.similarity * 100)}% similar)` : '';
    const where = c.end - c.start > 1 ? `lines ${c.start + 1}–${c.end}` : `line ${c.start + 1}${c.column === undefined ? '' : `, column ${c.column}`}`;
    return `${where}${percent}:\n${excerpt(file, c.start, c.end)}`;
  });
  if (result.kind === 'ambiguous') {
    return `${which} matches ${near.length > 1 ? 'several places' : 'more than one place'} (${result.stage} match), so nothing was changed. Add a few distinctive surrounding lines to the search text, give the block's "line", or set replace_all.\n${near.map((n) => `- ${n}`).join('\n')}`;
  }
  if (near.length === 0) return `${which} was not found in the file. Re-read the file and quote the lines exactly.`;
  return `${which} was not found exactly or with confidence. Did you mean ${near.map((n) => `\n- ${n}`).join('')}\nRe-read those lines and quote them exactly.`;
}

function excerpt(file: readonly string[], start: number, end: number): string {
  const shown = file.slice(start, Math.min(end, start + 6)).map((l, i) => `  ${start + i + 1}| ${l}`);
  if (end - start > 6) shown.push(`  ... (${end - start - 6} more lines)`);
  return shown.join('\n');
}
