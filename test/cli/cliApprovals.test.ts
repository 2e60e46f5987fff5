/**
 * Answers at the terminal's approval prompts: unclear answers are asked again, Enter takes the shown default
 * (no) and says so, a closed stdin is said once instead of printing prompts to nobody, and --yes covers a
 * goal's own --check even when the command analyzer would ask about it. Run `npm run build` first.
 */
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { ScriptedServer } from '../support/scriptedServer';
import { fixMonth, jsonEvents, runCli, useCliFixture } from './cliHarness';

describe('auto-agent run: answering approvals', function () {
  this.timeout(90_000);
  const fixture = useCliFixture();
  let server: ScriptedServer, repo: string, cache: string;
  beforeEach(() => {
    ({ server, repo, cache } = fixture);
  });

  it('asks again on an unclear answer, and says that Enter (the shown default) means no', async () => {
    server.enqueue(
      { toolCalls: [fixMonth] },
      { toolCalls: [{ name: 'run_command', arguments: { command: 'echo hello' } }] },
    );
    const result = await runCli(['run', '-w', repo, '-g', 'Fix dates', '--base-url', server.url, '-m', 'test-model', '--max-steps', '2'], { env: { XDG_CACHE_HOME: cache }, stdin: 'yy\ny\n\n' });
    assert.match(result.stderr, /\(Enter: no\)/, 'the prompt shows the default');
    assert.match(result.stderr, /"yy" is not an answer/);
    assert.match(readFileSync(path.join(repo, 'src/date.js'), 'utf8'), /getUTCMonth\(\) \+ 1/, 'the "y" typed after the re-ask approved the edit');
    assert.match(result.stderr, /Not approved \(Enter means no\)/);
    const toModel = JSON.stringify(server.requests[1].body.messages);
    assert.doesNotMatch(toModel, /rejected this: yy/, 'an unclear answer is never sent as a reason');
    assert.doesNotMatch(JSON.stringify(server.requests.map((r) => r.body.messages)), /rejected this: yy/);
  });

  it('with stdin closed, says once that approvals are refused instead of printing prompts', async () => {
    server.enqueue({ toolCalls: [fixMonth] }, { toolCalls: [{ name: 'run_command', arguments: { command: 'echo hello' } }] });
    const result = await runCli(['run', '-w', repo, '-g', 'Fix dates', '--base-url', server.url, '-m', 'test-model', '--max-steps', '2'], { env: { XDG_CACHE_HOME: cache } });
    assert.equal(result.stderr.match(/stdin is closed/g)?.length, 1, result.stderr);
    assert.doesNotMatch(result.stderr, /\[y\]es/, 'no prompt nobody can answer');
    assert.match(result.stderr, /Refused without asking: modify src\/date\.js/);
    assert.match(readFileSync(path.join(repo, 'src/date.js'), 'utf8'), /getUTCMonth\(\);/);
  });

  it('--yes covers a goal\'s own --check, even one the command analyzer asks about, with stdin closed', async () => {
    server.enqueue({ toolCalls: [fixMonth] }, { toolCalls: [{ name: 'finish', arguments: { summary: 'fixed' } }] });
    const check = 'node -e "process.exit(require(\'./src/date\').month(new Date(\'2026-03-15T00:00:00Z\')) === 3 ? 0 : 1)"';
    const result = await runCli(['run', '-w', repo, '-g', 'Fix dates', '--check', check, '--base-url', server.url, '-m', 'test-model', '--yes', '--max-steps', '4', '--json'], { env: { XDG_CACHE_HOME: cache } });
    assert.equal(result.code, 0, result.stderr);
    const events = jsonEvents(result.stdout);
    assert.ok(!events.some((e) => e.type === 'approvalRequested'), 'nothing asked');
    assert.ok(events.some((e) => e.type === 'verificationRan' && e.command === check && e.passed));
    assert.deepEqual(events.filter((e) => e.type === 'taskFinished').map((e) => [e.reason, e.isVerified]), [['completed', true]]);
  });
});
