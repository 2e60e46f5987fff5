/**
 * Stopping the CLI while it waits on the user: Ctrl-C in a real pseudo-terminal at the finish-verification
 * approval, and SIGTERM, both end with a "Stopped" line, a taskFinished event in the transcript, the command
 * that resumes the task, and exit 1 (never a stack trace). Run `npm run build` first (npm test does).
 */
import { strict as assert } from 'node:assert';
import type { ScriptedServer } from '../support/scriptedServer';
import { onlyTranscript, startCli, useCliFixture } from './cliHarness';

describe('auto-agent run: Ctrl-C and SIGTERM stop cleanly at a prompt', function () {
  this.timeout(90_000);
  const fixture = useCliFixture();
  let server: ScriptedServer, repo: string, cache: string;
  beforeEach(() => {
    ({ server, repo, cache } = fixture);
    // The model asks to finish at once: the engine then asks before it runs the goal's own check.
    server.setFallback(() => ({ toolCalls: [{ name: 'finish', arguments: { summary: 'done' } }] }));
  });

  function assertStoppedCleanly(output: string, code: number | null): void {
    assert.equal(code, 1, output);
    assert.doesNotMatch(output, /AbortError|    at /, `no error or stack trace; output:\n${output}`);
    assert.match(output, /Stopped \(user stopped\)/);
    const events = onlyTranscript(cache).filter((r) => r.kind === 'event').map((r) => r.event as { type: string; reason?: string; taskId?: string });
    const last = events[events.length - 1];
    assert.deepEqual([last.type, last.reason], ['taskFinished', 'user_stopped'], 'the transcript ends with taskFinished');
    assert.ok(output.includes(`auto-agent run --resume ${events[0].taskId}`), 'says how to resume');
  }

  it('Ctrl-C at "Approve? Run: <the goal\'s check>" in a terminal ends with Stopped and a taskFinished event', async () => {
    const run = startCli(['run', '-w', repo, '-g', 'Fix dates', '--check', 'node --test test/', '--base-url', server.url, '-m', 'test-model'], { env: { XDG_CACHE_HOME: cache }, isPty: true });
    await run.waitFor(/Approve\? Run: node --test test\/[\s\S]*reason>[^\n]* : $/, 60_000);
    run.type('\x03');
    const code = await run.exited;
    assertStoppedCleanly(run.output(), code);
  });

  it('SIGTERM while an approval waits ends with Stopped and a taskFinished event', async () => {
    const run = startCli(['run', '-w', repo, '-g', 'Fix dates', '--check', 'node --test test/', '--base-url', server.url, '-m', 'test-model'], { env: { XDG_CACHE_HOME: cache } });
    await run.waitFor(/Approve\? Run: node --test test\//, 60_000);
    run.kill('SIGTERM');
    const code = await run.exited;
    assertStoppedCleanly(run.output(), code);
  });
});
