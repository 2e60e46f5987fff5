import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { SymbolTable } from '../../../src/core/codebase/symbolTable';
import { personalizedPageRank } from '../../../src/core/codebase/pageRank';
import { estimateTokens, fitMap } from '../../../src/core/codebase/mapRenderer';
import { rankDefinitions } from '../../../src/core/codebase/rankDefinitions';
import { buildReferenceGraph } from '../../../src/core/codebase/referenceGraph';
import type { Definition, FileTags } from '../../../src/core/codebase/types';

function def(name: string, line: number, kind: Definition['kind'] = 'function', endLine = line + 2): Definition {
  return { name, kind, line, endLine, signature: `export function ${name}(input: string): string {` };
}

function file(path: string, definitions: Definition[], uses: string[] = []): FileTags {
  const references: Record<string, number[]> = {};
  // Every use sits inside the file's first definition (lines 1-3), as a call in a function body would.
  uses.forEach((name) => (references[name] ??= []).push(2));
  return { path, language: 'typescript', mtimeMs: 1, size: 1, definitions, references };
}

/** A hub used by every other file, a leaf nobody uses, and a chain core -> helpers. */
function sampleTable(): SymbolTable {
  const table = new SymbolTable();
  table.set(file('src/hub.ts', [def('formatMessage', 1), def('parseConfig', 10)]));
  table.set(file('src/leaf.ts', [def('unusedLeafThing', 1)], ['formatMessage']));
  for (let i = 0; i < 6; i++) table.set(file(`src/user${i}.ts`, [def(`userFeature${i}`, 1)], ['formatMessage', 'parseConfig']));
  table.set(file('src/core.ts', [def('runCoreLoop', 1)], ['computeRetries', 'formatMessage']));
  table.set(file('src/retry.ts', [def('computeRetries', 1)], ['backoffDelay']));
  table.set(file('src/backoff.ts', [def('backoffDelay', 1)]));
  table.set(file('src/caller.ts', [def('startService', 1)], ['runCoreLoop']));
  return table;
}

describe('personalizedPageRank', () => {
  it('sums to one and follows the edges', () => {
    const rank = personalizedPageRank(3, [{ from: 0, to: 2, weight: 1 }, { from: 1, to: 2, weight: 1 }]);
    assert.ok(Math.abs(rank.reduce((a, b) => a + b, 0) - 1) < 1e-9);
    assert.ok(rank[2] > rank[0] && rank[2] > rank[1]);
  });

  it('moves rank towards the personalized node', () => {
    const edges = [{ from: 0, to: 1, weight: 1 }, { from: 1, to: 0, weight: 1 }, { from: 2, to: 0, weight: 1 }];
    const plain = personalizedPageRank(3, edges);
    const boosted = personalizedPageRank(3, edges, { personalization: Float64Array.from([0, 0, 1]) });
    assert.ok(boosted[2] > plain[2]);
  });
});

describe('repo map ranking', () => {
  it('ranks a file referenced from everywhere above a leaf', () => {
    const table = sampleTable();
    const files = table.all().sort((a, b) => a.path.localeCompare(b.path));
    const ranked = rankDefinitions({ graph: buildReferenceGraph(files), tags: files, mentioned: new Set() });
    const position = (name: string): number => ranked.findIndex((r) => r.definition.name === name);
    assert.equal(ranked[0].path, 'src/hub.ts');
    assert.ok(position('formatMessage') < position('unusedLeafThing'));
    const map = table.repoMap({ tokens: 40 });
    assert.match(map, /src\/hub\.ts/);
    assert.doesNotMatch(map, /leaf\.ts/);
  });

  it('a map focused on a symbol shows the symbol and its neighbours', () => {
    const table = sampleTable();
    const unfocused = table.repoMap({ tokens: 60 });
    assert.doesNotMatch(unfocused, /runCoreLoop|startService/, 'precondition: neither is in the plain map at this budget');
    const map = table.repoMap({ tokens: 60, focus: 'runCoreLoop' });
    assert.match(map, /^src\/core\.ts:\n│export function runCoreLoop/, 'the symbol itself, first');
    assert.match(map, /src\/caller\.ts:\n│export function startService/, 'the function that uses it');
    const wider = table.repoMap({ tokens: 110, focus: 'runCoreLoop' });
    assert.match(wider, /computeRetries/, 'what it uses');
  });

  it('a map focused on a file or boosted by open files and mentions moves them up', () => {
    const table = sampleTable();
    assert.match(table.repoMap({ tokens: 60, focus: 'retry.ts' }), /^src\/retry\.ts:\n│export function computeRetries[\s\S]*runCoreLoop/);
    assert.match(table.repoMap({ tokens: 90, focus: 'retry.ts' }), /backoffDelay/, 'what the focused file uses');
    assert.doesNotMatch(table.repoMap({ tokens: 40 }), /runCoreLoop/);
    assert.match(table.repoMap({ tokens: 40, boostFiles: ['src/caller.ts'] }), /runCoreLoop/, 'what an open file uses');
    assert.match(table.repoMap({ tokens: 40, mentioned: ['backoffDelay'] }), /backoffDelay/, 'a mentioned name');
  });

  it('weighs a member use (x.name()) less than a bare use, and finds both as references', () => {
    const table = new SymbolTable();
    table.set(file('lib/stack.ts', [def('pushItem', 1)]));
    table.set(file('lib/queue.ts', [def('enqueueItem', 1)]));
    for (let i = 0; i < 4; i++) {
      table.set({ ...file(`app/member${i}.ts`, [def(`memberUser${i}`, 1)]), references: { '.pushItem': [2] } });
    }
    table.set(file('app/bare.ts', [def('bareUser', 1)], ['enqueueItem']));
    const top = table.repoMap({ tokens: 25 });
    assert.match(top, /enqueueItem/, 'one bare use outweighs four member uses');
    assert.deepEqual(table.findReferences('pushItem').map((r) => r.path), ['app/member0.ts', 'app/member1.ts', 'app/member2.ts', 'app/member3.ts']);
  });

  it('finds definitions (also qualified) and references without the defining line', () => {
    const table = new SymbolTable();
    table.set({
      path: 'a.ts', language: 'typescript', mtimeMs: 1, size: 1,
      definitions: [{ ...def('Shape', 1, 'class', 5) }, { ...def('area', 2, 'method', 3) }, { ...def('area', 10, 'function', 11) }],
      references: { area: [2, 12], constructor: [4] },
    });
    assert.deepEqual(table.findSymbol('area').map((s) => s.line), [2, 10]);
    assert.deepEqual(table.findSymbol('Shape.area').map((s) => s.line), [2]);
    assert.deepEqual(table.findReferences('area'), [{ path: 'a.ts', line: 12 }]);
    assert.deepEqual(table.findReferences('toString'), []);
  });
});

describe('fitting the map to a token budget', () => {
  it('never exceeds the budget, and uses most of it when there is enough to show', () => {
    const table = new SymbolTable();
    for (let f = 0; f < 30; f++) {
      table.set(file(`pkg/file${f}.ts`, Array.from({ length: 20 }, (_, i) => def(`symbol${f}x${i}`, 1 + i * 5)), [`symbol${(f + 1) % 30}x${f % 20}`]));
    }
    fc.assert(fc.property(fc.integer({ min: 0, max: 3000 }), (tokens) => {
      const map = table.repoMap({ tokens });
      assert.ok(estimateTokens(map) <= tokens, `${estimateTokens(map)} > ${tokens}`);
      if (tokens >= 200) assert.ok(estimateTokens(map) > tokens * 0.8, `only ${estimateTokens(map)} of ${tokens}`);
    }), { numRuns: 60 });
  });

  it('honours a host tokenizer, and returns nothing when even one entry does not fit', () => {
    const tags = file('a.ts', [def('alpha', 1), def('beta', 10)]);
    const ranked = [{ path: 'a.ts', definition: tags.definitions[0], rank: 2 }, { path: 'a.ts', definition: tags.definitions[1], rank: 1 }];
    const byWords = (text: string): number => text.split(/\s+/).filter(Boolean).length;
    const map = fitMap(ranked, new Map([['a.ts', tags]]), { tokens: 9, count: byWords });
    assert.ok(byWords(map) <= 9);
    assert.match(map, /alpha/);
    assert.equal(fitMap(ranked, new Map([['a.ts', tags]]), { tokens: 3, count: byWords }), '');
  });

  it('renders signatures in source order with elisions and enclosing definitions', () => {
    const tags: FileTags = {
      path: 'shapes.ts', language: 'typescript', mtimeMs: 1, size: 1, references: {},
      definitions: [
        { name: 'Circle', kind: 'class', line: 3, endLine: 20, signature: 'export class Circle {' },
        { name: 'area', kind: 'method', line: 10, endLine: 12, signature: '  area(): number {' },
      ],
    };
    const map = fitMap([{ path: 'shapes.ts', definition: tags.definitions[1], rank: 1 }], new Map([['shapes.ts', tags]]), { tokens: 100 });
    assert.equal(map, 'shapes.ts:\n⋮\n│export class Circle {\n⋮\n│  area(): number {\n⋮\n');
  });
});
