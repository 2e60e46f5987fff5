/** Embeddings from the endpoint's `/v1/embeddings` (OpenAI-compatible), for hybrid memory search. */
import OpenAI from 'openai';
import type { Embedder } from './memorySearch';

export interface EmbedderOptions {
  baseUrl: string;
  apiKey?: string;
  model: string;
  extraHeaders?: Record<string, string>;
}

export class OpenAiEmbedder implements Embedder {
  private readonly client: OpenAI;

  constructor(private readonly options: EmbedderOptions) {
    this.client = new OpenAI({ apiKey: options.apiKey || 'no-key', baseURL: options.baseUrl, defaultHeaders: options.extraHeaders, maxRetries: 1, timeout: 30_000 });
  }

  get model(): string {
    return this.options.model;
  }

  async embed(texts: string[], signal?: AbortSignal): Promise<number[][]> {
    const response = await this.client.embeddings.create({ model: this.options.model, input: texts, encoding_format: 'float' }, { signal });
    return [...response.data].sort((a, b) => a.index - b.index).map((d) => d.embedding);
  }
}
