/** Building blocks the server profiles share: chunk envelopes, tool-call and reasoning deltas, request checks. */
import type { LlmClientOptions } from '../../src/core/llm/openAiClient';
import { finishReasonOf, piecesOf, toolCallsOf, usageOf, type ChatRequestBody, type RecordedRequest, type ScriptStep, type ServerProfile } from './scriptedServer';

/** A server family in the matrix: its dialect, how a user configures it, and what the profile is based on. */
export interface MatrixProfile extends ServerProfile {
  /** Path of the base URL the user sets, on the server's origin (`/v1` unless said). */
  basePath: string;
  /** The model name as this server expects it (Azure: the deployment name). */
  model: string;
  clientOptions?: Partial<LlmClientOptions>;
  /** What the adapter must leave out for this server after its 400 (and say so in the log). */
  adapts?: string[];
  /** Whether the server reports `completion_tokens_details.reasoning_tokens`. */
  reportsReasoningTokens?: boolean;
  /** Whether the model's reasoning reaches the user (as thinking events). */
  showsThinking: boolean;
  /** The README row: base URL, model naming, tool caveats. */
  readme: { server: string; baseUrl: string; model: string; caveats: string };
  /** Public docs and tracker threads the shapes are taken from. */
  basis: string[];
}

export type Delta = Record<string, unknown>;

/** The envelope of one chunk; `extra` adds top-level fields (Groq's `x_groq`, Azure's filter results). */
export function envelope(body: ChatRequestBody, id: string) {
  return (delta: Delta, finish: string | null = null, extra: Record<string, unknown> = {}, choiceExtra: Record<string, unknown> = {}): object => ({
    id, object: 'chat.completion.chunk', created: 1_780_000_000, model: body.model ?? 'model',
    choices: [{ index: 0, delta, finish_reason: finish, ...choiceExtra }], ...extra,
  });
}

export function wantsUsage(body: ChatRequestBody): boolean {
  return Boolean((body.stream_options as { include_usage?: boolean } | undefined)?.include_usage);
}

/** Tool-call deltas streamed the common way: id, type and name first, then the arguments in pieces. */
export function streamedCalls(step: ScriptStep, idOf: (i: number) => string, maxCalls = Infinity): Delta[] {
  return toolCallsOf(step).slice(0, maxCalls).flatMap((call, index) => [
    { tool_calls: [{ index, id: idOf(index), type: 'function', function: { name: call.function.name, arguments: '' } }] },
    ...piecesOf(call.function.arguments).map((piece) => ({ tool_calls: [{ index, function: { arguments: piece } }] })),
  ]);
}

/** Tool-call deltas that each hold one whole call (Ollama, Groq). */
export function wholeCalls(step: ScriptStep, idOf: (i: number) => string): Delta[] {
  return toolCallsOf(step).map((call, index) => ({ tool_calls: [{ index, id: idOf(index), type: 'function', function: call.function }] }));
}

export function textDeltas(step: ScriptStep): Delta[] {
  return piecesOf(step.text).map((content) => ({ content }));
}

export function reasoningDeltas(step: ScriptStep, field: string): Delta[] {
  return piecesOf(step.reasoning).map((piece) => ({ [field]: piece }));
}

export { finishReasonOf, usageOf };

/** The assistant messages of a request that carry tool calls, with their position. */
export function toolTurns(request: RecordedRequest): { position: number; message: NonNullable<ChatRequestBody['messages']>[number] }[] {
  return (request.body.messages ?? []).flatMap((message, position) => (message.role === 'assistant' && message.tool_calls?.length ? [{ position, message }] : []));
}

let serial = 0;
/** A fresh id for a stream or a call, unique within the test run. */
export function nextId(prefix: string): string {
  return `${prefix}${(++serial).toString(36).padStart(6, '0')}`;
}
