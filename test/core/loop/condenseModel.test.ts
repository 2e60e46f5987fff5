/**
 * A model per role: condensing may use its own model (here the native Anthropic adapter while the task runs on
 * the OpenAI-compatible one). The deterministic fact lines stay the floor: the model's summary is added beside
 * them, fenced as data, and when the condensing model fails the lines are still all there.
 */
import { strict as assert } from 'node:assert';
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { AnthropicLlmClient } from '../../../src/core/llm/anthropicClient';
import { startAnthropicServer, type AnthropicServer } from '../../support/anthropicServer';
import { createHarness, sentText, type Harness } from './loopHarness';

const read = (file: string) => ({ toolCalls: [{ name: 'read_file', arguments: { path: file } }] });
const finish = { toolCalls: [{ name: 'finish', arguments: { summary: 'Read them all.' } }] };

describe('condensing with its own model', () => {
  let h: Harness;
  let condenser: AnthropicServer;
  beforeEach(async () => {
    h = await createHarness();
    condenser = await startAnthropicServer();
    for (const name of ['a', 'b', 'c', 'd']) writeFileSync(path.join(h.dir, `${name}.txt`), `${`${name} line of filler text\n`.repeat(900)}`);
  });
  afterEach(async () => {
    await h.close();
    await condenser.close();
  });
  const condenseLlm = (): AnthropicLlmClient => new AnthropicLlmClient({ baseUrl: condenser.url, apiKey: 'sk-ant-condense-0123456789', model: 'claude-haiku-4-5', maxRetries: 0 });
  const run = () => h.run({ settings: { contextWindow: 20_000 }, extra: { condenseLlm: condenseLlm() } });

  it('summarises the condensed rounds with the condensing model, beside the deterministic lines', async () => {
    h.server.enqueue(read('a.txt'), read('b.txt'), read('c.txt'), read('d.txt'), finish);
    condenser.enqueue({ text: 'Read a.txt: 900 filler lines, nothing relevant.' });
    const { outcome, events } = await run();
    assert.equal(outcome.reason, 'completed', outcome.summary);
    const condensed = events.find((e) => e.type === 'contextCondensed');
    assert.equal(condensed?.type === 'contextCondensed' ? condensed.summarizedBy : undefined, 'claude-haiku-4-5');
    const asked = JSON.stringify(condenser.requests[0]?.body);
    assert.match(asked, /You summarise the earlier part of a coding agent/);
    assert.match(asked, /calls read_file \{\\"path\\":\\"a\.txt\\"\}/, 'the condensed round is in the transcript it gets');
    const after = h.server.requests.findIndex((_, i) => sentText(h.server, i).includes('Read a.txt: 900 filler lines'));
    assert.ok(after > 0, 'a later request carries the model summary');
    const sent = sentText(h.server, after);
    assert.match(sent, /Summary of earlier work.*read_file/, 'the deterministic lines are still there');
    assert.match(sent, /summarised by claude-haiku-4-5.*<tool_result tool=\\"condense\\"/, 'the summary is fenced as data');
  });

  it('a failing condensing model leaves the deterministic lines: nothing measurable is lost', async () => {
    h.server.enqueue(read('a.txt'), read('b.txt'), read('c.txt'), read('d.txt'), finish);
    condenser.enqueue({ fail: { status: 500, message: 'down' } }, { fail: { status: 500, message: 'down' } }, { fail: { status: 500, message: 'down' } });
    const { outcome, events } = await run();
    assert.equal(outcome.reason, 'completed', outcome.summary);
    const condensed = events.find((e) => e.type === 'contextCondensed');
    assert.ok(condensed && condensed.type === 'contextCondensed' && condensed.summarizedBy === undefined);
    const last = sentText(h.server, h.server.requests.length - 1);
    assert.match(last, /Summary of earlier work.*read_file/);
    assert.doesNotMatch(last, /summarised by/);
  });
});
