/**
 * Builds the lines that replace a matched region. Lines the replacement keeps from the search block (by a line
 * diff of search against replacement) are taken from the file as they are there; new lines are re-indented
 * when the match ignored indentation. So a model's damaged context never leaks into the file.
 */
import { diffArrays } from 'diff';
import { matchTabStyle, reindent, type IndentPairs, type IndentStyle } from './reindent';

/** What the builder needs: the search and replacement as the model wrote them and the file region matched. */
export interface ReplacementInput {
  search: readonly string[];
  replace: readonly string[];
  /** The file's lines aligned to `search` (same length), or undefined for lines with no file counterpart. */
  aligned: ReadonlyArray<string | undefined>;
  /** Pairs used to learn the indentation map; defaults to search × aligned. */
  pairs?: IndentPairs;
  isReindent: boolean;
  fileStyle: IndentStyle;
}

/** The replacement lines for the region. */
export function buildReplacement(input: ReplacementInput): string[] {
  const { search, replace, aligned } = input;
  const pairs = input.pairs ?? search.flatMap((s, i) => (aligned[i] === undefined ? [] : [[s, aligned[i] as string] as const]));
  const fresh = input.isReindent ? reindent(replace, pairs, input.fileStyle) : [...replace];
  const keys = (lines: readonly string[]): string[] => lines.map((l) => l.trimEnd());
  const parts = diffArrays(keys(search), keys(replace));
  const out: string[] = [];
  let si = 0;
  let ri = 0;
  for (const part of parts) {
    const count = part.count ?? part.value.length;
    if (part.removed) { si += count; continue; }
    for (let k = 0; k < count; k++) {
      const original = part.added ? undefined : aligned[si + k];
      // Only a match that already found the model's indentation off adapts new lines to the file's style.
      out.push(original ?? (input.isReindent ? matchTabStyle(fresh[ri + k], input.fileStyle) : fresh[ri + k]));
    }
    if (!part.added) si += count;
    ri += count;
  }
  return out;
}
