/**
 * Runs a module's `run()` inside the extension host of code-server: a fresh profile with the packaged VSIX and
 * the test-runner extension, a sample workspace, Chromium to start the workbench (and so the extension host),
 * then waits for the runner's result file. Used by the in-host suites and by bench/vscode.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createProfile, launchBrowser, openWorkbench, repoRoot, sleep, startCodeServer } from './codeServer';

export const outDir = path.join(repoRoot, 'out', 'vscode-test');
export const vsixPath = path.join(repoRoot, 'auto-agent.vsix');
export const runnerVsixPath = path.join(outDir, 'auto-agent-test-runner.vsix');
/** The test extension that registers a scripted chat model through VS Code's Language Model API. */
export const lmVsixPath = path.join(outDir, 'auto-agent-test-lm.vsix');

export function sh(command: string, args: string[], cwd = repoRoot): void {
  const result = spawnSync(command, args, { cwd, stdio: 'inherit', env: process.env });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed (${result.status})`);
}

/** Packages the extension (unless AUTO_AGENT_SKIP_PACKAGE and a VSIX exists), the runner, and installs code-server. */
export function prepareArtifacts(): void {
  if (!process.env.AUTO_AGENT_SKIP_PACKAGE || !fs.existsSync(vsixPath)) sh('npm', ['run', 'package']);
  fs.mkdirSync(outDir, { recursive: true });
  sh('npx', ['vsce', 'package', '--no-dependencies', '--skip-license', '--allow-missing-repository', '--out', runnerVsixPath], path.join(repoRoot, 'test', 'vscode', 'runner'));
  sh('npx', ['vsce', 'package', '--no-dependencies', '--skip-license', '--allow-missing-repository', '--out', lmVsixPath], path.join(repoRoot, 'test', 'vscode', 'lmProvider'));
  sh('bash', [path.join(repoRoot, 'scripts', 'setupCodeServer.sh')]);
}

/** A small project for the agent to work on; `workspaceSettings` become its .vscode/settings.json. */
export function makeWorkspace(root: string, workspaceSettings?: Record<string, unknown>): string {
  const dir = path.join(root, 'workspace');
  fs.mkdirSync(path.join(dir, 'src'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'src', 'math.js'), 'function add(a, b) {\n  return a - b;\n}\n\nmodule.exports = { add };\n');
  fs.writeFileSync(path.join(dir, 'README.md'), '# Sample\n\nA tiny project the agent fixes in the tests.\n');
  fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'sample', version: '1.0.0', private: true }, null, 2));
  if (workspaceSettings) {
    fs.mkdirSync(path.join(dir, '.vscode'));
    fs.writeFileSync(path.join(dir, '.vscode', 'settings.json'), JSON.stringify(workspaceSettings, null, 2));
  }
  return dir;
}

export interface InHostOptions {
  name: string;
  /** The bundled module whose `run()` the runner extension calls. */
  entry: string;
  isTrusted: boolean;
  workspaceSettings?: Record<string, unknown>;
  timeoutS?: number;
  /** Where to save a screenshot of the workbench once run() has reported (for looking at what was measured). */
  screenshot?: string;
}

/** Runs `entry` in the extension host and returns the JSON its run() produced (plus `ok`). */
export async function runInHost<T extends object>(options: InHostOptions): Promise<T & { ok: boolean; error?: string }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `auto-agent-${options.name}-`));
  const workspace = makeWorkspace(dir, options.workspaceSettings);
  const settings: Record<string, unknown> = { 'workbench.startupEditor': 'none', 'telemetry.telemetryLevel': 'off' };
  if (options.isTrusted) settings['security.workspace.trust.enabled'] = false;
  const profile = createProfile(dir, settings, [vsixPath, runnerVsixPath, lmVsixPath]);
  const resultFile = path.join(dir, 'result.json');
  // The browser first: if it cannot start, nothing else has been started that would be left running.
  const browser = await launchBrowser();
  const server = await startCodeServer(profile, workspace, {
    AUTO_AGENT_TEST_SUITE: options.entry, AUTO_AGENT_TEST_RESULT: resultFile, OPENAI_API_KEY: 'sk-test-key-for-redaction-0123456789',
    AUTO_AGENT_LM_SCRIPT: path.join(dir, 'lm-script.json'), AUTO_AGENT_LM_LOG: path.join(dir, 'lm-log.jsonl'),
  }).catch(async (err: unknown) => {
    await browser.close();
    throw err;
  });
  try {
    const page = await openWorkbench(browser, server, workspace);
    const timeoutS = options.timeoutS ?? Number(process.env.AUTO_AGENT_SUITE_TIMEOUT_S ?? 480);
    const deadline = Date.now() + timeoutS * 1000;
    while (!fs.existsSync(resultFile) && Date.now() < deadline) await sleep(250);
    if (!fs.existsSync(resultFile)) {
      fs.mkdirSync(path.join(repoRoot, 'test-results'), { recursive: true });
      await page.screenshot({ path: path.join(repoRoot, 'test-results', `${options.name}-timeout.png`) }).catch(() => undefined);
      const progress = fs.existsSync(`${resultFile}.log`) ? fs.readFileSync(`${resultFile}.log`, 'utf8') : '(no progress)';
      throw new Error(`${options.name} did not report within ${timeoutS} s.\n${progress}\n${extensionHostLog(profile.userDataDir)}`);
    }
    if (options.screenshot) {
      fs.mkdirSync(path.dirname(options.screenshot), { recursive: true });
      await page.screenshot({ path: options.screenshot });
    }
    return JSON.parse(fs.readFileSync(resultFile, 'utf8')) as T & { ok: boolean; error?: string };
  } finally {
    await browser.close();
    await server.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** The tail of the extension host's logs (where an in-host hang or crash shows). */
function extensionHostLog(userDataDir: string): string {
  const found: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/exthost|Auto Agent/i.test(entry.name)) found.push(full);
    }
  };
  if (fs.existsSync(path.join(userDataDir, 'logs'))) walk(path.join(userDataDir, 'logs'));
  return found.map((f) => `--- ${f}\n${fs.readFileSync(f, 'utf8').slice(-3000)}`).join('\n');
}
