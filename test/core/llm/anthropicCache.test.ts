/**
 * Prompt caching over a real 30-step task on the native Anthropic adapter, against the scripted server's model
 * of the cache (a marked prefix an earlier request marked is read; see test/support/anthropicServer.ts).
 */
import { strict as assert } from 'node:assert';
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { createHarness, type Harness } from '../loop/loopHarness';

describe('Anthropic prompt caching over a 30-step task', () => {
  let h: Harness;
  beforeEach(async () => { h = await createHarness({ provider: 'anthropic' }); });
  afterEach(async () => { await h.close(); });

  it('reads at least 80% of the input tokens from the cache, and the ephemeral reflection note never carries a breakpoint', async () => {
    for (let i = 0; i < 29; i++) writeFileSync(path.join(h.dir, `f${i}.txt`), `file ${i}\n`.repeat(20));
    const steps = Array.from({ length: 29 }, (_, i) => ({ text: `Reading f${i}.`, toolCalls: [{ name: 'read_file', arguments: { path: `f${i}.txt` } }] }));
    h.server.enqueue(...steps, { toolCalls: [{ name: 'finish', arguments: { summary: 'done' } }] });
    const { outcome } = await h.run({ settings: { model: 'claude-sonnet-4-5', budgets: { maxSteps: 40, maxTokens: 1e9, maxCostUsd: 100, maxWallMs: 120_000 } } });
    assert.equal(outcome.reason, 'completed', outcome.summary);
    assert.equal(outcome.steps, 30);
    const share = outcome.usage.cachedTokens / outcome.usage.promptTokens;
    assert.ok(share >= 0.8, `cache-read share ${share.toFixed(3)} (${outcome.usage.cachedTokens} of ${outcome.usage.promptTokens} input tokens)`);
    for (const request of h.server.requests) {
      const messages = request.body.messages as unknown as { content: { type: string; text?: string; cache_control?: unknown }[] }[];
      const marked = messages.flatMap((m) => m.content).filter((b) => b.cache_control);
      assert.ok(marked.every((b) => !/^(Your plan now|No plan yet)/.test(b.text ?? '')), 'no breakpoint on the reflection note');
    }
  });
});
