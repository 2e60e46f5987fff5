/** `--condense-model`: the CLI gives condensing its own model, whose summary reaches later requests (dist/cli.js). */
import { strict as assert } from 'node:assert';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { makeTempDir } from '../support/testHost';
import { startScriptedServer, type ScriptedServer } from '../support/scriptedServer';
import { cli, runCli } from './cliHarness';

describe('auto-agent run --condense-model (dist/cli.js)', function () {
  this.timeout(60_000);
  let server: ScriptedServer;
  let tmp: { dir: string; cleanup(): void };
  let repo: string;

  before(function () {
    if (!existsSync(cli)) throw new Error('dist/cli.js is missing: run `npm run build` first');
  });
  beforeEach(async () => {
    server = await startScriptedServer();
    tmp = makeTempDir();
    repo = path.join(tmp.dir, 'repo');
    mkdirSync(repo);
    for (const name of ['a', 'b', 'c', 'd', 'e']) writeFileSync(path.join(repo, `${name}.txt`), `${name} filler line\n`.repeat(1200));
  });
  afterEach(async () => {
    await server.close();
    tmp.cleanup();
  });

  it('asks the condensing model (by name) to summarise, and the task goes on with its summary beside the facts', async () => {
    const files = ['a.txt', 'b.txt', 'c.txt', 'd.txt', 'e.txt'];
    let step = 0;
    server.setFallback((request) => {
      if (request.body.model === 'small-summariser') return { text: 'Summary: a.txt and b.txt hold only filler.' };
      const file = files[step++];
      return file ? { toolCalls: [{ name: 'read_file', arguments: { path: file } }] } : { toolCalls: [{ name: 'finish', arguments: { summary: 'done' } }] };
    });
    const result = await runCli(['run', '--base-url', server.url, '--model', 'main-model', '--condense-model', 'small-summariser', '--context-window', '20000',
      '--workspace', repo, '--goal', 'Read the files', '--yes', '--json'], { env: { XDG_CACHE_HOME: path.join(tmp.dir, 'cache') } });
    const events = result.stdout.trim().split('\n').map((l) => JSON.parse(l) as { type: string; summarizedBy?: string; reason?: string });
    assert.equal(events.find((e) => e.type === 'taskFinished')?.reason, 'completed', result.stderr);
    assert.equal(events.find((e) => e.type === 'contextCondensed')?.summarizedBy, 'small-summariser');
    const summariser = server.requests.filter((r) => r.body.model === 'small-summariser');
    assert.ok(summariser.length >= 1);
    assert.equal((summariser[0].body as { tools?: unknown[] }).tools, undefined, 'the condensing model is offered no tools');
    const later = server.requests.filter((r) => r.body.model === 'main-model').map((r) => JSON.stringify(r.body.messages));
    assert.ok(later.some((text) => text.includes('a.txt and b.txt hold only filler') && text.includes('Summary of earlier work')));
  });
});
