/**
 * Scratch: the bisect run (bisectInHost.ts) under a Chromium trace, written to out/vscode-bisect/trace.json.
 * Run: AUTO_AGENT_BISECT_ONLY='blank|panel empty|panel 1000' AUTO_AGENT_BISECT_ROUNDS=2 npx tsx bench/vscode/traceBisect.ts
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createProfile, launchBrowser, openWorkbench, repoRoot, sleep, startCodeServer } from '../../test/vscode/codeServer';
import { makeWorkspace, prepareArtifacts, runnerVsixPath, vsixPath } from '../../test/vscode/inHost';
import { bundleInHostEntry } from './bundleInHost';

async function main(): Promise<void> {
  process.env.AUTO_AGENT_SKIP_PACKAGE = '1';
  prepareArtifacts();
  const outDir = path.join(repoRoot, 'out', 'vscode-bisect');
  const entry = await bundleInHostEntry(path.join(__dirname, 'bisectInHost.ts'), outDir);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'auto-agent-trace-'));
  const workspace = makeWorkspace(dir);
  const profile = createProfile(dir, { 'workbench.startupEditor': 'none', 'telemetry.telemetryLevel': 'off', 'security.workspace.trust.enabled': false }, [vsixPath, runnerVsixPath]);
  const resultFile = path.join(dir, 'result.json');
  const server = await startCodeServer(profile, workspace, { AUTO_AGENT_TEST_SUITE: entry, AUTO_AGENT_TEST_RESULT: resultFile });
  const browser = await launchBrowser();
  try {
    const categories = ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'blink.user_timing', 'loading', 'v8.execute', 'disabled-by-default-devtools.timeline.frame', 'cc', 'viz', 'gpu', 'blink', 'toplevel'];
    await browser.startTracing(undefined, { path: path.join(outDir, 'trace.json'), categories });
    await openWorkbench(browser, server, workspace);
    const deadline = Date.now() + 600_000;
    while (!fs.existsSync(resultFile) && Date.now() < deadline) await sleep(250);
    await browser.stopTracing();
    console.log(fs.readFileSync(resultFile, 'utf8').slice(0, 4000));
  } finally {
    await browser.close();
    await server.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err instanceof Error ? err.stack : err);
  process.exitCode = 1;
});
