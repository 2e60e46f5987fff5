import * as assert from 'node:assert/strict';
import { buildReferenceGraph } from '../../../src/core/codebase/referenceGraph';
import type { FileTags } from '../../../src/core/codebase/types';
import { packTags, unpackTags } from '../../../src/node/indexer/indexCache';

describe('index cache: packed references', () => {
  it('the graph built from cached (packed) tags is the graph built from parsed tags', () => {
    const parsed: FileTags[] = [
      { path: 'a.ts', language: 'typescript', mtimeMs: 1, size: 1, definitions: [{ name: 'alphaHelper', kind: 'function', line: 1, endLine: 3, signature: 'function alphaHelper() {' }], references: { betaThing: [4, 9, 12], '.alphaHelper': [2] } },
      { path: 'b.ts', language: 'typescript', mtimeMs: 1, size: 1, definitions: [{ name: 'betaThing', kind: 'function', line: 1, endLine: 3, signature: 'function betaThing() {' }], references: { alphaHelper: [7], $weird_name: [1, 2] } },
      { path: 'c.ts', language: 'typescript', mtimeMs: 1, size: 1, definitions: [], references: {} },
    ];
    const cached = parsed.map((t) => unpackTags(JSON.parse(JSON.stringify(packTags(t)))));
    assert.ok(cached.every((t) => typeof t.eachReferenceCount === 'function'), 'cached tags count without unpacking');
    assert.deepEqual(buildReferenceGraph(cached).uses, buildReferenceGraph(parsed).uses);
    assert.equal(buildReferenceGraph(cached).uses.find((u) => u.name === 'betaThing')?.count, 3);
    assert.deepEqual({ ...cached[0].references }, parsed[0].references, 'references still unpack on use');
  });
});
