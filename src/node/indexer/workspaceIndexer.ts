/**
 * The Node implementation of CodebaseIndex: walks the workspace (honouring .gitignore), reuses cached tags whose
 * path, mtime and size are unchanged, parses the rest in worker threads, and keeps itself current from
 * file-change events. Operations run one at a time in order, so events and refreshes never interleave.
 */
import * as path from 'node:path';
import type { Disposable, FileChange, Logger, WorkspaceFiles } from '../../core/host';
import { isIgnoredPath, walkFiles } from '../../core/codebase/fileWalker';
import { languageOf } from '../../core/codebase/languages';
import type { TokenCounter } from '../../core/codebase/mapRenderer';
import { SymbolTable } from '../../core/codebase/symbolTable';
import type {
  CodebaseIndex, FileTags, IndexProgress, IndexStats, ParseRequest, ReferenceLocation, RepoMapOptions, SymbolLocation, TagParser,
} from '../../core/codebase/types';
import { NodeFiles } from '../nodeFiles';
import { defaultMaxFileBytes, sizeSkipReason } from './fileFilters';
import { IndexCache } from './indexCache';
import { ParseOrder, statIndexable } from './parseOrder';
import { WorkerTagParser } from './workerTagParser';

/** Options of {@link WorkspaceIndexer}. */
export interface WorkspaceIndexerOptions {
  root: string;
  /** Where the index is persisted; nothing is persisted when absent. */
  cacheDir?: string;
  files?: WorkspaceFiles;
  /** Defaults to a worker-thread pool. */
  parser?: TagParser;
  onProgress?: (progress: IndexProgress) => void;
  maxFileBytes?: number;
  countTokens?: TokenCounter;
  /** Delay before changes from `update` are written to the cache. */
  saveDelayMs?: number;
  /**
   * Told what no caller would see: a cache that cannot be written (the index still works, from memory, but the next
   * start parses again), and a watched change that failed to apply.
   */
  logger?: Pick<Logger, 'warn'>;
  /**
   * Whether a worker starts after each refresh to be ready for the next edit (default true). A one-shot command
   * (`auto-agent map`) edits nothing, and the worker cost its warm start ~70 ms and its memory.
   */
  warmUp?: boolean;
}

const warmUpSampleBytes = 16 * 1024;

export class WorkspaceIndexer implements CodebaseIndex {
  readonly table = new SymbolTable();
  readonly root: string;
  private readonly files: WorkspaceFiles;
  private readonly parser: TagParser;
  private readonly ownsParser: boolean;
  private readonly cache: IndexCache | undefined;
  private queue: Promise<unknown> = Promise.resolve();
  private initial: Promise<IndexStats> | undefined;
  private latest: Promise<IndexStats> | undefined;
  private isCacheLoaded = false;
  private saveTimer: ReturnType<typeof setTimeout> | undefined;
  private isDirty = false;
  private warming: Promise<void> = Promise.resolve();
  /** Whether the last cache write failed; the failure is reported once, not at every save after each change. */
  private hasSaveFailed = false;
  /** Files the goals name and names they mention: parsed first by a refresh that has much to parse (see prioritize). */
  private readonly order = new ParseOrder();
  /** While a refresh parses: how many files the workspace has; waiters for that moment (see whenParsingOrDone). */
  private parsing: { total: number } | undefined;
  private parsingWaiters: (() => void)[] = [];
  /** The tags on disk: their generation and the table's revision they hold (see SymbolTable.revision). */
  private saved: { generation: string; revision: number; maps: string } | undefined;

  constructor(private readonly options: WorkspaceIndexerOptions) {
    this.root = path.resolve(options.root);
    this.files = options.files ?? new NodeFiles();
    this.parser = options.parser ?? new WorkerTagParser();
    this.ownsParser = !options.parser;
    this.cache = options.cacheDir ? new IndexCache(options.cacheDir, this.root) : undefined;
  }

  refresh(): Promise<IndexStats> {
    const run = this.enqueue(() => this.runRefresh());
    this.initial ??= run;
    this.latest = run;
    return run;
  }

  update(changes: readonly FileChange[]): Promise<void> {
    return this.enqueue(() => this.applyChanges(changes));
  }

  async repoMap(options: RepoMapOptions): Promise<string> {
    await this.ready();
    const map = this.table.repoMap(options, this.options.countTokens);
    // Remembered beside the tags (see SymbolTable.repoMap): written with the next save, or at dispose.
    this.scheduleSave();
    return map;
  }

  async findSymbol(name: string): Promise<SymbolLocation[]> {
    await this.ready();
    return this.table.findSymbol(name);
  }

  async findReferences(name: string): Promise<ReferenceLocation[]> {
    await this.ready();
    return this.table.findReferences(name);
  }

  /**
   * What the next refresh parses first, when it has files to parse (a first index): the files a goal's text names,
   * and those named like an identifier it mentions (`setDefaultOptions` → `setDefaultOptions.ts`).
   */
  prioritize(goalText: string): void {
    this.order.prioritize(goalText);
  }

  /**
   * Resolves once the latest refresh is complete ('done'), or earlier, once it has files to parse ('parsing'): a
   * cold or much changed workspace, where waiting would take seconds. A warm start only reconciles: 'done'.
   */
  async whenParsingOrDone(): Promise<'parsing' | 'done'> {
    const latest = this.latest ?? this.refresh();
    if (this.parsing) return 'parsing';
    const parsing = new Promise<'parsing'>((resolve) => this.parsingWaiters.push(() => resolve('parsing')));
    return Promise.race([latest.then(() => 'done' as const, () => 'done' as const), parsing]);
  }

  /** Resolves when the latest refresh has ended, however it ended. */
  async whenRefreshed(): Promise<void> {
    await (this.latest ?? this.refresh()).catch(() => undefined);
  }

  /**
   * The map of what is indexed so far, without waiting for the index (it may lack files still being parsed), and
   * how many of the workspace's files it covers.
   */
  partialRepoMap(options: RepoMapOptions): { map: string; indexed: number; total: number } {
    const total = this.parsing?.total ?? this.table.size;
    return { map: this.table.repoMap(options, this.options.countTokens), indexed: Math.min(this.table.size, total), total };
  }

  /** Follows the host's file watcher, when it has one; changes are batched for a moment. */
  watch(): Disposable | undefined {
    if (!this.files.watch) return undefined;
    let batch: FileChange[] = [];
    let timer: ReturnType<typeof setTimeout> | undefined;
    const watcher = this.files.watch(this.root, (change) => {
      batch.push(change);
      timer ??= setTimeout(() => {
        const changes = batch;
        batch = [];
        timer = undefined;
        void this.update(changes).catch((err: Error) => this.options.logger?.warn(`Updating the code index failed: ${err.message}`));
      }, 100);
    });
    return { dispose: () => { if (timer) clearTimeout(timer); watcher.dispose(); } };
  }

  /** Resolves once the parser is ready for the next change (a worker started, the workspace's grammars loaded). */
  whenWarm(): Promise<void> {
    return this.warming;
  }

  /** Writes pending changes to the cache now. */
  flush(): Promise<void> {
    return this.enqueue(() => this.save());
  }

  async dispose(): Promise<void> {
    await this.flush().catch((err: Error) => this.reportSaveFailure(err));
    if (this.ownsParser) await this.parser.dispose();
  }

  /** One mid-sized parsed file per language is the warm-up sample (see TagParser.warmUp). */
  private startWarmUp(): void {
    if (this.options.warmUp === false) return;
    const samples = new Map<string, FileTags>();
    for (const tags of this.table.all()) {
      if (tags.skipped) continue;
      const best = samples.get(tags.language);
      if (!best || Math.abs(tags.size - warmUpSampleBytes) < Math.abs(best.size - warmUpSampleBytes)) samples.set(tags.language, tags);
    }
    if (!this.parser.warmUp || samples.size === 0) return;
    const requests = [...samples.values()].map((t) => ({ path: t.path, absPath: path.join(this.root, t.path), language: t.language, mtimeMs: t.mtimeMs, size: t.size }));
    this.warming = this.parser.warmUp(requests).catch(() => undefined);
  }

  /** Waits for the first index; after a failed one (unreadable root, dead workers) the next call tries again. */
  private async ready(): Promise<void> {
    const initial = this.initial ?? this.refresh();
    try {
      await initial;
    } catch (err) {
      if (this.initial === initial) this.initial = undefined;
      throw err;
    }
  }

  private enqueue<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(task, task);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async loadCache(): Promise<void> {
    if (this.isCacheLoaded) return;
    this.isCacheLoaded = true;
    const cached = await this.cache?.load();
    if (!cached) return;
    for (const tags of cached.tags) this.table.set(tags);
    this.table.restoreMaps(cached.maps);
    this.saved = { generation: cached.generation, revision: this.table.revision, maps: mapKeys(cached.maps) };
  }

  private async runRefresh(): Promise<IndexStats> {
    const started = performance.now();
    await this.loadCache();
    // Nothing known yet: a full parse is coming, so the workers can boot while the workspace is walked.
    if (this.table.size === 0) this.parser.prepare?.();
    this.progress({ phase: 'scanning', done: 0, total: 0 });
    const { files } = await walkFiles({ files: this.files, root: this.root });
    const current = await statIndexable(this.root, files.filter((f) => languageOf(f)));
    const seen = new Set(current.map((r) => r.path));
    let removed = 0;
    for (const known of this.table.paths()) if (!seen.has(known) && this.table.delete(known)) removed++;
    const stale = this.order.withPriorities(current.filter((r) => !isFresh(this.table.get(r.path), r)), current);
    this.parsing = { total: current.length };
    try {
      await this.parseInto(stale);
    } finally {
      this.parsing = undefined;
    }
    if (removed > 0 || stale.length > 0) this.isDirty = true;
    // Written right after this refresh answers, as the next queued operation: the index is usable in memory, and
    // writing a large tree's cache (tens of ms) is no reason to keep its callers waiting. dispose() still waits.
    this.saveInBackground();
    this.progress({ phase: 'done', done: current.length, total: current.length });
    this.startWarmUp();
    const skipped = this.table.all().filter((t) => t.skipped).length;
    return { files: current.length, parsed: stale.length, reused: current.length - stale.length, removed, skipped, durationMs: performance.now() - started };
  }

  private async applyChanges(changes: readonly FileChange[]): Promise<void> {
    await this.loadCache();
    if (changes.some((c) => path.basename(c.path) === '.gitignore')) {
      await this.runRefresh();
      return;
    }
    const toParse: ParseRequest[] = [];
    let hasRemoved = false;
    for (const change of dedupeChanges(changes)) {
      const rel = toRelative(this.root, change.path);
      if (rel === undefined) continue;
      const stat = change.kind === 'deleted' ? undefined : await this.files.stat(change.path);
      if (stat?.isFile && !languageOf(rel)) continue;
      if (!stat || (await isIgnoredPath({ files: this.files, root: this.root }, change.path))) {
        hasRemoved = this.removeUnder(rel) || hasRemoved;
        continue;
      }
      const candidates = stat.isDirectory ? (await walkFiles({ files: this.files, root: this.root, start: change.path })).files : [rel];
      const requests = await statIndexable(this.root, candidates.filter((f) => languageOf(f)));
      toParse.push(...requests.filter((r) => !isFresh(this.table.get(r.path), r)));
    }
    if (toParse.length === 0 && !hasRemoved) return;
    await this.parseInto(toParse);
    this.isDirty = true;
    this.scheduleSave();
  }

  /** Forgets a path and, when it was a folder, everything under it. */
  private removeUnder(rel: string): boolean {
    let hasRemoved = this.table.delete(rel);
    const prefix = `${rel}/`;
    for (const known of this.table.paths()) if (known.startsWith(prefix)) hasRemoved = this.table.delete(known) || hasRemoved;
    return hasRemoved;
  }

  private async parseInto(requests: readonly ParseRequest[]): Promise<void> {
    const maxBytes = this.options.maxFileBytes ?? defaultMaxFileBytes;
    const toParse: ParseRequest[] = [];
    for (const request of requests) {
      const skipped = sizeSkipReason(request.size, maxBytes);
      if (skipped) this.table.set({ ...emptyTags(request), skipped });
      else toParse.push(request);
    }
    if (toParse.length === 0) return;
    this.progress({ phase: 'parsing', done: 0, total: toParse.length });
    for (const wake of this.parsingWaiters.splice(0)) wake();
    // Each batch lands in the table as it comes, so that a partial map (see partialRepoMap) shows what is done.
    const parsed = await this.parser.parse(toParse, (done, batch) => {
      for (const tags of batch) this.table.set(tags);
      this.progress({ phase: 'parsing', done, total: toParse.length });
    });
    for (const tags of parsed) if (this.table.get(tags.path) !== tags) this.table.set(tags);
  }

  private scheduleSave(): void {
    if (!this.cache || this.saveTimer) return;
    this.saveTimer = setTimeout(() => {
      this.saveTimer = undefined;
      this.saveInBackground();
    }, this.options.saveDelayMs ?? 2000);
    this.saveTimer.unref?.();
  }

  /** A queued cache write that nobody awaits; its failure is reported, since no caller will see it. */
  private saveInBackground(): void {
    void this.flush().catch((err: Error) => this.reportSaveFailure(err));
  }

  private reportSaveFailure(err: Error): void {
    if (!this.hasSaveFailed) this.options.logger?.warn(`The code index cache could not be written (${err.message}); the index works from memory, and the next start parses the workspace again.`);
    this.hasSaveFailed = true;
  }

  private async save(): Promise<void> {
    if (this.saveTimer) clearTimeout(this.saveTimer);
    this.saveTimer = undefined;
    if (!this.cache) return;
    if (this.isDirty) {
      this.isDirty = false;
      const revision = this.table.revision;
      try {
        this.saved = { generation: await this.cache.save(this.table.all()), revision, maps: '' };
        this.hasSaveFailed = false;
      } catch (err) {
        // Kept dirty, so that the next save tries again (a full disk may have room by then).
        this.isDirty = true;
        throw err;
      }
    }
    await this.saveMaps(this.cache);
  }

  /** The maps rendered since the last save, when the tags on disk are still the ones they were rendered from. */
  private async saveMaps(cache: IndexCache): Promise<void> {
    const maps = this.table.memoizedMaps();
    const keys = mapKeys(maps);
    if (!this.saved || this.saved.revision !== this.table.revision || maps.length === 0 || keys === this.saved.maps) return;
    await cache.saveMaps(this.saved.generation, maps);
    this.saved.maps = keys;
  }

  private progress(progress: IndexProgress): void {
    this.options.onProgress?.(progress);
  }
}

function mapKeys(maps: readonly [string, string][]): string {
  return maps.map(([key]) => key).join('\n');
}

function isFresh(tags: FileTags | undefined, request: ParseRequest): boolean {
  return !!tags && tags.mtimeMs === request.mtimeMs && tags.size === request.size && tags.language === request.language;
}

function emptyTags(request: ParseRequest): FileTags {
  return { path: request.path, language: request.language, mtimeMs: request.mtimeMs, size: request.size, definitions: [], references: {} };
}

function toRelative(root: string, abs: string): string | undefined {
  const rel = path.relative(root, path.resolve(abs));
  if (!rel || rel.startsWith('..') || path.isAbsolute(rel)) return undefined;
  return rel.split(path.sep).join('/');
}

/** The last event per path wins (a file created then deleted in one batch is deleted). */
function dedupeChanges(changes: readonly FileChange[]): FileChange[] {
  const byPath = new Map<string, FileChange>();
  for (const change of changes) byPath.set(path.resolve(change.path), change);
  return [...byPath.values()];
}
