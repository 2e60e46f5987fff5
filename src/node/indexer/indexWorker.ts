/**
 * The index worker thread: receives batches of files, reads and parses them with tree-sitter, and posts their
 * tags back. Bundled to dist/indexWorker.js; run from source under tsx in development and tests.
 */
import { readFile } from 'node:fs/promises';
import { parentPort } from 'node:worker_threads';
import type { FileTags, ParseRequest } from '../../core/codebase/types';
import { TagExtractor } from './tagExtractor';

/** A batch sent to a worker. */
export interface WorkerRequest {
  id: number;
  requests: ParseRequest[];
  /** Files to parse a few times without answering for them (warm-up). */
  warm?: ParseRequest[];
}

/** A worker's answer to one batch. */
export interface WorkerResponse {
  id: number;
  results: FileTags[];
}

const extractor = new TagExtractor();
/** Enough repetitions for V8 to move the hot parser functions from its baseline WebAssembly tier to the optimised one. */
const warmUpRounds = 4;

async function parseOne(request: ParseRequest): Promise<FileTags> {
  try {
    return await extractor.extract(request, await readFile(request.absPath));
  } catch (err) {
    const message = (err as NodeJS.ErrnoException).code ?? (err as Error).message;
    return { path: request.path, language: request.language, mtimeMs: request.mtimeMs, size: request.size, definitions: [], references: {}, skipped: `unreadable: ${message}` };
  }
}

parentPort?.on('message', (message: WorkerRequest) => {
  void (async () => {
    for (let round = 0; round < warmUpRounds; round++) for (const sample of message.warm ?? []) await parseOne(sample);
    const results: FileTags[] = [];
    for (const request of message.requests) results.push(await parseOne(request));
    const response: WorkerResponse = { id: message.id, results };
    parentPort?.postMessage(response);
  })();
});
