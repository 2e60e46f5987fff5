/**
 * Applies several search/replace blocks to one file. Every block is placed against the original text, so their
 * order does not matter; overlapping blocks are an error, never a corruption. Endings, BOM and final newline
 * come through unchanged.
 */
import { blockLines, joinText, spliceLines, splitText } from './textLines';
import { matchBlock, type BlockMatch, type MatchResult } from './blockMatcher';
import { detectIndent } from './reindent';

/** One search/replace block as the model wrote it. */
export interface EditBlock {
  search: string;
  replace: string;
  /** 0-based line the block is believed to start at (from a diff header). */
  hintLine?: number;
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
  const emptySearch = blocks.findIndex((b) => blockLines(b.search).length === 0);
  if (emptySearch >= 0) return applyToEmpty(content, blocks, emptySearch);
  const fileStyle = detectIndent(texts);
  const matches: BlockMatch[] = [];
  const errors: BlockError[] = [];
  blocks.forEach((block, index) => {
    const result = matchBlock({ file: texts, search: blockLines(block.search), replace: blockLines(block.replace), hintLine: block.hintLine, fileStyle });
    if (result.kind === 'found') matches.push(result.match);
    else errors.push({ index, message: describeFailure(result, texts, blocks.length > 1 ? index : undefined) });
  });
  if (errors.length > 0) return { isOk: false, errors };
  const overlap = findOverlap(matches);
  if (overlap) return { isOk: false, errors: [overlap] };
  let lines = split.lines;
  for (const match of [...matches].sort((a, b) => b.start - a.start)) lines = spliceLines(lines, match, match.lines);
  return { isOk: true, content: joinText({ hasBom: split.hasBom, lines }), matches };
}

function applyToEmpty(content: string | null, blocks: readonly EditBlock[], index: number): ApplyResult {
  if (blocks.length === 1 && (content === null || content.replace(/^\uFEFF/, '').trim() === '')) {
    const bom = content?.startsWith('\uFEFF') ? '\uFEFF' : '';
    return { isOk: true, content: bom + blocks[0].replace, matches: [] };
  }
  const message = 'The search text is empty. Quote the lines to replace (with a few lines of context), or write the whole file with create_file.';
  return { isOk: false, errors: [{ index, message }] };
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
    const where = c.end - c.start > 1 ? `lines ${c.start + 1}–${c.end}` : `line ${c.start + 1}`;
    return `${where}${percent}:\n${excerpt(file, c.start, c.end)}`;
  });
  if (result.kind === 'ambiguous') {
    return `${which} matches ${near.length > 1 ? 'several places' : 'more than one place'} (${result.stage} match), so nothing was changed. Add a few distinctive surrounding lines to the search text.\n${near.map((n) => `- ${n}`).join('\n')}`;
  }
  if (near.length === 0) return `${which} was not found in the file. Re-read the file and quote the lines exactly.`;
  return `${which} was not found exactly or with confidence. Did you mean ${near.map((n) => `\n- ${n}`).join('')}\nRe-read those lines and quote them exactly.`;
}

function excerpt(file: readonly string[], start: number, end: number): string {
  const shown = file.slice(start, Math.min(end, start + 6)).map((l, i) => `  ${start + i + 1}| ${l}`);
  if (end - start > 6) shown.push(`  ... (${end - start - 6} more lines)`);
  return shown.join('\n');
}
