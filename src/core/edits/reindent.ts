/**
 * Re-indents a replacement to fit the place an indentation-insensitive match found: the search block's
 * indentation maps to the file's, and replacement lines follow that map (or its level arithmetic).
 */
import { indentOf } from './textLines';

/** How a text indents: tabs, or spaces of a given width. */
export interface IndentStyle {
  useTabs: boolean;
  width: number;
}

/** Detects the indentation style of some lines (default: 4 spaces). */
export function detectIndent(lines: readonly string[]): IndentStyle {
  let tabs = 0;
  let spaces = 0;
  const widths = new Map<number, number>();
  let previous = 0;
  for (const line of lines) {
    if (line.trim() === '') continue;
    const indent = indentOf(line);
    if (indent.startsWith('\t')) tabs++;
    else if (indent.length > 0) spaces++;
    const size = indent.replace(/\t/g, '').length;
    const step = Math.abs(size - previous);
    if (step >= 2 && step <= 8) widths.set(step, (widths.get(step) ?? 0) + 1);
    previous = size;
  }
  let width = 4;
  let best = 0;
  for (const [w, n] of widths) if (n > best || (n === best && w < width)) [width, best] = [w, n];
  return { useTabs: tabs > spaces, width };
}

function levels(indent: string, style: IndentStyle): number {
  let n = 0;
  for (const ch of indent) n += ch === '\t' ? 1 : 1 / style.width;
  return n;
}

function render(level: number, style: IndentStyle): string {
  const columns = Math.max(0, Math.round(level * style.width));
  if (!style.useTabs) return ' '.repeat(columns);
  return '\t'.repeat(Math.floor(columns / style.width)) + ' '.repeat(columns % style.width);
}

/** Pairs of (search line, file line) the match aligned; blank lines are ignored. */
export type IndentPairs = ReadonlyArray<readonly [string, string]>;

/** The search-indent → file-indent map, or undefined when the same search indent maps to two file indents. */
export function indentMap(pairs: IndentPairs): Map<string, string> | undefined {
  const map = new Map<string, string>();
  for (const [search, file] of pairs) {
    if (search.trim() === '' || file.trim() === '') continue;
    const from = indentOf(search);
    const to = indentOf(file);
    const known = map.get(from);
    if (known !== undefined && known !== to) return undefined;
    map.set(from, to);
  }
  return map;
}

/** Re-indents replacement lines from the search block's indentation to the file's. */
export function reindent(replacement: readonly string[], pairs: IndentPairs, fileStyle: IndentStyle): string[] {
  const map = indentMap(pairs) ?? new Map<string, string>();
  const searchStyle = detectIndent(pairs.map(([s]) => s).concat(replacement));
  if ([...map].every(([from, to]) => from === to)) return [...replacement];
  const keys = [...map.keys()].sort((a, b) => b.length - a.length);
  const anchor = pairs.find(([s, f]) => s.trim() !== '' && f.trim() !== '');
  return replacement.map((line) => {
    if (line.trim() === '') return line;
    const indent = indentOf(line);
    const body = line.slice(indent.length);
    const exact = map.get(indent);
    if (exact !== undefined) return exact + body;
    const prefix = keys.find((k) => k.length > 0 && indent.startsWith(k));
    if (prefix !== undefined) return map.get(prefix) + render(levels(indent.slice(prefix.length), searchStyle), fileStyle) + body;
    if (!anchor) return line;
    const level = levels(indentOf(anchor[1]), fileStyle) + levels(indent, searchStyle) - levels(indentOf(anchor[0]), searchStyle);
    return render(level, fileStyle) + body;
  });
}
