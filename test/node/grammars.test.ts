import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { createParser, defaultGrammarLocation, type GrammarName } from '../../src/node/grammars';
import { renameEnvImport, upgradeDylinkSection } from '../../src/node/wasmDylink';

const samples: Record<GrammarName, string> = {
  bash: 'for f in *.ts; do case "$f" in *.test.ts) echo test;; *) echo src;; esac; done',
  c: 'int add(int a, int b) { return a + b; }',
  cpp: 'namespace n { class A { public: int f() const { return 1; } }; }',
  c_sharp: 'class A { public int F() { return 1; } }',
  go: 'package main\nfunc add(a, b int) int { return a + b }',
  java: 'class A { int f() { return 1; } }',
  javascript: 'export function add(a, b) { return `${a}${b}`; }',
  php: '<?php function add($a, $b) { return $a + $b; }',
  python: 'def add(a, b):\n    return a + b\n',
  ruby: 'class A\n  def add(a, b) = a + b\nend\n',
  rust: 'fn add(a: i32, b: i32) -> i32 { a + b }',
  tsx: 'export const App = () => <div className="x">{1}</div>;',
  typescript: 'export function add(a: number, b: number): number { return a + b; }',
};

describe('tree-sitter grammars (from grammarFiles.json, in web-tree-sitter 0.27)', () => {
  for (const [name, source] of Object.entries(samples) as [GrammarName, string][]) {
    it(`${name} loads and parses without errors`, async () => {
      const tree = (await createParser(name)).parse(source);
      assert.ok(tree, 'a tree');
      assert.equal(tree.rootNode.hasError, false, tree.rootNode.toString());
      tree.delete();
    });
  }

  it('bash `case` statements work (the grammar\'s isalpha import is mapped to iswalpha)', async () => {
    const parser = await createParser('bash');
    const tree = parser.parse('case "$x" in a) echo a;; esac');
    assert.match(tree?.rootNode.toString() ?? '', /case_statement/);
  });

  it('the module rewrites touch only what they must, and are idempotent', () => {
    const wasm = readFileSync(defaultGrammarLocation().grammarFile('bash'));
    const upgraded = upgradeDylinkSection(wasm);
    assert.equal(Buffer.from(upgradeDylinkSection(upgraded)).equals(Buffer.from(upgraded)), true);
    const renamed = renameEnvImport(upgraded, 'isalpha', 'iswalpha');
    assert.equal(renamed.length, upgraded.length + 1);
    assert.equal(Buffer.from(renameEnvImport(renamed, 'isalpha', 'iswalpha')).equals(Buffer.from(renamed)), true);
    const python = upgradeDylinkSection(readFileSync(defaultGrammarLocation().grammarFile('python')));
    assert.equal(renameEnvImport(python, 'isalpha', 'iswalpha'), python, 'a grammar without the import is returned as is');
  });
});
