/**
 * The index worker thread: receives batches of files, reads and parses them with tree-sitter, and posts their
 * tags back. Bundled to dist/indexWorker.js; run from source under tsx in development and tests.
 */
import { readFile } from 'node:fs/promises';
import { parentPort } from 'node:worker_threads';
import type { LanguageId } from '../../core/codebase/languages';
import type { FileTags, ParseRequest } from '../../core/codebase/types';
import { TagExtractor } from './tagExtractor';

/** A batch sent to a worker. */
export interface WorkerRequest {
  id: number;
  requests: ParseRequest[];
  /** Languages to load without parsing anything (warm-up). */
  warm?: LanguageId[];
}

/** A worker's answer to one batch. */
export interface WorkerResponse {
  id: number;
  results: FileTags[];
}

const extractor = new TagExtractor();

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
    for (const language of message.warm ?? []) await extractor.extractSource(language, '').catch(() => undefined);
    const results: FileTags[] = [];
    for (const request of message.requests) results.push(await parseOne(request));
    const response: WorkerResponse = { id: message.id, results };
    parentPort?.postMessage(response);
  })();
});
