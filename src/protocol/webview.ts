/**
 * The typed messages between the VS Code host and its two webviews (the agent panel and the sidebar chat).
 * Both sides import these schemas; every inbound message is validated with them. Names are `feature/verb`.
 */
import * as z from 'zod/mini';
import { agentEventSchema } from './events';

/** What the panel knows about the task it shows; sent once when a webview (re)loads, then only deltas follow. */
export const panelSnapshotSchema = z.object({
  taskId: z.optional(z.string()),
  events: z.array(agentEventSchema),
  isRunning: z.boolean(),
  /** A finished task reopened from history: no Stop, no approvals, no Resume. */
  isReadOnly: z.boolean(),
  canResume: z.boolean(),
  /** The task was cut off by a reload or crash of the extension host: its waiting proposals come back with Resume. */
  isInterrupted: z.optional(z.boolean()),
  /** Why the agent cannot edit or run anything here (Restricted Mode), or absent. */
  restrictedReason: z.optional(z.string()),
  /** Approval ids still waiting for the user, so a reloaded panel shows live buttons only for those. */
  pendingApprovalIds: z.array(z.string()),
  pendingQuestion: z.optional(z.object({ questionId: z.string(), question: z.string() })),
  /** The task's limits for the budget meter; null is "no limit". */
  budgets: z.optional(z.object({ maxSteps: z.nullable(z.number()), maxCostUsd: z.nullable(z.number()), maxTokens: z.nullable(z.number()) })),
});
export type PanelSnapshot = z.infer<typeof panelSnapshotSchema>;

const id = z.string().check(z.minLength(1), z.maxLength(200));

/** What the empty panel shows before a task: the model in use, the approval policy, and the latest tasks. */
export const panelOverviewSchema = z.object({
  model: z.string(),
  endpoint: z.string(),
  policy: z.object({ read: z.string(), edit: z.string(), execute: z.string(), network: z.string() }),
  recent: z.array(z.object({ taskId: z.string(), goal: z.string(), at: z.number(), outcome: z.string() })),
});
export type PanelOverview = z.infer<typeof panelOverviewSchema>;

/** Messages the extension sends to the agent panel. */
export const panelInboundSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('session/restored'), snapshot: panelSnapshotSchema }),
  z.object({ type: z.literal('agent/events'), events: z.array(agentEventSchema) }),
  z.object({ type: z.literal('task/statusChanged'), isRunning: z.boolean(), canResume: z.boolean(), isInterrupted: z.optional(z.boolean()), taskId: z.optional(z.string()) }),
  z.object({ type: z.literal('question/asked'), questionId: id, question: z.string() }),
  z.object({ type: z.literal('approval/settled'), approvalId: id }),
  z.object({ type: z.literal('trust/changed'), restrictedReason: z.optional(z.string()) }),
  z.object({ type: z.literal('goal/prefilled'), text: z.string() }),
  /** Whether commands run in the OS sandbox, as one line (on, or off with the reason and the fix). */
  z.object({ type: z.literal('sandbox/status'), isActive: z.boolean(), text: z.string() }),
  z.object({ type: z.literal('overview/shown'), overview: panelOverviewSchema }),
]);
export type PanelInbound = z.infer<typeof panelInboundSchema>;

/**
 * An approval decision as the panel sends it; it names the one-time id of one pending action. `alwaysAllow` asks
 * the host to add the entry the engine offered for that action (never one the page names) to the workspace's list.
 */
export const approvalDecisionSchema = z.discriminatedUnion('isApproved', [
  z.object({ isApproved: z.literal(true), acceptedHunks: z.optional(z.array(z.int().check(z.nonnegative()))), isAlways: z.optional(z.boolean()), alwaysAllow: z.optional(z.boolean()) }),
  z.object({ isApproved: z.literal(false), reason: z.optional(z.string().check(z.maxLength(4000))) }),
]);

/** Messages the agent panel sends to the extension. */
export const panelOutboundSchema = z.discriminatedUnion('type', [
  /** The page runs; `loadId` names the snapshot embedded in the page that it rendered (the host may send a newer one). */
  z.object({ type: z.literal('webview/ready'), loadId: z.optional(z.string().check(z.maxLength(64))) }),
  /**
   * First paint after load; `marks` are webview-clock times (ms since document start) of the loading phases, and
   * `sincePaintMs` is how long after that paint the message was sent.
   */
  z.object({ type: z.literal('webview/painted'), sinceLoadMs: z.number(), sincePaintMs: z.optional(z.number()), marks: z.optional(z.record(z.string(), z.number())) }),
  z.object({ type: z.literal('task/start'), goals: z.array(z.string().check(z.minLength(1), z.maxLength(20_000))).check(z.minLength(1), z.maxLength(20)) }),
  z.object({ type: z.literal('task/stop') }),
  z.object({ type: z.literal('task/resume') }),
  z.object({ type: z.literal('approval/decide'), approvalId: id, decision: approvalDecisionSchema }),
  z.object({ type: z.literal('approval/acceptAll') }),
  z.object({ type: z.literal('diff/open'), approvalId: id }),
  z.object({ type: z.literal('question/answer'), questionId: id, answer: z.string().check(z.maxLength(20_000)) }),
  z.object({ type: z.literal('file/open'), path: z.string().check(z.minLength(1), z.maxLength(4096)), line: z.optional(z.int().check(z.positive())) }),
  /** Opens an instruction file of the "Rules" line; the host opens only a file the task's instructionsLoaded named. */
  z.object({ type: z.literal('rules/open'), abs: z.string().check(z.minLength(1), z.maxLength(4096)) }),
  /** Opens a recalled note's Markdown file (either scope; the id is checked by the note store). */
  z.object({ type: z.literal('memory/open'), scope: z.enum(['workspace', 'user']), id: z.string().check(z.minLength(1), z.maxLength(80)) }),
  /** The empty panel asks for its overview (model, policy, recent tasks); the host answers with `overview/shown`. */
  z.object({ type: z.literal('overview/request') }),
  /** "Change model" on the empty panel: the host runs Select Model, then sends the overview again. */
  z.object({ type: z.literal('model/select') }),
  /** A recent task picked on the empty panel: the host opens it from history (read-only, as Show Task History does). */
  z.object({ type: z.literal('history/open'), taskId: id }),
  /** On a step that changed files: diff them as that step left them against now, or restore that checkpoint. */
  z.object({ type: z.literal('checkpoint/compare'), callId: id }),
  z.object({ type: z.literal('checkpoint/restore'), callId: id }),
]);
export type PanelOutbound = z.infer<typeof panelOutboundSchema>;

/** Messages the extension sends to the sidebar chat. */
export const chatInboundSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('chat/restored'), turns: z.array(z.object({ role: z.enum(['user', 'assistant']), text: z.string() })), restrictedReason: z.optional(z.string()) }),
  z.object({ type: z.literal('chat/streamed'), turnId: id, text: z.string() }),
  z.object({ type: z.literal('chat/answered'), turnId: id, text: z.string() }),
  z.object({ type: z.literal('chat/failed'), turnId: id, message: z.string() }),
  z.object({ type: z.literal('trust/changed'), restrictedReason: z.optional(z.string()) }),
]);
export type ChatInbound = z.infer<typeof chatInboundSchema>;

/** Messages the sidebar chat sends to the extension. */
export const chatOutboundSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('webview/ready') }),
  z.object({ type: z.literal('chat/ask'), turnId: id, question: z.string().check(z.minLength(1), z.maxLength(20_000)) }),
  z.object({ type: z.literal('chat/stop') }),
  z.object({ type: z.literal('chat/cleared') }),
  z.object({ type: z.literal('chat/handedOff'), goal: z.string().check(z.minLength(1), z.maxLength(40_000)) }),
  z.object({ type: z.literal('file/open'), path: z.string().check(z.minLength(1), z.maxLength(4096)), line: z.optional(z.int().check(z.positive())) }),
]);
export type ChatOutbound = z.infer<typeof chatOutboundSchema>;

/** Parses an inbound message; returns undefined (never throws) for anything that does not match. */
export function parseMessage<T>(schema: z.ZodMiniType<T>, raw: unknown): T | undefined {
  const result = schema.safeParse(raw);
  return result.success ? result.data : undefined;
}
