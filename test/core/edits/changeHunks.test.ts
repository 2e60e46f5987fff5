import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { applyLineEdits, changeHunks, rebaseEdits, lineEdits } from '../../../src/core/edits/changeHunks';
import { fcParams } from './seed';

const text = fc.array(fc.constantFrom('a', 'b', 'c', 'd', '', 'e f'), { maxLength: 40 }).map((l) => (l.length ? `${l.join('\n')}\n` : ''));

/** The result of a partial accept computed from the review hunks alone, as a reader of the diff would. */
function fromViews(before: string, accepted: Set<number>, hunks: ReturnType<typeof changeHunks>): string[] {
  const base = before === '' ? [] : before.replace(/\n$/, '').split('\n');
  const out: string[] = [];
  let at = 0;
  for (const { view } of hunks) {
    const start = view.oldLines === 0 ? view.oldStart : view.oldStart - 1;
    out.push(...base.slice(at, start));
    for (const line of view.lines) {
      const keep = line[0] === ' ' || (line[0] === '+' ? accepted.has(view.index) : !accepted.has(view.index));
      if (keep) out.push(line.slice(1));
    }
    at = start + view.oldLines;
  }
  return [...out, ...base.slice(at)];
}

describe('edits: change hunks', () => {
  it('a partial accept produces exactly the accepted hunks', () => {
    fc.assert(fc.property(text, text, fc.array(fc.boolean(), { maxLength: 20 }), (before, after, picks) => {
      const hunks = changeHunks(before, after);
      const accepted = new Set(hunks.map((h) => h.view.index).filter((i) => picks[i]));
      const result = applyLineEdits(before, hunks.filter((h) => accepted.has(h.view.index)).flatMap((h) => h.edits));
      const got = result === '' ? [] : result.replace(/\n$/, '').split('\n');
      assert.deepEqual(got, fromViews(before, accepted, hunks));
      if (accepted.size === hunks.length) assert.equal(result, after);
    }), fcParams(300));
  });

  it('a rebase over non-overlapping changes keeps both sides', () => {
    fc.assert(fc.property(text, text, text, (base, ours, theirs) => {
      const moved = rebaseEdits(base, theirs, lineEdits(base, ours));
      if (!moved) return;
      const merged = applyLineEdits(theirs, moved);
      // Every one of our edits is in the result, and undoing them gives their version back.
      const back = rebaseEdits(ours, merged, lineEdits(ours, base));
      if (back) assert.equal(applyLineEdits(merged, back), theirs);
      if (theirs === base) assert.equal(merged, ours);
    }), fcParams(300));
  });
});
