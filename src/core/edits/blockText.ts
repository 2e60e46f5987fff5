/**
 * How the text of a search/replace block is read, once for every matching stage. A block is lines. A line
 * break at the end counts when only one side has it (str_replace semantics): a replacement with one more
 * final break than its search adds a line break, one with one fewer joins its last line with the next file
 * line. Whitespace after the last line break is ignored, an empty replacement deletes whole lines, and line
 * numbers copied from read_file ("  12\t", "12 | ", "12:") are stripped when the numbered text is not in the file.
 */

import { findAll } from './blockMatcher';

const BOM = '\uFEFF';

/** A block's text as lines, and whether it ended with a line break. */
export interface BlockText {
  lines: string[];
  isClosed: boolean;
}

/** Splits a block's text into lines; a final segment of only whitespace after a line break is dropped. */
export function readBlock(text: string): BlockText {
  const body = text.startsWith(BOM) ? text.slice(1) : text;
  if (body === '') return { lines: [], isClosed: true };
  const lines = body.split(/\r\n|\n|\r/);
  if (lines.length > 1 && lines[lines.length - 1].trim() === '') {
    lines.pop();
    return { lines, isClosed: true };
  }
  return { lines, isClosed: false };
}

/** The lines a block is matched with and replaced by, after reading its ends. */
export interface PreparedBlock {
  search: string[];
  replace: string[];
  /** The replacement lacks the final line break its search has: its last line joins the next file line. */
  joinsNext: boolean;
  /** 0-based line the block starts at, from the caller or from stripped line numbers. */
  hintLine?: number;
}

/** Reads a block against a file's line texts (the line-number prefixes are stripped only when needed). */
export function prepareBlock(block: { search: string; replace: string; hintLine?: number }, file: readonly string[]): PreparedBlock {
  let search = readBlock(block.search);
  let replace = readBlock(block.replace);
  let hintLine = block.hintLine;
  const numbered = file.join('\n').includes(search.lines.join('\n')) ? undefined : stripLineNumbers(search.lines, replace.lines, file);
  if (numbered) {
    search = { ...search, lines: numbered.search };
    replace = { ...replace, lines: numbered.replace };
    hintLine ??= numbered.firstLine;
  }
  const isEmpty = replace.lines.length === 0;
  const lines = !isEmpty && !search.isClosed && replace.isClosed ? [...replace.lines, ''] : replace.lines;
  return { search: search.lines, replace: lines, joinsNext: !isEmpty && search.isClosed && !replace.isClosed, hintLine };
}

/** The forms models copy: read_file's "  12\t", then "12 | " and "12: " (with or without the space). */
const NUMBER_FORMS: readonly RegExp[] = [/^ *(\d+)(?:\t|$)/, /^ *(\d+) \|(?: |$)/, /^ *(\d+) \|/, /^ *(\d+):(?: |$)/, /^ *(\d+):/];

type Numbered = { search: string[]; replace: string[]; firstLine: number };

/**
 * The search and replacement without line-number prefixes, when every search line carries one form with
 * consecutive numbers and the replacement's lines carry it on all lines or none. The form whose stripped lines are
 * in the file with their indentation (other spaces aside) wins, so "12: x" and "12:x" are both read right;
 * otherwise the forms that fit must agree.
 */
export function stripLineNumbers(search: readonly string[], replace: readonly string[], file: readonly string[] = []): Numbered | undefined {
  if (search.length === 0) return undefined;
  const fitting = NUMBER_FORMS.flatMap((form) => stripForm(form, search, replace) ?? []);
  const fileKeys = file.map(indentKeepingKey);
  const inFile = fitting.filter((f) => findAll(fileKeys, edgeTrimmed(f.search).map(indentKeepingKey)).length > 0);
  if (new Set(inFile.map((f) => JSON.stringify([f.search, f.replace]))).size === 1) return inFile[0];
  // "12: x" could be "x" or " x": with no exact text to tell, the space after the number is not guessed.
  const readings = new Set(fitting.map((f) => JSON.stringify([f.search, f.replace])));
  return readings.size === 1 ? fitting[0] : undefined;
}

function stripForm(form: RegExp, allSearch: readonly string[], replace: readonly string[]): Numbered | undefined {
  // Blank lines at the edges may come without a number (the model typed them); they stay as they are.
  let head = 0;
  while (head < allSearch.length && allSearch[head].trim() === '') head++;
  let tail = allSearch.length;
  while (tail > head && allSearch[tail - 1].trim() === '') tail--;
  const search = allSearch.slice(head, tail);
  if (search.length === 0) return undefined;
  const numbers = search.map((l) => form.exec(l)?.[1]);
  if (numbers.some((n) => n === undefined)) return undefined;
  const start = Number(numbers[0]);
  if (!numbers.every((n, i) => Number(n) === start + i)) return undefined;
  const strip = (l: string): string => l.replace(form, '');
  const stripped = [...allSearch.slice(0, head), ...search.map(strip), ...allSearch.slice(tail)];
  const isReplaceNumbered = replace.length > 0 && replace.every((l) => form.test(l));
  if (!isReplaceNumbered && replace.some((l) => form.test(l))) return undefined;
  return { search: stripped, replace: isReplaceNumbered ? replace.map(strip) : [...replace], firstLine: Math.max(0, start - 1 - head) };
}

/** A line compared with its indentation but without trailing spaces and runs of spaces inside it. */
function indentKeepingKey(line: string): string {
  const indent = /^[ \t]*/.exec(line)?.[0] ?? '';
  return indent + line.slice(indent.length).trim().replace(/[ \t]+/g, ' ');
}

function edgeTrimmed(lines: readonly string[]): string[] {
  let a = 0;
  let b = lines.length;
  while (a < b && lines[a].trim() === '') a++;
  while (b > a && lines[b - 1].trim() === '') b--;
  return lines.slice(a, b);
}
