/** `--image FILE` and the model-table flags (`--vision`, `--context-window`), through dist/cli.js. */
import { strict as assert } from 'node:assert';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { makeTempDir } from '../support/testHost';
import { startScriptedServer, type ScriptedServer } from '../support/scriptedServer';
import { cli, runCli } from './cliHarness';

const png = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';

describe('auto-agent run --image, --vision and --context-window (dist/cli.js)', function () {
  this.timeout(60_000);
  let server: ScriptedServer;
  let tmp: { dir: string; cleanup(): void };
  let repo: string;
  const run = (extra: string[]) => runCli(['run', '--base-url', server.url, '--workspace', repo, '--goal', 'Match the mockup', ...extra, '--yes', '--json'], { env: { XDG_CACHE_HOME: path.join(tmp.dir, 'cache') } });
  const finishStep = { toolCalls: [{ name: 'finish', arguments: { summary: 'done' } }] };

  before(function () {
    if (!existsSync(cli)) throw new Error('dist/cli.js is missing: run `npm run build` first');
  });
  beforeEach(async () => {
    server = await startScriptedServer();
    tmp = makeTempDir();
    repo = path.join(tmp.dir, 'repo');
    mkdirSync(repo);
    writeFileSync(path.join(repo, 'mockup.png'), Buffer.from(png, 'base64'));
    writeFileSync(path.join(repo, 'notes.txt'), 'not an image\n');
  });
  afterEach(async () => {
    await server.close();
    tmp.cleanup();
  });

  it('sends the goal\'s image to a vision model as a data URL', async () => {
    server.enqueue(finishStep);
    const result = await run(['--image', path.join(repo, 'mockup.png'), '--model', 'gpt-4o']);
    assert.match(result.stdout, /"type":"taskFinished","reason":"completed"/, result.stderr);
    assert.ok(JSON.stringify(server.requests[0].body.messages).includes(`data:image/png;base64,${png}`));
  });

  it('--vision no: the model gets a note, not the bytes; --context-window sets the window the meter shows', async () => {
    server.enqueue(finishStep);
    const result = await run(['--image', path.join(repo, 'mockup.png'), '--model', 'gpt-4o', '--vision', 'no', '--context-window', '50000']);
    assert.match(result.stdout, /"type":"taskFinished","reason":"completed"/, result.stderr);
    const sent = JSON.stringify(server.requests[0].body.messages);
    assert.ok(!sent.includes(png.slice(0, 40)));
    assert.match(sent, /cannot be shown: the model gpt-4o does not take images/);
    const usage = result.stdout.trim().split('\n').map((l) => JSON.parse(l) as { type: string; contextWindow?: number }).find((e) => e.type === 'usageUpdated');
    assert.equal(usage?.contextWindow, 50_000);
  });

  it('refuses a file that is not an image, and an --image before any --goal', async () => {
    const notImage = await run(['--image', path.join(repo, 'notes.txt'), '--model', 'gpt-4o']);
    assert.equal(notImage.code, 2);
    assert.match(notImage.stdout + notImage.stderr, /is not a PNG, JPEG, GIF or WebP image/);
    const early = await runCli(['run', '--image', 'mockup.png', '--goal', 'x', '--base-url', server.url, '--json'], { env: { XDG_CACHE_HOME: path.join(tmp.dir, 'cache') } });
    assert.equal(early.code, 2);
    assert.match(early.stdout + early.stderr, /--image must follow the --goal/);
  });
});
