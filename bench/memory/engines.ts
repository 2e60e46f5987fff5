/**
 * The measurement behind the choice of full-text engine: minisearch against @orama/orama on the same 10,000
 * notes: build, query latency, serialised size, and load from the serialised form. Run under the CPU lock:
 * `flock /tmp/cpu.lock npx tsx bench/memory/engines.ts`.
 */
import MiniSearch from 'minisearch';
import { create, insertMultiple, load, save, search } from '@orama/orama';
import { fillerDocs } from './synthetic';

const docs = fillerDocs(10_000);
const queries = ['date helpers UTC', 'checkpoints lock file', 'test runner mock server', 'payments retry backoff', 'esbuild build slow', 'worker pool node 20', 'cache staging config', 'the router feature flag'];

function ms(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1e6;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function p95(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length * 0.95)];
}

async function timeQueries(run: (q: string) => unknown): Promise<number[]> {
  const times: number[] = [];
  for (let round = 0; round < 5; round++) {
    for (const q of queries) {
      const t = process.hrtime.bigint();
      await run(q);
      times.push(ms(t));
    }
  }
  return times;
}

async function main(): Promise<void> {
  let t = process.hrtime.bigint();
  const mini = new MiniSearch({ fields: ['title', 'text'], storeFields: ['title'], searchOptions: { boost: { title: 2 }, prefix: true, fuzzy: 0.2 } });
  mini.addAll(docs);
  const miniBuild = ms(t);
  const miniTimes = await timeQueries((q) => mini.search(q).slice(0, 5));
  const miniJson = JSON.stringify(mini);
  t = process.hrtime.bigint();
  MiniSearch.loadJSON(miniJson, { fields: ['title', 'text'], storeFields: ['title'] });
  const miniLoad = ms(t);

  t = process.hrtime.bigint();
  const orama = create({ schema: { id: 'string', title: 'string', text: 'string' } as const });
  await insertMultiple(orama, docs);
  const oramaBuild = ms(t);
  const oramaTimes = await timeQueries((q) => search(orama, { term: q, limit: 5, boost: { title: 2 }, tolerance: 1 }));
  const oramaJson = JSON.stringify(save(orama));
  t = process.hrtime.bigint();
  const restored = create({ schema: { id: 'string', title: 'string', text: 'string' } as const });
  load(restored, JSON.parse(oramaJson));
  const oramaLoad = ms(t);

  console.log('engine       build ms  query median ms  query p95 ms  serialised KB  load ms');
  console.log(`minisearch   ${miniBuild.toFixed(0).padStart(8)}  ${median(miniTimes).toFixed(2).padStart(15)}  ${p95(miniTimes).toFixed(2).padStart(12)}  ${(miniJson.length / 1024).toFixed(0).padStart(13)}  ${miniLoad.toFixed(0).padStart(7)}`);
  console.log(`@orama/orama ${oramaBuild.toFixed(0).padStart(8)}  ${median(oramaTimes).toFixed(2).padStart(15)}  ${p95(oramaTimes).toFixed(2).padStart(12)}  ${(oramaJson.length / 1024).toFixed(0).padStart(13)}  ${oramaLoad.toFixed(0).padStart(7)}`);
}

void main();
