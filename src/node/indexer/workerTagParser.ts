/**
 * A TagParser on a pool of worker threads, so that parsing never blocks the extension host's main thread.
 * The pool size follows the cores available (at most 4); batches go to the least loaded worker, two at a time,
 * so that a worker has its next batch queued while its answer travels back (no idle round trip). Workers are
 * started on first use and kept (unref'd) for incremental updates until `dispose`.
 */
import { existsSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Worker } from 'node:worker_threads';
import type { FileTags, ParseRequest, TagParser } from '../../core/codebase/types';
import { unpackTags } from './indexCache';
import type { WorkerRequest, WorkerResponse } from './indexWorker';

const maxBatchFiles = 24;
const maxBatchBytes = 256 * 1024;
/** Batches queued on one worker at once: the one it parses and the next. */
const batchesPerWorker = 2;

/** Options of {@link WorkerTagParser}. */
export interface WorkerTagParserOptions {
  /** Worker threads; default: available cores, between 1 and 4. */
  threads?: number;
  /** Heap limits of each worker, so that a pathological file kills a worker (and is skipped), not the host. */
  resourceLimits?: { maxOldGenerationSizeMb?: number; maxYoungGenerationSizeMb?: number };
}

interface PendingBatch {
  resolve(r: FileTags[]): void;
  reject(e: Error): void;
}

interface Slot {
  worker: Worker;
  /** Batches sent and not yet answered, by id; the worker answers them in order. */
  pending: Map<number, PendingBatch>;
  /** Batches given to this worker and not yet answered (counted from the moment it is chosen). */
  load: number;
  /** Runs a suspect file alone: nothing may queue behind it and die with it. */
  isIsolating: boolean;
}

/**
 * How to start the worker: the bundled script beside the bundle (dist/indexWorker.js) or, when running from
 * source (tests, tsx), a small CommonJS bootstrap that registers tsx in the worker and loads the .ts entry.
 */
export function workerEntry(): { script: string; isEval: boolean } {
  const bundled = path.join(__dirname, 'indexWorker.js');
  if (existsSync(bundled)) return { script: bundled, isEval: false };
  const source = path.join(__dirname, 'indexWorker.ts');
  return { script: `require('tsx/cjs/api').register();\nrequire(${JSON.stringify(source)});`, isEval: true };
}

export class WorkerTagParser implements TagParser {
  private readonly threads: number;
  private readonly slots: Slot[] = [];
  private readonly waiting: (() => void)[] = [];
  private nextId = 0;

  constructor(private readonly options: WorkerTagParserOptions = {}) {
    this.threads = Math.max(1, options.threads ?? Math.min(os.availableParallelism(), 4));
  }

  async parse(requests: readonly ParseRequest[], onParsed?: (done: number, batch: readonly FileTags[]) => void): Promise<FileTags[]> {
    let done = 0;
    // By priority, then largest files first, so that no worker is left alone with a big file at the end.
    const priority = (r: ParseRequest): number => r.priority ?? 0;
    const order = requests.map((_, i) => i).sort((a, b) => priority(requests[b]) - priority(requests[a]) || requests[b].size - requests[a].size);
    const batches = toBatches(order.map((i) => requests[i]));
    const results = await Promise.all(batches.map(async (batch) => {
      const tags = await this.run(batch).catch(() => this.runOneByOne(batch));
      done += tags.length;
      onParsed?.(done, tags);
      return tags;
    }));
    const byPosition: FileTags[] = new Array(requests.length);
    results.flat().forEach((tags, k) => { byPosition[order[k]] = tags; });
    return byPosition;
  }

  /** After a worker died on a batch: each file alone, so that only the file that kills a worker is lost. */
  private async runOneByOne(batch: readonly ParseRequest[]): Promise<FileTags[]> {
    const results: FileTags[] = [];
    for (const request of batch) {
      const [tags] = await this.run([request], undefined, true).catch((err: Error) => [{ ...failed(request), skipped: `parser failed: ${err.message}` }]);
      results.push(tags);
    }
    return results;
  }

  /** Makes sure one worker runs, with the grammars loaded and compiled, by parsing the samples a few times. */
  async warmUp(samples: readonly ParseRequest[]): Promise<void> {
    await this.run([], [...samples]);
  }

  prepare(): void {
    while (this.startSlot());
  }

  async dispose(): Promise<void> {
    const slots = this.slots.splice(0);
    for (const slot of slots) rejectAll(slot, new Error('The index workers were stopped.'));
    // Referenced again so that the process waits for the threads to stop rather than exiting under them.
    await Promise.all(slots.map((s) => { s.worker.ref(); return s.worker.terminate(); }));
  }

  private async run(batch: ParseRequest[], warm?: ParseRequest[], isIsolated = false): Promise<FileTags[]> {
    const slot = await this.acquire(isIsolated);
    const id = this.nextId++;
    try {
      // Referenced while it works, so that the process waits for the answer; idle workers never keep it alive.
      slot.worker.ref();
      return await new Promise<FileTags[]>((resolve, reject) => {
        slot.pending.set(id, { resolve, reject });
        slot.worker.postMessage({ id, requests: batch, warm } satisfies WorkerRequest);
      });
    } finally {
      slot.pending.delete(id);
      slot.load--;
      if (isIsolated) slot.isIsolating = false;
      // A worker being stopped (dispose) stays referenced until it has exited.
      if (this.slots.includes(slot) && slot.load === 0) slot.worker.unref();
      this.waiting.shift()?.();
    }
  }

  /**
   * An idle worker; a new one while the pool is not full; else one with room for a second batch (unless this
   * batch is to run isolated); else waits.
   */
  private async acquire(isIsolated: boolean): Promise<Slot> {
    for (;;) {
      const slot = this.slots.find((s) => s.load === 0) ?? this.startSlot()
        ?? (isIsolated ? undefined : this.slots.find((s) => !s.isIsolating && s.load < batchesPerWorker));
      if (slot) {
        slot.load++;
        slot.isIsolating = isIsolated;
        return slot;
      }
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    }
  }

  private startSlot(): Slot | undefined {
    if (this.slots.length >= this.threads) return undefined;
    const slot: Slot = { worker: undefined as unknown as Worker, pending: new Map(), load: 0, isIsolating: false };
    slot.worker = this.startWorker(slot);
    this.slots.push(slot);
    return slot;
  }

  private startWorker(slot: Slot): Worker {
    const entry = workerEntry();
    // Loaded on first use: a warm start that parses nothing (auto-agent map) does not pay for the module.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { Worker: WorkerThread } = require('node:worker_threads') as typeof import('node:worker_threads');
    const worker = new WorkerThread(entry.script, { eval: entry.isEval, resourceLimits: this.options.resourceLimits });
    worker.unref();
    worker.on('message', (response: WorkerResponse) => slot.pending.get(response.id)?.resolve(response.results.map(unpackTags)));
    worker.on('error', (err) => this.failWorker(slot, err));
    worker.on('exit', (code) => this.failWorker(slot, new Error(`An index worker exited with code ${code}.`)));
    return worker;
  }

  /** A dead worker fails its batch in flight and leaves the pool; the next batch starts a fresh one. */
  private failWorker(slot: Slot, err: Error): void {
    const index = this.slots.indexOf(slot);
    if (index >= 0) this.slots.splice(index, 1);
    rejectAll(slot, err);
  }
}

function rejectAll(slot: Slot, err: Error): void {
  for (const batch of slot.pending.values()) batch.reject(err);
}

function failed(request: ParseRequest): FileTags {
  return { path: request.path, language: request.language, mtimeMs: request.mtimeMs, size: request.size, definitions: [], references: {} };
}

function toBatches(requests: readonly ParseRequest[]): ParseRequest[][] {
  const batches: ParseRequest[][] = [];
  let current: ParseRequest[] = [];
  let bytes = 0;
  for (const request of requests) {
    if (current.length > 0 && (current.length >= maxBatchFiles || bytes + request.size > maxBatchBytes)) {
      batches.push(current);
      current = [];
      bytes = 0;
    }
    current.push(request);
    bytes += request.size;
  }
  if (current.length > 0) batches.push(current);
  return batches;
}
