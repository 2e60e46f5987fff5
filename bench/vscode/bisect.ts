/**
 * bench/vscode/bisect: first paint of webview variants from VS Code's blank page up to the agent panel's real page,
 * alternated in one code-server session (see bisectInHost.ts). Reuses auto-agent.vsix (build it first).
 * Run: npx tsx bench/vscode/bisect.ts   (AUTO_AGENT_BISECT_ROUNDS, AUTO_AGENT_BISECT_ONLY='a|b', AUTO_AGENT_BISECT_SCRIPTS)
 */
import * as path from 'node:path';
import { repoRoot } from '../../test/vscode/codeServer';
import { prepareArtifacts, runInHost } from '../../test/vscode/inHost';
import type { BisectFigures } from './bisectInHost';
import { bundleInHostEntry } from './bundleInHost';

async function main(): Promise<void> {
  process.env.AUTO_AGENT_SKIP_PACKAGE = '1';
  prepareArtifacts();
  const outDir = path.join(repoRoot, 'out', 'vscode-bisect');
  const entry = await bundleInHostEntry(path.join(__dirname, 'bisectInHost.ts'), outDir);
  const result = await runInHost<{ figures: BisectFigures } & BisectFigures>({ name: 'bisect', entry, isTrusted: true, timeoutS: 600 });
  if (!result.ok) throw new Error(`bisect failed: ${result.error}`);
  const { ok: _ok, error: _error, durationMs: _d, ...figures } = result as typeof result & { durationMs?: number };
  const fs = await import('node:fs');
  fs.writeFileSync(path.join(outDir, 'result.json'), JSON.stringify(figures, null, 1));
  const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const width = Math.max(...Object.keys(figures).map((k) => k.length));
  for (const [name, samples] of Object.entries(figures as BisectFigures)) {
    const open = samples.map((s) => s.openToPaintMs);
    const markNames = Object.keys(samples[0]?.marks ?? {}).filter((k) => !k.includes(':'));
    const marks = markNames.map((k) => `${k} ${median(samples.map((s) => s.marks[k] ?? NaN)).toFixed(0)}`).join(', ');
    console.log(`${name.padEnd(width)}  median ${median(open).toFixed(0).padStart(4)} ms  [${open.map((x) => x.toFixed(0)).join(', ')}]  in page: ${marks}  painted [${samples.map((s) => (s.marks.painted ?? NaN).toFixed(0)).join(', ')}]`);
  }
}

main().catch((err) => {
  console.error(err instanceof Error ? err.stack : err);
  process.exitCode = 1;
});
