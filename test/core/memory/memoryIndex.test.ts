/**
 * The memory index's cache on real folders: a new index trusts the cache only as far as the note folders'
 * mtimes allow (a note added or deleted by hand is seen at the first search), an edit made in place is picked up
 * by the background check, and a note saved while that check runs is not undone by its older listing.
 */
import { strict as assert } from 'node:assert';
import { mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import type { DirEntry } from '../../../src/core/host';
import { MemoryIndex } from '../../../src/core/memory/memoryIndex';
import { MemoryStore } from '../../../src/core/memory/memoryStore';
import type { MemoryNote } from '../../../src/core/memory/memoryNote';
import { NodeFiles } from '../../../src/node/nodeFiles';
import { NodeStore } from '../../../src/node/nodeStore';
import { makeTempDir } from '../../support/testHost';

function note(id: string, title: string, body: string): MemoryNote {
  return { id, scope: 'workspace', title, body, created: '2026-01-01T00:00:00Z', updated: '2026-01-01T00:00:00Z', source: 'user', provenance: [], tags: [] };
}

describe('memory index cache', () => {
  let temp: ReturnType<typeof makeTempDir>;
  let files: NodeFiles;
  let store: MemoryStore;
  const open = (f = files): MemoryIndex => new MemoryIndex({
    files: f, notes: new MemoryStore(f, store.dirs), tasks: new NodeStore(path.join(temp.dir, 'store')), root: temp.dir, cacheFile: path.join(temp.dir, 'cache/index.json'),
  });
  const ids = async (index: MemoryIndex, query: string): Promise<string[]> => (await index.search(query, { kinds: ['note'] })).map((e) => e.id);

  beforeEach(async () => {
    temp = makeTempDir();
    files = new NodeFiles();
    store = new MemoryStore(files, { workspace: path.join(temp.dir, 'ws/.auto-agent/memory'), user: path.join(temp.dir, 'user/memory') });
    mkdirSync(store.dirs.user, { recursive: true });
    await store.write(note('local-postgres', 'Local Postgres', 'The database listens on port 5433.'));
    await store.write(note('run-tests', 'Run the tests', 'Unit tests run with `npm run test:unit`.'));
    await open().refresh();
  });
  afterEach(() => temp.cleanup());

  it('a note added or deleted by hand since the cache was saved is seen by the first search of a new index', async () => {
    writeFileSync(path.join(store.dirs.workspace, 'redis-cache.md'), '# Caching with Redis\n\nThe cache wrapper is src/lib/cache.ts.\n');
    rmSync(path.join(store.dirs.workspace, 'local-postgres.md'));
    const index = open();
    await index.refresh();
    assert.deepEqual(await ids(index, 'redis cache wrapper'), ['redis-cache']);
    assert.deepEqual(await ids(index, 'postgres port'), []);
  });

  it('an edit made in place (the folder unchanged) is found once the background check has run, and cached for the next index', async () => {
    const folderBefore = statSync(store.dirs.workspace).mtimeMs;
    writeFileSync(path.join(store.dirs.workspace, 'run-tests.md'), '# Run the tests\n\nUnit tests run with vitest now: `npx vitest`.\n');
    assert.equal(statSync(store.dirs.workspace).mtimeMs, folderBefore, 'precondition: an in-place write leaves the folder mtime alone');
    const index = open();
    await index.refresh();
    await index.settled();
    assert.deepEqual(await ids(index, 'vitest'), ['run-tests']);
    const next = open();
    await next.refresh();
    assert.deepEqual(await ids(next, 'vitest'), ['run-tests'], 'the background check saved the cache');
  });

  it('a note saved while the background check is listing the folder stays in the index', async () => {
    writeFileSync(path.join(store.dirs.workspace, 'run-tests.md'), '# Run the tests\n\nEdited in place.\n');
    let release!: () => void;
    let listed!: () => void;
    const gate = new Promise<void>((resolve) => { release = resolve; });
    const hasListed = new Promise<void>((resolve) => { listed = resolve; });
    const slow = new (class extends NodeFiles {
      override async list(dir: string): Promise<DirEntry[]> {
        const entries = await super.list(dir);
        listed();
        await gate;
        return entries;
      }
    })();
    const index = open(slow);
    await index.refresh();
    const searched = ids(index, 'tests');
    await hasListed;
    const saved = note('stripe-webhooks', 'Stripe webhooks', 'Signatures are checked with the raw body.');
    await store.write(saved);
    const indexed = index.noteChanged(saved, statSync(store.pathOf('workspace', saved.id)).mtimeMs);
    release();
    await searched;
    await indexed;
    await index.settled();
    assert.deepEqual(await ids(index, 'stripe webhook signatures'), ['stripe-webhooks']);
  });
});
