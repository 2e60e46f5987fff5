/** Loads a saved memory index once in a fresh process (cold: nothing compiled yet) and prints the milliseconds. */
import { readFileSync } from 'node:fs';
import { MemorySearch, type SavedSearch } from '../../src/core/memory/memorySearch';

const start = process.hrtime.bigint();
const parsed = JSON.parse(readFileSync(process.argv[2], 'utf8')) as { index: SavedSearch };
const search = MemorySearch.fromJSON(parsed.index);
const loadMs = Number(process.hrtime.bigint() - start) / 1e6;
const queryStart = process.hrtime.bigint();
search.search('how do I run the tests', { limit: 5 });
console.log(JSON.stringify({ loadMs, firstQueryMs: Number(process.hrtime.bigint() - queryStart) / 1e6, size: search.size }));
