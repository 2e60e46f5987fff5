import * as assert from 'node:assert/strict';
import { TagExtractor } from '../../../src/node/indexer/tagExtractor';
import { languageOf, type LanguageId } from '../../../src/core/codebase/languages';
import { languageFixtures } from './languageFixtures';

describe('TagExtractor (tags queries per language)', () => {
  const extractor = new TagExtractor();

  for (const [language, fixture] of Object.entries(languageFixtures) as [LanguageId, (typeof languageFixtures)[LanguageId]][]) {
    it(`finds the known definitions and references in ${language}`, async () => {
      assert.equal(languageOf(fixture.file), language);
      const tags = await extractor.extractSource(language, fixture.source);
      const defs = tags.definitions.map((d) => `${d.name}:${d.kind}:${d.line}`);
      for (const [name, kind, line] of fixture.definitions) {
        assert.ok(defs.includes(`${name}:${kind}:${line}`), `missing definition ${name}:${kind}:${line} in ${defs.join(', ')}`);
      }
      for (const [name, line] of fixture.references) {
        // A member use (x.name()) is kept under "." + name.
        const lines = [name, `.${name}`].flatMap((key) => (Object.hasOwn(tags.references, key) ? tags.references[key] : []));
        assert.ok(lines.includes(line), `missing reference ${name}@${line}; got ${JSON.stringify(tags.references)}`);
      }
    });
  }

  it('gives a decorated Python method its def line as signature, not the decorator', async () => {
    const tags = await extractor.extractSource('python', 'class A:\n    @property\n    def size(self):\n        return 1\n');
    const size = tags.definitions.find((d) => d.name === 'size');
    assert.deepEqual([size?.line, size?.signature], [3, '    def size(self):']);
  });

  it('starts a signature after annotations and attributes (Java, C#)', async () => {
    const java = await extractor.extractSource('java', '@Service\npublic class Foo {\n  @Override\n  public void run() {}\n}\n');
    assert.deepEqual(java.definitions.map((d) => `${d.name}:${d.line}:${d.signature.trim()}`), ['Foo:2:public class Foo {', 'run:4:public void run() {}']);
    const cs = await extractor.extractSource('c_sharp', '[Serializable]\npublic class Bar { }\n');
    assert.deepEqual(cs.definitions.map((d) => `${d.name}:${d.line}`), ['Bar:2']);
  });

  it('takes top-level and exported bindings as definitions, not the locals of a function (TypeScript, JavaScript)', async () => {
    const source = [
      'const local = 1',
      'export const exported = () => {',
      '  const inner = 2',
      '  var innerVar = 3',
      '  return inner',
      '}',
      'export var legacy = 4',
      'function f() { const hidden = 5; return hidden }',
    ].join('\n');
    for (const language of ['typescript', 'javascript'] as const) {
      const tags = await extractor.extractSource(language, source);
      const names = tags.definitions.map((d) => `${d.name}:${d.kind}:${d.line}`);
      assert.deepEqual(names, ['local:constant:1', 'exported:constant:2', 'legacy:variable:7', 'f:function:8'], language);
    }
    const python = await extractor.extractSource('python', [
      'LIMIT = 3', '@cache', 'def top():', '    inner = 1', '    def nested():', '        pass', 'class A:', '    size = 2',
      '    def method(self):', '        local = 4',
    ].join('\n'));
    assert.deepEqual(python.definitions.map((d) => `${d.name}:${d.kind}:${d.line}`), ['LIMIT:constant:1', 'top:function:3', 'A:class:7', 'method:method:9']);
    const go = await extractor.extractSource('go', 'package p\nconst Max = 1\nvar Name = "x"\nfunc F() {\n  const local = 2\n  var v = 3\n  _ = v\n}\n');
    assert.deepEqual(go.definitions.map((d) => `${d.name}:${d.kind}:${d.line}`), ['Max:constant:2', 'Name:variable:3', 'F:function:4']);
    const assigned = await extractor.extractSource('javascript', 'exports.run = function () {}\nfunction g() {\n  module.helper = () => 1\n}\n');
    assert.deepEqual(assigned.definitions.map((d) => `${d.name}:${d.line}`), ['run:1', 'g:2']);
  });

  it('reads reference names with `$`, non-ASCII letters and escapes exactly (TypeScript, JavaScript)', async () => {
    const source = 'café(1)\n$el.π_2()\nnew \\u0041bc()\nlet x: Δelta<T$> = y\n';
    for (const language of ['typescript', 'javascript'] as const) {
      const tags = await extractor.extractSource(language, source);
      assert.deepEqual(tags.references['café'], [1], language);
      assert.deepEqual(tags.references['.π_2'], [2], language);
      assert.deepEqual(tags.references['\\u0041bc'], [3], language);
    }
    const ts = await extractor.extractSource('typescript', source);
    assert.deepEqual([ts.references['Δelta'], ts.references['T$']], [[4], [4]]);
  });

  it('counts a qualified type use once', async () => {
    const tags = await extractor.extractSource('typescript', 'let x: Effect.Effect<number>\n');
    assert.deepEqual(tags.references.Effect, [1]);
  });

  it('keeps member uses apart from bare uses', async () => {
    const tags = await extractor.extractSource('typescript', 'push(1);\nlist.push(2);\nthis.save();\n');
    assert.deepEqual(tags.references.push, [1]);
    assert.deepEqual(tags.references['.push'], [2]);
    assert.deepEqual(tags.references['.save'], [3]);
  });

  it('keeps a definition\'s signature with its indentation, continued over an open parameter list', async () => {
    const source = 'class A {\n  method(\n    a: number,\n    b: string,\n  ): void {}\n}\n';
    const tags = await extractor.extractSource('typescript', source);
    const method = tags.definitions.find((d) => d.name === 'method');
    assert.equal(method?.signature, '  method(\n    a: number,\n    b: string,\n  ): void {}');
    assert.deepEqual([method?.line, method?.endLine], [2, 5]);
  });

  it('reads TypeScript that the grammar alone misreads (variance, documented overloads) without losing definitions', async () => {
    const source = [
      'export interface Box<out A> {',
      '  readonly value: A',
      '}',
      'export const map: {',
      '  /** first */',
      '  <A, B>(f: (a: A) => B): (self: Box<A>) => Box<B>',
      '  /** second */',
      '  <A, B>(self: Box<A>, f: (a: A) => B): Box<B>',
      '} = null as never',
      'export function after(): number { return 1 }',
    ].join('\n');
    const tags = await extractor.extractSource('typescript', source);
    assert.deepEqual(tags.definitions.map((d) => `${d.name}:${d.line}`), ['Box:1', 'map:4', 'after:10']);
  });

  it('turns a binary, a huge or an unparsable file into an entry with a reason instead of throwing', async () => {
    const request = { path: 'x.ts', absPath: '/x.ts', language: 'typescript' as const, mtimeMs: 1, size: 3 };
    const binary = await extractor.extract(request, new Uint8Array([0x61, 0, 0x62]));
    assert.equal(binary.skipped, 'binary');
    const minified = await extractor.extract(request, new TextEncoder().encode(`var a=${'1+'.repeat(5000)}1;`));
    assert.equal(minified.skipped, 'minified');
    const broken = await extractor.extract(request, new TextEncoder().encode('export function ((( {{{ class } = => \n function ok() {}'));
    assert.equal(broken.skipped, undefined);
    assert.ok(Array.isArray(broken.definitions));
  });
});
