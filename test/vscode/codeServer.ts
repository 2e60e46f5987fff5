/**
 * code-server for the tests: install VSIXs into a fresh profile, start it in its own process group (it leaves
 * children: file watcher, agent host...), open the workbench in Debian Chromium, and kill the whole group.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

export const repoRoot = path.resolve(__dirname, '..', '..');
const toolsDir = path.join(repoRoot, '.vscode-test');
const nodeBin = path.join(toolsDir, 'node24', 'node_modules', '.bin');
const codeServerBin = path.join(toolsDir, 'code-server', 'node_modules', '.bin', 'code-server');
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Every code-server started and not yet stopped, so a failing run can kill them all before it exits. */
const running = new Set<RunningCodeServer>();

/**
 * Why Chromium cannot be launched, or undefined when it can: checked before anything is started, so a machine
 * without it fails in a second with what to install, instead of hanging with code-server left running.
 */
export function chromiumProblem(): string | undefined {
  try {
    fs.accessSync(chromiumPath, fs.constants.X_OK);
    return undefined;
  } catch {
    return `Chromium was not found at ${chromiumPath}${process.env.CHROMIUM_PATH ? ' (CHROMIUM_PATH)' : ''}; the VS Code tests drive the workbench in it.\n`
      + 'Install it (Debian/Ubuntu: sudo apt-get install chromium; Fedora: sudo dnf install chromium; macOS: install Chrome or Chromium)\n'
      + 'or point CHROMIUM_PATH at a Chrome/Chromium binary. Without it, run only the unit tests: npm run test:unit.';
  }
}

/** Stops every code-server this process started (for a run that fails before its own cleanup). */
export async function stopAllCodeServers(): Promise<void> {
  await Promise.all([...running].map((server) => server.stop()));
}

export interface Profile {
  userDataDir: string;
  extensionsDir: string;
}

function toolEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return { ...process.env, PATH: `${nodeBin}${path.delimiter}${process.env.PATH ?? ''}`, ...extra };
}

/** A fresh profile with the given user settings and extensions installed. */
export function createProfile(dir: string, settings: Record<string, unknown>, vsixes: string[]): Profile {
  const profile = { userDataDir: path.join(dir, 'user-data'), extensionsDir: path.join(dir, 'extensions') };
  fs.mkdirSync(path.join(profile.userDataDir, 'User'), { recursive: true });
  fs.mkdirSync(profile.extensionsDir, { recursive: true });
  fs.writeFileSync(path.join(profile.userDataDir, 'User', 'settings.json'), JSON.stringify(settings, null, 2));
  for (const vsix of vsixes) {
    const result = spawnSync(codeServerBin, ['--extensions-dir', profile.extensionsDir, '--user-data-dir', profile.userDataDir, '--install-extension', vsix], { env: toolEnv(), encoding: 'utf8' });
    if (result.status !== 0) throw new Error(`Installing ${vsix} failed:\n${result.stdout}\n${result.stderr}`);
  }
  return profile;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as net.AddressInfo).port;
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

export interface RunningCodeServer {
  url: string;
  log: () => string;
  stop(): Promise<void>;
}

/** Starts code-server on a free port and waits until it answers HTTP. */
export async function startCodeServer(profile: Profile, workspace: string, env: Record<string, string> = {}): Promise<RunningCodeServer> {
  const port = await freePort();
  const child: ChildProcess = spawn(codeServerBin, [
    '--auth', 'none', '--bind-addr', `127.0.0.1:${port}`, '--user-data-dir', profile.userDataDir,
    '--extensions-dir', profile.extensionsDir, '--disable-telemetry', '--disable-update-check', workspace,
  ], { env: toolEnv(env), detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (d: Buffer) => { output = (output + d.toString()).slice(-200_000); });
  child.stderr?.on('data', (d: Buffer) => { output = (output + d.toString()).slice(-200_000); });
  const url = `http://127.0.0.1:${port}`;
  const server: RunningCodeServer = { url, log: () => output, stop: async () => { running.delete(server); await killGroup(child); } };
  running.add(server);
  const stop = server.stop;
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      running.delete(server);
      throw new Error(`code-server exited (${child.exitCode}):\n${output}`);
    }
    if (await answers(url)) return server;
    await sleep(200);
  }
  await stop();
  throw new Error(`code-server did not answer within 60 s:\n${output}`);
}

async function answers(url: string): Promise<boolean> {
  try {
    const res = await fetch(url, { redirect: 'manual' });
    return res.status > 0;
  } catch {
    return false;
  }
}

/** Kills the child's whole process group: TERM, then KILL whatever is left after a grace period. */
async function killGroup(child: ChildProcess): Promise<void> {
  if (!child.pid) return;
  const signalGroup = (signal: NodeJS.Signals): boolean => {
    try {
      process.kill(-child.pid!, signal);
      return true;
    } catch {
      return false;
    }
  };
  if (!signalGroup('SIGTERM')) return;
  for (let i = 0; i < 50; i++) {
    await sleep(100);
    if (!signalGroup(0 as unknown as NodeJS.Signals)) return;
  }
  signalGroup('SIGKILL');
  await sleep(200);
}

export async function launchBrowser(): Promise<Browser> {
  const problem = chromiumProblem();
  if (problem) throw new Error(problem);
  return chromium.launch({
    executablePath: chromiumPath,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/** Opens the workbench on `workspace` and waits for it to render. */
export async function openWorkbench(browser: Browser, server: RunningCodeServer, workspace: string): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  await page.goto(`${server.url}/?folder=${encodeURIComponent(workspace)}`);
  await page.waitForSelector('.monaco-workbench', { timeout: 90_000 });
  return page;
}

export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
