/**
 * The hunks of a change, computed once on the line model so that what the user reviews (context-3 hunks) and
 * what is applied (their exact line edits) agree. A partial accept applies exactly the accepted hunks; a rebase
 * moves the edits over someone else's non-overlapping edits (a 3-way merge on the hunks).
 */
import { diffArrays } from 'diff';
import type { DiffHunk } from '../../protocol/change';
import { joinText, splitText, type Line } from './textLines';

/** One contiguous replacement of base lines [start, start + removed.length) by `added` (lines with endings). */
export interface LineEdit {
  start: number;
  removed: string[];
  added: string[];
}

/** A reviewable hunk and the line edits it consists of. */
export interface ChangeHunk {
  view: DiffHunk;
  edits: LineEdit[];
}

const CONTEXT = 3;

function fullLines(text: string): string[] {
  return splitText(text).lines.map((l: Line) => l.text + l.eol);
}

/** The exact line edits that turn `before` into `after` (BOM changes are not line edits). */
export function lineEdits(before: string, after: string): LineEdit[] {
  const edits: LineEdit[] = [];
  let line = 0;
  let pending: LineEdit | undefined;
  for (const part of diffArrays(fullLines(before), fullLines(after))) {
    if (!part.added && !part.removed) {
      if (pending) edits.push(pending);
      pending = undefined;
      line += part.value.length;
      continue;
    }
    pending ??= { start: line, removed: [], added: [] };
    if (part.removed) {
      pending.removed.push(...part.value);
      line += part.value.length;
    } else pending.added.push(...part.value);
  }
  if (pending) edits.push(pending);
  return edits;
}

/** Groups line edits into review hunks with three lines of context, as a unified diff shows them. */
export function changeHunks(before: string, after: string): ChangeHunk[] {
  const base = fullLines(before);
  const groups: LineEdit[][] = [];
  for (const edit of lineEdits(before, after)) {
    const last = groups[groups.length - 1]?.at(-1);
    if (last && edit.start - (last.start + last.removed.length) <= CONTEXT * 2) groups[groups.length - 1].push(edit);
    else groups.push([edit]);
  }
  let delta = 0;
  return groups.map((edits, index) => {
    const first = edits[0];
    const last = edits[edits.length - 1];
    const from = Math.max(0, first.start - CONTEXT);
    const to = Math.min(base.length, last.start + last.removed.length + CONTEXT);
    const lines: string[] = [];
    let at = from;
    for (const edit of edits) {
      for (; at < edit.start; at++) lines.push(` ${strip(base[at])}`);
      lines.push(...edit.removed.map((l) => `-${strip(l)}`), ...edit.added.map((l) => `+${strip(l)}`));
      at = edit.start + edit.removed.length;
    }
    for (; at < to; at++) lines.push(` ${strip(base[at])}`);
    const grown = edits.reduce((n, e) => n + e.added.length - e.removed.length, 0);
    const oldLines = to - from;
    const view: DiffHunk = { index, oldStart: oldLines ? from + 1 : from, oldLines, newStart: from + delta + (oldLines + grown ? 1 : 0), newLines: oldLines + grown, lines };
    delta += grown;
    return { view, edits };
  });
}

function strip(line: string): string {
  return line.replace(/\r?\n$|\r$/, '');
}

/** Applies line edits (sorted or not) to a text; the BOM of `after` wins when `bom` is given. */
export function applyLineEdits(text: string, edits: readonly LineEdit[], bom?: boolean): string {
  const split = splitText(text);
  const lines = split.lines.map((l) => l.text + l.eol);
  for (const edit of [...edits].sort((a, b) => b.start - a.start)) lines.splice(edit.start, edit.removed.length, ...edit.added);
  return joinText({ hasBom: bom ?? split.hasBom, lines: splitText(lines.join('')).lines });
}

/**
 * Moves `ours` (edits of `base`) onto `current`, which someone else changed from `base`. Fails (undefined) when
 * an edit of ours overlaps or touches one of theirs, or when the removed lines are not there any more.
 */
export function rebaseEdits(base: string, current: string, ours: readonly LineEdit[]): LineEdit[] | undefined {
  const theirs = lineEdits(base, current);
  const currentLines = fullLines(current);
  const moved: LineEdit[] = [];
  for (const edit of ours) {
    const end = edit.start + edit.removed.length;
    let shift = 0;
    for (const other of theirs) {
      const otherEnd = other.start + other.removed.length;
      // Touching edits conflict, as in git: the order of two insertions at one place is unknown.
      if (otherEnd < edit.start) shift += other.added.length - other.removed.length;
      else if (other.start <= end) return undefined;
    }
    const start = edit.start + shift;
    const there = currentLines.slice(start, start + edit.removed.length);
    if (there.join('') !== edit.removed.join('')) return undefined;
    moved.push({ ...edit, start });
  }
  return moved;
}
