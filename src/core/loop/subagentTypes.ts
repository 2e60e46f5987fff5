/** What the `delegate` tool asks of the engine: the shape of a sub-agent request and of the report it gets back. */
import type { StopReason } from '../../protocol/events';

/** Per-call overrides of a child's budget slice (each capped at what the parent has left). */
export interface SliceOverride {
  maxSteps?: number;
  maxTokens?: number;
  maxCostUsd?: number;
  maxSeconds?: number;
}

export interface SubagentRequest {
  goal: string;
  /** What the child needs to know; it sees nothing of the parent's conversation. */
  context: string;
  /** A built-in kind (`explore`, `act`) or the name of an agent the user defined. */
  kind: string;
  /** A shell check that must pass before an `act` child may finish (like a goal's success criterion). */
  successCriterion?: string;
  budget?: SliceOverride;
}

export interface SubagentReport {
  childId: string;
  reason: StopReason;
  /** The bounded report the parent's model gets: summary, files read and changed, checks and their results. */
  text: string;
}

/** Starts sub-agents for one agent; refuses what its depth or kind does not allow, with the reason for the model. */
export interface SubagentLauncher {
  launch(request: SubagentRequest, callId: string): Promise<SubagentReport>;
}
