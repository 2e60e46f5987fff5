// Runs every benchmark (bench/<name>/index.ts) in turn, or only those named: `npm run bench -- loop edits`.
// Benchmarks print their own tables; this only runs them, with --expose-gc for memory figures.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const wanted = process.argv.slice(2);
const names = readdirSync(here, { withFileTypes: true })
  .filter((e) => e.isDirectory() && existsSync(path.join(here, e.name, 'index.ts')))
  .map((e) => e.name)
  .filter((name) => wanted.length === 0 || wanted.includes(name));

let failed = 0;
for (const name of names) {
  console.log(`\n=== bench/${name} ===`);
  const result = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', path.join(here, name, 'index.ts')], { stdio: 'inherit' });
  if (result.status !== 0) {
    failed++;
    console.log(`bench/${name} exited with ${result.status}`);
  }
}
process.exit(failed ? 1 : 0);
