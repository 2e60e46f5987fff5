/**
 * Builds the lines that replace a matched region. Lines the replacement keeps from the search block (by a line
 * diff of search against replacement) are taken from the file as they are there; new lines are re-indented
 * when the match ignored indentation. So a model's damaged context never leaks into the file.
 */
import { diffArrays } from 'diff';
import { indentColumns, matchTabStyle, reindent, renderIndent, type IndentPairs, type IndentStyle } from './reindent';
import { indentOf } from './textLines';

/** What the builder needs: the search and replacement as the model wrote them and the file region matched. */
export interface ReplacementInput {
  search: readonly string[];
  replace: readonly string[];
  /** The file's lines aligned to `search` (same length), or undefined for lines with no file counterpart. */
  aligned: ReadonlyArray<string | undefined>;
  /** Pairs used to learn the indentation map; defaults to search × aligned. */
  pairs?: IndentPairs;
  isReindent: boolean;
  /** The match found lines off by different amounts: new lines take the offset most lines share. */
  isUneven?: boolean;
  fileStyle: IndentStyle;
}

/** The new lines and, per line, the index in `aligned` of the file line whose ending it keeps (itself or the line it changes). */
export interface BuiltReplacement {
  lines: string[];
  origins: Array<number | undefined>;
}

/** The replacement lines for the region. */
export function buildReplacement(input: ReplacementInput): BuiltReplacement {
  const { search, replace, aligned } = input;
  const pairs = input.pairs ?? search.flatMap((s, i) => (aligned[i] === undefined ? [] : [[s, aligned[i] as string] as const]));
  const fresh = input.isUneven ? shiftByCommonOffset(replace, pairs, input.fileStyle) : input.isReindent ? reindent(replace, pairs, input.fileStyle) : [...replace];
  const keys = (lines: readonly string[]): string[] => lines.map((l) => l.trimEnd());
  const parts = diffArrays(keys(search), keys(replace));
  const out: string[] = [];
  const origins: Array<number | undefined> = [];
  let si = 0;
  let ri = 0;
  let removedAt = 0;
  let removedCount = 0;
  for (const part of parts) {
    const count = part.count ?? part.value.length;
    if (part.removed) {
      [removedAt, removedCount] = [si, count];
      si += count;
      continue;
    }
    for (let k = 0; k < count; k++) {
      const original = part.added ? undefined : aligned[si + k];
      // Only a match that already found the model's indentation off adapts new lines to the file's style.
      out.push(original ?? (input.isReindent ? matchTabStyle(fresh[ri + k], input.fileStyle) : fresh[ri + k]));
      // A changed line keeps the ending of the line it replaces (the k-th removed one), a kept line its own.
      const replaced = part.added && k < removedCount ? removedAt + k : undefined;
      origins.push(original === undefined ? replaced : si + k);
    }
    removedCount = 0;
    if (!part.added) si += count;
    ri += count;
  }
  return { lines: out, origins };
}

/**
 * New lines of a match whose lines were off by different amounts: each moves by the column offset most aligned
 * lines share (a model that got one line wrong got the others, and its new lines, right).
 */
function shiftByCommonOffset(replace: readonly string[], pairs: IndentPairs, style: IndentStyle): string[] {
  const counts = new Map<number, number>();
  for (const [s, f] of pairs) {
    if (s.trim() === '' || f.trim() === '') continue;
    const offset = indentColumns(indentOf(f), style.width) - indentColumns(indentOf(s), style.width);
    counts.set(offset, (counts.get(offset) ?? 0) + 1);
  }
  let best = 0;
  let bestCount = counts.get(0) ?? 0;
  for (const [offset, n] of counts) if (n > bestCount) [best, bestCount] = [offset, n];
  if (best === 0) return [...replace];
  return replace.map((line) => {
    if (line.trim() === '') return line;
    const indent = indentOf(line);
    return renderIndent(indentColumns(indent, style.width) + best, style) + line.slice(indent.length);
  });
}

/** Origins relative to a match start, made file line indexes. */
export function absolute(origins: ReadonlyArray<number | undefined>, start: number): Array<number | undefined> {
  return origins.map((o) => (o === undefined ? undefined : o + start));
}
