/**
 * The server matrix: one scripted task through the real engine (read two files in one turn, edit, run the tests,
 * verified finish), once per server family, each against a scripted server speaking that family's dialect
 * (`test/support/*Profiles.ts`). The README's table of servers is what this file keeps true.
 */
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { createHarness, type Harness } from '../loop/loopHarness';
import { eventsOfStep, reasoning, script, seedWorkspace } from '../../support/matrixTask';
import { matrixProfiles } from '../../support/serverMatrix';
import { serverTable } from '../../support/serverTable';

describe('the server matrix: one task on every OpenAI-compatible server family', () => {
  for (const makeProfile of matrixProfiles) {
    const profile = makeProfile();
    describe(profile.name, () => {
      let h: Harness;
      const logged: string[] = [];
      beforeEach(async () => {
        logged.length = 0;
        h = await createHarness({
          profile: makeProfile(),
          llm: (server) => ({ baseUrl: server.url.replace(/\/v1$/, '') + profile.basePath, model: profile.model, log: (m) => logged.push(m), ...profile.clientOptions }),
        });
        seedWorkspace(h.dir);
      });
      afterEach(async () => { await h.close(); });

      it('reads two files in one turn, edits, runs the tests and finishes verified', async () => {
        h.server.enqueue(...script);
        const { outcome, events } = await h.run({
          goals: [{ text: 'Fix add in src/math.js so that test.js passes', successCriterion: 'node test.js' }],
          settings: { model: profile.model, testCommand: 'node test.js' },
        });
        const errors = events.filter((e) => e.type === 'errorOccurred').map((e) => e.message);
        assert.deepEqual(errors, [], 'no model errors');
        assert.equal(outcome.reason, 'completed', outcome.summary);
        assert.equal(outcome.isVerified, true);
        assert.match(readFileSync(path.join(h.dir, 'src/math.js'), 'utf8'), /return a \+ b;/);
        const reads = eventsOfStep(events, 1).flatMap((e) => (e.type === 'toolCallCompleted' ? [e] : []));
        assert.deepEqual(reads.map((e) => [e.name, e.isError]), [['read_file', false], ['read_file', false]], 'both files read in the first turn');
        assert.match(reads[0].output, /function add/);
        assert.match(reads[1].output, /assert\.equal/);
        const failedTools = events.flatMap((e) => (e.type === 'toolCallCompleted' && e.isError ? [`${e.name}: ${e.output}`] : []));
        assert.deepEqual(failedTools, [], 'every tool call succeeded');
        // Azure's old API version sends no streamed usage once `stream_options` is left out.
        if (!profile.adapts?.includes('stream_options')) assert.ok(outcome.usage.promptTokens > 0, 'usage is counted');
        const adapted = logged.map((m) => /"([a-z_]+)"/.exec(m)?.[1]);
        assert.deepEqual(adapted, profile.adapts ?? [], 'each rejected parameter is logged once, then left out');
      });

      it(profile.showsThinking ? 'shows the reasoning as thinking, apart from the answer, and counts it' : 'streams the answer text (this server sends no reasoning)', async () => {
        h.server.enqueue(...script);
        const { events } = await h.run({ goals: [{ text: 'Fix add', successCriterion: 'node test.js' }], settings: { model: profile.model, testCommand: 'node test.js' } });
        const thinking = eventsOfStep(events, 1).flatMap((e) => (e.type === 'thinkingStreamed' ? [e.text] : [])).join('');
        const answer = eventsOfStep(events, 1).flatMap((e) => (e.type === 'assistantMessageCompleted' ? [e.text] : [])).join('');
        if (profile.showsThinking) assert.equal(thinking.trim(), reasoning);
        else assert.equal(thinking, '');
        const reported = events.flatMap((e) => (e.type === 'usageUpdated' && e.request.reasoningTokens ? [e.request.reasoningTokens] : []));
        if (profile.reportsReasoningTokens) assert.ok(reported.length > 0, 'reasoning tokens are counted in usage');
        assert.equal(answer, 'Reading the code and its test.');
      });
    });
  }

  describe('Anthropic (the native adapter, the same scripted task)', () => {
    let h: Harness;
    beforeEach(async () => {
      h = await createHarness({ provider: 'anthropic' });
      seedWorkspace(h.dir);
    });
    afterEach(async () => { await h.close(); });

    it('reads two files in one turn, edits, runs the tests and finishes verified, reading the prompt from the cache', async () => {
      h.server.enqueue(...script);
      const { outcome, events } = await h.run({
        goals: [{ text: 'Fix add in src/math.js so that test.js passes', successCriterion: 'node test.js' }],
        settings: { model: 'claude-sonnet-4-5', testCommand: 'node test.js' },
      });
      assert.deepEqual(events.filter((e) => e.type === 'errorOccurred').map((e) => e.message), [], 'no model errors');
      assert.equal(outcome.reason, 'completed', outcome.summary);
      assert.equal(outcome.isVerified, true);
      assert.match(readFileSync(path.join(h.dir, 'src/math.js'), 'utf8'), /return a \+ b;/);
      const reads = eventsOfStep(events, 1).flatMap((e) => (e.type === 'toolCallCompleted' ? [e] : []));
      assert.deepEqual(reads.map((e) => [e.name, e.isError]), [['read_file', false], ['read_file', false]], 'both files read in the first turn');
      const thinking = eventsOfStep(events, 1).flatMap((e) => (e.type === 'thinkingStreamed' ? [e.text] : [])).join('');
      assert.equal(thinking.trim(), reasoning);
      assert.ok(outcome.usage.cachedTokens > 0, 'later steps read the prompt from the cache');
      assert.ok(outcome.usage.costUsd > 0, 'priced');
    });
  });

  it('is the table of servers in the README', () => {
    const readme = readFileSync(path.join(__dirname, '../../../README.md'), 'utf8');
    const table = /<!-- servers:start -->\n([\s\S]*?)\n<!-- servers:end -->/.exec(readme)?.[1];
    assert.equal(table, serverTable(), 'README table of servers differs from the matrix profiles: render it from test/support/serverTable.ts');
  });
});
