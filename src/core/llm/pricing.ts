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
};

const builtInWindows: [RegExp, number][] = [
  [/^gpt-4\.1/, 1_047_576],
  [/^gpt-5/, 400_000],
  [/^(gpt-4o|o[134])/, 128_000],
];

/** The price of a model: the user's override, else the longest built-in name that prefixes it. */
export function priceFor(model: string, overrides: Record<string, ModelPrice>): ModelPrice | undefined {
  if (overrides[model]) return overrides[model];
  const names = Object.keys(builtInPrices).filter((name) => model === name || model.startsWith(`${name}-`));
  names.sort((a, b) => b.length - a.length);
  return names[0] ? builtInPrices[names[0]] : undefined;
}

/** Cost of one request in dollars; cached prompt tokens are billed at the cached rate when known. */
export function costOf(usage: Omit<Usage, 'costUsd'>, price: ModelPrice | undefined): number {
  if (!price) return 0;
  const uncached = Math.max(0, usage.promptTokens - usage.cachedTokens);
  const cachedRate = price.cachedInput ?? price.input;
  return (uncached * price.input + usage.cachedTokens * cachedRate + usage.completionTokens * price.output) / 1_000_000;
}

/** The context window of a model: the setting, else the table, else a conservative 32k for local models. */
export function contextWindowFor(model: string, configured?: number): number {
  if (configured && configured > 0) return configured;
  return builtInWindows.find(([pattern]) => pattern.test(model))?.[1] ?? 32_768;
}
