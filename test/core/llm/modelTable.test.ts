/** The model table: shipped facts per model, and the precedence of the user's overrides over what a provider reports. */
import * as assert from 'node:assert/strict';
import { modelInfoFor, priceFor } from '../../../src/core/llm/pricing';

describe('model table', () => {
  it('ships window, vision, tools and price for the common models of each provider', () => {
    const sonnet = modelInfoFor('claude-sonnet-4-5-20250929');
    assert.deepEqual({ window: sonnet.contextWindow, vision: sonnet.hasVision, tools: sonnet.hasTools, input: sonnet.price?.input }, { window: 200_000, vision: true, tools: true, input: 3 });
    const gpt = modelInfoFor('gpt-4.1-mini');
    assert.deepEqual({ window: gpt.contextWindow, vision: gpt.hasVision, output: gpt.price?.output }, { window: 1_047_576, vision: true, output: 1.6 });
    assert.equal(modelInfoFor('deepseek-chat').hasVision, false);
    assert.equal(modelInfoFor('gemini-2.5-pro').price?.input, 1.25);
  });

  it('a router\'s vendor/model name is the bare model', () => {
    assert.equal(modelInfoFor('anthropic/claude-haiku-4-5').price?.input, 1);
    assert.equal(modelInfoFor('openai/gpt-4o').contextWindow, 128_000);
  });

  it('an unknown model: 32k, no vision, tools assumed, price unknown (never 0)', () => {
    const info = modelInfoFor('my-local-coder:7b');
    assert.deepEqual(info, { contextWindow: 32_768, hasVision: false, hasTools: true, price: undefined });
  });

  it('marks families without tool calling, and the user can say otherwise', () => {
    assert.equal(modelInfoFor('codellama:13b').hasTools, false);
    assert.equal(modelInfoFor('codellama:13b', { models: { 'codellama:13b': { hasTools: true } } }).hasTools, true);
    assert.equal(modelInfoFor('deepseek-r1-distill-llama-70b').hasTools, true, 'a hosted distill calls tools');
  });

  it('precedence: the task\'s window, then the user\'s entry, then what the provider reports, then the table', () => {
    const models = { 'gpt-4o': { contextWindow: 50_000, hasVision: false, price: { input: 1, output: 2 } } };
    assert.equal(modelInfoFor('gpt-4o', { models }, { contextWindow: 90_000 }).contextWindow, 50_000);
    assert.equal(modelInfoFor('gpt-4o', { models, contextWindow: 70_000 }).contextWindow, 70_000);
    assert.equal(modelInfoFor('gpt-4o', {}, { contextWindow: 90_000 }).contextWindow, 90_000);
    assert.equal(modelInfoFor('gpt-4o', { models }).hasVision, false);
    assert.deepEqual(modelInfoFor('gpt-4o', { models }).price, { input: 1, output: 2 });
    assert.deepEqual(modelInfoFor('gpt-4o', { models, prices: { 'gpt-4o': { input: 5, output: 6 } } }).price, { input: 5, output: 6 }, '--price wins over the entry');
    assert.equal(priceFor('gpt-4o', {})?.input, 2.5);
  });
});
