/**
 * SECURITY-CASES.md, "Repository-controlled git config runs code", end to end through the CLI (a real child
 * process, the scripted model): in a folder that is not a git repository, with `--approve read,edit`, the model
 * plants a bare repository whose config names an fsmonitor program (create_file calls) and calls git_status. The
 * program never runs (its marker file stays absent), and no child the CLI starts (git, ripgrep) has the API key
 * in its environment: wrappers of git and rg on PATH record each child's environment.
 */
import { strict as assert } from 'node:assert';
import { spawn, execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { AgentEvent } from '../../src/protocol/events';
import { makeTempDir } from '../support/testHost';
import { startScriptedServer, type ScriptedServer } from '../support/scriptedServer';
import { put } from './securityContext';

const fakeKey = 'sk-proj-GITPLANTFAKEKEY0123456789abcdef';

function runCli(args: string[], env: Record<string, string>): Promise<{ status: number | null; stdout: string; stderr: string }> {
  const cli = path.join(__dirname, '../../src/cli/main.ts');
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', cli, ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => { stdout += d.toString(); });
    child.stderr.on('data', (d: Buffer) => { stderr += d.toString(); });
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('close', (status) => { clearTimeout(timer); resolve({ status, stdout, stderr }); });
  });
}

/** A `program` on PATH that records its environment in `dumps/` and runs the real one. */
function recordingWrapper(bin: string, dumps: string, program: string): void {
  const real = execFileSync('sh', ['-c', `command -v ${program}`], { encoding: 'utf8' }).trim();
  chmodSync(put(bin, program, `#!/bin/sh\nenv > "${dumps}/${program}-$$"\nexec "${real}" "$@"\n`), 0o755);
}

const plantedConfig = (marker: string): string => `[core]\n\trepositoryformatversion = 0\n\tbare = false\n\tworktree = .\n\tfsmonitor = "touch ${marker}; false"\n\tpager = "touch ${marker}.pager; cat"\n`;

describe('security: a planted bare repository, end to end through the CLI', function () {
  this.timeout(90_000);
  let server: ScriptedServer;
  let tmp: ReturnType<typeof makeTempDir>;
  let work: string;
  let dumps: string;
  let marker: string;
  let env: Record<string, string>;
  beforeEach(async () => {
    server = await startScriptedServer();
    tmp = makeTempDir();
    work = path.join(tmp.dir, 'work');
    dumps = path.join(tmp.dir, 'dumps');
    marker = path.join(tmp.dir, 'fsmonitor-ran');
    mkdirSync(work);
    mkdirSync(dumps);
    put(work, 'README.md', 'needle\n');
    const bin = path.join(tmp.dir, 'bin');
    recordingWrapper(bin, dumps, 'git');
    recordingWrapper(bin, dumps, 'rg');
    env = { OPENAI_API_KEY: fakeKey, XDG_CACHE_HOME: path.join(tmp.dir, 'cache'), PATH: `${bin}${path.delimiter}${process.env.PATH}`, NO_COLOR: '1' };
  });
  afterEach(async () => { await server.close(); tmp.cleanup(); });

  function assertNoChildHadTheKey(): void {
    const files = readdirSync(dumps);
    assert.ok(files.some((f) => f.startsWith('git-')), 'git ran');
    assert.ok(files.some((f) => f.startsWith('rg-')), 'ripgrep ran');
    for (const file of files) assert.ok(!readFileSync(path.join(dumps, file), 'utf8').includes(fakeKey), `the API key reached ${file}`);
  }

  it('Git: planted bare repository (CLI) — the model plants HEAD, objects/, refs/ and an fsmonitor config, then git_status: nothing runs, the key is in no child', async () => {
    server.enqueue(
      { toolCalls: [{ name: 'create_file', arguments: { path: 'HEAD', content: 'ref: refs/heads/main\n' } }] },
      { toolCalls: [{ name: 'create_file', arguments: { path: 'objects/info/packs', content: '\n' } }] },
      { toolCalls: [{ name: 'create_file', arguments: { path: 'refs/heads/.keep', content: '' } }] },
      { toolCalls: [{ name: 'create_file', arguments: { path: 'config', content: plantedConfig(marker) } }] },
      { toolCalls: [{ name: 'git_status', arguments: {} }] },
      { toolCalls: [{ name: 'search_text', arguments: { pattern: 'needle' } }] },
      { text: 'Done.' },
    );
    const result = await runCli(['run', '-w', work, '-g', 'Look at git', '--base-url', server.url, '-m', 'test-model', '--approve', 'read,edit', '--json'], env);
    assert.notEqual(result.status, null, `the CLI did not finish: ${result.stderr}`);
    const events = result.stdout.split('\n').filter(Boolean).map((l) => JSON.parse(l) as AgentEvent);
    assert.equal(existsSync(marker), false, 'the planted fsmonitor ran');
    const asked = events.filter((e) => e.type === 'approvalRequested');
    assert.ok(asked.some((e) => e.type === 'approvalRequested' && /config/.test(e.title + e.reasons.join(' '))), 'writing config beside HEAD asked');
    assert.equal(existsSync(path.join(work, 'config')), false, 'the refused config was not written');
    const status = events.find((e) => e.type === 'toolCallCompleted' && e.name === 'git_status');
    assert.ok(status, `git_status ran: ${result.stderr}`);
    assert.match(JSON.stringify(status), /bare (git )?repository/);
    assert.equal(existsSync(marker), false, 'the planted fsmonitor ran');
    assert.equal(existsSync(`${marker}.pager`), false, 'the planted pager ran');
    assertNoChildHadTheKey();
  });

  it('Git: planted bare repository (CLI) — a bare repository already on disk (unpacked with the project), then git_status: nothing runs, the key is in no child', async () => {
    put(work, 'HEAD', 'ref: refs/heads/main\n');
    put(work, 'objects/info/packs', '\n');
    put(work, 'refs/heads/.keep', '');
    put(work, 'config', plantedConfig(marker));
    server.enqueue(
      { toolCalls: [{ name: 'git_status', arguments: {} }] },
      { toolCalls: [{ name: 'git_log', arguments: {} }] },
      { toolCalls: [{ name: 'search_text', arguments: { pattern: 'needle' } }] },
      { text: 'Done.' },
    );
    const result = await runCli(['run', '-w', work, '-g', 'Look at git', '--base-url', server.url, '-m', 'test-model', '--approve', 'read,edit', '--json'], env);
    assert.notEqual(result.status, null, `the CLI did not finish: ${result.stderr}`);
    assert.equal(existsSync(marker), false, 'the planted fsmonitor ran');
    assert.equal(existsSync(`${marker}.pager`), false, 'the planted pager ran');
    assert.match(result.stdout, /safe\.bareRepository/);
    assertNoChildHadTheKey();
  });
});
