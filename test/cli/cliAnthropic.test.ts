/**
 * The CLI end to end through `--provider anthropic`: dist/cli.js as a child process, on a real temporary git
 * repository, against the scripted Anthropic server; the recorded requests show the cache breakpoints.
 */
import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { makeTempDir } from '../support/testHost';
import { startAnthropicServer, type AnthropicServer } from '../support/anthropicServer';
import { cli, runCli } from './cliHarness';

type Block = { type: string; cache_control?: unknown };

function makeProject(dir: string): void {
  writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'calc', version: '1.0.0', scripts: { test: 'node test.js' } }));
  writeFileSync(path.join(dir, 'calc.js'), 'exports.double = (n) => n + n + 1;\n');
  writeFileSync(path.join(dir, 'test.js'), "const assert = require('node:assert');\nassert.equal(require('./calc').double(4), 8);\nconsole.log('ok');\n");
  execFileSync('git', ['init', '-q'], { cwd: dir });
  execFileSync('git', ['add', '.'], { cwd: dir });
  execFileSync('git', ['-c', 'user.email=t@e.st', '-c', 'user.name=t', 'commit', '-qm', 'init'], { cwd: dir });
}

const fixScript = [
  { toolCalls: [{ name: 'read_file', arguments: { path: 'calc.js' } }, { name: 'read_file', arguments: { path: 'test.js' } }] },
  { text: 'double adds one too many.', toolCalls: [{ name: 'edit_file', arguments: { path: 'calc.js', edits: [{ search: 'n + n + 1', replace: 'n + n' }] } }] },
  { toolCalls: [{ name: 'run_tests', arguments: {} }] },
  { toolCalls: [{ name: 'finish', arguments: { summary: 'double() no longer adds one; the test passes.' } }] },
];

describe('auto-agent run --provider anthropic (dist/cli.js against the scripted Anthropic server)', function () {
  this.timeout(60_000);
  let server: AnthropicServer;
  let tmp: { dir: string; cleanup(): void };
  let repo: string;

  before(function () {
    if (!existsSync(cli)) throw new Error('dist/cli.js is missing: run `npm run build` first');
  });
  beforeEach(async () => {
    server = await startAnthropicServer();
    tmp = makeTempDir();
    repo = path.join(tmp.dir, 'repo');
    mkdirSync(repo);
    makeProject(repo);
  });
  afterEach(async () => {
    await server.close();
    tmp.cleanup();
  });

  it('edits a file, runs its tests and finishes verified, with cache breakpoints in every request', async () => {
    server.enqueue(...fixScript);
    const result = await runCli(['run', '--provider', 'anthropic', '--base-url', server.url, '--workspace', repo, '--goal', 'Make the test pass', '--yes', '--json'], {
      env: { ANTHROPIC_API_KEY: 'sk-ant-cli-test-0123456789', XDG_CACHE_HOME: path.join(tmp.dir, 'cache') },
    });
    assert.equal(result.code, 0, `exit code; stderr:\n${result.stderr}`);
    assert.match(readFileSync(path.join(repo, 'calc.js'), 'utf8'), /n \+ n;/);
    const events = result.stdout.trim().split('\n').map((line) => JSON.parse(line) as { type: string; reason?: string; isVerified?: boolean; total?: { cachedTokens: number; promptTokens: number } });
    const last = events[events.length - 1];
    assert.deepEqual([last.type, last.reason, last.isVerified], ['taskFinished', 'completed', true]);
    assert.equal(server.requests.length, 4);
    for (const request of server.requests) {
      assert.equal(request.body.model, 'claude-sonnet-4-5', 'the default Anthropic model');
      assert.equal(request.headers.authorization, 'Bearer sk-ant-cli-test-0123456789');
      const tools = request.body.tools as unknown as Block[];
      const system = request.body.system as unknown as Block[];
      assert.ok(tools[tools.length - 1].cache_control, 'the tools end with a breakpoint');
      assert.ok(system[system.length - 1].cache_control, 'the system prompt ends with a breakpoint');
      const messages = request.body.messages as unknown as { role: string; content: Block[] }[];
      const lastUser = messages.filter((m) => m.role === 'user').pop();
      // The breakpoint sits on the turn's last lasting block: the per-step reflection note after it changes every step.
      const marked = (lastUser?.content ?? []).filter((block) => block.cache_control);
      assert.equal(marked.length, 1, 'the newest user turn carries a breakpoint');
      assert.doesNotMatch(JSON.stringify(marked[0]), /Reflect: /, 'never on the reflection note');
    }
    const usage = events.filter((e) => e.type === 'usageUpdated').pop()?.total;
    assert.ok(usage && usage.cachedTokens > 0, 'later steps read the cache');
  });

  it('without ANTHROPIC_API_KEY the server says 401 and the CLI names the variable, exit 2', async () => {
    server.enqueue({ fail: { status: 401, message: 'invalid x-api-key' } });
    const result = await runCli(['run', '--provider', 'anthropic', '--base-url', server.url, '--workspace', repo, '--goal', 'Anything', '--yes'], { env: { XDG_CACHE_HOME: path.join(tmp.dir, 'cache') } });
    assert.equal(result.code, 2, result.stderr);
    assert.match(result.stdout + result.stderr, /ANTHROPIC_API_KEY/);
  });

  it('AUTO_AGENT_PROVIDER=anthropic selects the provider too; an unknown value is refused', async () => {
    server.enqueue(...fixScript);
    const env = { ANTHROPIC_API_KEY: 'k', XDG_CACHE_HOME: path.join(tmp.dir, 'cache') };
    const result = await runCli(['run', '--base-url', server.url, '--workspace', repo, '--goal', 'Make the test pass', '--yes', '--json'], { env: { ...env, AUTO_AGENT_PROVIDER: 'anthropic' } });
    assert.equal(result.code, 0, result.stderr);
    assert.equal(server.requests[0].path, '/v1/messages');
    const refused = await runCli(['run', '--workspace', repo, '--goal', 'x'], { env: { ...env, AUTO_AGENT_PROVIDER: 'gemini' } });
    assert.equal(refused.code, 2);
    assert.match(refused.stderr, /AUTO_AGENT_PROVIDER takes openai or anthropic/);
  });
});
