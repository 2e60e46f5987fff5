/**
 * `npm run test:vscode` on a machine without Chromium: it must fail at once with what to install, before it
 * starts code-server or anything else that could be left running (it used to hang forever).
 */
import { strict as assert } from 'node:assert';
import { spawn } from 'node:child_process';
import * as path from 'node:path';

const repoRoot = path.resolve(__dirname, '../..');

describe('the VS Code test runner without Chromium', function () {
  this.timeout(60_000);

  it('exits 1 within seconds and says what to install', async () => {
    const started = Date.now();
    const child = spawn(path.join(repoRoot, 'node_modules', '.bin', 'tsx'), [path.join(repoRoot, 'test', 'vscode', 'run.ts')], {
      cwd: repoRoot, env: { ...process.env, CHROMIUM_PATH: path.join(repoRoot, 'no-such-dir', 'chromium'), AUTO_AGENT_VSCODE_ONLY: 'e2e' },
    });
    let output = '';
    child.stdout.on('data', (d: Buffer) => { output += d.toString(); });
    child.stderr.on('data', (d: Buffer) => { output += d.toString(); });
    const code = await new Promise<number | null>((resolve) => {
      const timer = setTimeout(() => { child.kill('SIGKILL'); resolve(null); }, 45_000);
      child.on('close', (c) => { clearTimeout(timer); resolve(c); });
    });
    assert.equal(code, 1, `exit code (null: still running after 45 s); output:\n${output}`);
    assert.match(output, /Chromium was not found at .*no-such-dir\/chromium \(CHROMIUM_PATH\)/);
    assert.match(output, /apt-get install chromium/);
    assert.ok(Date.now() - started < 30_000, 'fails fast');
  });
});
