/** `--price IN,OUT` and the warning for a model without a known price, through dist/cli.js. */
import { strict as assert } from 'node:assert';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { makeTempDir } from '../support/testHost';
import { startScriptedServer, type ScriptedServer } from '../support/scriptedServer';
import { cli, runCli } from './cliHarness';

interface Event { type: string; message?: string; isCostUnknown?: boolean; total?: { costUsd: number } }

describe('auto-agent run --price and unknown prices (dist/cli.js)', function () {
  this.timeout(60_000);
  let server: ScriptedServer;
  let tmp: { dir: string; cleanup(): void };
  let repo: string;
  const run = (extra: string[]) => runCli(['run', '--base-url', server.url, '--model', 'my-local-model', '--workspace', repo, '--goal', 'Say done', '--yes', '--json', ...extra], { env: { XDG_CACHE_HOME: path.join(tmp.dir, 'cache') } });
  const eventsOf = (stdout: string): Event[] => stdout.trim().split('\n').map((line) => JSON.parse(line) as Event);
  const finishStep = { toolCalls: [{ name: 'finish', arguments: { summary: 'done' } }], usage: { prompt_tokens: 1_000_000, completion_tokens: 1_000_000 } };

  before(function () {
    if (!existsSync(cli)) throw new Error('dist/cli.js is missing: run `npm run build` first');
  });
  beforeEach(async () => {
    server = await startScriptedServer();
    tmp = makeTempDir();
    repo = path.join(tmp.dir, 'repo');
    mkdirSync(repo);
    writeFileSync(path.join(repo, 'README.md'), 'hello\n');
  });
  afterEach(async () => {
    await server.close();
    tmp.cleanup();
  });

  it('without a price says that cost cannot be measured and marks the meter unknown', async () => {
    server.enqueue(finishStep);
    const result = await run([]);
    const events = eventsOf(result.stdout);
    const warning = events.find((e) => e.type === 'costUnmeasurable');
    assert.match(warning?.message ?? '', /Cost cannot be measured for model my-local-model.*--max-cost is not enforced.*--price IN,OUT/);
    assert.ok(events.filter((e) => e.type === 'usageUpdated').every((e) => e.isCostUnknown));
  });

  it('--price 2,8 prices the model per million tokens: no warning, $10 for 1M in + 1M out', async () => {
    server.enqueue(finishStep);
    const events = eventsOf((await run(['--price', '2,8'])).stdout);
    assert.equal(events.filter((e) => e.type === 'costUnmeasurable').length, 0);
    assert.equal(events.filter((e) => e.type === 'usageUpdated').pop()?.total?.costUsd, 10);
  });

  it('a malformed --price is a usage error', async () => {
    const result = await run(['--price', '2']);
    assert.equal(result.code, 2);
    assert.match(result.stderr, /--price needs IN,OUT/);
  });
});
