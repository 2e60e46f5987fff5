import * as assert from 'node:assert/strict';
import { moduleRepresentatives } from '../../../src/core/codebase/moduleVariants';
import { SymbolTable } from '../../../src/core/codebase/symbolTable';
import { isAboutTests, isTestPath } from '../../../src/core/codebase/testPaths';
import type { Definition, FileTags } from '../../../src/core/codebase/types';

function def(name: string, line: number): Definition {
  return { name, kind: 'function', line, endLine: line + 2, signature: `export function ${name}(input: string): string {` };
}

function file(path: string, definitions: Definition[], uses: string[] = []): FileTags {
  const references: Record<string, number[]> = {};
  uses.forEach((name) => (references[name] ??= []).push(2));
  return { path, language: 'typescript', mtimeMs: 1, size: 1, definitions, references };
}

const filesInMap = (map: string): string[] => map.split('\n').filter((l) => l.endsWith(':') && !l.startsWith('│')).map((l) => l.slice(0, -1));

describe('repo map: one module, one entry', () => {
  it('a module published as .ts, .d.ts, .d.cts, .d.mts, .js, .mjs and .cjs appears once, from its source', () => {
    const table = new SymbolTable();
    const variants = ['src/schema.ts', 'dist/schema.d.ts', 'dist/schema.d.cts', 'dist/schema.d.mts', 'dist/esm/schema.js', 'dist/schema.mjs', 'dist/cjs/schema.cjs'];
    for (const path of variants) table.set(file(path, [def('parseSchema', 1), def('formatIssue', 10)], path.endsWith('js') ? ['readInput'] : []));
    table.set(file('src/input.ts', [def('readInput', 1)]));
    for (let i = 0; i < 3; i++) table.set(file(`src/app${i}.ts`, [def(`appMain${i}`, 1)], ['parseSchema', 'formatIssue']));
    const map = table.repoMap({ tokens: 2000 });
    assert.equal(map.match(/parseSchema/g)?.length, 1, map);
    assert.ok(filesInMap(map).includes('src/schema.ts'));
    assert.deepEqual(filesInMap(map).filter((f) => f.includes('schema')), ['src/schema.ts']);
    assert.match(map, /src\/input\.ts/, 'what the compiled copies use still counts');
  });

  it('without the source, the declarations stand for the module (ESM before CommonJS)', () => {
    const paths = ['add.cjs', 'add.d.cts', 'add.d.ts', 'add.js', 'fp/add.js', 'fp/add.d.ts', 'lib/util.js', 'src/lib/util.ts', 'types/index.ts', 'index.ts'];
    const chosen = moduleRepresentatives(paths);
    assert.deepEqual([...chosen].map((i) => paths[i]), ['add.d.ts', 'add.d.ts', 'add.d.ts', 'add.d.ts', 'fp/add.d.ts', 'fp/add.d.ts', 'src/lib/util.ts', 'src/lib/util.ts', 'types/index.ts', 'index.ts']);
  });

  it('a focus on a file that another variant stands for still shows that file', () => {
    const table = new SymbolTable();
    table.set(file('dist/a.js', [def('alphaThing', 1)]));
    table.set(file('dist/a.d.ts', [def('alphaThing', 1)]));
    assert.match(table.repoMap({ tokens: 200, focus: 'dist/a.js' }), /^dist\/a\.js:/);
  });
});

describe('repo map: tests rank below the code they test', () => {
  function tableWithTests(): SymbolTable {
    const table = new SymbolTable();
    table.set(file('src/parser.ts', [def('parseDocument', 1)]));
    table.set(file('src/render.ts', [def('renderDocument', 1)], ['parseDocument']));
    table.set(file('test/helpers.ts', [def('makeFixtureDocument', 1)]));
    for (let i = 0; i < 6; i++) table.set(file(`test/case${i}.test.ts`, [def(`caseSuite${i}`, 1)], ['makeFixtureDocument', 'makeFixtureDocument', 'parseDocument']));
    return table;
  }

  it('a helper every test uses comes after the code, unless the goal is about tests', () => {
    const order = (map: string): string[] => filesInMap(map);
    const plain = order(tableWithTests().repoMap({ tokens: 4000 }));
    assert.deepEqual(plain.slice(0, 2), ['src/parser.ts', 'src/render.ts'], plain.join(', '));
    assert.ok(plain.indexOf('test/helpers.ts') > plain.indexOf('src/render.ts'));
    const aboutTests = order(tableWithTests().repoMap({ tokens: 4000, aboutTests: true }));
    assert.equal(aboutTests[0], 'test/helpers.ts', aboutTests.join(', '));
  });

  it('knows test paths and goals about tests', () => {
    for (const p of ['test/a.ts', 'src/__tests__/x.tsx', 'pkg/foo.test.ts', 'a/b.spec.js', 'fixtures/x.py', 'tests/conftest.py', 'x/y_test.go', 'src/FooTest.java', 'test_util.py']) assert.ok(isTestPath(p), p);
    for (const p of ['src/testament.ts', 'src/latest.ts', 'src/contest/x.ts', 'lib/attest.js']) assert.ok(!isTestPath(p), p);
    assert.ok(isAboutTests('Fix the failing test in parser'));
    assert.ok(isAboutTests('add coverage for render'));
    assert.ok(!isAboutTests('Make the parser handle latest dates'));
  });
});

describe('repo map: a focus that names nothing', () => {
  it('is known only when a file or a definition has that name', () => {
    const table = new SymbolTable();
    table.set(file('src/parser.ts', [def('parseDocument', 1)]));
    assert.ok(table.isKnownFocus('parseDocument'));
    assert.ok(table.isKnownFocus('parser.ts'));
    assert.ok(table.isKnownFocus('src/parser.ts'));
    assert.ok(!table.isKnownFocus('noSuchThing'));
    assert.ok(!table.isKnownFocus('src/nothing.ts'));
  });
});
