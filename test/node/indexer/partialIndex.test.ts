/**
 * A first index that has files to parse: it parses what the goals name first, and a partial map of what is parsed
 * so far is there while the rest is still being parsed (the agent starts with it instead of waiting).
 */
import * as assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import type { FileTags, ParseRequest, TagParser } from '../../../src/core/codebase/types';
import { WorkerTagParser } from '../../../src/node/indexer/workerTagParser';
import { WorkspaceIndexer } from '../../../src/node/indexer/workspaceIndexer';
import { makeTempDir } from '../../support/testHost';

/** Parses the first batch (the first `firstBatch` requests in priority order) at once, the rest once released. */
class GatedParser implements TagParser {
  readonly requests: ParseRequest[] = [];
  release!: () => void;
  private readonly gate = new Promise<void>((resolve) => { this.release = resolve; });
  constructor(private readonly inner: TagParser, private readonly firstBatch: number) {}
  async parse(requests: readonly ParseRequest[], onParsed?: (done: number, batch: readonly FileTags[]) => void): Promise<FileTags[]> {
    this.requests.push(...requests);
    const ordered = [...requests].sort((a, b) => (b.priority ?? 0) - (a.priority ?? 0));
    const first = await this.inner.parse(ordered.slice(0, this.firstBatch));
    onParsed?.(first.length, first);
    await this.gate;
    const rest = await this.inner.parse(ordered.slice(this.firstBatch));
    onParsed?.(ordered.length, rest);
    return [...first, ...rest];
  }
  async dispose(): Promise<void> {}
}

describe('WorkspaceIndexer: a first index does not keep the agent waiting', function () {
  this.timeout(60_000);
  let work: ReturnType<typeof makeTempDir>;
  let pool: WorkerTagParser;
  before(() => { pool = new WorkerTagParser({ threads: 1 }); });
  after(async () => { await pool.dispose(); });

  beforeEach(() => {
    work = makeTempDir();
    const write = (rel: string, text: string): void => {
      mkdirSync(path.dirname(path.join(work.dir, rel)), { recursive: true });
      writeFileSync(path.join(work.dir, rel), text);
    };
    for (let i = 0; i < 30; i++) write(`src/big/module${i}.ts`, `export function moduleHelper${i}(): number {\n  return ${i};\n}\n${'// padding\n'.repeat(200 - i)}`);
    write('src/options/setDefaultOptions.ts', 'export function setDefaultOptions(weekStartsOn: number): void {}\n');
    write('src/named/deep/target.ts', 'export function namedTarget(): void {}\n');
    write('test/big.test.ts', `export function bigTestHelper(): void {}\n${'// padding\n'.repeat(400)}`);
  });
  afterEach(() => work.cleanup());

  it('parses the files a goal names (by path or by a mentioned identifier) first, and tests last', async () => {
    const parser = new GatedParser(pool, 100);
    const index = new WorkspaceIndexer({ root: work.dir, parser, warmUp: false });
    index.prioritize('Make setDefaultOptions change weekStartsOn, see src/named/deep/target.ts');
    parser.release();
    await index.refresh();
    const priority = new Map(parser.requests.map((r) => [r.path, r.priority ?? 0]));
    assert.equal(priority.get('src/options/setDefaultOptions.ts'), 2);
    assert.equal(priority.get('src/named/deep/target.ts'), 2);
    assert.equal(priority.get('src/big/module3.ts'), 1);
    assert.equal(priority.get('test/big.test.ts'), 0);
    await index.dispose();
  });

  it('the worker pool parses higher priorities first, whatever their size', async () => {
    const order: string[] = [];
    const requests: ParseRequest[] = ['a.ts', 'b.ts', 'c.ts'].map((name, i) => {
      const abs = path.join(work.dir, name);
      writeFileSync(abs, `export const value${i} = 1;\n${'// x\n'.repeat(i === 2 ? 1 : 20_000)}`);
      return { path: name, absPath: abs, language: 'typescript', mtimeMs: 1, size: i === 2 ? 30 : 100_000, priority: i === 2 ? 2 : 0 };
    });
    await pool.parse(requests, (_, batch) => order.push(...batch.map((t) => t.path)));
    assert.equal(order[0], 'c.ts', 'the small urgent file before the large ones');
  });

  it('while parsing, a partial map shows what is parsed so far and how much of the workspace that is', async () => {
    const parser = new GatedParser(pool, 2);
    const index = new WorkspaceIndexer({ root: work.dir, parser, warmUp: false });
    index.prioritize('Fix setDefaultOptions and src/named/deep/target.ts');
    void index.refresh();
    assert.equal(await index.whenParsingOrDone(), 'parsing');
    // The first batch (the two named files) is in before the rest is released.
    await new Promise((resolve) => setTimeout(resolve, 0));
    while (index.table.size < 2) await new Promise((resolve) => setTimeout(resolve, 10));
    const partial = index.partialRepoMap({ tokens: 1000 });
    assert.equal(partial.total, 33);
    assert.equal(partial.indexed, 2);
    assert.match(partial.map, /setDefaultOptions/);
    assert.doesNotMatch(partial.map, /moduleHelper/);
    parser.release();
    await index.whenRefreshed();
    assert.match(await index.repoMap({ tokens: 1000 }), /moduleHelper/);
    assert.equal(await index.whenParsingOrDone(), 'done', 'a refreshed index has nothing to parse');
    await index.dispose();
  });
});
