/**
 * Hybrid memory search with the endpoint's `/v1/embeddings` (the scripted server's): notes are embedded once and
 * their vectors cached with the model's name, the query is embedded per search, a note that shares no word with
 * the query is found through its vector, another model re-embeds, and a failing endpoint falls back to full text.
 */
import { strict as assert } from 'node:assert';
import * as path from 'node:path';
import type { Logger } from '../../../src/core/host';
import { MemoryIndex } from '../../../src/core/memory/memoryIndex';
import { MemoryStore } from '../../../src/core/memory/memoryStore';
import type { MemoryNote } from '../../../src/core/memory/memoryNote';
import { OpenAiEmbedder } from '../../../src/core/memory/openAiEmbedder';
import { NodeFiles } from '../../../src/node/nodeFiles';
import { NodeStore } from '../../../src/node/nodeStore';
import { startScriptedServer, type ScriptedOpenAiServer } from '../../support/scriptedServer';
import { makeTempDir } from '../../support/testHost';

/** One dimension per topic, so "schema" and "migration" are close while sharing no word. */
const topics = [['schema', 'column', 'migration', 'database', 'table'], ['display', 'xvfb', 'e2e'], ['deploy', 'release', 'fly']];
const toyVectors = (texts: string[]): number[][] => texts.map((t) => topics.map((words) => words.filter((w) => t.toLowerCase().includes(w)).length + 0.01));

function note(id: string, title: string, body: string): MemoryNote {
  return { id, scope: 'workspace', title, body, created: '2026-01-01T00:00:00Z', updated: '2026-01-01T00:00:00Z', source: 'user', provenance: [], tags: [] };
}

describe('memory search with /v1/embeddings (hybrid)', () => {
  let server: ScriptedOpenAiServer;
  let temp: ReturnType<typeof makeTempDir>;
  let store: MemoryStore;
  const warnings: string[] = [];
  const logger = { warn: (m: string) => warnings.push(m), info: () => undefined, error: () => undefined, debug: () => undefined } as unknown as Logger;
  const open = (model: string): MemoryIndex => new MemoryIndex({
    files: new NodeFiles(), notes: store, tasks: new NodeStore(path.join(temp.dir, 'store')), root: temp.dir, cacheFile: path.join(temp.dir, 'cache/index.json'),
    embedder: new OpenAiEmbedder({ baseUrl: server.url, apiKey: 'sk-test', model }), logger,
  });
  const ids = async (index: MemoryIndex, query: string): Promise<string[]> => (await index.search(query, { kinds: ['note'] })).map((e) => e.id);

  beforeEach(async () => {
    server = await startScriptedServer();
    server.setEmbeddings((texts) => toyVectors(texts));
    temp = makeTempDir();
    warnings.length = 0;
    store = new MemoryStore(new NodeFiles(), { workspace: path.join(temp.dir, 'memory'), user: path.join(temp.dir, 'user-memory') });
    await store.write(note('db-migrations', 'Database migrations', 'Add a new file in db/migrations; never edit an applied one.'));
    await store.write(note('e2e-display', 'The e2e suite needs a display', 'Run it with xvfb-run npm run e2e.'));
    await store.write(note('deploys', 'Deploying', 'Releases go out from the release workflow to Fly.io.'));
  });
  afterEach(async () => {
    await server.close();
    temp.cleanup();
  });

  it('embeds every note once, then each query; a note sharing no word with the query is found by its vector', async () => {
    const index = open('embed-small');
    await index.refresh();
    assert.deepEqual(server.embeddingRequests.map((r) => [r.model, r.input.length]), [['embed-small', 3]], 'one batch for the three notes');
    assert.match(server.embeddingRequests[0].input.join('\n'), /Database migrations\nAdd a new file in db\/migrations/);
    const query = 'change a column in the schema';
    assert.equal((await ids(index, query))[0], 'db-migrations');
    assert.deepEqual(server.embeddingRequests[1], { model: 'embed-small', input: [query] });
    server.setEmbeddings(undefined);
    const textOnly = await ids(index, query);
    assert.ok(!textOnly.includes('db-migrations'), `full text alone does not find it: ${textOnly.join(', ')}`);
  });

  it('a new index with the same model reuses the cached vectors; another model embeds again', async () => {
    await open('embed-small').refresh();
    server.embeddingRequests.length = 0;
    const same = open('embed-small');
    await same.refresh();
    assert.equal(server.embeddingRequests.length, 0, 'the vectors came back from the cache');
    assert.equal((await ids(same, 'add a column to the users table'))[0], 'db-migrations');
    server.embeddingRequests.length = 0;
    await open('embed-large').refresh();
    assert.deepEqual(server.embeddingRequests.map((r) => [r.model, r.input.length]), [['embed-large', 3]]);
  });

  it('an index without an embedder (memory search in the CLI) keeps the cached vectors for the next task that has one', async () => {
    await open('embed-small').refresh();
    const plain = new MemoryIndex({
      files: new NodeFiles(), notes: store, tasks: new NodeStore(path.join(temp.dir, 'store')), root: temp.dir, cacheFile: path.join(temp.dir, 'cache/index.json'),
    });
    await plain.refresh();
    await plain.noteChanged(note('deploys', 'Deploying', 'Releases go out from the release workflow to Fly.io, with a health check.'), Date.now());
    server.embeddingRequests.length = 0;
    await open('embed-small').refresh();
    assert.deepEqual(server.embeddingRequests.map((r) => r.input.length), [1], 'only the note changed meanwhile is embedded again');
  });

  it('when the endpoint fails, search still answers from full text and the failure is logged', async () => {
    server.setEmbeddings(() => ({ fail: 500 }));
    const index = open('embed-small');
    await index.refresh();
    assert.deepEqual(await ids(index, 'xvfb display'), ['e2e-display']);
    assert.ok(warnings.some((w) => /Embeddings failed/.test(w)), warnings.join('\n'));
  });
});
