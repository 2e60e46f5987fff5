/**
 * The model table: context window, vision, tool support and price per model, shipped for the common models of
 * each provider. Users override any of them per model (VS Code's `autoAgent.models`, the CLI's `--price`,
 * `--context-window`, `--vision`); what a provider reports of its model (VS Code's window) comes between the two.
 * An unknown price is undefined, never 0, so the hosts can say cost cannot be measured.
 */
import type { ModelOverride, ModelPrice } from '../settings';
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
  'o3': { input: 2, cachedInput: 0.5, output: 8 },
  'gpt-5-nano': { input: 0.05, cachedInput: 0.005, output: 0.4 },
  'gemini-2.5-pro': { input: 1.25, cachedInput: 0.31, output: 10 },
  'gemini-2.5-flash': { input: 0.3, cachedInput: 0.075, output: 2.5 },
  'deepseek-chat': { input: 0.27, cachedInput: 0.07, output: 1.1 },
  'deepseek-reasoner': { input: 0.55, cachedInput: 0.14, output: 2.19 },
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

/** What the table knows of a model family, by name pattern: the first match counts. */
interface FamilyFacts {
  contextWindow: number;
  hasVision: boolean;
  hasTools?: boolean;
}

const builtInFamilies: [RegExp, FamilyFacts][] = [
  [/^gpt-4\.1/, { contextWindow: 1_047_576, hasVision: true }],
  [/^gpt-5/, { contextWindow: 400_000, hasVision: true }],
  [/^gpt-4o/, { contextWindow: 128_000, hasVision: true }],
  [/^o[34]/, { contextWindow: 200_000, hasVision: true }],
  [/^o1/, { contextWindow: 128_000, hasVision: false }],
  [/^claude-/, { contextWindow: 200_000, hasVision: true }],
  [/^gemini-(1\.5|2)/, { contextWindow: 1_048_576, hasVision: true }],
  [/^deepseek-(chat|reasoner)/, { contextWindow: 128_000, hasVision: false }],
  [/^(llava|llama3\.2-vision|qwen2\.5vl|qwen2\.5-vl|minicpm-v)/, { contextWindow: 32_768, hasVision: true }],
  // Local families that have no tool calling on any server we know (so the agent cannot work with them).
  [/^(codellama|gemma2?|phi3)([:-]|$)/, { contextWindow: 32_768, hasVision: false, hasTools: false }],
];

/** Everything the engine knows of a model, once the table and the overrides are merged. */
export interface ModelInfo {
  contextWindow: number;
  /** It accepts images (goal images, `read_file` on an image); without it the model gets a note instead. */
  hasVision: boolean;
  /** It can call tools, which the agent needs. */
  hasTools: boolean;
  /** US dollars per million tokens; undefined when unknown (cost cannot be measured). */
  price?: ModelPrice;
}

/** Where overrides come from: the user's per-model entries and prices, and what the provider reports. */
export interface ModelTableOverrides {
  models?: Record<string, ModelOverride>;
  prices?: Record<string, ModelPrice>;
  /** The task's explicit context window (it wins over everything). */
  contextWindow?: number;
}

/** The model's facts: the user's overrides, else what its provider reports, else the table, else the defaults. */
export function modelInfoFor(model: string, overrides: ModelTableOverrides = {}, reported: Partial<ModelInfo> = {}): ModelInfo {
  const user = overrides.models?.[model] ?? {};
  const bare = bareName(model);
  const family = builtInFamilies.find(([pattern]) => pattern.test(bare))?.[1];
  const window = [overrides.contextWindow, user.contextWindow, reported.contextWindow].find((n) => n !== undefined && n > 0);
  return {
    contextWindow: window ?? family?.contextWindow ?? 32_768,
    hasVision: user.hasVision ?? reported.hasVision ?? family?.hasVision ?? false,
    hasTools: user.hasTools ?? reported.hasTools ?? family?.hasTools ?? true,
    price: priceFor(model, { ...pricesOf(overrides.models), ...overrides.prices }),
  };
}

/** The prices the per-model entries carry. */
export function pricesOf(models: Record<string, ModelOverride> | undefined): Record<string, ModelPrice> {
  return Object.fromEntries(Object.entries(models ?? {}).filter(([, m]) => m.price).map(([name, m]) => [name, m.price!]));
}

/** A router's `vendor/model` names the same model as its bare name (OpenRouter's `anthropic/claude-sonnet-4-5`). */
function bareName(model: string): string {
  return model.slice(model.lastIndexOf('/') + 1);
}

/** The price of a model: the user's override, else the longest built-in name that prefixes it. */
export function priceFor(model: string, overrides: Record<string, ModelPrice>): ModelPrice | undefined {
  if (overrides[model]) return overrides[model];
  const bare = bareName(model);
  const names = Object.keys(builtInPrices).filter((name) => bare === name || bare.startsWith(`${name}-`));
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
  return modelInfoFor(model, { contextWindow: configured }).contextWindow;
}
