/** Where the CLI sends model requests: flags, then environment, then a clear explanation when nothing is set. */
import { anthropicBaseUrl } from '../core/llm/anthropicClient';
import { isProvider, type Provider } from '../core/llm/createLlmClient';
import type { RunArgs } from './runArgs';

export const openAiBaseUrl = 'https://api.openai.com/v1';
export const defaultOpenAiModel = 'gpt-4.1-mini';
export const defaultAnthropicModel = 'claude-sonnet-4-5';

export interface EndpointConfig {
  /** Which API the endpoint speaks: OpenAI's chat completions (and compatible servers) or Anthropic's Messages. */
  provider: Provider;
  baseUrl: string;
  apiKey: string | undefined;
  /** Undefined: ask the endpoint's /v1/models. */
  model: string | undefined;
  /** Azure OpenAI's `api-version` (OPENAI_API_VERSION); the model is then the deployment name. */
  apiVersion?: string;
}

export const noEndpointHelp = `No model endpoint is configured. Auto Agent talks to Anthropic's API and to any OpenAI-compatible server:

  OpenAI:        export OPENAI_API_KEY=sk-...          (model defaults to ${defaultOpenAiModel})
  Anthropic:     export ANTHROPIC_API_KEY=sk-ant-...   (model defaults to ${defaultAnthropicModel}; or --provider anthropic)
  Ollama:        export OPENAI_BASE_URL=http://localhost:11434/v1
  LM Studio:     export OPENAI_BASE_URL=http://localhost:1234/v1
  llama.cpp/vLLM: export OPENAI_BASE_URL=http://localhost:8000/v1
  Azure OpenAI:  export OPENAI_BASE_URL=https://RESOURCE.openai.azure.com OPENAI_API_VERSION=2024-10-21
                 (--model is the deployment name)

Or pass --base-url URL (and --model NAME). The API key is read only from OPENAI_API_KEY (ANTHROPIC_API_KEY for
--provider anthropic).
Commands that need no model: auto-agent map, auto-agent symbols.`;

/** The variable the CLI reads the provider's API key from. */
export function keyVariableOf(endpoint: Pick<EndpointConfig, 'provider'>): string {
  return endpoint.provider === 'anthropic' ? 'ANTHROPIC_API_KEY' : 'OPENAI_API_KEY';
}

type EndpointArgs = Pick<RunArgs, 'baseUrl' | 'model'> & { provider?: Provider };

export function resolveEndpoint(args: EndpointArgs, env: NodeJS.ProcessEnv): EndpointConfig | undefined {
  const provider = providerFrom(args, env);
  if (provider === 'anthropic') return anthropicEndpoint(args, env);
  const apiKey = env.OPENAI_API_KEY?.trim() || undefined;
  const baseUrl = args.baseUrl ?? (env.OPENAI_BASE_URL?.trim() || undefined) ?? (apiKey ? openAiBaseUrl : undefined);
  if (!baseUrl) return undefined;
  const model = args.model ?? (env.AUTO_AGENT_MODEL?.trim() || undefined) ?? (baseUrl === openAiBaseUrl ? defaultOpenAiModel : undefined);
  const apiVersion = env.OPENAI_API_VERSION?.trim() || undefined;
  return { provider: 'openai', baseUrl: baseUrl.replace(/\/+$/, ''), apiKey, model, ...(apiVersion ? { apiVersion } : {}) };
}

/**
 * `--provider`, else AUTO_AGENT_PROVIDER, else Anthropic when only ANTHROPIC_API_KEY is set (so a user with just
 * that key needs no flag), else OpenAI-compatible.
 */
function providerFrom(args: EndpointArgs, env: NodeJS.ProcessEnv): Provider {
  if (args.provider) return args.provider;
  const named = env.AUTO_AGENT_PROVIDER?.trim();
  if (named && isProvider(named)) return named;
  const hasOpenAi = Boolean(env.OPENAI_API_KEY?.trim() || env.OPENAI_BASE_URL?.trim() || args.baseUrl);
  return !hasOpenAi && env.ANTHROPIC_API_KEY?.trim() ? 'anthropic' : 'openai';
}

function anthropicEndpoint(args: EndpointArgs, env: NodeJS.ProcessEnv): EndpointConfig {
  const baseUrl = args.baseUrl ?? (env.ANTHROPIC_BASE_URL?.trim() || undefined) ?? anthropicBaseUrl;
  const model = args.model ?? (env.AUTO_AGENT_MODEL?.trim() || undefined) ?? defaultAnthropicModel;
  return { provider: 'anthropic', baseUrl: baseUrl.replace(/\/+$/, ''), apiKey: env.ANTHROPIC_API_KEY?.trim() || undefined, model };
}
