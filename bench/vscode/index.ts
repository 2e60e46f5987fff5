/**
 * bench/vscode: the VSIX size, the activation time, and the agent panel's first paint.
 * - activation (Node): fresh processes load dist/extension.js against a no-op `vscode` and call activate().
 * - activation and first paint (code-server): measured inside a real extension host and webview, Chromium-driven.
 * Run: npx tsx bench/vscode/index.ts   (AUTO_AGENT_SKIP_PACKAGE=1 reuses auto-agent.vsix)
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as esbuild from 'esbuild';
import { repoRoot } from '../../test/vscode/codeServer';
import { prepareArtifacts, runInHost, vsixPath } from '../../test/vscode/inHost';
import type { InHostFigures } from './inHostBench';

const targets = { vsixBytes: 3 * 1024 * 1024, activationMs: 50, firstPaintMs: 300 };

function nodeActivation(samples: number): number[] {
  const bundle = path.join(repoRoot, 'dist', 'extension.js');
  const out: number[] = [];
  for (let i = 0; i < samples; i++) {
    const result = spawnSync(process.execPath, [path.join(__dirname, 'activateOnce.js'), bundle], { encoding: 'utf8' });
    if (result.status !== 0) throw new Error(`activation sample failed: ${result.stderr}`);
    out.push((JSON.parse(result.stdout) as { totalMs: number }).totalMs);
  }
  return out;
}

async function inHostFigures(): Promise<InHostFigures> {
  const outDir = path.join(repoRoot, 'out', 'vscode-bench');
  await esbuild.build({
    entryPoints: [path.join(__dirname, 'inHostBench.ts')], outfile: path.join(outDir, 'index.js'), bundle: true,
    platform: 'node', format: 'cjs', target: 'node20', external: ['vscode'], logLevel: 'warning',
  });
  const result = await runInHost<InHostFigures>({ name: 'bench', entry: path.join(outDir, 'index.js'), isTrusted: true, timeoutS: 240 });
  if (!result.ok) throw new Error(`in-host bench failed: ${result.error}`);
  return result;
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const max = (xs: number[]): number => Math.max(...xs);
const ms = (x: number): string => `${x.toFixed(1)} ms`;

async function main(): Promise<void> {
  prepareArtifacts();
  const vsixBytes = fs.statSync(vsixPath).size;
  const node = nodeActivation(15);
  const host = await inHostFigures();
  const empty = host.emptyPanel.map((p) => p.openToPaintMs);
  const big = host.bigPanel.map((p) => p.openToPaintMs);
  const rows: [string, string, string, string][] = [
    ['VSIX size', `${(vsixBytes / 1024 / 1024).toFixed(2)} MB`, '≤ 3 MB', verdict(vsixBytes <= targets.vsixBytes)],
    ['activation, Node (require bundle + activate), median of 15', ms(median(node)), '≤ 50 ms', verdict(median(node) <= targets.activationMs)],
    ['activation, Node, worst of 15', ms(max(node)), '', ''],
    ['activate() body in code-server', ms(host.activationMs), '≤ 50 ms', verdict(host.activationMs <= targets.activationMs)],
    [`panel first paint, empty (open → painted), median of ${empty.length}`, ms(median(empty)), '≤ 300 ms', verdict(median(empty) <= targets.firstPaintMs)],
    [`panel first paint, ${host.bigPanel[0]?.events ?? 0} events / 1,000 steps, median of ${big.length}`, ms(median(big)), '≤ 300 ms', verdict(median(big) <= targets.firstPaintMs)],
    ['  empty: inside the webview (document start → paint)', ms(median(host.emptyPanel.map((p) => p.loadToPaintMs))), '', ''],
    ['  empty: VS Code creating the webview (open → document start)', ms(median(host.emptyPanel.map((p) => p.openToPaintMs - p.loadToPaintMs))), '', ''],
    ['  1,000 steps: inside the webview (document start → paint)', ms(median(host.bigPanel.map((p) => p.loadToPaintMs))), '', ''],
  ];
  for (const [label, figures] of [['empty', host.emptyPanel], ['1,000 steps', host.bigPanel]] as const) {
    const marks = figures[Math.floor(figures.length / 2)]?.marks ?? {};
    rows.push([`  webview phases, ${label} (ms since document start)`, '', '', Object.entries(marks).map(([k, v]) => `${k} ${v.toFixed(0)}`).join(', ')]);
  }
  const width = Math.max(...rows.map((r) => r[0].length));
  console.log(`${'measure'.padEnd(width)}  ${'value'.padStart(10)}  ${'target'.padEnd(8)}  result`);
  for (const [name, value, target, result] of rows) console.log(`${name.padEnd(width)}  ${value.padStart(10)}  ${target.padEnd(8)}  ${result}`);
}

function verdict(isMet: boolean): string {
  return isMet ? 'met' : 'MISSED';
}

main().catch((err) => {
  console.error(err instanceof Error ? err.stack : err);
  process.exitCode = 1;
});
