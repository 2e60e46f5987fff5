/** A proposed change as a unified diff, hunk by hunk; in review mode each hunk has an include checkbox. */
import type { ChangeView, DiffHunk } from '../protocol/change';
import { h, icon } from './dom';

export interface DiffViewOptions {
  /** When set, each hunk gets a checkbox; the set holds the included hunk indexes and is updated in place. */
  included?: Set<number>;
  onToggle?(): void;
  /** Lines shown before the rest folds away (long new files). */
  maxLines?: number;
}

export function countLines(change: ChangeView): { added: number; removed: number } {
  let added = 0;
  let removed = 0;
  for (const hunk of change.hunks) {
    for (const line of hunk.lines) {
      if (line.startsWith('+')) added++;
      else if (line.startsWith('-')) removed++;
    }
  }
  return { added, removed };
}

export function renderChangeHeader(change: ChangeView): HTMLElement {
  const { added, removed } = countLines(change);
  const kindIcon = { create: 'new-file', modify: 'edit', delete: 'trash', rename: 'arrow-right' }[change.kind];
  return h('div', { class: 'change-header' },
    icon(kindIcon),
    h('span', { class: 'path' }, change.newPath ? `${change.path} → ${change.newPath}` : change.path),
    h('span', { class: 'badge kind' }, change.kind),
    h('span', { class: 'added', 'aria-label': `${added} lines added` }, `+${added}`),
    h('span', { class: 'removed', 'aria-label': `${removed} lines removed` }, `−${removed}`),
  );
}

export function renderDiff(change: ChangeView, options: DiffViewOptions = {}): HTMLElement {
  if (change.isBinary) return h('div', { class: 'diff empty' }, 'Binary file: no text diff.');
  if (change.hunks.length === 0) return h('div', { class: 'diff empty' }, 'No content changes.');
  const budget = { left: options.maxLines ?? 400 };
  return h('div', { class: 'diff', role: 'group', 'aria-label': `Diff of ${change.path}` },
    ...change.hunks.map((hunk) => renderHunk(hunk, options, budget)));
}

function renderHunk(hunk: DiffHunk, options: DiffViewOptions, budget: { left: number }): HTMLElement {
  const label = `@@ -${hunk.oldStart},${hunk.oldLines} +${hunk.newStart},${hunk.newLines} @@`;
  const head = h('div', { class: 'hunk-head' });
  if (options.included) {
    const id = `hunk-${Math.random().toString(36).slice(2)}`;
    const box = h('input', { type: 'checkbox', id, 'data-testid': `hunk-${hunk.index}` });
    box.checked = options.included.has(hunk.index);
    box.addEventListener('change', () => {
      if (box.checked) options.included?.add(hunk.index);
      else options.included?.delete(hunk.index);
      options.onToggle?.();
    });
    head.append(box, h('label', { for: id }, `Include hunk ${hunk.index + 1}`));
  }
  head.append(h('code', { class: 'hunk-range' }, label));
  const lines = h('pre', { class: 'hunk-lines' });
  const shown = hunk.lines.slice(0, Math.max(0, budget.left));
  budget.left -= shown.length;
  for (const line of shown) {
    const kind = line.startsWith('+') ? 'add' : line.startsWith('-') ? 'del' : 'ctx';
    lines.append(h('span', { class: `line ${kind}` }, line.startsWith('\\') ? line : line || ' '), '\n');
  }
  if (shown.length < hunk.lines.length) lines.append(h('span', { class: 'line more' }, `… ${hunk.lines.length - shown.length} more lines (open the diff editor to see all)`));
  return h('div', { class: 'hunk' }, head, lines);
}
