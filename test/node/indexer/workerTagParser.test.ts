import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { WorkerTagParser } from '../../../src/node/indexer/workerTagParser';
import type { ParseRequest } from '../../../src/core/codebase/types';
import { makeTempDir } from '../../support/testHost';

describe('WorkerTagParser (worker pool)', function () {
  this.timeout(60_000);
  let work: ReturnType<typeof makeTempDir>;
  beforeEach(() => { work = makeTempDir(); });
  afterEach(() => work.cleanup());

  function request(name: string, text: string): ParseRequest {
    const absPath = path.join(work.dir, name);
    writeFileSync(absPath, text);
    return { path: name, absPath, language: 'typescript', mtimeMs: 1, size: text.length };
  }

  it('loses only the file that kills a worker, and keeps parsing with a fresh one', async () => {
    const pool = new WorkerTagParser({ threads: 1, resourceLimits: { maxOldGenerationSizeMb: 16 } });
    try {
      const small = request('small.ts', 'export function ok() { return 1 }\n');
      const killer = request('killer.ts', Array.from({ length: 40_000 }, (_, i) => `call${i}(a${i}, b${i});`).join('\n'));
      const after = request('after.ts', 'export class StillParsed {}\n');
      const tags = await pool.parse([small, killer, after]);
      assert.deepEqual(tags.map((t) => [t.path, t.definitions.map((d) => d.name).join(), /^parser failed/.test(t.skipped ?? '')]), [
        ['small.ts', 'ok', false], ['killer.ts', '', true], ['after.ts', 'StillParsed', false],
      ]);
    } finally {
      await pool.dispose();
    }
  });

  it('keeps the process alive while a batch is in flight, and lets it exit when idle', () => {
    const file = request('a.ts', 'export function alive() {}\n');
    const script = path.join(work.dir, 'run.ts');
    writeFileSync(script, `import { WorkerTagParser } from ${JSON.stringify(path.resolve(__dirname, '../../../src/node/indexer/workerTagParser'))};
const pool = new WorkerTagParser({ threads: 1 });
void pool.parse([${JSON.stringify(file)}]).then((tags) => console.log(tags[0].definitions[0].name));\n`);
    const output = execFileSync(process.execPath, ['--import', 'tsx', script], { encoding: 'utf8', timeout: 30_000, cwd: path.resolve(__dirname, '../../..') });
    assert.equal(output.trim(), 'alive');
  });

  it('lets dispose finish (and the process go on) while a warm-up is still running', () => {
    const file = request('a.ts', 'export function alive() {}\n');
    const script = path.join(work.dir, 'dispose.ts');
    writeFileSync(script, `import { WorkerTagParser } from ${JSON.stringify(path.resolve(__dirname, '../../../src/node/indexer/workerTagParser'))};
const pool = new WorkerTagParser({ threads: 1 });
void (async () => {
  await pool.parse([${JSON.stringify(file)}]);
  const warming = pool.warmUp([${JSON.stringify(file)}]).catch(() => 'stopped');
  await pool.dispose();
  console.log('disposed', await warming);
})();\n`);
    const output = execFileSync(process.execPath, ['--import', 'tsx', script], { encoding: 'utf8', timeout: 30_000, cwd: path.resolve(__dirname, '../../..') });
    assert.equal(output.trim(), 'disposed stopped');
  });
});
