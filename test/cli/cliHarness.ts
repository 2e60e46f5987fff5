/**
 * Drives the built dist/cli.js as a child process for the CLI's end-to-end tests: to completion (`runCli`), or
 * live (`startCli`), optionally inside a pseudo-terminal (python3's pty module, see test/support/ptyRelay.py)
 * where what is tested needs a TTY: prompts, Ctrl-C, the follow-up prompt.
 */
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { startScriptedServer, type ScriptedServer } from '../support/scriptedServer';
import { makeTempDir } from '../support/testHost';

/** The CLI under test; AUTO_AGENT_TEST_CLI points at another build (to show a test failing on older code). */
export const cli = process.env.AUTO_AGENT_TEST_CLI ?? path.resolve(__dirname, '../../dist/cli.js');
const ptyRelay = path.resolve(__dirname, '../support/ptyRelay.py');

/** CLIs not yet exited: a test that fails or times out mid-way must not leave one running (see `stopLiveClis`). */
const liveChildren = new Set<ReturnType<typeof spawn>>();

function track(child: ReturnType<typeof spawn>): void {
  liveChildren.add(child);
  child.on('close', () => liveChildren.delete(child));
}

export interface CliResult { code: number | null; stdout: string; stderr: string }

/** A clean environment: no endpoint or key from the machine running the tests, no colour. */
function childEnv(env: Record<string, string> | undefined): NodeJS.ProcessEnv {
  return { ...process.env, OPENAI_API_KEY: '', OPENAI_BASE_URL: '', AUTO_AGENT_MODEL: '', ANTHROPIC_API_KEY: '', ANTHROPIC_BASE_URL: '', AUTO_AGENT_PROVIDER: '', NO_COLOR: '1', XDG_CONFIG_HOME: '/nonexistent-config', ...env };
}

export function runCli(args: string[], options: { env?: Record<string, string>; stdin?: string; cwd?: string } = {}): Promise<CliResult> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [cli, ...args], { env: childEnv(options.env), cwd: options.cwd });
    track(child);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => { stdout += d.toString(); });
    child.stderr.on('data', (d: Buffer) => { stderr += d.toString(); });
    child.stdin.end(options.stdin ?? '');
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** A CLI process the test talks to while it runs. In a pty, stdout and stderr arrive together as `output`. */
export interface LiveCli {
  /** Everything written so far (stdout, plus stderr when not in a pty). */
  output(): string;
  stdout(): string;
  stderr(): string;
  /** Resolves once the output matches (searching from `from`); rejects after `timeoutMs`. */
  waitFor(pattern: RegExp, timeoutMs?: number, from?: number): Promise<void>;
  /** Types into the terminal (pty) or writes to stdin. */
  type(text: string): void;
  closeStdin(): void;
  kill(signal: NodeJS.Signals): void;
  exited: Promise<number | null>;
}


/** Kills every CLI a test started and left running (call it in afterEach). */
export async function stopLiveClis(): Promise<void> {
  await Promise.all([...liveChildren].map((child) => new Promise<void>((resolve) => {
    child.once('close', () => resolve());
    child.kill('SIGKILL');
  })));
}

export function startCli(args: string[], options: { env?: Record<string, string>; cwd?: string; isPty?: boolean }): LiveCli {
  const env = childEnv(options.env);
  const child = options.isPty
    ? spawn('python3', [ptyRelay, process.execPath, cli, ...args], { env, cwd: options.cwd })
    : spawn(process.execPath, [cli, ...args], { env, cwd: options.cwd });
  track(child);
  let out = '';
  let err = '';
  const listeners = new Set<() => void>();
  const notify = (): void => listeners.forEach((l) => l());
  child.stdout.on('data', (d: Buffer) => { out += d.toString(); notify(); });
  child.stderr.on('data', (d: Buffer) => { err += d.toString(); notify(); });
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => { notify(); resolve(code); }));
  const all = (): string => (options.isPty ? out : `${out}${err}`);
  return {
    output: all, stdout: () => out, stderr: () => err, exited,
    waitFor: (pattern, timeoutMs = 30_000, from = 0) => new Promise((resolve, reject) => {
      const check = (): void => {
        if (!pattern.test(all().slice(from))) return;
        cleanup();
        resolve();
      };
      const timer = setTimeout(() => { cleanup(); reject(new Error(`Timed out waiting for ${pattern}; output so far:\n${all()}`)); }, timeoutMs);
      const cleanup = (): void => { clearTimeout(timer); listeners.delete(check); };
      listeners.add(check);
      check();
    }),
    type: (text) => child.stdin.write(text),
    closeStdin: () => child.stdin.end(),
    // In a pty the relay passes SIGTERM and SIGHUP on to the CLI.
    kill: (signal) => child.kill(signal),
  };
}

/** A tiny real project: a date helper with an off-by-one bug and node:test tests for it, in a git repository. */
export function makeProject(dir: string): void {
  mkdirSync(dir, { recursive: true });
  mkdirSync(path.join(dir, 'src'));
  mkdirSync(path.join(dir, 'test'));
  writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'dates', version: '1.0.0', scripts: { test: 'node --test test/' } }, null, 2));
  writeFileSync(path.join(dir, 'src/date.js'), 'function month(date) {\n  return date.getUTCMonth();\n}\n\nmodule.exports = { month };\n');
  writeFileSync(path.join(dir, 'test/date.test.js'), "const test = require('node:test');\nconst assert = require('node:assert');\nconst { month } = require('../src/date');\n\ntest('month is 1-based', () => {\n  assert.equal(month(new Date('2026-03-15T00:00:00Z')), 3);\n});\n");
  execFileSync('git', ['init', '-q'], { cwd: dir });
  execFileSync('git', ['add', '.'], { cwd: dir });
  execFileSync('git', ['-c', 'user.email=t@e.st', '-c', 'user.name=t', 'commit', '-qm', 'init'], { cwd: dir });
}

/** The one edit that fixes the project's bug. */
export const fixMonth = { name: 'edit_file', arguments: { path: 'src/date.js', edits: [{ search: '  return date.getUTCMonth();', replace: '  return date.getUTCMonth() + 1;' }] } };

/** The records of the only transcript in the cache. */
export function onlyTranscript(cache: string): { kind: string; event?: { type: string; [key: string]: unknown } }[] {
  const dir = path.join(cache, 'auto-agent', 'tasks');
  const files = readdirSync(dir);
  if (files.length !== 1) throw new Error(`expected one transcript, found ${files.length}`);
  return readFileSync(path.join(dir, files[0]), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { kind: string });
}

/** The JSON events of a --json run. */
export function jsonEvents(stdout: string): { type: string; [key: string]: unknown }[] {
  return stdout.trim().split('\n').filter(Boolean).map((line) => JSON.parse(line) as { type: string });
}

/** A temporary folder and how to remove it. */
export interface TempDir { dir: string; cleanup(): void }

/** What every CLI test starts from: a scripted model, a temp folder with the project in `repo`, and a cache. */
export interface CliFixture { server: ScriptedServer; tmp: TempDir; repo: string; cache: string }

/**
 * Registers the suite's hooks: the built CLI must exist; before each test a fresh scripted server and project;
 * after it, no CLI left running and everything removed. The returned object is refilled before each test.
 */
export function useCliFixture(): CliFixture {
  const fixture = {} as CliFixture;
  before(function () {
    if (!existsSync(cli)) throw new Error('dist/cli.js is missing: run `npm run build` first');
  });
  beforeEach(async () => {
    fixture.server = await startScriptedServer();
    fixture.tmp = makeTempDir();
    fixture.repo = path.join(fixture.tmp.dir, 'repo');
    fixture.cache = path.join(fixture.tmp.dir, 'cache');
    makeProject(fixture.repo);
  });
  afterEach(async () => {
    await stopLiveClis();
    await fixture.server.close();
    fixture.tmp.cleanup();
  });
  return fixture;
}
