/**
 * Reads a unified diff a model wrote for one file into search/replace blocks. Line numbers in `@@` headers are
 * only hints (they are often wrong), missing context is fine, and a diff without headers is one hunk. Each side
 * ends with a line break unless "\ No newline at end of file" follows its last line, so the block's ends say
 * exactly what the diff says (see blockText).
 */
import type { EditBlock } from './searchReplace';

/** A diff turned into blocks, or a message for the model. */
export type ParsedDiff = { isOk: true; blocks: EditBlock[] } | { isOk: false; message: string };

interface RawHunk {
  hint?: number;
  /** Lines still expected on each side, from the header's counts (undefined: no counts). */
  left?: { old: number; new: number };
  lines: string[];
}

/** Parses the hunks of a unified diff for one file. */
export function parseUnifiedDiff(diff: string): ParsedDiff {
  const blocks = collectHunks(diff.replace(/\r\n?/g, '\n').split('\n')).flatMap((hunk) => toBlock(hunk) ?? []);
  if (blocks.length === 0) return { isOk: false, message: 'The diff has no hunks. Give lines starting with " " (context), "-" (removed) and "+" (added).' };
  return { isOk: true, blocks };
}

function toBlock(hunk: RawHunk): EditBlock | undefined {
  const search: string[] = [];
  const replace: string[] = [];
  const open = { search: false, replace: false };
  let side = ' ';
  for (const line of hunk.lines) {
    const body = line.slice(1);
    if (line.startsWith('\\')) {
      if (side !== '+') open.search = true;
      if (side !== '-') open.replace = true;
      continue;
    }
    side = line[0];
    if (side !== '+') search.push(body);
    if (side !== '-') replace.push(body);
  }
  trimBlankContext(search, replace, open);
  if (search.length === 0 && replace.length === 0) return undefined;
  const text = (lines: string[], isOpen: boolean): string => (lines.length === 0 ? '' : lines.join('\n') + (isOpen ? '' : '\n'));
  return { search: text(search, open.search), replace: text(replace, open.replace), hintLine: hunk.hint };
}

const HUNK_HEADER = /^@@\s*-(\d+)(?:,(\d+))?\s+\+\d+(?:,(\d+))?\s*@@/;

function collectHunks(lines: readonly string[]): RawHunk[] {
  const hunks: RawHunk[] = [];
  let current: RawHunk | undefined;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (line.startsWith('@@')) {
      const header = HUNK_HEADER.exec(line);
      const left = header ? { old: Number(header[2] ?? 1), new: Number(header[3] ?? 1) } : undefined;
      // "-5,0" adds after line 5: the block goes before line 6 (0-based 5); otherwise it starts at line 5.
      const hint = header ? Math.max(0, Number(header[1]) - (left?.old === 0 ? 0 : 1)) : undefined;
      current = { hint, left, lines: [] };
      hunks.push(current);
      continue;
    }
    if (isFileHeader(lines, i, current)) continue;
    if (!current) {
      if (!/^[ +-]/.test(line)) continue;
      current = { lines: [] };
      hunks.push(current);
    }
    // A context line whose single space was stripped (blank line) stays context.
    const content = line === '' ? ' ' : /^[ +\-\\]/.test(line) ? line : ` ${line}`;
    current.lines.push(content);
    if (current.left && content[0] !== '\\') {
      if (content[0] !== '+') current.left.old--;
      if (content[0] !== '-') current.left.new--;
    }
  }
  for (const hunk of hunks) while (hunk.lines.length > 0 && hunk.lines[hunk.lines.length - 1] === ' ') hunk.lines.pop();
  return hunks;
}

/**
 * File headers: "diff --git" and friends before a hunk, and a "---"/"+++" pair (with or without a space before
 * the name) where no counted hunk still expects lines, so that a removed "-- x" line stays a removed line.
 */
function isFileHeader(lines: readonly string[], i: number, current: RawHunk | undefined): boolean {
  const line = lines[i];
  if (/^(diff --git|index |new file mode|deleted file mode|similarity index|rename (from|to) )/.test(line)) return !current;
  const isInsideHunk = current?.left !== undefined && (current.left.old > 0 || current.left.new > 0);
  if (isInsideHunk) return false;
  const isOld = (l: string | undefined): boolean => /^--- ?\S/.test(l ?? '') || l === '---';
  const isNew = (l: string | undefined): boolean => /^\+\+\+ ?\S/.test(l ?? '') || l === '+++';
  return (isOld(line) && isNew(lines[i + 1])) || (isNew(line) && isOld(lines[i - 1]));
}

/** Blank context at the very start or end adds nothing to the place and often is not in the file. */
function trimBlankContext(search: string[], replace: string[], open: { search: boolean; replace: boolean }): void {
  while (search.length > 1 && replace.length > 1 && search[0].trim() === '' && replace[0].trim() === '') {
    search.shift();
    replace.shift();
  }
  if (open.search || open.replace) return;
  while (search.length > 1 && replace.length > 1 && search[search.length - 1].trim() === '' && replace[replace.length - 1].trim() === '') {
    search.pop();
    replace.pop();
  }
}
