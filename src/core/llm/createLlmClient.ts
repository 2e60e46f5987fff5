/**
 * The one place a provider name becomes an adapter: hosts (CLI, VS Code) say which provider, endpoint and model,
 * and get an LlmClient; nothing else in the engine knows which provider runs.
 */
import type { ModelPrice } from '../settings';
import { AnthropicLlmClient } from './anthropicClient';
import type { LlmClient } from './llmClient';
import { OpenAiLlmClient } from './openAiClient';

export const providers = ['openai', 'anthropic'] as const;
export type Provider = (typeof providers)[number];

export function isProvider(value: string): value is Provider {
  return (providers as readonly string[]).includes(value);
}

export interface ProviderEndpoint {
  provider: Provider;
  baseUrl: string;
  apiKey: string | undefined;
  model: string;
  prices?: Record<string, ModelPrice>;
  extraHeaders?: Record<string, string>;
  /** OpenAI-compatible only: Azure's `api-version`. */
  apiVersion?: string;
  /** Anthropic only: the extended-thinking budget in tokens (undefined: no thinking). */
  thinkingBudgetTokens?: number;
  log?: (message: string) => void;
}

export function createLlmClient(endpoint: ProviderEndpoint): LlmClient {
  const { provider, baseUrl, apiKey, model, prices, extraHeaders } = endpoint;
  if (provider === 'anthropic') return new AnthropicLlmClient({ baseUrl, apiKey, model, prices, extraHeaders, thinkingBudgetTokens: endpoint.thinkingBudgetTokens });
  return new OpenAiLlmClient({ baseUrl, apiKey, model, prices, extraHeaders, apiVersion: endpoint.apiVersion, log: endpoint.log });
}
