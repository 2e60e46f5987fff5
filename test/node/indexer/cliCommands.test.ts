import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { runMapCommand } from '../../../src/cli/commands/map';
import { runSymbolsCommand } from '../../../src/cli/commands/symbols';
import { makeTempDir } from '../../support/testHost';

describe('auto-agent map / symbols (no model needed)', function () {
  this.timeout(60_000);
  let work: ReturnType<typeof makeTempDir>;
  let cache: ReturnType<typeof makeTempDir>;
  let out: string;
  let err: string;

  const io = () => ({ stdout: (s: string) => { out += s; }, stderr: (s: string) => { err += s; }, cwd: work.dir, env: { AUTO_AGENT_CACHE_DIR: cache.dir } });

  beforeEach(() => {
    work = makeTempDir();
    cache = makeTempDir();
    out = '';
    err = '';
    mkdirSync(path.join(work.dir, 'pkg'));
    writeFileSync(path.join(work.dir, 'pkg', 'db.py'), 'class Database:\n    def query(self, sql):\n        return run_sql(sql)\n\ndef run_sql(sql):\n    return sql\n');
    writeFileSync(path.join(work.dir, 'pkg', 'api.py'), 'from db import Database\n\ndef handler():\n    return Database().query("select 1")\n');
  });
  afterEach(() => { work.cleanup(); cache.cleanup(); });

  it('map prints the ranked map of a folder and caches the index', async () => {
    assert.equal(await runMapCommand([], io()), 0);
    assert.match(out, /pkg\/db\.py:\n│class Database:\n│    def query\(self, sql\):/);
    // The same folder `auto-agent run` reads (src/node/userCacheDir.ts: indexCacheDir).
    assert.equal(readdirSync(path.join(cache.dir, 'index')).filter((f) => f.startsWith('codebase-index-') && f.endsWith('.tags')).length, 1);
    out = '';
    assert.equal(await runMapCommand(['.', '--tokens', '30', '--focus', 'handler'], io()), 0);
    assert.match(out, /^pkg\/api\.py:\n⋮\n│def handler\(\):/);
  });

  it('symbols prints definition sites, and exits 1 when there are none', async () => {
    assert.equal(await runSymbolsCommand([work.dir, 'Database.query'], io()), 0);
    assert.equal(out, 'pkg/db.py:2-3 method query\n    def query(self, sql):\n');
    out = '';
    assert.equal(await runSymbolsCommand(['.', 'nothing_here'], io()), 1);
    assert.match(err, /No definition of nothing_here/);
  });

  it('refuses bad arguments with usage and exit code 2', async () => {
    assert.equal(await runMapCommand(['--tokens', 'many'], io()), 2);
    assert.match(err, /--tokens needs a positive whole number[\s\S]*Usage: auto-agent map/);
    assert.equal(await runMapCommand(['no-such-dir'], io()), 2);
    err = '';
    assert.equal(await runMapCommand(['.', '--focus', 'noSuchThing'], io()), 2, 'a focus on nothing is an error, not the unfocused map');
    assert.equal(out, '');
    assert.match(err, /--focus noSuchThing: no indexed file or definition of that name/);
    assert.equal(await runSymbolsCommand([], io()), 2);
    assert.equal(await runSymbolsCommand(['a', 'b', 'c'], io()), 2);
    assert.match(err, /Usage: auto-agent symbols NAME \[DIR\]/);
  });

  it('works from a bundle: the worker and the grammars are found beside it (dist layout)', () => {
    const bundleDir = path.join(work.dir, 'dist');
    const entry = path.join(work.dir, 'entry.ts');
    writeFileSync(entry, `import { runMapCommand } from ${JSON.stringify(path.resolve(__dirname, '../../../src/cli/commands/map'))};
void runMapCommand(process.argv.slice(2), { stdout: (s) => process.stdout.write(s), stderr: (s) => process.stderr.write(s), cwd: process.cwd(), env: process.env }).then((code) => process.exit(code));\n`);
    const script = `
      const esbuild = require('esbuild');
      const common = { bundle: true, logLevel: 'error', legalComments: 'none' };
      const extra = require('./build/extraTargets.js');
      Promise.all([...extra(common, ${JSON.stringify(bundleDir)}), { ...common, entryPoints: [${JSON.stringify(entry)}], outfile: ${JSON.stringify(path.join(bundleDir, 'cli.js'))}, platform: 'node', format: 'cjs', target: 'node20', plugins: [extra.webTreeSitterCjs] }].map((o) => esbuild.build(o)));`;
    execFileSync(process.execPath, ['-e', script], { cwd: path.resolve(__dirname, '../../..') });
    assert.ok(readdirSync(path.join(bundleDir, 'grammars')).includes('tree-sitter-python.wasm'));
    const output = execFileSync(process.execPath, [path.join(bundleDir, 'cli.js'), path.join(work.dir, 'pkg')], { env: { ...process.env, AUTO_AGENT_CACHE_DIR: cache.dir }, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    assert.match(output, /db\.py:\n│class Database:/);
  });
});
