/**
 * SECURITY-CASES.md, "Secrets in child processes": every kind of child the agent starts (a shell command, a test
 * run, git for the git tools and the shadow checkpoints, a git hook during an approved commit, ripgrep) gets an
 * environment without the API keys, the variables the user marks secret, variables holding the configured key
 * under another name, and names shaped like secrets; the user's allow-list passes one through. Each child dumps
 * its environment to a file, and the files are grepped.
 */
import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { chmodSync, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { runTestsTool } from '../../src/core/tools/runTests';
import { configureChildEnvironment, scrubEnvironment, spawnChild } from '../../src/node/childProcess';
import { NodeGit } from '../../src/node/nodeGit';
import { NodeShell } from '../../src/node/nodeShell';
import { RipgrepSearch } from '../../src/node/textSearch';
import { ShadowGitCheckpoints } from '../../src/node/checkpoints/shadowGitCheckpoints';
import { makeTempDir } from '../support/testHost';
import { put, secureContext } from './securityContext';

const configuredKey = 'sk-configured-KEY-0123456789abcdef';
const planted: Record<string, string> = {
  OPENAI_API_KEY: 'sk-openai-SECRET-0001', ANTHROPIC_API_KEY: 'sk-ant-SECRET-0002', MY_SERVICE_API_KEY: 'svc-SECRET-0003',
  DEPLOY_TOKEN: 'tok-SECRET-0004', DB_PASSWORD: 'pw-SECRET-0005', SIGNING_SECRET: 'sig-SECRET-0006', AWS_SECRET_ACCESS_KEY: 'aws-SECRET-0007',
  GITHUB_TOKEN: 'ghp_SECRET00000000000008', GCP_CREDENTIALS: 'gcp-SECRET-0009', MARKED_BY_USER: 'plain-SECRET-0010', LLM_KEY_ALIAS: configuredKey,
};
const allowed = { NPM_TOKEN: 'npm-ALLOWED-0001' };
const ordinary = { AUTO_AGENT_ORDINARY: 'plain-value-0001' };

const which = (program: string): string => execFileSync('sh', ['-c', `command -v ${program}`], { encoding: 'utf8' }).trim();

/** A wrapper for `program` that appends its environment to `dumps/<name>-<pid>` and then runs the real one. */
function envDumpingWrapper(dir: string, dumps: string, program: string): string {
  const wrapper = put(dir, program, `#!/bin/sh\nenv > "${dumps}/${program}-$$"\nexec "${which(program)}" "$@"\n`);
  chmodSync(wrapper, 0o755);
  return wrapper;
}

describe('security: Secrets in child processes', function () {
  this.timeout(30_000);
  let tmp: ReturnType<typeof makeTempDir>;
  let repo: string;
  let dumps: string;
  let saved: NodeJS.ProcessEnv;
  beforeEach(() => {
    tmp = makeTempDir();
    repo = path.join(tmp.dir, 'repo');
    dumps = path.join(tmp.dir, 'dumps');
    put(dumps, '.keep', '');
    execFileSync('git', ['init', '-q', '-b', 'main', repo]);
    execFileSync('git', ['-C', repo, 'config', 'user.name', 'T']);
    execFileSync('git', ['-C', repo, 'config', 'user.email', 't@example.com']);
    saved = { ...process.env };
    const bin = path.join(tmp.dir, 'bin');
    envDumpingWrapper(bin, dumps, 'git');
    Object.assign(process.env, planted, allowed, ordinary, { PATH: `${bin}${path.delimiter}${process.env.PATH}` });
    configureChildEnvironment({ allow: Object.keys(allowed), secretNames: ['MARKED_BY_USER'], secretValues: () => [configuredKey] });
  });
  afterEach(() => {
    configureChildEnvironment({});
    for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
    Object.assign(process.env, saved);
    tmp.cleanup();
  });

  function leaksIn(dumpFiles: string[]): string[] {
    const leaks: string[] = [];
    for (const file of dumpFiles) {
      const text = readFileSync(path.join(dumps, file), 'utf8');
      for (const [name, value] of Object.entries(planted)) if (text.includes(value)) leaks.push(`${name} reached ${file.replace(/-\d+$/, '')}`);
      for (const [name, value] of Object.entries({ ...allowed, ...ordinary })) if (!text.includes(`${name}=${value}`)) leaks.push(`${name} (not secret) is missing in ${file}`);
    }
    return leaks;
  }

  it('Secrets: child processes — commands, test runs, git (tools, checkpoints, a hook of the approved commit) and ripgrep see no secret', async () => {
    const hook = put(repo, '.git/hooks/pre-commit', `#!/bin/sh\nenv > "${dumps}/hook-pre-commit"\n`);
    chmodSync(hook, 0o755);
    put(repo, 'a.txt', 'needle\n');
    await new NodeShell().run(`env > "${dumps}/command"`, { cwd: repo, timeoutMs: 10_000, maxOutputBytes: 10_000 });
    const { ctx } = await secureContext({ root: repo, settings: { testCommand: `env > "${dumps}/test-run"` } });
    await runTestsTool.run({}, ctx);
    const git = new NodeGit();
    await git.status(repo);
    await git.commit(repo, 'add a', ['a.txt']);
    const checkpoints = new ShadowGitCheckpoints({ workspace: repo, storageDir: path.join(tmp.dir, 'store'), homeDir: path.join(tmp.dir, 'home') });
    await checkpoints.ensureBaseline('t1');
    const rg = envDumpingWrapper(path.join(tmp.dir, 'rgbin'), dumps, 'rg');
    const found = await new RipgrepSearch(rg).search({ root: repo, pattern: 'needle', isRegex: false, isCaseSensitive: true, contextLines: 0, maxMatches: 5 });
    assert.equal(found.matches.length, 1);
    const files = readdirSync(dumps).filter((f) => f !== '.keep');
    const kinds = new Set(files.map((f) => f.replace(/-\d+$/, '')));
    assert.deepEqual([...kinds].sort(), ['command', 'git', 'hook-pre-commit', 'rg', 'test-run']);
    assert.ok(files.filter((f) => f.startsWith('git-')).length >= 5, 'the git tools and the checkpoints ran git');
    assert.deepEqual(leaksIn(files), []);
  });

  it('Secrets: child processes — a variable configured for one child (an MCP server\'s token) reaches it, the agent\'s key never', async () => {
    const child = spawnChild({ file: 'sh', args: ['-c', 'env'], cwd: tmp.dir, env: process.env, explicitEnv: { GITHUB_PERSONAL_ACCESS_TOKEN: 'ghp-CONFIGURED-0001', OPENAI_API_KEY: 'x-0000000000', ALIAS: configuredKey } });
    let out = '';
    child.stdout.on('data', (d: Buffer) => { out += d.toString(); });
    await new Promise((resolve) => child.on('close', resolve));
    assert.match(out, /GITHUB_PERSONAL_ACCESS_TOKEN=ghp-CONFIGURED-0001/);
    assert.ok(!/OPENAI_API_KEY|ALIAS=|DEPLOY_TOKEN/.test(out), out);
  });

  it('Secrets: child processes — the API keys go even when allow-listed; look-alikes go unless allow-listed; ordinary variables stay', () => {
    const env = scrubEnvironment({ OPENAI_API_KEY: 'a', ANTHROPIC_API_KEY: 'b', X_TOKEN: 'c', HOME: '/h', PATH: '/bin', TERM: 'xterm', SSH_AUTH_SOCK: '/s', TOKENIZERS_PARALLELISM: 'false' },
      { allow: ['OPENAI_API_KEY', 'X_TOKEN'], secretNames: [], secretValues: () => [] });
    assert.deepEqual(Object.keys(env).sort(), ['HOME', 'PATH', 'SSH_AUTH_SOCK', 'TERM', 'TOKENIZERS_PARALLELISM', 'X_TOKEN']);
  });
});
