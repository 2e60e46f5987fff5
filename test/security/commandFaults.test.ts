/**
 * SECURITY-CASES.md, "Commands" (faults): a command that never exits, waits for input, floods output, prints ANSI
 * escapes or invalid UTF-8, or leaves background children is bounded by a timeout and an output cap, killed with
 * its process group, and the agent is told what happened. Nothing may linger afterwards. Driven through
 * run_command on the real NodeShell.
 */
import { strict as assert } from 'node:assert';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { runCommandTool } from '../../src/core/tools/runCommand';
import { makeTempDir } from '../support/testHost';
import { secureContext } from './securityContext';

const autoRun = { read: 'auto' as const, edit: 'ask' as const, execute: 'auto' as const, network: 'ask' as const };

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return !readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.startsWith('Z');
  } catch {
    return false;
  }
}

/** Polls until the process is gone (the shell kills the group with SIGTERM, then SIGKILL after a grace period). */
async function gone(pid: number): Promise<boolean> {
  for (let i = 0; i < 100; i++) {
    if (!isAlive(pid)) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return false;
}

describe('security: Commands (faults)', function () {
  this.timeout(30_000);
  let ws: ReturnType<typeof makeTempDir>;
  beforeEach(() => { ws = makeTempDir(); });
  afterEach(() => ws.cleanup());

  async function run(command: string, settings: Record<string, unknown> = {}) {
    const { ctx } = await secureContext({ root: ws.dir, settings: { policy: autoRun, ...settings } });
    return runCommandTool.run({ command }, ctx);
  }

  it('Commands: a command that never exits is killed at the timeout with its process group, and the agent is told', async () => {
    const pidFile = path.join(ws.dir, 'pid');
    const result = await run(`echo $$ > ${pidFile}; sleep 600`, { commandTimeoutMs: 1000 });
    assert.match(result.output, /Timed out after/);
    assert.equal(result.isError, true);
    assert.ok(await gone(Number(readFileSync(pidFile, 'utf8'))));
  });

  it('Commands: a command that waits for input gets end-of-file at once instead of hanging', async () => {
    const result = await run('read -r line; echo "got:[$line] status:$?"', { commandTimeoutMs: 20_000 });
    assert.match(result.output, /got:\[\] status:1/);
    assert.doesNotMatch(result.output, /Timed out/);
  });

  it('Commands: a command that floods output is capped (head and tail kept) and the agent is told', async () => {
    const result = await run('head -c 5000000 /dev/zero | tr "\\0" "x"; echo; echo THE-END', { maxCommandOutputBytes: 64 * 1024 });
    assert.match(result.output, /cap|omitted|not shown/);
    assert.match(result.output, /THE-END/);
    assert.ok(result.output.length < 200_000, `output kept ${result.output.length} chars`);
  });

  it('Commands: ANSI escapes and invalid UTF-8 are cleaned and decoded with replacement', async () => {
    const result = await run("printf '\\033[31mred\\033[0m \\033]0;title\\007 bad:\\377\\376 end\\n'");
    assert.match(result.output, /red/);
    assert.doesNotMatch(result.output, /\x1b/);
    assert.match(result.output, /bad:\uFFFD\uFFFD end/);
  });

  it('Commands: a background child left behind is killed with the process group; nothing lingers', async () => {
    const pidFile = path.join(ws.dir, 'bg');
    const result = await run(`sleep 600 & echo $! > ${pidFile}; echo started`);
    assert.match(result.output, /started/);
    const pid = Number(readFileSync(pidFile, 'utf8'));
    assert.ok(pid > 0);
    assert.ok(await gone(pid), `background child ${pid} still alive`);
  });

  it('Commands: a detached grandchild that ignores SIGTERM is still killed (SIGKILL after the grace period)', async () => {
    const pidFile = path.join(ws.dir, 'stubborn');
    await run(`(trap "" TERM; sleep 600) & echo $! > ${pidFile}`);
    assert.ok(await gone(Number(readFileSync(pidFile, 'utf8'))));
  });

  it('Commands: Stop mid-command kills the group and says it was cancelled', async () => {
    const controller = new AbortController();
    const { ctx } = await secureContext({ root: ws.dir, settings: { policy: autoRun } });
    const pidFile = path.join(ws.dir, 'stop');
    const running = runCommandTool.run({ command: `echo $$ > ${pidFile}; sleep 600` }, { ...ctx, signal: controller.signal });
    for (let i = 0; i < 100 && !existsSync(pidFile); i++) await new Promise((r) => setTimeout(r, 50));
    controller.abort();
    const result = await running;
    assert.match(result.output, /Cancelled/);
    assert.ok(await gone(Number(readFileSync(pidFile, 'utf8'))));
  });
});
