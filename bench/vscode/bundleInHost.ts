/** Bundles a script that runs inside code-server's extension host (through the test-runner extension). */
import * as path from 'node:path';
import * as esbuild from 'esbuild';

/** Bundles `entry` to `<outDir>/index.js` (vscode left external) and returns that path. */
export async function bundleInHostEntry(entry: string, outDir: string): Promise<string> {
  const outfile = path.join(outDir, 'index.js');
  await esbuild.build({
    entryPoints: [entry], outfile, bundle: true, platform: 'node', format: 'cjs', target: 'node20', external: ['vscode'], logLevel: 'warning',
  });
  return outfile;
}
