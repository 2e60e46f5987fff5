// run_command on real child processes: the permission gate first, then the command faults of
// shared/SECURITY-CASES.md ("Commands": never exits, waits for input, floods output, ANSI escapes, invalid UTF-8).
import { strict as assert } from 'node:assert';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { runCommandTool } from '../../../src/core/tools/runCommand';
import { createTestContext, makeTempDir, ScriptedApprovals } from '../../support/testHost';
import type { AgentSettings } from '../../../src/core/settings';
import { callTool } from './toolHarness';

describe('run_command', () => {
  const tmp = makeTempDir();
  after(() => tmp.cleanup());
  const auto = { policy: { read: 'auto', edit: 'ask', execute: 'auto', network: 'ask' } } as Partial<AgentSettings>;

  it('asks before running (execute defaults to ask) and shows the exit code and output', async () => {
    const approvals = new ScriptedApprovals();
    const { ctx } = createTestContext({ root: tmp.dir, approvals });
    const result = await callTool(runCommandTool, { command: 'echo hello; exit 4' }, ctx);
    assert.equal(approvals.requests.length, 1);
    assert.equal(approvals.requests[0].risk, 'execute');
    assert.match(approvals.requests[0].title, /echo hello; exit 4/);
    assert.match(result.output, /^\$ echo hello; exit 4\nExit code: 4\n/);
    assert.match(result.output, /--- output ---\nhello$/);
    assert.equal(result.isError, false);
  });

  it('a rejected command is not run and the reason goes back to the model', async () => {
    const approvals = new ScriptedApprovals([{ isApproved: false, reason: 'do not touch that' }]);
    const { ctx } = createTestContext({ root: tmp.dir, approvals });
    const result = await callTool(runCommandTool, { command: 'touch created-by-command' }, ctx);
    assert.equal(result.isError, true);
    assert.match(result.output, /Not run\. The user rejected this: do not touch that/);
    assert.equal(existsSync(path.join(tmp.dir, 'created-by-command')), false);
  });

  it('runs without asking under an auto execute policy, in a cwd inside the workspace', async () => {
    mkdirSync(path.join(tmp.dir, 'sub'), { recursive: true });
    const approvals = new ScriptedApprovals();
    const { ctx } = createTestContext({ root: tmp.dir, approvals, settings: auto });
    const result = await callTool(runCommandTool, { command: 'pwd', cwd: 'sub' }, ctx);
    assert.equal(approvals.requests.length, 0);
    assert.match(result.output, new RegExp(`${path.join(tmp.dir, 'sub')}$`));
  });

  it('refuses a cwd outside the workspace, missing, or a file', async () => {
    const { ctx } = createTestContext({ root: tmp.dir, settings: auto });
    assert.match((await callTool(runCommandTool, { command: 'pwd', cwd: '..' }, ctx)).output, /outside the workspace/);
    assert.match((await callTool(runCommandTool, { command: 'pwd', cwd: 'nope' }, ctx)).output, /does not exist/);
    writeFileSync(path.join(tmp.dir, 'plain.txt'), 'x');
    assert.match((await callTool(runCommandTool, { command: 'pwd', cwd: 'plain.txt' }, ctx)).output, /is a file, not a directory/);
  });

  it('command fault: ANSI escapes are stripped from the result and from the streamed output', async () => {
    const { ctx, events } = createTestContext({ root: tmp.dir, settings: auto });
    const result = await callTool(runCommandTool, { command: 'printf "\\033[1;31mred\\033[0m \\033]0;title\\007plain\\n"' }, ctx);
    assert.match(result.output, /--- output ---\nred plain$/);
    const streamed = events.filter((e) => e.type === 'commandOutputStreamed').map((e) => (e as { chunk: string }).chunk).join('');
    assert.equal(streamed, 'red plain\n');
    assert.ok(events.every((e) => e.type !== 'commandOutputStreamed' || e.callId === 'call-1'));
  });

  it('command fault: invalid UTF-8 becomes replacement characters', async () => {
    const { ctx } = createTestContext({ root: tmp.dir, settings: auto });
    const result = await callTool(runCommandTool, { command: "printf 'bad \\377 byte'" }, ctx);
    assert.match(result.output, /bad \uFFFD byte$/);
  });

  it('command fault: never exits — the timeout kills it and the model is told', async () => {
    const { ctx } = createTestContext({ root: tmp.dir, settings: auto });
    const result = await callTool(runCommandTool, { command: 'echo started; sleep 300', timeoutSeconds: 0.5 }, ctx);
    assert.equal(result.isError, true);
    assert.match(result.output, /Timed out after 0\.5 s: the command and every process it started were killed/);
    assert.match(result.output, /started/);
  });

  it('command fault: the requested timeout is capped by the commandTimeoutMs setting', async () => {
    const { ctx } = createTestContext({ root: tmp.dir, settings: { ...auto, commandTimeoutMs: 400 } });
    const result = await callTool(runCommandTool, { command: 'sleep 300', timeoutSeconds: 3600 }, ctx);
    assert.match(result.output, /Timed out after 0\.4 s/);
  });

  it('command fault: waits for input — stdin is closed, so it gets end-of-file instead of hanging', async () => {
    const { ctx } = createTestContext({ root: tmp.dir, settings: auto });
    const result = await callTool(runCommandTool, { command: 'read -r -p "Continue? " answer || echo "no input"' }, ctx);
    assert.match(result.output, /Exit code: 0/);
    assert.match(result.output, /no input/);
  });

  it('command fault: floods output — capped by maxCommandOutputBytes with a note, head and tail kept', async () => {
    const { ctx } = createTestContext({ root: tmp.dir, settings: { ...auto, maxCommandOutputBytes: 8192 } });
    const result = await callTool(runCommandTool, { command: 'seq 1 500000' }, ctx);
    assert.match(result.output, /passed the 8 KB cap/);
    assert.match(result.output, /--- output ---\n1\n2\n3\n/);
    assert.match(result.output, /499999\n500000$/);
    assert.ok(result.output.length < 10_000);
  });

  it('command fault: a background child does not keep the call waiting', async () => {
    const { ctx } = createTestContext({ root: tmp.dir, settings: auto });
    const result = await callTool(runCommandTool, { command: 'sleep 300 & echo left-running', timeoutSeconds: 20 }, ctx);
    assert.doesNotMatch(result.output, /Timed out/);
    assert.match(result.output, /Exit code: 0/);
  });

  it('Stop while a command runs: cancelled, and the model is told', async () => {
    const controller = new AbortController();
    const { ctx } = createTestContext({ root: tmp.dir, settings: auto, signal: controller.signal });
    ctx.emit = (event) => { if (event.type === 'commandOutputStreamed') controller.abort(); };
    const result = await runCommandTool.run({ command: 'echo go; sleep 300' }, ctx);
    assert.equal(result.isError, true);
    assert.match(result.output, /Cancelled: the task was stopped/);
  });

  it('says when there is no output', async () => {
    const { ctx } = createTestContext({ root: tmp.dir, settings: auto });
    assert.match((await callTool(runCommandTool, { command: 'true' }, ctx)).output, /--- output ---\n\(no output\)$/);
  });
});
