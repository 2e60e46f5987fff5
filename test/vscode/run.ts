/**
 * `npm run test:vscode`: packages the extension, bundles the in-host suites, installs code-server
 * (scripts/setupCodeServer.sh), then runs the in-host suites (trusted and Restricted Mode) and the end-to-end
 * test in code-server driven by Chromium. Prints one "N passed, N failed" line; exits non-zero on any failure.
 * AUTO_AGENT_VSCODE_ONLY=trusted|restricted|e2e|mcp runs one part; AUTO_AGENT_SKIP_PACKAGE=1 reuses auto-agent.vsix;
 * AUTO_AGENT_VSCODE_GREP=TEXT runs only the in-host tests and end-to-end scenarios whose title matches.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as esbuild from 'esbuild';
import { chromiumProblem, repoRoot, stopAllCodeServers } from './codeServer';
import { runEndToEnd } from './e2e/endToEnd';
import { runMcpEndToEnd } from './e2e/mcpServers';
import { lmVsixPath, makeWorkspace, outDir, prepareArtifacts, runInHost, vsixPath } from './inHost';
import type { SuiteReport } from './suite/index';

interface Tally { passed: number; failed: number; lines: string[] }

/** An untrusted folder that tries to redirect the agent: VS Code must ignore these restricted settings. */
export const untrustedWorkspaceSettings = {
  'autoAgent.baseUrl': 'http://127.0.0.1:9/untrusted/v1', 'autoAgent.allowedCommands': ['rm -rf'], 'autoAgent.testCommand': 'curl evil',
};

async function bundleSuites(): Promise<void> {
  fs.rmSync(outDir, { recursive: true, force: true });
  const suiteDir = path.join(repoRoot, 'test', 'vscode', 'suite');
  const entries = fs.readdirSync(suiteDir).filter((f) => f.endsWith('.test.ts') || f === 'index.ts').map((f) => path.join(suiteDir, f));
  await esbuild.build({
    entryPoints: entries, outdir: outDir, bundle: true, platform: 'node', format: 'cjs', target: 'node20',
    external: ['vscode', 'mocha'], sourcemap: 'inline', logLevel: 'warning',
    // As in esbuild.js: jsonc-parser's UMD `main` requires its parts at run time, which a bundle cannot resolve.
    alias: { 'jsonc-parser': path.join(repoRoot, 'node_modules', 'jsonc-parser', 'lib', 'esm', 'main.js') },
  });
}

async function runSuite(name: string, isTrusted: boolean, tally: Tally): Promise<void> {
  const result = await runInHost<Partial<SuiteReport>>({
    name, entry: path.join(outDir, 'index.js'), isTrusted, workspaceSettings: isTrusted ? undefined : untrustedWorkspaceSettings,
  });
  tally.passed += result.passed ?? 0;
  tally.failed += result.failed ?? (result.ok ? 0 : 1);
  tally.lines.push(`${name} (in the extension host, ${isTrusted ? 'trusted' : 'Restricted Mode'}):`, ...(result.titles ?? []).map((t) => `  ${t}`));
  for (const f of result.failures ?? []) tally.lines.push(`  FAILED ${f.title}\n${indent(f.error)}`);
  if (!result.ok && !result.failures?.length) tally.lines.push(`  ERROR ${result.error}`);
}

function indent(text: string): string {
  return text.split('\n').map((l) => `      ${l}`).join('\n');
}

async function main(): Promise<void> {
  const only = process.env.AUTO_AGENT_VSCODE_ONLY;
  const problem = only === 'none' ? undefined : chromiumProblem();
  if (problem) {
    console.error(`vscode: cannot run.\n${problem}`);
    process.exitCode = 1;
    return;
  }
  await bundleSuites();
  if (only === 'none') return;
  prepareArtifacts();
  const tally: Tally = { passed: 0, failed: 0, lines: [] };
  if (!only || only === 'trusted') await runSuite('in-host', true, tally);
  if (!only || only === 'restricted') await runSuite('restricted', false, tally);
  if (!only || only === 'e2e') await runEndToEnd({ vsix: vsixPath, lmVsix: lmVsixPath, tally, makeWorkspace });
  if (!only || only === 'mcp') await runMcpEndToEnd({ vsix: vsixPath, lmVsix: lmVsixPath, tally, makeWorkspace });
  console.log(tally.lines.join('\n'));
  console.log(`vscode: ${tally.passed} passed, ${tally.failed} failed`);
  process.exitCode = tally.failed > 0 || tally.passed === 0 ? 1 : 0;
}

// Run only as the entry point (runElectron.ts imports the settings above).
if (require.main === module) {
  main().catch(async (err) => {
    console.error(err instanceof Error ? err.stack : err);
    // Whatever failed, nothing this run started may outlive it (a code-server would keep it from exiting).
    await stopAllCodeServers();
    process.exit(1);
  });
}
