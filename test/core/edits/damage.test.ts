import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { applyBlocks } from '../../../src/core/edits/searchReplace';
import { findAll } from '../../../src/core/edits/blockMatcher';
import { editDistance } from '../../../src/core/edits/similarity';
import { detectIndent } from '../../../src/core/edits/reindent';
import { fcParams } from './seed';

const bodies = ['const a = 1;', 'let total = 0;', 'return total;', 'if (value > limit) {', '}', 'items.push(item);', 'console.log(message);',
  'for (const item of items) {', 'throw new Error("bad input");', '// keep this comment', 'x += 2;', 'callback(null, result);', ''];
/** Code-like lines whose nesting moves one level at a time, as real code does. */
const codeLines = (min: number, max: number): fc.Arbitrary<string[]> => fc.array(fc.tuple(fc.integer({ min: -1, max: 1 }), fc.constantFrom(...bodies)), { minLength: min, maxLength: max })
  .map((steps) => {
    let depth = 0;
    return steps.map(([step, body]) => {
      depth = Math.min(3, Math.max(0, depth + step));
      return body ? '    '.repeat(depth) + body : '';
    });
  });
const scenario = fc.record({
  file: codeLines(4, 40),
  at: fc.nat(), length: fc.integer({ min: 1, max: 6 }),
  replacement: codeLines(0, 5),
  pick: fc.nat(),
});

type Damage = (search: string[], replace: string[], pick: number) => { search: string[]; replace: string[] } | undefined;
const damages: Record<string, Damage> = {
  'indent shift': (s, r) => ({ search: s.map((l) => (l ? `  ${l}` : l)), replace: r.map((l) => (l ? `  ${l}` : l)) }),
  'tabs for spaces': (s, r) => {
    const tab = (l: string): string => l.replace(/^( {4})+/, (m) => '\t'.repeat(m.length / 4));
    return { search: s.map(tab), replace: r.map(tab) };
  },
  'trailing spaces': (s, r) => ({ search: s.map((l) => `${l}   `), replace: r }),
  'elided middle': (s, r) => (s.length >= 5 ? { search: [s[0], s[1], '...', s[s.length - 2], s[s.length - 1]], replace: r } : undefined),
  'one wrong char': (s, r, pick) => {
    const lines = s.map((l, i) => [l, i] as const).filter(([l]) => /[a-z]/.test(l));
    if (lines.length === 0) return undefined;
    const [line, i] = lines[pick % lines.length];
    const spots = [...line].flatMap((c, k) => (/[a-z]/.test(c) ? [k] : []));
    const at = spots[pick % spots.length];
    const out = [...s];
    out[i] = line.slice(0, at) + (line[at] === 'q' ? 'z' : 'q') + line.slice(at + 1);
    return { search: out, replace: r };
  },
};

/** Distance of a damaged block to a window, measured independently of the matcher (plain Levenshtein). */
function naiveDistance(search: readonly string[], window: readonly string[]): number {
  return editDistance(search.map((l) => l.trim()).join('\n'), window.map((l) => l.trim()).join('\n'));
}

describe('edits: damage typical of models lands in the right place or fails cleanly', () => {
  for (const [name, damage] of Object.entries(damages)) {
    it(`${name}: never a wrong place`, () => {
      let placed = 0;
      let refused = 0;
      fc.assert(fc.property(scenario, ({ file, at, length, replacement, pick }) => {
        const start = at % file.length;
        const end = Math.min(file.length, start + length);
        const search = file.slice(start, end);
        fc.pre(search.some((l) => l.trim() !== '') && findAll(file, search).length === 1);
        // A tab stands for one indentation level of the file, so that level must be visible in the file.
        // and the search must show some indentation, or nothing tells the tabs were a mistake.
        fc.pre(name !== 'tabs for spaces' || (detectIndent(file).width === 4 && search.some((l) => l.startsWith(' '))));
        const damaged = damage(search, replacement, pick);
        fc.pre(damaged !== undefined);
        const { search: s, replace: r } = damaged as { search: string[]; replace: string[] };
        if (name !== 'elided middle') {
          // The place the model meant must be the nearest one; otherwise no engine can know it.
          const own = naiveDistance(s, search);
          for (let i = 0; i + search.length <= file.length; i++) {
            if (i !== start) fc.pre(naiveDistance(s, file.slice(i, i + search.length)) > own);
          }
        }
        const before = `${file.join('\n')}\n`;
        const result = applyBlocks(before, [{ search: `${s.join('\n')}\n`, replace: r.length ? `${r.join('\n')}\n` : '' }]);
        if (!result.isOk) {
          refused++;
          return;
        }
        placed++;
        assert.equal(result.matches[0].start, start, `placed at ${result.matches[0].start + 1}, meant ${start + 1}`);
        assert.equal(result.matches[0].end, end);
        const expected = [...file.slice(0, start), ...replacement, ...file.slice(end)];
        assert.equal(result.content, expected.length ? `${expected.join('\n')}\n` : '');
      }), fcParams(600));
      // Not vacuous: most damaged blocks are placed (and each placed one was checked above).
      assert.ok(placed > refused, `placed ${placed}, refused ${refused}`);
    });
  }
});
