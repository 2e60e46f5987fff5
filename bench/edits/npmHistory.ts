/**
 * Builds a local git repository whose commits are successive published versions of an npm package (its
 * source files), for when no real repository with history is available offline. Each version is one commit.
 * Usage: npx tsx bench/edits/npmHistory.ts PACKAGE OUT_DIR VERSION...   (e.g. eslint /tmp/eslint-history 8.40.0 8.41.0)
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, existsSync, cpSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const [pkg, out, ...versions] = process.argv.slice(2);
if (!pkg || !out || versions.length < 2) {
  console.error('usage: npmHistory.ts PACKAGE OUT_DIR VERSION VERSION...');
  process.exit(2);
}
const run = (cmd: string, args: string[], cwd: string): string => execFileSync(cmd, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
mkdirSync(out, { recursive: true });
const gitEnv = ['-c', 'user.name=bench', '-c', 'user.email=bench@example.invalid', '-c', 'commit.gpgsign=false'];
if (!existsSync(path.join(out, '.git'))) run('git', ['init', '-q'], out);
const work = mkdtempSync(path.join(os.tmpdir(), 'npm-history-'));
for (const version of versions) {
  const file = run('npm', ['pack', `${pkg}@${version}`, '--silent', '--pack-destination', work], work).trim().split('\n').pop() as string;
  const unpacked = path.join(work, version);
  mkdirSync(unpacked);
  run('tar', ['-xzf', path.join(work, file), '-C', unpacked], work);
  for (const entry of readdirSync(out)) if (entry !== '.git') rmSync(path.join(out, entry), { recursive: true, force: true });
  cpSync(path.join(unpacked, 'package'), out, { recursive: true });
  run('git', ['add', '-A', '.'], out);
  run('git', [...gitEnv, 'commit', '-q', '--allow-empty', '-m', `${pkg}@${version}`], out);
  console.log(`${pkg}@${version}`);
}
rmSync(work, { recursive: true, force: true });
