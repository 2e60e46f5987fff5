/**
 * Usage and configuration errors, the small commands, and the config files, through the built CLI as a child
 * process: most need no model. Run `npm run build` first (npm test does).
 */
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { makeTempDir } from '../support/testHost';
import { startScriptedServer, type ScriptedServer } from '../support/scriptedServer';
import { cli, jsonEvents, makeProject, runCli, stopLiveClis } from './cliHarness';

describe('auto-agent: usage errors, small commands and config files', function () {
  this.timeout(60_000);
  let tmp: { dir: string; cleanup(): void };
  let repo: string;
  let cache: string;

  before(function () {
    if (!existsSync(cli)) throw new Error('dist/cli.js is missing: run `npm run build` first');
  });
  beforeEach(() => {
    tmp = makeTempDir();
    repo = path.join(tmp.dir, 'repo');
    cache = path.join(tmp.dir, 'cache');
    makeProject(repo);
  });
  afterEach(async () => {
    await stopLiveClis();
    tmp.cleanup();
  });

  it('refuses fractional, negative and zero budgets with its own words, exit 2', async () => {
    const env = { OPENAI_BASE_URL: 'http://127.0.0.1:9/v1' };
    const fractional = await runCli(['run', '-g', 'x', '--max-steps', '1.5'], { cwd: repo, env });
    assert.deepEqual([fractional.code, /--max-steps needs a whole number, got "1.5"/.test(fractional.stderr)], [2, true], fractional.stderr);
    const negative = await runCli(['run', '-g', 'x', '--max-steps', '-3'], { cwd: repo, env });
    assert.equal(negative.code, 2);
    assert.match(negative.stderr, /--max-steps needs a positive number, got "-3"/);
    assert.doesNotMatch(negative.stderr, /ambiguous/);
    const zero = await runCli(['run', '-g', 'x', '--max-time', '0'], { cwd: repo, env });
    assert.deepEqual([zero.code, /--max-time needs at least one second/.test(zero.stderr)], [2, true], zero.stderr);
  });

  it('with --json, prints a configuration error as a JSON errorOccurred line', async () => {
    const result = await runCli(['run', '-g', 'x', '--json'], { cwd: repo, env: { XDG_CACHE_HOME: cache } });
    assert.equal(result.code, 2);
    const [event] = jsonEvents(result.stdout);
    assert.equal(event.type, 'errorOccurred');
    assert.equal(event.code, 'config');
    assert.match(event.message as string, /No model endpoint is configured/);
    const usage = await runCli(['run', '-g', 'x', '--json', '--max-steps', 'lots'], { cwd: repo });
    assert.equal(jsonEvents(usage.stdout)[0].code, 'usage');
  });

  it('refuses the file-system root as a workspace at once', async () => {
    const started = Date.now();
    const result = await runCli(['run', '-w', '/', '-g', 'x', '--base-url', 'http://127.0.0.1:9/v1', '-m', 'm'], { env: { XDG_CACHE_HOME: cache } });
    assert.equal(result.code, 2);
    assert.match(result.stderr, /The workspace \/ is the root of the file system/);
    assert.ok(Date.now() - started < 20_000, 'no indexing of the whole disk');
  });

  it('names the endpoint\'s URL when it cannot be reached, without offering --model', async () => {
    const result = await runCli(['run', '-g', 'x', '--base-url', 'http://127.0.0.1:9/v1'], { cwd: repo, env: { XDG_CACHE_HOME: cache } });
    assert.equal(result.code, 2);
    assert.match(result.stderr, /Could not reach the model endpoint http:\/\/127\.0\.0\.1:9\/v1/);
    assert.doesNotMatch(result.stderr, /Pass --model/);
  });

  it('has --help for every command; symbols defaults to the current folder like map', async () => {
    for (const command of ['run', 'map', 'symbols', 'checkpoints', 'models', 'tasks']) {
      const help = await runCli([command, '--help']);
      assert.equal(help.code, 0, `${command} --help: ${help.stderr}`);
      assert.match(help.stdout, /usage/i);
    }
    const symbols = await runCli(['symbols', 'month'], { cwd: repo, env: { XDG_CACHE_HOME: cache } });
    assert.equal(symbols.code, 0, symbols.stderr);
    assert.match(symbols.stdout, /src\/date\.js:1-3 function month/);
    const oldOrder = await runCli(['symbols', repo, 'month'], { env: { XDG_CACHE_HOME: cache } });
    assert.match(oldOrder.stdout, /src\/date\.js:1-3 function month/);
  });

  it('ends quietly when the reader of its output goes away (symbols … | head -1)', () => {
    for (let i = 0; i < 300; i++) writeFileSync(path.join(repo, 'src', `m${i}.js`), `function month() {\n  return ${i};\n}\n`);
    const result = spawnSync('bash', ['-c', `"${process.execPath}" "${cli}" symbols month | head -1; echo "exit=\${PIPESTATUS[0]}" >&2`], { cwd: repo, env: { ...process.env, XDG_CACHE_HOME: cache }, encoding: 'utf8' });
    assert.match(result.stdout, /function month/);
    assert.doesNotMatch(result.stderr, /EPIPE|Error/, result.stderr);
    assert.match(result.stderr, /exit=0/);
  });

  it('lists the endpoint\'s models from the user\'s config file; a workspace file cannot set the endpoint', async () => {
    const server: ScriptedServer = await startScriptedServer();
    try {
      const configHome = path.join(tmp.dir, 'config');
      mkdirSync(path.join(configHome, 'auto-agent'), { recursive: true });
      writeFileSync(path.join(configHome, 'auto-agent', 'config.json'), JSON.stringify({ 'base-url': server.url, model: 'test-model-large' }));
      const models = await runCli(['models'], { cwd: tmp.dir, env: { XDG_CONFIG_HOME: configHome } });
      assert.equal(models.code, 0, models.stderr);
      assert.equal(models.stdout, '  test-model\n* test-model-large\n');

      mkdirSync(path.join(repo, '.auto-agent'));
      const workspaceConfig = path.join(repo, '.auto-agent', 'config.json');
      writeFileSync(workspaceConfig, JSON.stringify({ 'base-url': server.url }));
      const fromWorkspace = await runCli(['run', '-g', 'x'], { cwd: repo, env: { XDG_CACHE_HOME: cache } });
      assert.equal(fromWorkspace.code, 2);
      assert.match(fromWorkspace.stderr, /"base-url" can only be set in your own config file/);
      assert.match(fromWorkspace.stderr, /No model endpoint is configured/, 'the workspace\'s endpoint is not used');
      writeFileSync(workspaceConfig, JSON.stringify({ 'max-steps': 'lots' }));
      const badValue = await runCli(['run', '-g', 'x'], { cwd: repo, env: { XDG_CACHE_HOME: cache, XDG_CONFIG_HOME: configHome } });
      assert.match(badValue.stderr, /--max-steps needs a positive number, got "lots"/, 'the workspace\'s other settings apply, checked like flags');
    } finally {
      await server.close();
    }
  });
});
