// The OS sandbox with the real bubblewrap (installed by .ci/run): what a sandboxed command cannot do, what it
// still can, and that output, timeouts, Stop and tree kills behave as unsandboxed.
import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import type { ProcessOptions } from '../../../src/core/host';
import { defaultProtectedGlobs } from '../../../src/core/policy/protectedFiles';
import type { SandboxSpec } from '../../../src/core/policy/sandboxStatus';
import { NodeShell } from '../../../src/node/nodeShell';
import { CommandSandbox } from '../../../src/node/sandbox/commandSandbox';
import { makeTempDir } from '../../support/testHost';

/** A fake home outside /tmp (the sandbox's /tmp is private anyway), so hiding is shown to be specific. */
function makeFakeHome(): { dir: string; cleanup(): void } {
  const dir = realpathSync(mkdtempSync('/var/tmp/auto-agent-home-'));
  mkdirSync(path.join(dir, '.ssh'));
  writeFileSync(path.join(dir, '.ssh', 'id_rsa'), 'PRIVATE-KEY-MATERIAL');
  writeFileSync(path.join(dir, '.netrc'), 'machine example.com password NETRC-SECRET');
  writeFileSync(path.join(dir, 'notes.txt'), 'ordinary file');
  writeFileSync(path.join(dir, '.bashrc'), '# original');
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Process lines (pid and arguments) whose arguments contain `marker`. */
function processesWith(marker: string): string[] {
  return execFileSync('ps', ['-eo', 'pid=,args='], { encoding: 'utf8' }).split('\n').filter((l) => l.includes(marker) && !l.includes('ps -eo'));
}

async function eventually(condition: () => boolean, limitMs = 5000): Promise<boolean> {
  const deadline = Date.now() + limitMs;
  while (Date.now() < deadline) {
    if (condition()) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return condition();
}

describe('sandbox: commands under bubblewrap', function () {
  this.timeout(60_000);
  const ws = makeTempDir('auto-agent-sandbox-ws-');
  const home = makeFakeHome();
  const shell = new NodeShell('/bin/bash', new CommandSandbox({ mode: 'on', homeDir: home.dir }));
  const spec: SandboxSpec = { writableRoots: [ws.dir], protectedGlobs: defaultProtectedGlobs, allowedHosts: [] };
  const options = (extra: Partial<ProcessOptions> = {}): ProcessOptions => ({ cwd: ws.dir, timeoutMs: 20_000, maxOutputBytes: 64 * 1024, sandbox: spec, ...extra });
  after(() => {
    ws.cleanup();
    home.cleanup();
  });

  before(async function () {
    const status = await shell.sandboxStatus();
    assert.equal(status.isActive, true, `bubblewrap must work on this machine (.ci/run installs it): ${status.reason}`);
    mkdirSync(path.join(ws.dir, '.git', 'hooks'), { recursive: true });
    writeFileSync(path.join(ws.dir, '.git', 'config'), '[core]\n');
    mkdirSync(path.join(ws.dir, '.github'));
    writeFileSync(path.join(ws.dir, 'package.json'), '{}');
  });

  it('writes inside the workspace', async () => {
    const result = await shell.run('echo hi > made.txt && cat made.txt', options());
    assert.equal(result.exitCode, 0, result.output);
    assert.equal(readFileSync(path.join(ws.dir, 'made.txt'), 'utf8'), 'hi\n');
  });

  it('cannot write outside the workspace: the home folder and the system are read-only', async () => {
    const result = await shell.run(`echo evil >> ${home.dir}/.bashrc; touch /etc/auto-agent-sandbox-test; echo done`, options());
    assert.match(result.output, /Read-only file system/);
    assert.equal(readFileSync(path.join(home.dir, '.bashrc'), 'utf8'), '# original');
    assert.equal(existsSync('/etc/auto-agent-sandbox-test'), false);
  });

  it('cannot write a protected path inside the workspace, existing or new (.git/config, a new .git/hooks/x, package.json, a new .github/workflows/ci.yml)', async () => {
    const result = await shell.run('echo x >> .git/config; echo x > .git/hooks/pre-commit; echo x > package.json; mkdir -p .github/workflows && echo x > .github/workflows/ci.yml; echo done', options());
    assert.match(result.output, /Read-only file system/);
    assert.equal(readFileSync(path.join(ws.dir, '.git', 'config'), 'utf8'), '[core]\n');
    assert.equal(existsSync(path.join(ws.dir, '.git', 'hooks', 'pre-commit')), false);
    assert.equal(readFileSync(path.join(ws.dir, 'package.json'), 'utf8'), '{}');
    assert.equal(existsSync(path.join(ws.dir, '.github', 'workflows')), false);
  });

  it("cannot read the fake home's ~/.ssh or ~/.netrc, while its other files stay readable", async () => {
    const result = await shell.run(`cat ${home.dir}/.ssh/id_rsa; cat ${home.dir}/.netrc; ls -a ${home.dir}/.ssh; cat ${home.dir}/notes.txt`, options());
    assert.doesNotMatch(result.output, /PRIVATE-KEY-MATERIAL|NETRC-SECRET/);
    assert.match(result.output, /ordinary file/);
  });

  it("cannot read the parent's /proc/<pid>/environ: /proc shows only the sandbox's own processes", async () => {
    process.env.AUTO_AGENT_SANDBOX_MARKER = 'parent-environment-marker';
    try {
      const result = await shell.run(`cat /proc/${process.pid}/environ; ls /proc | grep -E '^[0-9]+$' | wc -l`, options({ env: { AUTO_AGENT_SANDBOX_MARKER: undefined } }));
      assert.doesNotMatch(result.output, /parent-environment-marker/);
      const visible = Number(result.output.trim().split('\n').pop());
      assert.ok(visible > 0 && visible < 10, `the sandbox sees ${visible} processes`);
    } finally {
      delete process.env.AUTO_AGENT_SANDBOX_MARKER;
    }
  });

  it('runs npm test of a small real project', async () => {
    const project = path.join(ws.dir, 'project');
    mkdirSync(path.join(project, 'test'), { recursive: true });
    writeFileSync(path.join(project, 'package.json'), JSON.stringify({ name: 'p', version: '1.0.0', scripts: { test: 'node --test test/' } }));
    writeFileSync(path.join(project, 'sum.js'), 'module.exports = (a, b) => a + b;\n');
    writeFileSync(path.join(project, 'test', 'sum.test.js'), "const test = require('node:test');\nconst assert = require('node:assert');\ntest('adds', () => assert.equal(require('../sum')(2, 3), 5));\n");
    const result = await shell.run('npm test', options({ cwd: project, env: { CI: 'true' } }));
    assert.equal(result.exitCode, 0, result.output);
    assert.match(result.output, /# pass 1/);
  });

  it('has a private /tmp', async () => {
    writeFileSync('/tmp/auto-agent-sandbox-host-file', 'host');
    try {
      const result = await shell.run('cat /tmp/auto-agent-sandbox-host-file; echo inside > /tmp/x && cat /tmp/x', options());
      assert.doesNotMatch(result.output, /^host/m);
      assert.match(result.output, /inside/);
    } finally {
      rmSync('/tmp/auto-agent-sandbox-host-file', { force: true });
    }
  });

  it('streams output live, as unsandboxed', async () => {
    const chunks: { text: string; at: number }[] = [];
    const started = Date.now();
    const result = await shell.run('echo first; sleep 1; echo second', options({ onOutput: (text) => chunks.push({ text, at: Date.now() - started }) }));
    assert.equal(result.exitCode, 0);
    const first = chunks.find((c) => c.text.includes('first'));
    assert.ok(first && first.at < (Date.now() - started) - 500, `first chunk at ${first?.at} ms, run took ${Date.now() - started} ms`);
  });

  it('on timeout the command and every process it started inside the sandbox are killed', async () => {
    const marker = '3017.25';
    const result = await shell.run(`sleep ${marker} & sleep ${marker}`, options({ timeoutMs: 500 }));
    assert.equal(result.isTimedOut, true);
    assert.ok(await eventually(() => processesWith(marker).length === 0), processesWith(marker).join('\n'));
  });

  it('on Stop the command and its children are killed', async () => {
    const marker = '3018.25';
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 500);
    const result = await shell.run(`(sleep ${marker} &) ; sleep ${marker}`, options({ signal: controller.signal }));
    assert.equal(result.isCancelled, true);
    assert.ok(await eventually(() => processesWith(marker).length === 0), processesWith(marker).join('\n'));
  });
});
