/**
 * Reads a unified diff a model wrote for one file into search/replace blocks. Line numbers in `@@` headers are
 * only hints (they are often wrong), missing context is fine, and a diff without headers is one hunk.
 */
import type { EditBlock } from './searchReplace';

/** A diff turned into blocks, or a message for the model. */
export type ParsedDiff = { isOk: true; blocks: EditBlock[] } | { isOk: false; message: string };

interface RawHunk {
  hint?: number;
  lines: string[];
}

/** Parses the hunks of a unified diff for one file. */
export function parseUnifiedDiff(diff: string): ParsedDiff {
  const hunks = collectHunks(diff.replace(/\r\n?/g, '\n').split('\n'));
  const blocks: EditBlock[] = [];
  for (const hunk of hunks) {
    const search: string[] = [];
    const replace: string[] = [];
    for (const line of hunk.lines) {
      const body = line.slice(1);
      if (line.startsWith('-')) search.push(body);
      else if (line.startsWith('+')) replace.push(body);
      else if (line.startsWith('\\')) continue;
      else {
        search.push(body);
        replace.push(body);
      }
    }
    trimBlankContext(search, replace);
    if (search.length === 0 && replace.length === 0) continue;
    blocks.push({ search: search.join('\n'), replace: replace.join('\n'), hintLine: hunk.hint });
  }
  if (blocks.length === 0) return { isOk: false, message: 'The diff has no hunks. Give lines starting with " " (context), "-" (removed) and "+" (added).' };
  return { isOk: true, blocks };
}

function collectHunks(lines: readonly string[]): RawHunk[] {
  const hunks: RawHunk[] = [];
  let current: RawHunk | undefined;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const header = /^@@\s*-(\d+)(?:,\d+)?\s+\+\d+(?:,\d+)?\s*@@/.exec(line);
    if (line.startsWith('@@')) {
      current = { hint: header ? Math.max(0, Number(header[1]) - 1) : undefined, lines: [] };
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
    current.lines.push(line === '' ? ' ' : /^[ +\-\\]/.test(line) ? line : ` ${line}`);
  }
  for (const hunk of hunks) while (hunk.lines.length > 0 && hunk.lines[hunk.lines.length - 1] === ' ') hunk.lines.pop();
  return hunks;
}

function isFileHeader(lines: readonly string[], i: number, current: RawHunk | undefined): boolean {
  const line = lines[i];
  if (/^(diff --git|index |new file mode|deleted file mode|similarity index|rename (from|to) )/.test(line)) return !current;
  if (line.startsWith('--- ') && lines[i + 1]?.startsWith('+++ ')) return true;
  if (line.startsWith('+++ ') && lines[i - 1]?.startsWith('--- ')) return true;
  return false;
}

/** Blank context at the very start or end adds nothing to the place and often is not in the file. */
function trimBlankContext(search: string[], replace: string[]): void {
  while (search.length > 1 && replace.length > 1 && search[0].trim() === '' && replace[0].trim() === '') {
    search.shift();
    replace.shift();
  }
  while (search.length > 1 && replace.length > 1 && search[search.length - 1].trim() === '' && replace[replace.length - 1].trim() === '') {
    search.pop();
    replace.pop();
  }
}
