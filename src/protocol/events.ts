/**
 * The one typed event stream of a task. The engine emits it, the CLI renders it, the VS Code host forwards it
 * to the webview unchanged, and the transcript stores it as JSONL. Names are past tense. Written with `zod/mini`
 * (tree-shakable), so the webview bundles only the validators it uses.
 */
import * as z from 'zod/mini';
import { changeViewSchema } from './change';

export const riskClassSchema = z.enum(['read', 'edit', 'execute', 'network']);
export type RiskClass = z.infer<typeof riskClassSchema>;

/**
 * What "always allow" on an approval card would add to the workspace's allow-list: the command's simple commands
 * (each as its literal words) or the host. The engine offers it only when that entry alone would let the same
 * action run without asking next time.
 */
export const allowListEntrySchema = z.object({ kind: z.enum(['command', 'host']), values: z.array(z.string().check(z.minLength(1))).check(z.minLength(1)) });
export type AllowListEntry = z.infer<typeof allowListEntrySchema>;

export const planStepSchema = z.object({
  text: z.string(),
  status: z.enum(['pending', 'in_progress', 'done', 'skipped']),
});
export type PlanStep = z.infer<typeof planStepSchema>;

/** An image a goal carries (pasted, attached, `--image FILE`): base64 bytes of a PNG, JPEG, GIF or WebP. */
export const goalImageSchema = z.object({
  mediaType: z.enum(['image/png', 'image/jpeg', 'image/gif', 'image/webp']),
  data: z.string(),
  name: z.optional(z.string()),
});

export const goalSchema = z.object({
  text: z.string().check(z.minLength(1)),
  successCriterion: z.optional(z.string()),
  /** Images for the model with this goal; a model without vision is told they exist and why it cannot see them. */
  images: z.optional(z.array(goalImageSchema)),
});
export type Goal = z.infer<typeof goalSchema>;

export const usageSchema = z.object({
  promptTokens: z.int().check(z.nonnegative()),
  completionTokens: z.int().check(z.nonnegative()),
  cachedTokens: z.int().check(z.nonnegative()),
  /** Of the prompt tokens, those written to the provider's prompt cache (Anthropic bills them apart). */
  cacheWriteTokens: z.optional(z.int().check(z.nonnegative())),
  /** Of the completion tokens, those the model spent reasoning, when the server says. */
  reasoningTokens: z.optional(z.int().check(z.nonnegative())),
  costUsd: z.number().check(z.nonnegative()),
});
export type Usage = z.infer<typeof usageSchema>;

export const stopReasonSchema = z.enum([
  'completed', 'max_steps', 'max_tokens', 'max_cost', 'max_time', 'user_stopped', 'loop_detected',
  'model_error', 'no_progress', 'restricted',
]);
export type StopReason = z.infer<typeof stopReasonSchema>;

/**
 * Every event names the agent it belongs to: absent for the task's own (top) agent; a sub-agent's events carry its
 * id and its parent's (absent parent: the top agent), so hosts can nest or label a child's lines.
 */
const base = { seq: z.int().check(z.nonnegative()), at: z.number(), agentId: z.optional(z.string()), parentAgentId: z.optional(z.string()) };

export const subagentKindSchema = z.enum(['explore', 'act']);
export type SubagentKind = z.infer<typeof subagentKindSchema>;

export const agentEventSchema = z.discriminatedUnion('type', [
  z.object({ ...base, type: z.literal('taskStarted'), taskId: z.string(), goals: z.array(goalSchema), workspace: z.string(), model: z.string() }),
  z.object({
    ...base, type: z.literal('instructionsLoaded'),
    files: z.array(z.object({ path: z.string(), abs: z.string(), kind: z.string(), chars: z.int(), isCut: z.boolean() })), notes: z.array(z.string()),
  }),
  z.object({
    ...base, type: z.literal('memoryRecalled'),
    notes: z.array(z.object({ id: z.string(), scope: z.enum(['workspace', 'user', 'task']), title: z.string() })), tokens: z.int(),
  }),
  z.object({ ...base, type: z.literal('planUpdated'), steps: z.array(planStepSchema), note: z.optional(z.string()) }),
  z.object({ ...base, type: z.literal('stepStarted'), step: z.int() }),
  z.object({ ...base, type: z.literal('textStreamed'), text: z.string() }),
  /** Reasoning the model showed before answering (`reasoning_content`, `reasoning`, `<think>`): shown apart, as thinking. */
  z.object({ ...base, type: z.literal('thinkingStreamed'), text: z.string() }),
  z.object({ ...base, type: z.literal('assistantMessageCompleted'), text: z.string() }),
  /** `label` is the call in words for people ("Read src/math.js", "Ran npm test"); `name` stays the tool's id. */
  z.object({ ...base, type: z.literal('toolCallProposed'), callId: z.string(), name: z.string(), args: z.unknown(), label: z.optional(z.string()) }),
  z.object({
    ...base, type: z.literal('approvalRequested'), approvalId: z.string(), callId: z.string(), risk: riskClassSchema,
    title: z.string(), detail: z.string(), reasons: z.array(z.string()), change: z.optional(changeViewSchema),
    /** The request offers an "always allow" answer with this label (an MCP tool, remembered per server). */
    alwaysAllowLabel: z.optional(z.string()),
    allowable: z.optional(allowListEntrySchema),
  }),
  z.object({ ...base, type: z.literal('approvalResolved'), approvalId: z.string(), approved: z.boolean(), reason: z.optional(z.string()), acceptedHunks: z.optional(z.array(z.int())) }),
  z.object({ ...base, type: z.literal('commandOutputStreamed'), callId: z.string(), chunk: z.string() }),
  z.object({ ...base, type: z.literal('changeProposed'), callId: z.string(), change: changeViewSchema }),
  z.object({ ...base, type: z.literal('changeApplied'), callId: z.string(), changeId: z.string(), path: z.string(), acceptedHunks: z.optional(z.array(z.int())) }),
  z.object({ ...base, type: z.literal('changeRejected'), callId: z.string(), changeId: z.string(), path: z.string(), reason: z.optional(z.string()) }),
  z.object({ ...base, type: z.literal('toolCallCompleted'), callId: z.string(), name: z.string(), isError: z.boolean(), output: z.string(), durationMs: z.number() }),
  /** `isCostUnknown`: the model has no known price, so `costUsd` is not a measurement (and --max-cost not enforced). */
  z.object({ ...base, type: z.literal('usageUpdated'), request: usageSchema, total: usageSchema, contextTokens: z.int(), contextWindow: z.int(), isCostUnknown: z.optional(z.boolean()) }),
  /** Said at the start when the model has no known price: its cost cannot be measured and the cost budget cannot hold. */
  z.object({ ...base, type: z.literal('costUnmeasurable'), model: z.string(), message: z.string() }),
  z.object({ ...base, type: z.literal('verificationRan'), passed: z.boolean(), command: z.string(), summary: z.string() }),
  z.object({ ...base, type: z.literal('finishRefused'), reason: z.string() }),
  z.object({ ...base, type: z.literal('contextCondensed'), removedMessages: z.int(), tokensBefore: z.int(), tokensAfter: z.int(), summarizedBy: z.optional(z.string()) }),
  z.object({ ...base, type: z.literal('modelSteered'), reason: z.string() }),
  z.object({ ...base, type: z.literal('errorOccurred'), message: z.string(), code: z.optional(z.string()) }),
  /** The agent (agentId) started a sub-agent (childId) on a sub-goal; `agent`: the user-defined agent it runs as; `maxSteps`: its slice. */
  z.object({ ...base, type: z.literal('subagentStarted'), childId: z.string(), kind: subagentKindSchema, goal: z.string(), model: z.string(), agent: z.optional(z.string()), maxSteps: z.optional(z.int()) }),
  /** The sub-agent ended; `report` is what its parent got back. */
  z.object({ ...base, type: z.literal('subagentFinished'), childId: z.string(), reason: stopReasonSchema, report: z.string() }),
  z.object({ ...base, type: z.literal('taskFinished'), reason: stopReasonSchema, summary: z.string(), isVerified: z.boolean() }),
]);
export type AgentEvent = z.infer<typeof agentEventSchema>;
export type AgentEventType = AgentEvent['type'];

/** An event before the emitter stamps its sequence number and time. */
export type AgentEventInput = AgentEvent extends infer E ? (E extends AgentEvent ? Omit<E, 'seq' | 'at'> : never) : never;
