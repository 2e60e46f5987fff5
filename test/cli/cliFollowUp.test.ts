/**
 * The follow-up prompt in a real pseudo-terminal: after a task ends, a new instruction continues the same
 * conversation (the model sees the earlier rounds and the instruction), and Enter quits. Without a terminal
 * there is no prompt. Run `npm run build` first (npm test does).
 */
import { strict as assert } from 'node:assert';
import type { ScriptedServer } from '../support/scriptedServer';
import { fixMonth, onlyTranscript, runCli, startCli, useCliFixture } from './cliHarness';

describe('auto-agent run: the follow-up prompt', function () {
  this.timeout(120_000);
  const fixture = useCliFixture();
  let server: ScriptedServer, repo: string, cache: string;
  beforeEach(() => {
    ({ server, repo, cache } = fixture);
  });

  it('continues the same conversation with a new instruction typed at the terminal, and quits on Enter', async () => {
    server.enqueue(
      { toolCalls: [fixMonth] },
      { toolCalls: [{ name: 'finish', arguments: { summary: 'month() is 1-based now' } }] },
      { toolCalls: [{ name: 'finish', arguments: { summary: 'nothing else to change' } }] },
    );
    const run = startCli(['run', '-w', repo, '-g', 'Fix dates', '--base-url', server.url, '-m', 'test-model', '--yes', '--no-memory'], { env: { XDG_CACHE_HOME: cache }, isPty: true });
    await run.waitFor(/Follow up on this task[^\n]*\n> $/, 60_000);
    assert.match(run.output(), /✓ Done \(verified\)/);
    const mark = run.output().length;
    run.type('Also check leap years\r');
    await run.waitFor(/Follow up on this task[^\n]*\n> $/, 60_000, mark);
    run.type('\r');
    assert.equal(await run.exited, 0, run.output());
    const third = JSON.stringify(server.requests[2].body.messages);
    assert.match(third, /Follow-up from the user: Also check leap years/);
    assert.match(third, /getUTCMonth\(\) \+ 1/, 'the earlier rounds are in the conversation');
    assert.equal(onlyTranscript(cache).filter((r) => r.event?.type === 'taskFinished').length, 2, 'one task, one transcript');
  });

  it('asks nothing after the task when stdin is not a terminal', async () => {
    server.enqueue({ toolCalls: [fixMonth] }, { toolCalls: [{ name: 'finish', arguments: { summary: 'fixed' } }] });
    const result = await runCli(['run', '-w', repo, '-g', 'Fix dates', '--base-url', server.url, '-m', 'test-model', '--yes'], { env: { XDG_CACHE_HOME: cache } });
    assert.equal(result.code, 0, result.stderr);
    assert.doesNotMatch(result.stderr, /Follow up/);
  });
});
