/**
 * The line model every edit works on: a file is a BOM flag plus lines that each keep their own ending, so that
 * CRLF, LF, mixed endings, a BOM and a missing final newline come through an edit byte for byte.
 */

/** One line of a file: its text without the ending, and the ending itself ('' only on an unterminated last line). */
export interface Line {
  text: string;
  eol: string;
}

/** A file split into lines. `join(split(x)) === x` for every string. */
export interface SplitText {
  hasBom: boolean;
  lines: Line[];
}

const BOM = '\uFEFF';

/** Splits text into lines, keeping each line's ending ("\r\n", "\n" or a lone "\r"). */
export function splitText(text: string): SplitText {
  const hasBom = text.startsWith(BOM);
  const body = hasBom ? text.slice(1) : text;
  const lines: Line[] = [];
  const re = /\r\n|\n|\r/g;
  let start = 0;
  for (let m = re.exec(body); m; m = re.exec(body)) {
    lines.push({ text: body.slice(start, m.index), eol: m[0] });
    start = m.index + m[0].length;
  }
  if (start < body.length) lines.push({ text: body.slice(start), eol: '' });
  return { hasBom, lines };
}

/** The inverse of `splitText`. */
export function joinText(split: SplitText): string {
  return (split.hasBom ? BOM : '') + split.lines.map((l) => l.text + l.eol).join('');
}

/** The text of a block the model wrote, as lines: endings and a BOM dropped, one final newline ignored. */
export function blockLines(block: string): string[] {
  const body = block.startsWith(BOM) ? block.slice(1) : block;
  if (body === '') return [];
  const lines = body.split(/\r\n|\n|\r/);
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/** The most common line ending of a file ("\n" when it has none). */
export function dominantEol(lines: readonly Line[]): string {
  const counts = new Map<string, number>();
  for (const line of lines) if (line.eol) counts.set(line.eol, (counts.get(line.eol) ?? 0) + 1);
  let best = '\n';
  let bestCount = 0;
  for (const [eol, count] of counts) if (count > bestCount) [best, bestCount] = [eol, count];
  return best;
}

/**
 * Replaces lines [start, end) with new texts. New lines take the endings of the lines they replace position by
 * position, then the region's dominant ending; an unterminated last line stays unterminated.
 */
export function spliceLines(lines: readonly Line[], range: { start: number; end: number }, texts: readonly string[]): Line[] {
  const old = lines.slice(range.start, range.end);
  const fallback = dominantEol(old.some((l) => l.eol) ? old : lines);
  const isAtEnd = range.end === lines.length && lines.length > 0;
  const wasUnterminated = isAtEnd && lines[lines.length - 1].eol === '';
  const fresh = texts.map((text, i) => ({ text, eol: old[i]?.eol || fallback }));
  if (wasUnterminated && fresh.length > 0) fresh[fresh.length - 1] = { ...fresh[fresh.length - 1], eol: '' };
  if (wasUnterminated && fresh.length === 0 && range.start > 0) {
    // The unterminated last line was deleted: the new last line loses its ending, as the file had none.
    const before = lines.slice(0, range.start);
    before[before.length - 1] = { ...before[before.length - 1], eol: '' };
    return before;
  }
  return [...lines.slice(0, range.start), ...fresh, ...lines.slice(range.end)];
}

/** The leading whitespace of a line. */
export function indentOf(text: string): string {
  return /^[ \t]*/.exec(text)?.[0] ?? '';
}
