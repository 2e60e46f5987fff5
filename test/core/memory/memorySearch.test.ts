/** The ranking: full text with stems and stop words, kinds filtered, saved and restored, and hybrid with vectors. */
import { strict as assert } from 'node:assert';
import { MemorySearch, type Embedder } from '../../../src/core/memory/memorySearch';
import { packVector, unpackVector } from '../../../src/core/memory/packedIndex';
import { labelledQueries, realisticDocs } from '../../../bench/memory/corpus';

const docs = [
  { id: 'note:workspace/migrations', kind: 'note' as const, title: 'Database migrations', text: 'Migrations live in db/migrations; add a new one, never edit an applied one.' },
  { id: 'note:workspace/e2e', kind: 'note' as const, title: 'The e2e suite needs a display', text: 'Run it with xvfb-run npm run e2e.' },
  { id: 'task:t1', kind: 'task' as const, title: 'Make the failing date tests pass', text: 'Fixed month() off by one. src/lib/dates.ts' },
];

/** A toy embedder: one dimension per topic word, so "schema" and "migration" can be made close on purpose. */
const topics = [['schema', 'column', 'migration', 'migrations', 'database'], ['display', 'xvfb', 'e2e'], ['date', 'month']];
const embedder: Embedder = {
  model: 'toy',
  embed: async (texts) => texts.map((t) => topics.map((words) => words.filter((w) => t.toLowerCase().includes(w)).length)),
};

describe('memory search', () => {
  it('matches stems and ignores stop words ("migration" finds "Migrations"; "the" alone finds nothing)', () => {
    const search = MemorySearch.empty();
    for (const d of docs) search.put(d);
    assert.equal(search.search('how do I write a migration', { limit: 5 })[0]?.id, 'note:workspace/migrations');
    assert.deepEqual(search.search('the', { limit: 5 }), []);
    assert.deepEqual(search.search('date tests', { limit: 5, kinds: ['note'] }).map((h) => h.id), [], 'kinds filter out the task');
    assert.equal(search.search('date tests', { limit: 5, kinds: ['task'] })[0]?.id, 'task:t1');
  });

  it('survives a save and restore through JSON with the same answers', () => {
    const search = MemorySearch.empty();
    for (const d of docs) search.put(d);
    const restored = MemorySearch.fromJSON(JSON.parse(JSON.stringify(search.toJSON())));
    assert.deepEqual(restored.search('display e2e', { limit: 5 }), search.search('display e2e', { limit: 5 }));
    restored.remove('note:workspace/e2e');
    assert.deepEqual(restored.search('display e2e', { limit: 5 }), []);
  });

  it('the packed form restores the very index minisearch built: same tables, same answers, and it stays editable', () => {
    const search = MemorySearch.empty();
    for (const d of realisticDocs) search.put(d);
    search.remove('note:workspace/logger');
    const restored = MemorySearch.fromJSON(JSON.parse(JSON.stringify(search.toJSON())));
    // The term tree's iteration order follows insertion order, so the rows are compared by term.
    const tables = (s: MemorySearch): unknown => {
      const { packed } = s.toJSON();
      return { ...packed, postings: [...packed.postings].sort((a, b) => String(a[0]).localeCompare(String(b[0]))) };
    };
    assert.deepEqual(tables(restored), tables(search));
    for (const { query } of labelledQueries) assert.deepEqual(restored.search(query, { limit: 5 }), search.search(query, { limit: 5 }), query);
    for (const s of [search, restored]) {
      s.put({ id: 'note:workspace/pino', kind: 'note', title: 'Logging with pino', text: 'No console.log in server code.' });
      s.remove('note:workspace/deploy');
    }
    assert.deepEqual(restored.search('console.log pino deploy', { limit: 5 }), search.search('console.log pino deploy', { limit: 5 }));
  });

  it('vectors are saved as float32 and come back with the same values', () => {
    const vector = [0.5, -0.25, 0.1, 1e-7, -3.75, 0];
    const back = unpackVector(packVector(vector));
    assert.equal(back.length, vector.length);
    vector.forEach((v, i) => assert.ok(Math.abs(back[i] - v) <= Math.abs(v) * 1e-7, `${v} → ${back[i]}`));
  });

  it('hybrid: with vectors, a note that shares no word with the query is still found (full text alone misses it)', async () => {
    const search = MemorySearch.empty();
    const vectors = await embedder.embed(docs.map((d) => `${d.title} ${d.text}`));
    docs.forEach((d, i) => search.put(d, vectors[i]));
    const query = 'change a column in the schema';
    assert.ok(!search.search(query, { limit: 5 }).some((h) => h.id === 'note:workspace/migrations'), 'full text alone does not find it');
    const [queryVector] = await embedder.embed([query]);
    assert.equal(search.search(query, { limit: 5, queryVector })[0]?.id, 'note:workspace/migrations');
  });
});
