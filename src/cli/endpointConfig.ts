/** Where the CLI sends model requests: flags, then environment, then a clear explanation when nothing is set. */
import type { RunArgs } from './runArgs';

export const openAiBaseUrl = 'https://api.openai.com/v1';
export const defaultOpenAiModel = 'gpt-4.1-mini';

export interface EndpointConfig {
  baseUrl: string;
  apiKey: string | undefined;
  /** Undefined: ask the endpoint's /v1/models. */
  model: string | undefined;
  /** Azure OpenAI's `api-version` (OPENAI_API_VERSION); the model is then the deployment name. */
  apiVersion?: string;
}

export const noEndpointHelp = `No model endpoint is configured. Auto Agent talks to any OpenAI-compatible server:

  OpenAI:        export OPENAI_API_KEY=sk-...          (model defaults to ${defaultOpenAiModel})
  Ollama:        export OPENAI_BASE_URL=http://localhost:11434/v1
  LM Studio:     export OPENAI_BASE_URL=http://localhost:1234/v1
  llama.cpp/vLLM: export OPENAI_BASE_URL=http://localhost:8000/v1
  Azure OpenAI:  export OPENAI_BASE_URL=https://RESOURCE.openai.azure.com OPENAI_API_VERSION=2024-10-21
                 (--model is the deployment name)

Or pass --base-url URL (and --model NAME). The API key is read only from OPENAI_API_KEY.
Commands that need no model: auto-agent map, auto-agent symbols.`;

export function resolveEndpoint(args: Pick<RunArgs, 'baseUrl' | 'model'>, env: NodeJS.ProcessEnv): EndpointConfig | undefined {
  const apiKey = env.OPENAI_API_KEY?.trim() || undefined;
  const baseUrl = args.baseUrl ?? (env.OPENAI_BASE_URL?.trim() || undefined) ?? (apiKey ? openAiBaseUrl : undefined);
  if (!baseUrl) return undefined;
  const model = args.model ?? (env.AUTO_AGENT_MODEL?.trim() || undefined) ?? (baseUrl === openAiBaseUrl ? defaultOpenAiModel : undefined);
  const apiVersion = env.OPENAI_API_VERSION?.trim() || undefined;
  return { baseUrl: baseUrl.replace(/\/+$/, ''), apiKey, model, ...(apiVersion ? { apiVersion } : {}) };
}
