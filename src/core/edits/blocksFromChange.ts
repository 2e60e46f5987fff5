/**
 * Turns a (before, after) pair into the smallest search/replace blocks that place themselves uniquely: each
 * change grows its context until its search text occurs once, and changes whose blocks would touch are merged.
 */
import { findAll } from './blockMatcher';
import { lineEdits, type LineEdit } from './changeHunks';
import type { EditBlock } from './searchReplace';
import { splitText } from './textLines';

/** Blocks that, applied to `before`, give `after` (when both use one line ending and the same final-newline style). */
export function blocksFromChange(before: string, after: string): EditBlock[] {
  const base = splitText(before).lines.map((l) => l.text);
  if (base.length === 0) return [{ search: '', replace: after.replace(/^\uFEFF/, '') }];
  let groups = lineEdits(before, after).map((e) => [e]);
  for (;;) {
    const ranges = groups.map((g) => grow(base, g));
    const merged = mergeTouching(groups, ranges);
    if (merged.length === groups.length) return groups.map((g, i) => toBlock(base, g, ranges[i]));
    groups = merged;
  }
}

function span(group: readonly LineEdit[]): { start: number; end: number } {
  const last = group[group.length - 1];
  return { start: group[0].start, end: last.start + last.removed.length };
}

function grow(base: readonly string[], group: readonly LineEdit[]): { start: number; end: number } {
  const core = span(group);
  for (let c = 0; ; c++) {
    const start = Math.max(0, core.start - c);
    const end = Math.min(base.length, core.end + c);
    if (end === start) continue;
    if (findAll(base, base.slice(start, end)).length === 1 || (start === 0 && end === base.length)) return { start, end };
  }
}

function mergeTouching(groups: LineEdit[][], ranges: Array<{ start: number; end: number }>): LineEdit[][] {
  const out: LineEdit[][] = [];
  let lastEnd = -1;
  groups.forEach((g, i) => {
    if (out.length > 0 && ranges[i].start < lastEnd) out[out.length - 1] = [...out[out.length - 1], ...g];
    else out.push([...g]);
    lastEnd = Math.max(lastEnd, ranges[i].end);
  });
  return out;
}

function toBlock(base: readonly string[], group: readonly LineEdit[], range: { start: number; end: number }): EditBlock {
  const replace: string[] = [];
  let at = range.start;
  for (const edit of group) {
    replace.push(...base.slice(at, edit.start), ...edit.added.map((l) => l.replace(/\r?\n$|\r$/, '')));
    at = edit.start + edit.removed.length;
  }
  replace.push(...base.slice(at, range.end));
  // A trailing newline lets a block of one blank line be told apart from an empty one.
  const text = (lines: readonly string[]): string => (lines.length ? `${lines.join('\n')}\n` : '');
  return { search: text(base.slice(range.start, range.end)), replace: text(replace) };
}
