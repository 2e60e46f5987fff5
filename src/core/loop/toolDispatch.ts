/**
 * Runs the tool calls of one model answer, in order (so conflicting parallel calls see each other's effects;
 * only calls that only read and say so, explore delegations, run at the same time),
 * and turns every outcome (including unknown tools, bad JSON and duplicate ids) into a framed tool result.
 */
import type { AgentEventInput } from '../../protocol/events';
import type { ToolCallRequest } from '../llm/llmClient';
import type { ToolResultMessage } from '../llm/messages';
import type { ToolRegistry } from '../tools/registry';
import type { ToolContext, ToolResult } from '../tools/tool';
import { redactSecrets } from '../policy/redact';
import { revealForModel } from '../text/revealInvisible';
import { truncateToolOutput, type Conversation } from './conversation';
import { frameToolResult } from './prompts';
import type { LoopDetector } from './stopRules';

export interface DispatchOptions {
  calls: ToolCallRequest[];
  finishReason: string;
  registry: ToolRegistry;
  conversation: Conversation;
  detector: LoopDetector;
  contextFor(callId: string): ToolContext;
  emit(event: AgentEventInput): void;
  signal: AbortSignal;
  /** Removed from what the model sees too: the agent's key has no business in its context. */
  secrets: readonly string[];
}

/** Makes call ids unique within one answer; the API pairs each tool result with exactly one call. */
export function dedupeCallIds(calls: ToolCallRequest[]): { calls: ToolCallRequest[]; duplicates: Set<string> } {
  const seen = new Set<string>();
  const duplicates = new Set<string>();
  const out = calls.map((call, i) => {
    if (!seen.has(call.id)) {
      seen.add(call.id);
      return call;
    }
    const id = `${call.id}__dup${i}`;
    duplicates.add(id);
    return { ...call, id };
  });
  return { calls: out, duplicates };
}

/**
 * Runs every call; returns how many failed. Stops early (with a result for each call) if the user stops. Calls
 * run one at a time, in order, except adjacent calls whose tool says they may run together (explore delegations):
 * those run at the same time, and their results still go to the model in the order of the calls.
 */
export async function dispatchToolCalls(options: DispatchOptions, duplicates: Set<string>): Promise<number> {
  let failures = 0;
  for (const batch of concurrentBatches(options, duplicates)) {
    for (const call of batch) {
      const label = duplicates.has(call.id) ? undefined : options.registry.labelOf(call.name, call.arguments);
      options.emit({ type: 'toolCallProposed', callId: call.id, name: call.name, args: parseForDisplay(call.arguments), ...(label ? { label } : {}) });
    }
    const results = await Promise.all(batch.map((call) => runTimed(options, call, duplicates.has(call.id))));
    batch.forEach((call, i) => {
      const { result, durationMs } = results[i];
      const { output, message } = toolResultMessage(call, result, options.secrets);
      if (result.isError) failures++;
      options.emit({ type: 'toolCallCompleted', callId: call.id, name: call.name, isError: Boolean(result.isError), output, durationMs });
      options.conversation.add(message);
      options.detector.noteCall(call.name, call.arguments, Boolean(result.isError));
    });
  }
  return failures;
}

async function runTimed(options: DispatchOptions, call: ToolCallRequest, isDuplicate: boolean): Promise<{ result: ToolResult; durationMs: number }> {
  const started = Date.now();
  const result = options.signal.aborted ? { output: 'Not run: the user stopped the task.', isError: true } : await runOne(options, call, isDuplicate);
  return { result, durationMs: Date.now() - started };
}

/** Groups the calls: each alone, except runs of adjacent calls that may run concurrently. */
function concurrentBatches(options: DispatchOptions, duplicates: Set<string>): ToolCallRequest[][] {
  const batches: ToolCallRequest[][] = [];
  let previousWasConcurrent = false;
  for (const call of options.calls) {
    const prepared = duplicates.has(call.id) ? undefined : options.registry.prepare(call.name, call.arguments);
    const isConcurrent = prepared !== undefined && 'tool' in prepared && prepared.tool.runsConcurrently?.(prepared.input) === true;
    if (isConcurrent && previousWasConcurrent) batches[batches.length - 1].push(call);
    else batches.push([call]);
    previousWasConcurrent = isConcurrent;
  }
  return batches;
}

async function runOne(options: DispatchOptions, call: ToolCallRequest, isDuplicate: boolean): Promise<ToolResult> {
  if (isDuplicate) return { output: 'Not run: this call repeated the id of another call in the same answer. Send each call with its own id.', isError: true };
  return runToolCall(options.registry, call, options.contextFor(call.id), options.finishReason);
}

/** Validates and runs one call; an unknown tool or bad arguments become an error result for the model. */
export async function runToolCall(registry: ToolRegistry, call: ToolCallRequest, ctx: ToolContext, finishReason = 'tool_calls'): Promise<ToolResult> {
  const prepared = registry.prepare(call.name, call.arguments);
  if ('error' in prepared) {
    const cutOff = finishReason === 'length' ? ' Your answer was cut off by the output token limit; send a shorter call (for example smaller edits).' : '';
    return { output: prepared.error + cutOff, isError: true };
  }
  return registry.run(prepared, ctx);
}

/**
 * The result as the model gets it: secrets redacted, invisible Unicode revealed, cut to fit, framed as untrusted
 * data. The one path of every tool result (task and chat); revealing comes before the cut, so padding a result
 * with invisible characters cannot make it grow past the limit.
 */
export function toolResultMessage(call: ToolCallRequest, result: ToolResult, secrets: readonly string[]): { output: string; message: ToolResultMessage } {
  const output = truncateToolOutput(revealForModel(redactSecrets(result.output, secrets)));
  const images = result.images?.length ? { images: result.images } : {};
  return { output, message: { role: 'tool', toolCallId: call.id, content: frameToolResult(call.name, output, Boolean(result.isError)), ...images } };
}

function parseForDisplay(raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    return raw;
  }
}
