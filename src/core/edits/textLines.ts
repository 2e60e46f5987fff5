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

/** A replacement of lines [start, end): the new texts, which file line each one keeps (if any), how it ends. */
export interface LineChange {
  start: number;
  end: number;
  lines: readonly string[];
  /** Per new line, the file line whose ending it keeps (the line itself, or the one it changes); else undefined. */
  origins?: ReadonlyArray<number | undefined>;
  /** The change ends the file without a final line break (a replacement that joined the last line). */
  isOpenEnd?: boolean;
}

/**
 * Replaces lines [start, end) with new texts. A line kept or changed from a file line keeps that line's ending;
 * the last new line keeps the ending of the last replaced line (the break after the region is not part of it);
 * other new lines take the ending of the line before them (without origins: of the line they replace position by
 * position), so that a mixed CRLF/LF file gets its neighbours' endings. An unterminated last line stays so.
 */
export function spliceLines(lines: readonly Line[], change: LineChange): Line[] {
  const { start, end, lines: texts } = change;
  const old = lines.slice(start, end);
  const fallback = dominantEol(old.some((l) => l.eol) ? old : lines);
  const isAtEnd = end === lines.length && lines.length > 0;
  const wasUnterminated = isAtEnd && lines[lines.length - 1].eol === '';
  if (texts.length === 0) return deleteLines(lines, start, end, wasUnterminated);
  const before = lines.slice(0, start);
  if (start === end && isAtEnd && wasUnterminated) before[before.length - 1] = { ...before[before.length - 1], eol: fallback };
  let previous = before[before.length - 1]?.eol || old[0]?.eol || fallback;
  const fresh = texts.map((text, i) => {
    const origin = change.origins?.[i];
    const kept = origin === undefined ? '' : lines[origin]?.eol ?? '';
    const isLast = i === texts.length - 1;
    // Without origins (a part of a line, an insertion) new lines replace old ones position by position.
    const inPlace = isLast ? old[old.length - 1]?.eol : change.origins ? undefined : old[i]?.eol;
    const eol = kept || inPlace || previous;
    previous = eol;
    return { text, eol };
  });
  const last = fresh[fresh.length - 1];
  if (change.isOpenEnd || wasUnterminated) fresh[fresh.length - 1] = { ...last, eol: '' };
  return [...before, ...fresh, ...lines.slice(end)];
}

function deleteLines(lines: readonly Line[], start: number, end: number, wasUnterminated: boolean): Line[] {
  const before = lines.slice(0, start);
  if (wasUnterminated && start > 0) {
    // The unterminated last line was deleted: the new last line loses its ending, as the file had none.
    before[before.length - 1] = { ...before[before.length - 1], eol: '' };
    return before;
  }
  return [...before, ...lines.slice(end)];
}

/** The leading whitespace of a line. */
export function indentOf(text: string): string {
  return /^[ \t]*/.exec(text)?.[0] ?? '';
}
