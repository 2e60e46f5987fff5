/**
 * The index worker thread: receives batches of files, reads and parses them with tree-sitter, and posts their
 * tags back, one batch after another in the order they came. Bundled to dist/indexWorker.js; run from source
 * under tsx in development and tests. Files are read synchronously: this thread has nothing else to do
 * meanwhile, and an asynchronous read would leave it idle for a thread-pool round trip per file.
 */
import { readFileSync } from 'node:fs';
import { parentPort } from 'node:worker_threads';
import type { FileTags, ParseRequest } from '../../core/codebase/types';
import { packTags, type PackedFileTags } from './indexCache';
import { TagExtractor } from './tagExtractor';

/** A batch sent to a worker. */
export interface WorkerRequest {
  id: number;
  requests: ParseRequest[];
  /** Files to parse a few times without answering for them (warm-up). */
  warm?: ParseRequest[];
}

/** A worker's answer to one batch (packed: see PackedFileTags). */
export interface WorkerResponse {
  id: number;
  results: PackedFileTags[];
}

const extractor = new TagExtractor();
/** Enough repetitions for V8 to move the hot parser functions from its baseline WebAssembly tier to the optimised one. */
const warmUpRounds = 4;

async function parseOne(request: ParseRequest): Promise<FileTags> {
  try {
    return await extractor.extract(request, readFileSync(request.absPath));
  } catch (err) {
    const message = (err as NodeJS.ErrnoException).code ?? (err as Error).message;
    return { path: request.path, language: request.language, mtimeMs: request.mtimeMs, size: request.size, definitions: [], references: {}, skipped: `unreadable: ${message}` };
  }
}

async function answer(message: WorkerRequest): Promise<void> {
  for (let round = 0; round < warmUpRounds; round++) for (const sample of message.warm ?? []) await parseOne(sample);
  const results: PackedFileTags[] = [];
  for (const request of message.requests) results.push(packTags(await parseOne(request)));
  const response: WorkerResponse = { id: message.id, results };
  parentPort?.postMessage(response);
}

// The pool queues a second batch while this one runs; the chain keeps them from interleaving.
let queue = Promise.resolve();
parentPort?.on('message', (message: WorkerRequest) => {
  queue = queue.then(() => answer(message));
});
