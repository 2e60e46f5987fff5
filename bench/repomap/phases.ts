/**
 * One measured phase of the repo map benchmark, run in its own process so that cold really is cold and peak
 * memory is this phase's alone: `tsx phases.ts <cold|warm> <dir> <cacheDir> <changedFile?>`
 * or `quality <dir> <cacheDir> <npm package>`. Prints one JSON line.
 */
import { appendFileSync } from 'node:fs';
import * as path from 'node:path';
import { WorkerTagParser } from '../../src/node/indexer/workerTagParser';
import { WorkspaceIndexer } from '../../src/node/indexer/workspaceIndexer';
import { askQuestions } from './quality';

interface PhaseResult {
  files: number;
  parsed: number;
  skipped: number;
  refreshMs: number;
  cpuMs: number;
  maxRssMb: number;
  secondRefreshMs?: number;
  changedMs?: number;
  mapFirstMs?: number;
  mapAgainMs?: number;
  mapTokens?: number;
  /** Cold phase: a second full parse on the same workers, without cache: the cold work minus one-time start-up. */
  warmWorkersMs?: number;
}

async function main(): Promise<void> {
  const [phase, dir, cacheDir, changed] = process.argv.slice(2);
  const pool = new WorkerTagParser();
  const index = new WorkspaceIndexer({ root: dir, cacheDir, saveDelayMs: 60_000, parser: pool });
  if (phase === 'quality') {
    // `changed` is the tree's npm package name here: it picks the questions.
    process.stdout.write(`${JSON.stringify(await askQuestions(index, changed))}\n`);
    await index.dispose();
    await pool.dispose();
    return;
  }
  const cpu = process.cpuUsage();
  let started = performance.now();
  const stats = await index.refresh();
  const result: PhaseResult = {
    files: stats.files, parsed: stats.parsed, skipped: stats.skipped, refreshMs: performance.now() - started,
    cpuMs: (process.cpuUsage(cpu).user + process.cpuUsage(cpu).system) / 1000, maxRssMb: 0,
  };
  if (phase === 'warm') {
    started = performance.now();
    await index.refresh();
    result.secondRefreshMs = performance.now() - started;
    await index.whenWarm();
    const file = path.join(dir, changed);
    appendFileSync(file, `\nexport const benchTouched${Date.now()} = 1\n`);
    started = performance.now();
    await index.update([{ kind: 'changed', path: file }]);
    result.changedMs = performance.now() - started;
    started = performance.now();
    const map = await index.repoMap({ tokens: 4000 });
    result.mapFirstMs = performance.now() - started;
    started = performance.now();
    await index.repoMap({ tokens: 4000, focus: changed });
    result.mapAgainMs = performance.now() - started;
    result.mapTokens = Math.ceil(map.length / 3.5);
  }
  result.maxRssMb = process.resourceUsage().maxRSS / 1024;
  if (phase === 'cold') result.warmWorkersMs = await reparseOnWarmWorkers(index, pool, dir);
  await index.dispose();
  await pool.dispose();
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

/**
 * The whole tree parsed again by the same workers into a new index without a cache. By then the workers are
 * running, their grammars and queries are loaded, and V8 has compiled and optimised their code (WebAssembly and
 * JavaScript) and grown their heaps: this is the cold index without its one-time start-up, which a new process
 * pays again because Node caches none of it.
 */
async function reparseOnWarmWorkers(index: WorkspaceIndexer, pool: WorkerTagParser, dir: string): Promise<number> {
  await index.whenWarm();
  await index.flush();
  const again = new WorkspaceIndexer({ root: dir, parser: pool });
  const started = performance.now();
  await again.refresh();
  const ms = performance.now() - started;
  await again.dispose();
  return ms;
}

void main();
