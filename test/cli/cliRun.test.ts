/**
 * The CLI end to end: the built dist/cli.js as a child process, on a real temporary git repository, against the
 * scripted server. Run `npm run build` first (npm test does).
 */
import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { ScriptedServer } from '../support/scriptedServer';
import { runCli, useCliFixture } from './cliHarness';

describe('auto-agent CLI (dist/cli.js as a child process)', function () {
  this.timeout(60_000);
  const fixture = useCliFixture();
  let server: ScriptedServer, repo: string, cache: string;
  beforeEach(() => {
    ({ server, repo, cache } = fixture);
  });

  it('completes a scripted task that edits a file and runs its tests, exits 0, and leaves a JSONL transcript', async () => {
    server.enqueue(
      { toolCalls: [{ name: 'update_plan', arguments: { steps: [{ text: 'Find the bug', status: 'in_progress' }, { text: 'Fix month()', status: 'pending' }, { text: 'Run the tests', status: 'pending' }] } }] },
      { toolCalls: [{ name: 'read_file', arguments: { path: 'src/date.js' } }] },
      { text: 'getUTCMonth is 0-based; add one.', toolCalls: [{ name: 'edit_file', arguments: { path: 'src/date.js', edits: [{ search: '  return date.getUTCMonth();', replace: '  return date.getUTCMonth() + 1;' }] } }] },
      { toolCalls: [{ name: 'run_tests', arguments: {} }] },
      { toolCalls: [{ name: 'finish', arguments: { summary: 'month() now returns 1-based months; tests pass.' } }] },
    );
    const result = await runCli(['run', '--workspace', repo, '--goal', 'Make the failing date test pass', '--base-url', server.url, '--model', 'test-model', '--yes', '--json'], { env: { XDG_CACHE_HOME: cache } });
    assert.equal(result.code, 0, `exit code; stderr:\n${result.stderr}`);
    assert.match(readFileSync(path.join(repo, 'src/date.js'), 'utf8'), /getUTCMonth\(\) \+ 1/);
    const events = result.stdout.trim().split('\n').map((line) => JSON.parse(line) as { type: string; reason?: string; isVerified?: boolean; passed?: boolean });
    assert.equal(events[0].type, 'taskStarted');
    assert.ok(events.some((e) => e.type === 'changeApplied'));
    assert.ok(events.some((e) => e.type === 'verificationRan' && e.passed));
    const last = events[events.length - 1];
    assert.deepEqual([last.type, last.reason, last.isVerified], ['taskFinished', 'completed', true]);
    const tasks = readdirSync(path.join(cache, 'auto-agent', 'tasks'));
    assert.equal(tasks.length, 1);
    const transcript = readFileSync(path.join(cache, 'auto-agent', 'tasks', tasks[0]), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { kind: string });
    assert.ok(transcript.some((r) => r.kind === 'message') && transcript.some((r) => r.kind === 'event'));
    assert.match(result.stderr, /Transcript: .*\.jsonl/);
    const [system, mapMessage] = server.requests[0].body.messages ?? [];
    assert.match(JSON.stringify(mapMessage), /Repository map.*<tool_result tool=\\"repo_map\\".*src\/date\.js/, 'the prompt carries the repo map, fenced as data');
    assert.doesNotMatch(JSON.stringify(system), /src\/date\.js/, 'and not in the system prompt');
    const checkpoints = await runCli(['checkpoints', 'list', '--workspace', repo], { env: { XDG_CACHE_HOME: cache } });
    assert.equal(checkpoints.code, 0, checkpoints.stderr);
    assert.match(checkpoints.stdout, /edit_file src\/date\.js/, 'a checkpoint after the applied change');
  });

  it('refuses a finish while the tests fail and exits 1 when the budget runs out', async () => {
    server.enqueue({ toolCalls: [{ name: 'finish', arguments: { summary: 'All done!' } }] });
    server.setFallback(() => ({ toolCalls: [{ name: 'read_file', arguments: { path: `src/date.js` } }] }));
    const result = await runCli(['run', '-w', repo, '-g', 'Fix dates', '--base-url', server.url, '-m', 'test-model', '--yes', '--max-steps', '3'], { env: { XDG_CACHE_HOME: cache } });
    assert.equal(result.code, 1);
    assert.match(result.stdout, /Finish refused/);
    assert.match(result.stdout, /Stopped \(max steps\)/);
  });

  it('asks on the terminal and sends a rejection reason back to the model', async () => {
    server.enqueue(
      { toolCalls: [{ name: 'edit_file', arguments: { path: 'src/date.js', edits: [{ search: '  return date.getUTCMonth();', replace: '  return 3;' }] } }] },
      { toolCalls: [{ name: 'finish', arguments: { summary: 'gave up' } }] },
    );
    const result = await runCli(['run', '-w', repo, '-g', 'Fix dates', '--base-url', server.url, '-m', 'test-model', '--max-steps', '2'], { env: { XDG_CACHE_HOME: cache }, stdin: 'n do not hard-code the month\n' });
    assert.match(result.stderr, /Approve\? modify src\/date\.js/);
    assert.match(JSON.stringify(server.requests[1].body.messages), /do not hard-code the month/);
    assert.match(readFileSync(path.join(repo, 'src/date.js'), 'utf8'), /getUTCMonth\(\);/);
  });

  it('resumes a stopped task from its transcript with --resume', async () => {
    server.enqueue({ toolCalls: [{ name: 'update_plan', arguments: { steps: [{ text: 'Fix month()', status: 'in_progress' }] } }] });
    const first = await runCli(['run', '-w', repo, '-g', 'Fix the month bug', '--base-url', server.url, '-m', 'test-model', '--yes', '--max-steps', '1', '--json'], { env: { XDG_CACHE_HOME: cache } });
    assert.equal(first.code, 1);
    const taskId = (JSON.parse(first.stdout.split('\n')[0]) as { taskId: string }).taskId;
    server.enqueue(
      { toolCalls: [{ name: 'edit_file', arguments: { path: 'src/date.js', edits: [{ search: '  return date.getUTCMonth();', replace: '  return date.getUTCMonth() + 1;' }] } }] },
      { toolCalls: [{ name: 'finish', arguments: { summary: 'fixed' } }] },
    );
    const second = await runCli(['run', '-w', repo, '--resume', taskId, '--base-url', server.url, '-m', 'test-model', '--yes'], { env: { XDG_CACHE_HOME: cache } });
    assert.equal(second.code, 0, second.stderr);
    const resumedMessages = JSON.stringify(server.requests[1].body.messages);
    assert.match(resumedMessages, /Fix the month bug/, 'the goals come back from the transcript');
    assert.match(resumedMessages, /update_plan/, 'so does the earlier conversation');
    assert.match(second.stdout, /Plan.*\n.*Fix month\(\)/, 'and the plan');
    const missing = await runCli(['run', '-w', repo, '--resume', 'no-such-task', '--base-url', server.url, '-m', 'test-model'], { env: { XDG_CACHE_HOME: cache } });
    assert.equal(missing.code, 2);
  });

  it('explains how to configure an endpoint when none is set, and exits 2', async () => {
    const result = await runCli(['run', '-g', 'anything'], { cwd: repo, env: { XDG_CACHE_HOME: cache } });
    assert.equal(result.code, 2);
    assert.match(result.stderr, /No model endpoint is configured/);
    assert.match(result.stderr, /OPENAI_BASE_URL=http:\/\/localhost:11434\/v1/);
  });

  it('rejects an API key on the command line, and bad usage, with exit 2', async () => {
    assert.equal((await runCli(['run', '-g', 'x', '--api-key', 'sk-abc'], { cwd: repo })).code, 2);
    assert.equal((await runCli(['run', '--max-steps', 'lots', '-g', 'x'], { cwd: repo })).code, 2);
    assert.equal((await runCli(['run'], { cwd: repo })).code, 2);
  });

  it('exits 2 when the endpoint rejects the key', async () => {
    server.enqueue({ fail: { status: 401 } });
    const result = await runCli(['run', '-w', repo, '-g', 'x', '--base-url', server.url, '-m', 'test-model', '--yes'], { env: { XDG_CACHE_HOME: cache, OPENAI_API_KEY: 'sk-wrong-key-000000000000' } });
    assert.equal(result.code, 2);
    assert.match(result.stdout, /rejected the API key/);
    assert.ok(!result.stdout.includes('sk-wrong-key-000000000000') && !result.stderr.includes('sk-wrong-key-000000000000'));
  });

  it('picks the endpoint\'s first model when none is given, and documents itself in --help', async () => {
    server.enqueue({ toolCalls: [{ name: 'finish', arguments: { summary: 'nothing to do' } }] });
    const result = await runCli(['run', '-w', repo, '-g', 'x', '--base-url', server.url, '--yes'], { env: { XDG_CACHE_HOME: cache } });
    assert.match(result.stderr, /using test-model/);
    assert.equal(server.requests[0].body.model, 'test-model');
    const help = await runCli(['run', '--help'], {});
    assert.equal(help.code, 0);
    for (const flag of ['--goal', '--check', '--workspace', '--model', '--base-url', '--max-steps', '--max-cost', '--yes', '--approve', '--json', 'OPENAI_API_KEY', 'Exit codes']) {
      assert.ok(help.stdout.includes(flag), `help mentions ${flag}`);
    }
  });
});
