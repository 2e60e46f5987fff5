/**
 * `--resume` as a user meets it: run from another folder, the task continues in its own workspace, in the
 * same transcript, with its token totals carried on; `auto-agent tasks` lists it. Run `npm run build` first.
 */
import { strict as assert } from 'node:assert';
import { readFileSync, realpathSync } from 'node:fs';
import * as path from 'node:path';
import type { ScriptedServer } from '../support/scriptedServer';
import { fixMonth, jsonEvents, onlyTranscript, runCli, useCliFixture, type TempDir } from './cliHarness';

describe('auto-agent run --resume', function () {
  this.timeout(120_000);
  const fixture = useCliFixture();
  let server: ScriptedServer, tmp: TempDir, repo: string, cache: string;
  beforeEach(() => {
    ({ server, tmp, repo, cache } = fixture);
  });

  it('resumes in the task\'s own workspace from another folder, in the same transcript, keeping the token totals', async () => {
    server.enqueue({ toolCalls: [{ name: 'update_plan', arguments: { steps: [{ text: 'Fix month()', status: 'in_progress' }] } }], usage: { prompt_tokens: 1000, completion_tokens: 200 } });
    const first = await runCli(['run', '-w', repo, '-g', 'Fix the month bug', '--base-url', server.url, '-m', 'test-model', '--yes', '--max-steps', '1', '--json'], { env: { XDG_CACHE_HOME: cache } });
    assert.equal(first.code, 1, first.stderr);
    const taskId = jsonEvents(first.stdout)[0].taskId as string;

    const tasks = await runCli(['tasks'], { env: { XDG_CACHE_HOME: cache } });
    assert.equal(tasks.code, 0, tasks.stderr);
    assert.match(tasks.stdout, new RegExp(`${taskId}.*stopped \\(max steps\\).*1200 tokens.*${path.basename(repo)}\\n\\s+Fix the month bug`));

    server.enqueue(
      { toolCalls: [fixMonth], usage: { prompt_tokens: 1100, completion_tokens: 10 } },
      { toolCalls: [{ name: 'finish', arguments: { summary: 'fixed' } }], usage: { prompt_tokens: 1200, completion_tokens: 10 } },
    );
    const elsewhere = tmp.dir;
    const second = await runCli(['run', '--resume', taskId, '--base-url', server.url, '-m', 'test-model', '--yes', '--json'], { cwd: elsewhere, env: { XDG_CACHE_HOME: cache } });
    assert.equal(second.code, 0, second.stderr);
    const events = jsonEvents(second.stdout);
    assert.equal(events[0].workspace, realpathSync(repo), 'the task\'s own workspace, not the current folder');
    assert.match(readFileSync(path.join(repo, 'src/date.js'), 'utf8'), /getUTCMonth\(\) \+ 1/);
    const totals = events.filter((e) => e.type === 'usageUpdated').map((e) => (e.total as { promptTokens: number; completionTokens: number }));
    const last = totals[totals.length - 1];
    assert.equal(last.promptTokens + last.completionTokens, 1200 + 1110 + 1210, 'the totals count the whole task');
    assert.equal(onlyTranscript(cache).filter((r) => r.event?.type === 'taskStarted').length, 2, 'both runs are in the one transcript');

    const list = await runCli(['checkpoints', 'list', '--workspace', repo], { env: { XDG_CACHE_HOME: cache } });
    const checkpointId = /^\s+([0-9a-f]{12})\s/m.exec(list.stdout)?.[1];
    assert.ok(checkpointId, list.stdout);
    const missing = await runCli(['checkpoints', 'restore', checkpointId, '--file', 'nope.js'], { cwd: repo, env: { XDG_CACHE_HOME: cache } });
    assert.equal(missing.code, 1, 'restoring a file that is in neither place is an error');
    assert.match(missing.stderr, /nope\.js is neither in checkpoint/);
  });
});
