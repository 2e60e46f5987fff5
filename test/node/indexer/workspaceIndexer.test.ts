import * as assert from 'node:assert/strict';
import { mkdirSync, renameSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { WorkspaceIndexer } from '../../../src/node/indexer/workspaceIndexer';
import { WorkerTagParser } from '../../../src/node/indexer/workerTagParser';
import type { FileTags, IndexProgress, ParseRequest, TagParser } from '../../../src/core/codebase/types';
import { makeTempDir } from '../../support/testHost';

/** The real worker pool, recording which files it was asked to parse. */
class CountingParser implements TagParser {
  readonly parsed: string[] = [];
  constructor(private readonly inner: TagParser) {}
  async parse(requests: readonly ParseRequest[], onParsed?: (done: number, batch: readonly FileTags[]) => void): Promise<FileTags[]> {
    this.parsed.push(...requests.map((r) => r.path));
    return this.inner.parse(requests, onParsed);
  }
  async dispose(): Promise<void> {}
}

describe('WorkspaceIndexer (worker threads, persisted cache, change events)', function () {
  this.timeout(60_000);
  let work: ReturnType<typeof makeTempDir>;
  let cache: ReturnType<typeof makeTempDir>;
  let pool: WorkerTagParser;
  const open: WorkspaceIndexer[] = [];
  let root: string;
  let tick = 1_700_000_000;

  function write(rel: string, text: string): void {
    const file = path.join(root, rel);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, text);
    tick += 10;
    utimesSync(file, tick, tick);
  }

  function indexer(progress?: IndexProgress[]): { index: WorkspaceIndexer; parser: CountingParser } {
    const parser = new CountingParser(pool);
    const index = new WorkspaceIndexer({ root, cacheDir: cache.dir, parser, maxFileBytes: 4000, saveDelayMs: 10, onProgress: (p) => progress?.push(p) });
    open.push(index);
    return { index, parser };
  }

  before(() => { pool = new WorkerTagParser({ threads: 2 }); });
  after(async () => { await pool.dispose(); });

  beforeEach(() => {
    work = makeTempDir();
    cache = makeTempDir();
    root = work.dir;
    write('.gitignore', 'dist/\n*.log.ts\n');
    write('src/config.ts', 'export function loadConfig(): Config { return parseConfig("x"); }\nexport interface Config { name: string }\n');
    write('src/parse.ts', 'export function parseConfig(text: string): Config { return { name: text }; }\n');
    write('src/main.py', 'from config import load\n\ndef main():\n    return load()\n');
    write('src/broken.ts', 'export function (((( class {{{ => \nexport function stillFound() {}\n');
    write('src/huge.ts', `export const big = [${'1,'.repeat(3000)}];\n`);
    write('src/blob.ts', 'abc\u0000def');
    write('dist/out.ts', 'export function shouldBeIgnored() {}\n');
    write('src/debug.log.ts', 'export function alsoIgnored() {}\n');
  });

  afterEach(async () => {
    for (const index of open.splice(0)) await index.dispose();
    work.cleanup();
    cache.cleanup();
  });

  it('indexes in worker threads, honours .gitignore, and survives broken, huge and binary files', async () => {
    const progress: IndexProgress[] = [];
    const { index, parser } = indexer(progress);
    const stats = await index.refresh();
    assert.equal(stats.files, 6);
    assert.deepEqual([...parser.parsed].sort(), ['src/blob.ts', 'src/broken.ts', 'src/config.ts', 'src/main.py', 'src/parse.ts']);
    assert.deepEqual((await index.findSymbol('parseConfig')).map((s) => `${s.path}:${s.line}`), ['src/parse.ts:1']);
    assert.deepEqual(await index.findReferences('parseConfig'), [{ path: 'src/config.ts', line: 1 }]);
    assert.deepEqual(await index.findSymbol('shouldBeIgnored'), []);
    assert.deepEqual(await index.findSymbol('alsoIgnored'), []);
    assert.equal((await index.findSymbol('main'))[0]?.path, 'src/main.py');
    assert.equal((await index.findSymbol('stillFound')).length, 1);
    assert.match(index.table.get('src/huge.ts')?.skipped ?? '', /huge/);
    assert.equal(index.table.get('src/blob.ts')?.skipped, 'binary');
    assert.ok(progress.some((p) => p.phase === 'parsing' && p.done === p.total && p.total === 5));
    assert.equal(progress.at(-1)?.phase, 'done');
    const map = await index.repoMap({ tokens: 200 });
    assert.match(map, /src\/parse\.ts:\n│export function parseConfig/);
  });

  it('survives a restart and picks up files changed, deleted and renamed while it was not running', async () => {
    const first = indexer();
    await first.index.refresh();
    await first.index.dispose();

    const warm = indexer();
    const warmStats = await warm.index.refresh();
    assert.deepEqual(warm.parser.parsed, [], 'nothing changed: everything comes from the cache');
    assert.equal(warmStats.reused, 6);
    assert.equal((await warm.index.findSymbol('loadConfig')).length, 1);
    assert.deepEqual(await warm.index.findReferences('parseConfig'), [{ path: 'src/config.ts', line: 1 }], 'references come back from the packed cache');
    assert.match(await warm.index.repoMap({ tokens: 200 }), /src\/parse\.ts:\n│export function parseConfig/);
    await warm.index.dispose();

    write('src/parse.ts', 'export function parseConfigStrict(text: string): Config { return { name: text }; }\n');
    rmSync(path.join(root, 'src/config.ts'));
    renameSync(path.join(root, 'src/main.py'), path.join(root, 'src/entry.py'));
    const later = indexer();
    const stats = await later.index.refresh();
    assert.deepEqual([...later.parser.parsed].sort(), ['src/entry.py', 'src/parse.ts']);
    assert.equal(stats.removed, 2);
    assert.deepEqual(await later.index.findSymbol('parseConfig'), []);
    assert.equal((await later.index.findSymbol('parseConfigStrict')).length, 1);
    assert.deepEqual(await later.index.findSymbol('loadConfig'), []);
    assert.deepEqual((await later.index.findSymbol('main')).map((s) => s.path), ['src/entry.py']);
  });

  it('follows change events (changed, deleted, renamed, ignored) and persists them', async () => {
    const { index, parser } = indexer();
    await index.refresh();
    parser.parsed.length = 0;

    write('src/parse.ts', 'export function parseYaml(text: string) { return text; }\n');
    await index.update([{ kind: 'changed', path: path.join(root, 'src/parse.ts') }]);
    assert.deepEqual(parser.parsed, ['src/parse.ts']);
    assert.equal((await index.findSymbol('parseYaml')).length, 1);

    renameSync(path.join(root, 'src/parse.ts'), path.join(root, 'src/yaml.ts'));
    await index.update([{ kind: 'deleted', path: path.join(root, 'src/parse.ts') }, { kind: 'created', path: path.join(root, 'src/yaml.ts') }]);
    assert.deepEqual((await index.findSymbol('parseYaml')).map((s) => s.path), ['src/yaml.ts']);

    rmSync(path.join(root, 'src/config.ts'));
    await index.update([{ kind: 'deleted', path: path.join(root, 'src/config.ts') }]);
    assert.deepEqual(await index.findSymbol('loadConfig'), []);

    write('dist/new.ts', 'export function builtOutput() {}\n');
    await index.update([{ kind: 'created', path: path.join(root, 'dist/new.ts') }]);
    assert.deepEqual(await index.findSymbol('builtOutput'), []);

    parser.parsed.length = 0;
    await index.update([{ kind: 'changed', path: path.join(root, 'src/yaml.ts') }]);
    assert.deepEqual(parser.parsed, [], 'an event for an unchanged file parses nothing');
    await index.flush();

    const restarted = indexer();
    await restarted.index.refresh();
    assert.deepEqual(restarted.parser.parsed, [], 'the cache already holds the changes');
    assert.deepEqual((await restarted.index.findSymbol('parseYaml')).map((s) => s.path), ['src/yaml.ts']);
    assert.deepEqual(await restarted.index.findSymbol('loadConfig'), []);
  });

  it('removes everything under a deleted folder and indexes a folder that appears', async () => {
    const { index } = indexer();
    await index.refresh();
    renameSync(path.join(root, 'src'), path.join(root, 'lib'));
    await index.update([{ kind: 'deleted', path: path.join(root, 'src') }, { kind: 'created', path: path.join(root, 'lib') }]);
    assert.deepEqual((await index.findSymbol('parseConfig')).map((s) => s.path), ['lib/parse.ts']);
    assert.ok(index.table.paths().every((p) => !p.startsWith('src/')));
  });

  it('tries the first index again after it failed', async () => {
    let calls = 0;
    const flaky: TagParser = {
      parse: async (requests, onParsed) => {
        if (calls++ === 0) throw new Error('workers unavailable');
        return pool.parse(requests, onParsed);
      },
      dispose: async () => undefined,
    };
    const index = new WorkspaceIndexer({ root, parser: flaky });
    open.push(index);
    await assert.rejects(index.findSymbol('loadConfig'), /workers unavailable/);
    assert.equal((await index.findSymbol('loadConfig')).length, 1);
  });

  it('answers from memory when its cache cannot be written, says so once, writes it once it can, and writes it after answering', async () => {
    // A file where the cache folder should be: every write fails.
    const blocked = path.join(cache.dir, 'not-a-folder');
    writeFileSync(blocked, '');
    const warnings: string[] = [];
    const unwritable = new WorkspaceIndexer({ root, cacheDir: blocked, parser: pool, saveDelayMs: 10, logger: { warn: (m) => warnings.push(m) } });
    open.push(unwritable);
    assert.equal((await unwritable.refresh()).parsed, 6);
    assert.equal((await unwritable.findSymbol('loadConfig')).length, 1);
    await unwritable.update([]);
    assert.equal(warnings.length, 1, 'the failed write is reported');
    assert.match(warnings[0], /cache could not be written \(EEXIST.*works from memory/);
    write('src/parse.ts', 'export function parseConfig(text: string) { return text; }\n');
    await unwritable.update([{ kind: 'changed', path: path.join(root, 'src/parse.ts') }]);
    await new Promise((resolve) => setTimeout(resolve, 50));
    await unwritable.update([]);
    assert.equal(warnings.length, 1, 'a write that fails again is not reported again');
    // Once the folder can be written, the next write succeeds: the failed one left the cache marked unsaved.
    rmSync(blocked);
    await unwritable.flush();
    const afterFix = new WorkspaceIndexer({ root, cacheDir: blocked, parser: pool });
    open.push(afterFix);
    assert.equal((await afterFix.refresh()).reused, 6);

    const { index } = indexer();
    await index.refresh();
    // No flush: an operation queued after the refresh runs once the refresh's own cache write is done.
    await index.update([]);
    const restarted = indexer();
    assert.equal((await restarted.index.refresh()).reused, 6, 'the cache was written after the refresh answered');
  });

  it('starts its own worker pool from source when none is given', async () => {
    const index = new WorkspaceIndexer({ root });
    open.push(index);
    assert.equal((await index.findSymbol('loadConfig')).length, 1);
  });
});
