/**
 * The OpenAI adapter's compatibility layer for the parameters only some servers accept. Each optional parameter
 * is sent until an endpoint rejects it with a 400 that names it; then the request is retried once without it,
 * and the endpoint is remembered so later requests leave it out from the start. Servers phrase the rejection in
 * their own words: Azure "Unrecognized request argument supplied: stream_options", OpenAI's o-series
 * "Unsupported parameter: 'parallel_tool_calls' is not supported with this model", proxies "Unknown parameter".
 */
import OpenAI from 'openai';

/**
 * `stream_options.include_usage` asks for the usage chunk that the cost meter needs; `parallel_tool_calls`
 * lets the model read several files in one turn (llama.cpp's server sends one call per turn unless asked).
 */
export const optionalParams = ['stream_options', 'parallel_tool_calls'] as const;
export type OptionalParam = (typeof optionalParams)[number];

const rejectionWords = /unrecogni[sz]ed|unknown|unsupported|not supported|not permitted|extra inputs|invalid|not allowed/i;

/** What one endpoint accepts, learned from its rejections. One per client: a client serves one endpoint. */
export class EndpointCompatibility {
  private readonly dropped = new Set<OptionalParam>();

  constructor(
    private readonly endpoint: string,
    private readonly log: (message: string) => void,
  ) {}

  /** The optional parameters of a streamed request, less the ones this endpoint rejected. */
  optionalParams(hasTools: boolean): Record<string, unknown> {
    const params: Record<string, unknown> = {};
    if (!this.dropped.has('stream_options')) params.stream_options = { include_usage: true };
    if (hasTools && !this.dropped.has('parallel_tool_calls')) params.parallel_tool_calls = true;
    return params;
  }

  /**
   * If `err` is a 400 (or 422) naming an optional parameter that was sent, drops it for this endpoint, logs
   * why, and returns true: the caller retries once. Anything else returns false.
   */
  dropRejected(err: unknown, sent: Record<string, unknown>): boolean {
    const param = rejectedParam(err, sent);
    if (!param) return false;
    this.dropped.add(param);
    this.log(`The endpoint ${this.endpoint} rejected the optional parameter "${param}" (${(err as Error).message.slice(0, 200)}); retrying without it, and leaving it out of every later request to this endpoint.`);
    return true;
  }
}

function rejectedParam(err: unknown, sent: Record<string, unknown>): OptionalParam | undefined {
  if (!(err instanceof OpenAI.APIError) || (err.status !== 400 && err.status !== 422)) return undefined;
  const named = typeof err.param === 'string' ? err.param : '';
  const message = err.message;
  return optionalParams.find((param) => param in sent && (named === param || (message.includes(param) && rejectionWords.test(message))));
}
