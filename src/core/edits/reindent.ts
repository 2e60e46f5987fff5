/**
 * Re-indents a replacement to fit the place an indentation-insensitive match found: the search block's
 * indentation maps to the file's, and replacement lines follow that map (or its level arithmetic).
 */
import { indentOf } from './textLines';

/** How a text indents: tabs, or spaces of a given width. */
export interface IndentStyle {
  useTabs: boolean;
  width: number;
  /** Whether some line starts with a tab / with spaces: new tab-indented lines of a spaces-only file get spaces. */
  hasTabIndent?: boolean;
  hasSpaceIndent?: boolean;
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
  return { useTabs: tabs > spaces, width, hasTabIndent: tabs > 0, hasSpaceIndent: spaces > 0 };
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

/** A new line in the file's style: leading tabs become spaces in a file that never indents with tabs. */
export function matchTabStyle(line: string, style: IndentStyle): string {
  if (style.useTabs || style.hasTabIndent !== false || style.hasSpaceIndent !== true || !line.startsWith('\t')) return line;
  const indent = indentOf(line);
  return renderColumns(columns(indent, style.width), style) + line.slice(indent.length);
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

/** The columns an indentation takes, a tab counting `tabWidth`. */
export function indentColumns(indent: string, tabWidth: number): number {
  return columns(indent, tabWidth);
}

/** An indentation of `count` columns in a file's style. */
export function renderIndent(count: number, style: IndentStyle): string {
  return renderColumns(count, style);
}

function columns(indent: string, tabWidth: number): number {
  let n = 0;
  for (const ch of indent) n += ch === '\t' ? tabWidth : 1;
  return n;
}

function renderColumns(count: number, style: IndentStyle): string {
  const n = Math.max(0, count);
  return style.useTabs ? '\t'.repeat(Math.floor(n / style.width)) + ' '.repeat(n % style.width) : ' '.repeat(n);
}

/**
 * The model's tab width and the column offset that turn every aligned search indent into its file indent, when
 * one exists (tabs for spaces, a shifted block, or both). The file's own indent width is tried first.
 */
function linearShift(map: ReadonlyMap<string, string>, fileStyle: IndentStyle): { tabWidth: number; offset: number } | undefined {
  const widths = [fileStyle.width, 4, 2, 8, 3].filter((w, i, all) => all.indexOf(w) === i);
  for (const tabWidth of widths) {
    const offsets = new Set([...map].map(([from, to]) => columns(to, fileStyle.width) - columns(from, tabWidth)));
    if (offsets.size === 1) return { tabWidth, offset: [...offsets][0] };
  }
  return undefined;
}

/**
 * True when the search block's indentation differs from the file's by one uniform shift (and tab width), the way a
 * model mis-indents a whole block. A block whose lines are off by different amounts is not the same code.
 */
export function isUniformIndent(pairs: IndentPairs, fileStyle: IndentStyle): boolean {
  const map = indentMap(pairs);
  return map !== undefined && linearShift(map, fileStyle) !== undefined;
}

/** Re-indents replacement lines from the search block's indentation to the file's. */
export function reindent(replacement: readonly string[], pairs: IndentPairs, fileStyle: IndentStyle): string[] {
  const map = indentMap(pairs) ?? new Map<string, string>();
  if ([...map].every(([from, to]) => from === to)) return [...replacement];
  const shift = linearShift(map, fileStyle);
  const searchStyle = detectIndent(pairs.map(([s]) => s).concat(replacement));
  const keys = [...map.keys()].sort((a, b) => b.length - a.length);
  const anchor = pairs.find(([s, f]) => s.trim() !== '' && f.trim() !== '');
  return replacement.map((line) => {
    if (line.trim() === '') return line;
    const indent = indentOf(line);
    const body = line.slice(indent.length);
    const exact = map.get(indent);
    if (exact !== undefined) return exact + body;
    if (shift) return renderColumns(columns(indent, shift.tabWidth) + shift.offset, fileStyle) + body;
    const prefix = keys.find((k) => k.length > 0 && indent.startsWith(k));
    if (prefix !== undefined) return map.get(prefix) + render(levels(indent.slice(prefix.length), searchStyle), fileStyle) + body;
    if (!anchor) return line;
    const level = levels(indentOf(anchor[1]), fileStyle) + levels(indent, searchStyle) - levels(indentOf(anchor[0]), searchStyle);
    return render(level, fileStyle) + body;
  });
}

/**
 * For lines equal but for indentation: true when the lines off by other than the most common offset are a
 * minority and each says what it is (has a word character). A lone "}" off by its own amount could close a
 * different block, so it makes the place uncertain.
 */
export function isUnevenButTelling(search: readonly string[], window: readonly string[], style: IndentStyle): boolean {
  const offsets = search.map((l, i) => (l.trim() === '' ? undefined : columns(indentOf(window[i]), style.width) - columns(indentOf(l), style.width)));
  const counts = new Map<number, number>();
  for (const o of offsets) if (o !== undefined) counts.set(o, (counts.get(o) ?? 0) + 1);
  const [common, commonCount] = [...counts].sort((a, b) => b[1] - a[1] || Math.abs(a[0]) - Math.abs(b[0]))[0] ?? [0, 0];
  const off = offsets.flatMap((o, i) => (o === undefined || o === common ? [] : [search[i]]));
  return off.length * 2 < commonCount + off.length && off.every((l) => /\w/.test(l));
}
