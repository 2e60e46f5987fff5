/**
 * Runs one agent task: goals → plan → rounds of act and observe, with reflection after each round → a verified
 * finish, or a clean stop by budget, loop detection, error or the user. Hosts call `runTask` and render events.
 */
import { randomUUID } from 'node:crypto';
import type { ChatMessage } from '../llm/messages';
import type { AgentEvent, Goal, PlanStep, StopReason, Usage } from '../../protocol/events';
import type { Host } from '../host';
import type { LlmClient } from '../llm/llmClient';
import type { AgentSettings } from '../settings';
import type { PermissionRule } from '../policy/permissionGate';
import type { ChangeProposer, PipelineOptions } from '../edits/changeProposer';
import { ToolRegistry } from '../tools/registry';
import { allTools } from '../tools';
import type { WorkspaceTestRunner } from './verification';
import { TaskRun } from './taskRun';
import type { ProjectInstructions } from '../instructions/projectInstructions';
import type { RecalledEntry } from '../memory/recallFormat';
import { isReadOnlyAgent, type AgentDefinition } from '../agents/agentDefinition';
import { delegateToolFor } from '../tools/delegate';

/** What a host passes to start (or resume) a task. */
export interface TaskOptions {
  goals: Goal[];
  host: Host;
  settings: AgentSettings;
  /** Workspace roots, absolute and canonical. */
  roots: string[];
  llm: LlmClient;
  onEvent(event: AgentEvent): void;
  signal: AbortSignal;
  taskId?: string;
  tools?: ToolRegistry;
  /** Safety rules for the permission gate (protected files, command analysis...). */
  rules?: PermissionRule[];
  /** How the finish rule runs the workspace's tests. */
  runTests?: WorkspaceTestRunner;
  /** Strings redacted from every event, transcript line and log (the API key). */
  secrets?: string[];
  /** A rendered repository map for the fixed prompt prefix. */
  repoMap?: string;
  /** The project's instruction files (AGENTS.md …), loaded by the host; part of the fixed prefix. */
  instructions?: ProjectInstructions;
  /** Memory notes chosen for these goals at the start (within a token budget); part of the fixed prefix. */
  recalled?: RecalledEntry[];
  /** After a completed task, ask the model for a few notes worth keeping (each one asks the user). */
  reflectIntoMemory?: boolean;
  /**
   * Continue a stopped task: its earlier messages and plan, the totals it had used (carried into the budgets),
   * optionally a follow-up instruction from the user, added after the earlier conversation, and how many sub-agents
   * the task's agent had started (new ones are numbered after them, so no id is used twice).
   */
  resume?: { history: ChatMessage[]; plan: PlanStep[]; usage?: Usage; followUp?: string; children?: number };
  /** Builds the change pipeline (hosts add checkpoints here); defaults to ChangePipeline. */
  createChanges?: (options: PipelineOptions) => ChangeProposer;
  /** The model sub-agents use (`subagentModel`): another model of the same endpoint; default the task's own. */
  subagentLlm?: LlmClient;
  /**
   * The model that summarises condensed rounds (`condenseModel`, any provider); without it condensing is the
   * deterministic fact lines only. Its summary is added beside those lines, never in their place.
   */
  condenseLlm?: LlmClient;
  /** The agents the user defined (core/agents), offered to the model as kinds of child in `delegate`. */
  agents?: AgentDefinition[];
  /** A client for another model of the task's endpoint (a user-defined agent's `model`); without it they use the sub-agents' model. */
  llmForModel?: (model: string) => Promise<LlmClient>;
  /** Extra members for every ToolContext (for example the codebase index). */
  contextExtras?: Record<string, unknown>;
}

/** How a task ended. */
export interface TaskOutcome {
  taskId: string;
  reason: StopReason;
  isVerified: boolean;
  summary: string;
  transcript: string;
  usage: Usage;
  steps: number;
}

export async function runTask(options: TaskOptions): Promise<TaskOutcome> {
  const taskId = options.taskId ?? `${new Date().toISOString().replace(/[:.]/g, '-')}-${randomUUID().slice(0, 8)}`;
  const tools = withAgentKinds(options.tools ?? new ToolRegistry(allTools), options.agents ?? []);
  const run = new TaskRun({ ...options, taskId, tools });
  try {
    return await run.execute();
  } finally {
    await run.close();
  }
}

/** Offers the user's agents in `delegate` (a registry without delegate stays as it is). */
function withAgentKinds(tools: ToolRegistry, agents: readonly AgentDefinition[]): ToolRegistry {
  if (agents.length === 0) return tools;
  const kinds = agents.map((agent) => ({ name: agent.name, description: agent.description, isReadOnly: isReadOnlyAgent(agent, tools.all) }));
  return tools.replace(delegateToolFor(kinds));
}
