/**
 * bench/vscode: the VSIX size, the activation time, and the agent panel's first paint.
 * - activation (Node): fresh processes load dist/extension.js against a no-op `vscode` and call activate().
 * - activation and first paint (code-server): measured inside a real extension host and webview, Chromium-driven.
 * Run: npx tsx bench/vscode/index.ts   (AUTO_AGENT_SKIP_PACKAGE=1 reuses auto-agent.vsix)
 * It measures what ships: the VSIX `npm run package` builds (production, minified bundles). With
 * AUTO_AGENT_SKIP_PACKAGE the VSIX is reused, so the bench refuses one older than the sources it was built from.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { repoRoot } from '../../test/vscode/codeServer';
import { prepareArtifacts, runInHost, vsixPath } from '../../test/vscode/inHost';
import type { InHostFigures } from './inHostBench';
import { bundleInHostEntry } from './bundleInHost';

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
  const entry = await bundleInHostEntry(path.join(__dirname, 'inHostBench.ts'), outDir);
  const result = await runInHost<InHostFigures>({
    name: 'bench', entry, isTrusted: true, timeoutS: 240, screenshot: path.join(repoRoot, 'test-results', 'screenshots', 'bench-panel-1000-steps.png'),
  });
  if (!result.ok) throw new Error(`in-host bench failed: ${result.error}`);
  return result;
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const max = (xs: number[]): number => Math.max(...xs);
const ms = (x: number): string => `${x.toFixed(1)} ms`;

/** The newest modification time under the folders and files the VSIX is built from. */
function newestSource(entries: string[]): number {
  let newest = 0;
  const visit = (p: string): void => {
    const stat = fs.statSync(p);
    if (stat.isDirectory()) for (const name of fs.readdirSync(p)) visit(path.join(p, name));
    else newest = Math.max(newest, stat.mtimeMs);
  };
  for (const entry of entries) if (fs.existsSync(path.join(repoRoot, entry))) visit(path.join(repoRoot, entry));
  return newest;
}

function assertVsixIsCurrent(): void {
  const vsixTime = fs.statSync(vsixPath).mtimeMs;
  if (vsixTime < newestSource(['src', 'media', 'esbuild.js', 'package.json'])) {
    throw new Error('auto-agent.vsix is older than the sources: run without AUTO_AGENT_SKIP_PACKAGE (or npm run package) first.');
  }
}

async function main(): Promise<void> {
  prepareArtifacts();
  assertVsixIsCurrent();
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
  const floor = median(host.blankWebviewMs);
  rows.push(["  VS Code's first webview in a fresh window (blank page, before the panel rounds)", ms(host.firstWebviewMs), '', '']);
  rows.push([`  VS Code's floor: a blank webview, open → painted, median of ${host.blankWebviewMs.length}`, ms(floor), '', host.blankWebviewMs.map((x) => x.toFixed(0)).join(', ')]);
  rows.push(['  our part over the floor, empty / 1,000 steps', `${(median(empty) - floor).toFixed(0)} / ${(median(big) - floor).toFixed(0)} ms`, '', '']);
  for (const [label, figures] of [['empty', host.emptyPanel], ['1,000 steps', host.bigPanel]] as const) {
    const sample = (p: typeof figures[number]): string => `${p.openToPaintMs.toFixed(0)} (${p.loadToPaintMs.toFixed(0)} in page, ${(p.htmlMs ?? NaN).toFixed(0)} host)`;
    rows.push([`  samples in order, ${label}: open → painted`, '', '', figures.map(sample).join(', ')]);
    rows.push([`  extension host building the page, ${label}, median`, ms(median(figures.map((p) => p.htmlMs ?? NaN))), '', `${((figures[0]?.htmlBytes ?? 0) / 1024).toFixed(0)} KB page`]);
  }
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
