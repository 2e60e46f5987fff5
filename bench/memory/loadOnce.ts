/**
 * Loads a saved memory index once in a fresh process (cold: nothing compiled yet) and prints the milliseconds.
 * `loadOnce.ts FILE` restores a bare MemorySearch; `loadOnce.ts --workspace DIR` opens the workspace's
 * MemoryIndex as a task does (cache, note folders, past tasks), then times its first search and the background
 * check of every note file.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { MemorySearch, type SavedSearch } from '../../src/core/memory/memorySearch';
import { MemoryIndex } from '../../src/core/memory/memoryIndex';
import { MemoryStore } from '../../src/core/memory/memoryStore';
import { NodeFiles } from '../../src/node/nodeFiles';
import { NodeStore } from '../../src/node/nodeStore';

const query = 'how do I run the tests';
const since = (start: bigint): number => Number(process.hrtime.bigint() - start) / 1e6;

/** The layout the bench's workspace uses (see index.ts). */
export function benchIndex(dir: string): MemoryIndex {
  const files = new NodeFiles();
  const notes = new MemoryStore(files, { workspace: path.join(dir, 'ws/.auto-agent/memory'), user: path.join(dir, 'user/memory') });
  return new MemoryIndex({ files, notes, tasks: new NodeStore(path.join(dir, 'store')), root: path.join(dir, 'ws'), cacheFile: path.join(dir, 'cache/index.json') });
}

function bare(file: string): void {
  const start = process.hrtime.bigint();
  const parsed = JSON.parse(readFileSync(file, 'utf8')) as { index: SavedSearch };
  const search = MemorySearch.fromJSON(parsed.index);
  const loadMs = since(start);
  const queryStart = process.hrtime.bigint();
  search.search(query, { limit: 5 });
  console.log(JSON.stringify({ loadMs, firstQueryMs: since(queryStart), size: search.size }));
}

async function workspace(dir: string): Promise<void> {
  const start = process.hrtime.bigint();
  const index = benchIndex(dir);
  await index.refresh();
  const loadMs = since(start);
  const queryStart = process.hrtime.bigint();
  await index.search(query, { limit: 5, kinds: ['note'] });
  const firstQueryMs = since(queryStart);
  await index.settled();
  console.log(JSON.stringify({ loadMs, firstQueryMs, checkedMs: since(start), size: index.size }));
}

if (require.main === module) {
  if (process.argv[2] === '--workspace') void workspace(process.argv[3]);
  else bare(process.argv[2]);
}
