/**
 * The shape every tool is declared in, once: name, description for the model, zod schema, risk class and run
 * function. The registry derives the JSON Schema from the zod schema and validates arguments with it.
 */
import type { z } from 'zod';
import type { AgentEventInput, RiskClass } from '../../protocol/events';
import type { Host } from '../host';
import type { AgentSettings } from '../settings';
import type { PathGuard } from '../policy/pathGuard';
import type { PermissionGate } from '../policy/permissionGate';
import type { ChangeProposer } from '../edits/changeProposer';
import type { TaskControl } from '../loop/taskControl';
import type { CodebaseIndex } from '../codebase/types';
import type { TaskMemory } from '../memory/taskMemory';
import type { SubagentLauncher } from '../loop/subagentTypes';
import type { ImageAttachment } from '../llm/messages';

/** What a tool's run function gets: the host, policy, the change pipeline and the task. */
export interface ToolContext {
  host: Host;
  settings: AgentSettings;
  /** Workspace roots, absolute and canonical; the first is the default for relative paths. */
  roots: readonly string[];
  paths: PathGuard;
  permissions: PermissionGate;
  changes: ChangeProposer;
  task: TaskControl;
  callId: string;
  signal: AbortSignal;
  emit(event: AgentEventInput): void;
  /** The symbol index of the first root, when the host has one (repo_map, find_symbol, find_references). */
  codebase?: CodebaseIndex;
  /** Long-term memory (remember, recall, forget); absent when the host runs without it (`--no-memory`). */
  memory?: TaskMemory;
  /** Whether the model takes images (the model table's `hasVision`); without it a tool describes an image instead. */
  hasVision?: boolean;
  /** Starts sub-agents (the `delegate` tool); absent where delegation is not offered (the chat). */
  subagents?: SubagentLauncher;
}

/** A tool's answer to the model. Errors are written for the model: what went wrong and what to try next. */
export interface ToolResult {
  output: string;
  isError?: boolean;
  /** Images for the model (only when the context says it takes them). */
  images?: ImageAttachment[];
}

/** A tool as declared in its own file under `src/core/tools/`. */
export interface ToolDefinition<S extends z.ZodType = z.ZodType> {
  /** snake_case verb_noun. */
  name: string;
  description: string;
  schema: S;
  /** The JSON Schema the model sees, when it is not generated from `schema` (an MCP server's own schema). */
  parameters?: Record<string, unknown>;
  risk: RiskClass;
  /**
   * Steers the task itself (plan, questions, finish) and reads no workspace data: the `read` policy does not gate
   * it. Every other tool of risk `read` passes the permission gate before it runs (see ToolRegistry.run).
   */
  isTaskControl?: boolean;
  /**
   * True when this call may run at the same time as the other such calls of the same model answer (it reads
   * only, like an `explore` delegation). Every other call runs alone, in order.
   */
  runsConcurrently?(input: z.infer<S>): boolean;
  /** The call in words for the user, past tense ("Read src/math.js", "Ran npm test"); the tool's name stays the id. */
  label?(input: z.infer<S>): string;
  run(input: z.infer<S>, ctx: ToolContext): Promise<ToolResult>;
}

/** Declares a tool with its input type inferred from the schema. */
export function defineTool<S extends z.ZodType>(tool: ToolDefinition<S>): ToolDefinition<S> {
  return tool;
}

/** Shortens a model-written argument for a label: one line, at most `max` characters. */
export function clipLabel(text: string, max = 80): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}

/** A failure a tool reports to the model as its result rather than crashing the loop. */
export class ToolError extends Error {
  override name = 'ToolError';
}
