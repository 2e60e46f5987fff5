/**
 * Provider metadata through the engine: what a server attached to a turn (Gemini's thought signature,
 * DeepSeek's reasoning) survives the JSONL transcript and a resume, and goes back to that server.
 */
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { loadResumeState } from '../../../src/core/loop/resume';
import { NodeStore } from '../../../src/node/nodeStore';
import { createHarness, type Harness } from '../loop/loopHarness';
import { deepSeekProfile, geminiProfile } from '../../support/hostedProfiles';
import { script, seedWorkspace } from '../../support/matrixTask';
import type { MatrixProfile } from '../../support/profileKit';

const oneStep = { maxSteps: 1, maxTokens: Infinity, maxCostUsd: Infinity, maxWallMs: Infinity };
const goals = [{ text: 'Fix add in src/math.js so that test.js passes', successCriterion: 'node test.js' }];

describe('provider metadata across a transcript and a resume', () => {
  let h: Harness;
  afterEach(async () => { await h.close(); });

  async function stopAfterFirstTurnThenResume(profile: MatrixProfile): Promise<void> {
    h = await createHarness({ profile, llm: (server) => ({ baseUrl: server.url.replace(/\/v1$/, '') + profile.basePath, model: profile.model }) });
    seedWorkspace(h.dir);
    const settings = { model: profile.model, testCommand: 'node test.js' };
    h.server.enqueue(script[0]);
    const first = await h.run({ goals, settings: { ...settings, budgets: oneStep } });
    assert.equal(first.outcome.reason, 'max_steps');
    const state = await loadResumeState(new NodeStore(h.storeDir), first.outcome.taskId);
    assert.ok(state, 'the transcript holds the conversation');
    h.server.enqueue(...script.slice(1));
    const resumed = await h.run({ goals: state.goals, settings, extra: { resume: state.resume } });
    const errors = resumed.events.flatMap((e) => (e.type === 'errorOccurred' ? [e.message] : []));
    assert.deepEqual(errors, []);
    assert.equal(resumed.outcome.reason, 'completed', resumed.outcome.summary);
    assert.match(readFileSync(path.join(h.dir, 'src/math.js'), 'utf8'), /a \+ b/);
  }

  it("Gemini's thought signature goes back with its call after a resume", async () => {
    await stopAfterFirstTurnThenResume(geminiProfile());
    const resumedRequest = h.server.requests[1].body.messages ?? [];
    const call = resumedRequest.find((m) => m.role === 'assistant')?.tool_calls?.[0];
    assert.ok((call?.extra_content as { google?: { thought_signature?: string } } | undefined)?.google?.thought_signature);
  });

  it("DeepSeek's reasoning_content goes back with its tool turn after a resume", async () => {
    await stopAfterFirstTurnThenResume(deepSeekProfile());
    const turn = (h.server.requests[1].body.messages ?? []).find((m) => m.role === 'assistant');
    assert.equal(turn?.reasoning_content, script[0].reasoning);
  });
});
