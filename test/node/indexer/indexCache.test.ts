import * as assert from 'node:assert/strict';
import { mkdirSync, readdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { buildReferenceGraph } from '../../../src/core/codebase/referenceGraph';
import type { FileTags, TagParser } from '../../../src/core/codebase/types';
import { IndexCache, packTags, unpackTags } from '../../../src/node/indexer/indexCache';
import { WorkspaceIndexer } from '../../../src/node/indexer/workspaceIndexer';
import { makeTempDir } from '../../support/testHost';

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

describe('index cache: the file on disk and the maps remembered with it', function () {
  this.timeout(60_000);
  let work: ReturnType<typeof makeTempDir>;
  let cache: ReturnType<typeof makeTempDir>;
  let tick = 1_700_000_000;

  function write(rel: string, text: string): void {
    const file = path.join(work.dir, rel);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, text);
    tick += 10;
    utimesSync(file, tick, tick);
  }

  /** Any parse is a failure: the cache alone must answer. */
  const noParser: TagParser = { parse: async (requests) => { throw new Error(`asked to parse ${requests.map((r) => r.path).join(', ')}`); }, dispose: async () => {} };

  async function withIndexer<T>(parser: TagParser | undefined, use: (index: WorkspaceIndexer) => Promise<T>): Promise<T> {
    const index = new WorkspaceIndexer({ root: work.dir, cacheDir: cache.dir, parser, warmUp: false });
    try {
      return await use(index);
    } finally {
      await index.dispose();
    }
  }

  beforeEach(() => {
    work = makeTempDir();
    cache = makeTempDir();
    write('src/config.ts', 'export function loadConfig(): Config { return parseConfig("x"); }\nexport interface Config { name: string }\n');
    write('src/parse.ts', 'export function parseConfig(text: string): Config { return { name: text }; }\n');
  });
  afterEach(() => { work.cleanup(); cache.cleanup(); });

  it('is line-delimited (header, file list, one record per file) and loads records undecoded until used', async () => {
    const plain = (t: FileTags) => ({ path: t.path, language: t.language, mtimeMs: t.mtimeMs, size: t.size, definitions: t.definitions, references: { ...t.references }, skipped: t.skipped ?? null });
    const byPath = (a: { path: string }, b: { path: string }): number => a.path.localeCompare(b.path);
    const cold = await withIndexer(undefined, async (index) => { await index.refresh(); return index.table.all().map(plain).sort(byPath); });
    const file = new IndexCache(cache.dir, work.dir).file;
    const lines = readFileSync(file, 'utf8').split('\n');
    assert.equal(lines.length, 2 + cold.length);
    assert.deepEqual(JSON.parse(lines[1]).map((e: unknown[]) => e[0]).sort(), ['src/config.ts', 'src/parse.ts']);
    // A record that is never used is never decoded: a broken one only fails once something reads it.
    const loaded = await new IndexCache(cache.dir, work.dir).load();
    assert.ok(loaded);
    writeFileSync(file, [...lines.slice(0, 2), '{not json', ...lines.slice(3)].join('\n'));
    const lazy = await new IndexCache(cache.dir, work.dir).load();
    assert.equal(lazy?.tags.length, cold.length, 'the file list loads without touching the records');
    assert.deepEqual(loaded.tags.map(plain).sort(byPath), cold);
  });

  it('a warm start with nothing changed answers a map it rendered before from the cache alone, until a file changes', async () => {
    const first = await withIndexer(undefined, async (index) => { await index.refresh(); return index.repoMap({ tokens: 500 }); });
    assert.match(first, /loadConfig/);
    const mapsFile = readdirSync(cache.dir).find((f) => f.endsWith('.maps.json'));
    assert.ok(mapsFile, 'the rendered map is saved beside the tags');
    // The remembered map is what is printed: swapped for a marker, the marker comes back (same tags, same options).
    const saved = JSON.parse(readFileSync(path.join(cache.dir, mapsFile), 'utf8')) as { generation: string; maps: [string, string][] };
    writeFileSync(path.join(cache.dir, mapsFile), JSON.stringify({ ...saved, maps: saved.maps.map(([key]) => [key, 'REMEMBERED MAP']) }));
    assert.equal(await withIndexer(noParser, async (index) => { await index.refresh(); return index.repoMap({ tokens: 500 }); }), 'REMEMBERED MAP');
    // Other options are another question: rendered from the cached tags, still without parsing.
    assert.match(await withIndexer(noParser, async (index) => index.repoMap({ tokens: 500, focus: 'parseConfig' })), /parseConfig/);
    write('src/parse.ts', 'export function parseConfigFast(text: string): Config { return { name: text }; }\n');
    const after = await withIndexer(undefined, async (index) => index.repoMap({ tokens: 500 }));
    assert.doesNotMatch(after, /REMEMBERED MAP/);
    assert.match(after, /parseConfigFast/);
  });

  it('maps remembered for other tags are not used (another generation)', async () => {
    await withIndexer(undefined, async (index) => { await index.refresh(); await index.repoMap({ tokens: 500 }); });
    const mapsFile = path.join(cache.dir, readdirSync(cache.dir).find((f) => f.endsWith('.maps.json'))!);
    const saved = JSON.parse(readFileSync(mapsFile, 'utf8')) as { generation: string; maps: [string, string][] };
    writeFileSync(mapsFile, JSON.stringify({ generation: 'another', maps: saved.maps.map(([key]) => [key, 'STALE MAP']) }));
    assert.match(await withIndexer(noParser, async (index) => index.repoMap({ tokens: 500 })), /loadConfig/);
  });
});
