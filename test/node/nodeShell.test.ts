// Command faults from shared/SECURITY-CASES.md ("Commands": never exits, waits for input, floods output,
// invalid UTF-8, background children), run as real child processes through NodeShell.
import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { NodeShell } from '../../src/node/nodeShell';
import { makeTempDir } from '../support/testHost';
import type { ProcessOptions } from '../../src/core/host';

const shell = new NodeShell();

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Pids still in process group `pgid` (ps prints nothing once the group is empty). */
function groupMembers(pgid: number): string[] {
  try {
    return execFileSync('ps', ['-o', 'pid=', '-g', String(pgid)], { encoding: 'utf8' }).split('\n').map((l) => l.trim()).filter(Boolean);
  } catch {
    return [];
  }
}

/** Waits (bounded) for a condition that the kill grace period makes true shortly after the call returns. */
async function eventually(condition: () => boolean, limitMs = 5000): Promise<boolean> {
  const deadline = Date.now() + limitMs;
  while (Date.now() < deadline) {
    if (condition()) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return condition();
}

describe('NodeShell', () => {
  const tmp = makeTempDir();
  after(() => tmp.cleanup());
  const options = (extra: Partial<ProcessOptions> = {}): ProcessOptions => ({ cwd: tmp.dir, timeoutMs: 20_000, maxOutputBytes: 64 * 1024, ...extra });

  it('runs a command and reports exit code and interleaved output', async () => {
    const result = await shell.run('echo out; echo err >&2; exit 3', options());
    assert.equal(result.exitCode, 3);
    assert.match(result.output, /out/);
    assert.match(result.output, /err/);
    assert.equal(result.isTimedOut, false);
  });

  it('command fault: never exits — the timeout kills its whole process group', async () => {
    const result = await shell.run('echo pg=$$; sleep 300 & sleep 300', options({ timeoutMs: 300 }));
    assert.equal(result.isTimedOut, true);
    assert.notEqual(result.exitCode, 0);
    const pgid = Number(/pg=(\d+)/.exec(result.output)![1]);
    assert.ok(await eventually(() => groupMembers(pgid).length === 0), `group ${pgid} still has ${groupMembers(pgid).join(',')}`);
  });

  it('command fault: waits for input — stdin is closed, so it gets end-of-file', async () => {
    const result = await shell.run('if read -r line; then echo "got [$line]"; else echo "eof rc=$?"; fi; cat; echo done', options({ timeoutMs: 10_000 }));
    assert.equal(result.isTimedOut, false);
    assert.equal(result.exitCode, 0);
    assert.match(result.output, /eof rc=1/);
    assert.match(result.output, /done/);
  });

  it('command fault: floods output — capped, head and tail kept, middle dropped with a marker', async () => {
    const streamed: string[] = [];
    const result = await shell.run('seq 1 300000', options({ maxOutputBytes: 16 * 1024, onOutput: (c) => streamed.push(c) }));
    assert.equal(result.exitCode, 0);
    assert.equal(result.isTruncated, true);
    assert.ok(result.output.length < 17 * 1024, `kept ${result.output.length} chars`);
    assert.ok(result.output.startsWith('1\n2\n3\n'));
    assert.ok(result.output.trimEnd().endsWith('299999\n300000'));
    assert.match(result.output, /bytes of output omitted/);
    assert.ok(streamed.join('').length > 1_000_000, 'the live stream sees all output');
  });

  it('command fault: invalid UTF-8 — decoded with replacement characters', async () => {
    const result = await shell.run("printf 'ok \\377\\376 end \\303'", options());
    assert.equal(result.exitCode, 0);
    assert.match(result.output, /^ok \uFFFD\uFFFD end \uFFFD$/);
  });

  it('command fault: background children — the command returns when it ends and no process of its group remains', async () => {
    const result = await shell.run('sleep 300 & echo bg=$! pg=$$', options({ timeoutMs: 15_000 }));
    assert.equal(result.isTimedOut, false, 'a background child must not hold the call until the timeout');
    assert.equal(result.exitCode, 0);
    const bg = Number(/bg=(\d+)/.exec(result.output)![1]);
    const pgid = Number(/pg=(\d+)/.exec(result.output)![1]);
    assert.ok(await eventually(() => !isAlive(bg)), `background child ${bg} survived`);
    assert.ok(await eventually(() => groupMembers(pgid).length === 0), `group ${pgid} still has ${groupMembers(pgid).join(',')}`);
  });

  it('command fault: a background child that ignores SIGTERM is killed with SIGKILL', async () => {
    const result = await shell.run("sh -c 'trap \"\" TERM; sleep 300' & echo bg=$! pg=$$", options({ timeoutMs: 15_000 }));
    assert.equal(result.isTimedOut, false);
    const pgid = Number(/pg=(\d+)/.exec(result.output)![1]);
    assert.ok(await eventually(() => groupMembers(pgid).length === 0, 8000), `group ${pgid} still has ${groupMembers(pgid).join(',')}`);
  });

  it('Stop (abort signal) cancels and kills the group', async () => {
    const controller = new AbortController();
    const running = shell.run('echo pg=$$; sleep 300', options({ signal: controller.signal, onOutput: () => controller.abort() }));
    const result = await running;
    assert.equal(result.isCancelled, true);
    const pgid = Number(/pg=(\d+)/.exec(result.output)![1]);
    assert.ok(await eventually(() => groupMembers(pgid).length === 0));
  });

  it('prints ANSI escapes unchanged (the tools strip them), and passes env', async () => {
    const result = await shell.run('printf "\\033[31mred\\033[0m $FOO"', options({ env: { FOO: 'bar' } }));
    assert.equal(result.output, '\u001b[31mred\u001b[0m bar');
  });

  it('reports a missing working directory instead of hanging', async () => {
    const result = await shell.run('echo hi', options({ cwd: `${tmp.dir}/missing` }));
    assert.equal(result.exitCode, 127);
    assert.match(result.output, /Could not start/);
  });

  it('exec runs a program without a shell and which finds programs on PATH', async () => {
    const result = await shell.exec('printf', ['%s|', 'a b', '$HOME'], options());
    assert.equal(result.output, 'a b|$HOME|');
    assert.ok((await shell.which('sh'))?.endsWith('/sh'));
    assert.equal(await shell.which('no-such-program-xyz'), undefined);
  });
});

describe('NodeShell and the agent\'s secrets', () => {
  it('Secrets: the agent\'s API key is not in the environment of the commands it runs', async () => {
    const previous = process.env.OPENAI_API_KEY;
    process.env.OPENAI_API_KEY = 'sk-env-secret-0000111122223333';
    try {
      const result = await new NodeShell().run('printenv OPENAI_API_KEY; echo "home=$HOME"', { cwd: process.cwd(), timeoutMs: 10_000, maxOutputBytes: 10_000 });
      assert.ok(!result.output.includes('sk-env-secret-0000111122223333'));
      assert.match(result.output, /home=\//, 'the rest of the environment is still there');
    } finally {
      if (previous === undefined) delete process.env.OPENAI_API_KEY;
      else process.env.OPENAI_API_KEY = previous;
    }
  });
});
