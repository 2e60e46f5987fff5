/** Model prices and context windows. Users override prices per model in settings; unknown models cost 0. */
import type { ModelPrice } from '../settings';
import type { Usage } from '../../protocol/events';

/** US dollars per million tokens, for commonly used hosted models. Local models are free. */
const builtInPrices: Record<string, ModelPrice> = {
  'gpt-4o': { input: 2.5, cachedInput: 1.25, output: 10 },
  'gpt-4o-mini': { input: 0.15, cachedInput: 0.075, output: 0.6 },
  'gpt-4.1': { input: 2, cachedInput: 0.5, output: 8 },
  'gpt-4.1-mini': { input: 0.4, cachedInput: 0.1, output: 1.6 },
  'gpt-4.1-nano': { input: 0.1, cachedInput: 0.025, output: 0.4 },
  'gpt-5': { input: 1.25, cachedInput: 0.125, output: 10 },
  'gpt-5-mini': { input: 0.25, cachedInput: 0.025, output: 2 },
  'o4-mini': { input: 1.1, cachedInput: 0.275, output: 4.4 },
  // Anthropic: cache reads at 0.1 × input, writes to the 5-minute cache at 1.25 × input.
  ...anthropicPrices({
    'claude-opus-4-5': [5, 25], 'claude-opus-4-1': [15, 75], 'claude-opus-4': [15, 75],
    'claude-sonnet-4-5': [3, 15], 'claude-sonnet-4': [3, 15], 'claude-3-7-sonnet': [3, 15],
    'claude-haiku-4-5': [1, 5], 'claude-3-5-haiku': [0.8, 4],
  }),
};

function anthropicPrices(table: Record<string, [number, number]>): Record<string, ModelPrice> {
  return Object.fromEntries(Object.entries(table).map(([name, [input, output]]) => [name, { input, cachedInput: input * 0.1, cacheWrite: input * 1.25, output }]));
}

const builtInWindows: [RegExp, number][] = [
  [/^gpt-4\.1/, 1_047_576],
  [/^gpt-5/, 400_000],
  [/^(gpt-4o|o[134])/, 128_000],
  [/^claude-/, 200_000],
];

/** The price of a model: the user's override, else the longest built-in name that prefixes it. */
export function priceFor(model: string, overrides: Record<string, ModelPrice>): ModelPrice | undefined {
  if (overrides[model]) return overrides[model];
  const names = Object.keys(builtInPrices).filter((name) => model === name || model.startsWith(`${name}-`));
  names.sort((a, b) => b.length - a.length);
  return names[0] ? builtInPrices[names[0]] : undefined;
}

/**
 * Cost of one request in dollars: prompt tokens read from the cache at the cached rate, those written to it at
 * the cache-write rate (each the input rate when unknown), the rest at the input rate.
 */
export function costOf(usage: Omit<Usage, 'costUsd'>, price: ModelPrice | undefined): number {
  if (!price) return 0;
  const written = usage.cacheWriteTokens ?? 0;
  const uncached = Math.max(0, usage.promptTokens - usage.cachedTokens - written);
  const cachedRate = price.cachedInput ?? price.input;
  const writeRate = price.cacheWrite ?? price.input;
  return (uncached * price.input + usage.cachedTokens * cachedRate + written * writeRate + usage.completionTokens * price.output) / 1_000_000;
}

/** The context window of a model: the setting, else the table, else a conservative 32k for local models. */
export function contextWindowFor(model: string, configured?: number): number {
  if (configured && configured > 0) return configured;
  return builtInWindows.find(([pattern]) => pattern.test(model))?.[1] ?? 32_768;
}
