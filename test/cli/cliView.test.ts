/**
 * The terminal view of a run: live command output while it runs, a ✗ for a failed test run, a long goal
 * clipped on the header, the closing summary (files changed, checks run), --verbose and --quiet. The built
 * CLI as a child process against the scripted model. Run `npm run build` first (npm test does).
 */
import { strict as assert } from 'node:assert';
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import type { ScriptedServer } from '../support/scriptedServer';
import { fixMonth, runCli, startCli, useCliFixture } from './cliHarness';

describe('auto-agent run: what the terminal shows', function () {
  this.timeout(90_000);
  const fixture = useCliFixture();
  let server: ScriptedServer, repo: string, cache: string;
  beforeEach(() => {
    ({ server, repo, cache } = fixture);
  });

  it('shows command output live, marks a failed test run ✗, clips a long goal and closes with files changed and checks', async () => {
    writeFileSync(path.join(repo, 'slow.js'), "console.log('tick 1');\nsetTimeout(() => console.log('tick 2'), 4000);\n");
    server.enqueue(
      { toolCalls: [{ name: 'run_command', arguments: { command: 'node slow.js' } }] },
      { toolCalls: [{ name: 'run_tests', arguments: {} }] },
      { toolCalls: [fixMonth] },
    );
    const goal = `Fix the dates. ${'Lots of context. '.repeat(6000)}`;
    const run = startCli(['run', '-w', repo, '-g', goal, '--base-url', server.url, '-m', 'test-model', '--yes', '--max-steps', '3'], { env: { XDG_CACHE_HOME: cache } });
    await run.waitFor(/tick 1/, 60_000);
    assert.doesNotMatch(run.stdout(), /tick 2/, 'the first line shows while the command still runs');
    const code = await run.exited;
    const out = run.stdout();
    assert.equal(code, 1, run.stderr());
    assert.ok(out.length < 20_000, `the ${goal.length}-character goal is not echoed whole`);
    assert.match(out, /Goal 1: Fix the dates\. Lots of context\..*… \(\d+ more characters\)/);
    assert.match(out, /→ run_tests \{\}\n(?:.*\n)*?  ✗ /, 'the failed test run is marked ✗');
    assert.doesNotMatch(out, /✓ [^\n]*\n[^\n]*Result: FAILED/);
    assert.match(out, /Files changed \(1\): src\/date\.js/);
    assert.match(out, /Checks: ✗ npm test/);
  });

  it('--verbose adds the endpoint, the policy and each model call; --quiet keeps only the outcome', async () => {
    server.setFallback(() => ({ toolCalls: [{ name: 'read_file', arguments: { path: 'src/date.js' } }] }));
    const verbose = await runCli(['run', '-w', repo, '-g', 'Fix dates', '--base-url', server.url, '-m', 'test-model', '--max-steps', '1', '--verbose'], { env: { XDG_CACHE_HOME: cache } });
    assert.match(verbose.stderr, new RegExp(`Endpoint: openai ${server.url.replace(/[.]/g, '\\.')} · model test-model`));
    assert.match(verbose.stderr, /Approvals: read=auto edit=ask execute=ask network=ask/);
    assert.match(verbose.stdout, /model call: 100 prompt \(0 cached\) \+ 20 completion tokens/);
    const quiet = await runCli(['run', '-w', repo, '-g', 'Fix dates', '--base-url', server.url, '-m', 'test-model', '--max-steps', '1', '--quiet'], { env: { XDG_CACHE_HOME: cache } });
    assert.doesNotMatch(quiet.stdout, /→ read_file|Auto Agent ·/);
    // The one line before the outcome: test-model has no price, and --quiet still says so.
    assert.match(quiet.stdout, /^Warning: Cost cannot be measured for model test-model[^\n]*\n\nStopped \(max steps\)/);
  });
});
