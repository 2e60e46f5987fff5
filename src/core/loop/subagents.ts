/**
 * Sub-agents: a `delegate` call becomes a child TaskRun of the same engine, with its own conversation, plan, loop
 * detection and finish rule. The child never has more than its parent: the same policy and safety rules (its own
 * gate built from them), the parent's tools or, for `explore`, only the read tools; an explore child can only
 * delegate explore. An agent the user defined gets the tools its file names, picked among the parent's only. Its steps and tokens count on the parent's meter; its budget is a slice of what is left.
 * Its events reach the parent's stream stamped with its id and its parent's; Stop (the shared signal) stops it.
 */
import type { AgentEvent, AgentEventInput, StopReason, SubagentKind } from '../../protocol/events';
import type { Approvals, Host } from '../host';
import type { Budgets } from '../settings';
import type { ToolDefinition } from '../tools/tool';
import { allowsTool, isReadOnlyAgent, type AgentDefinition } from '../agents/agentDefinition';
import { ToolError } from '../tools/tool';
import type { ToolRegistry } from '../tools/registry';
import { trimMiddle } from '../text/trimMiddle';
import type { BudgetMeter } from './stopRules';
import type { SliceOverride, SubagentLauncher, SubagentReport, SubagentRequest } from './subagentTypes';

export const defaultMaxDepth = 2;
/** A child's default slice: this share of what the parent has left of steps, tokens and dollars (time: all that is left). */
export const defaultSliceShare = 0.5;
const maxReportChars = 6000;
const maxListed = 40;

/** Who an agent is in the tree: absent id for the task's own agent. */
export interface AgentIdentity {
  id?: string;
  parentId?: string;
  depth: number;
  kind: SubagentKind;
}

/** What a child run needs from the engine; TaskRun implements `runChild` (kept apart to avoid an import cycle). */
export interface SpawnerDeps {
  self: AgentIdentity;
  maxDepth: number;
  meter: BudgetMeter;
  tools: ToolRegistry;
  host: Host;
  emit(event: AgentEventInput): void;
  modelName: string;
  /** The agents the user defined, offered as kinds of child. */
  agents: readonly AgentDefinition[];
  /** Children started by earlier runs of this task (a resumed task numbers its new children after them). */
  earlierChildren: number;
  runChild(child: ChildSpec): Promise<ChildResult>;
}

export interface ChildSpec {
  identity: AgentIdentity;
  /** Set when the child is one of the user's agents: its instructions and model. */
  agent?: AgentDefinition;
  request: SubagentRequest;
  budgets: Budgets;
  tools: ToolRegistry;
  host: Host;
  onEvent(event: AgentEvent): void;
}

export interface ChildResult {
  reason: StopReason;
  summary: string;
  steps: number;
  tokens: number;
  costUsd: number;
  filesRead: string[];
  filesChanged: string[];
  checks: { command: string; isPassed: boolean; summary: string }[];
}

export class SubagentSpawner implements SubagentLauncher {
  private count: number;

  constructor(private readonly deps: SpawnerDeps) {
    this.count = deps.earlierChildren;
  }

  async launch(request: SubagentRequest, _callId: string): Promise<SubagentReport> {
    const { self, maxDepth } = this.deps;
    const role = this.roleFor(request.kind);
    if (self.depth >= maxDepth) throw new ToolError(`delegate refused: sub-agents are limited to a depth of ${maxDepth}, and this agent is at depth ${self.depth}. Do the work yourself.`);
    const left = this.deps.meter.left();
    if (left.maxSteps < 1) throw new ToolError('delegate refused: no steps are left in the budget for a sub-agent.');
    const childId = self.id ? `${self.id}.${++this.count}` : `sub-${++this.count}`;
    const identity: AgentIdentity = { id: childId, parentId: self.id, depth: self.depth + 1, kind: role.kind };
    const model = role.agent?.model ?? this.deps.modelName;
    const budgets = sliceOf(left, request.budget);
    const maxSteps = Number.isFinite(budgets.maxSteps) ? { maxSteps: budgets.maxSteps } : {};
    this.deps.emit({ type: 'subagentStarted', childId, kind: role.kind, goal: request.goal, model, ...(role.agent ? { agent: role.agent.name } : {}), ...maxSteps });
    const result = await this.deps.runChild({
      identity, agent: role.agent, request, budgets, tools: role.tools,
      host: namedHost(this.deps.host, childId), onEvent: (event) => this.forward(event, identity),
    });
    const text = reportText(childId, role.agent?.name ?? role.kind, result);
    this.deps.emit({ type: 'subagentFinished', childId, reason: result.reason, report: text });
    return { childId, reason: result.reason, text };
  }

  /** The kind, tools and definition of a requested child; refuses a kind that would have more than this agent. */
  private roleFor(kind: string): { kind: SubagentKind; tools: ToolRegistry; agent?: AgentDefinition } {
    if (kind === 'explore' || kind === 'act') {
      if (this.deps.self.kind === 'explore' && kind === 'act') throw new ToolError('delegate refused: an explore sub-agent may only delegate explore sub-agents (a child never has more permission than its parent).');
      return { kind, tools: toolsFor(kind, this.deps.tools) };
    }
    const agent = this.deps.agents.find((a) => a.name === kind);
    if (!agent) throw new ToolError(`delegate refused: there is no kind of sub-agent named "${kind}". Use explore, act${this.deps.agents.map((a) => `, ${a.name}`).join('')}.`);
    const tools = this.deps.tools.restrict((tool) => allowsTool(agent, tool), (tool) => `the agent "${agent.name}" (${agent.path}) may use ${agent.tools.join(', ')}, and ${tool.name} is of kind ${tool.risk}. Report what should be done instead.`);
    return { kind: isReadOnlyAgent(agent, tools.all) ? 'explore' : 'act', tools, agent };
  }

  /** A child's events go into the parent's stream (and transcript), stamped with the agent they belong to. */
  private forward(event: AgentEvent, child: AgentIdentity): void {
    const { seq: _seq, at: _at, ...rest } = event;
    const stamped = rest.agentId ? rest : { ...rest, agentId: child.id, parentAgentId: child.parentId };
    this.deps.emit(stamped as AgentEventInput);
  }
}

/** The slice of what is left that a child may use: a share by default, or the call's own figures, never more than is left. */
export function sliceOf(left: Budgets, override: SliceOverride = {}): Budgets {
  const share = (value: number): number => (Number.isFinite(value) ? value * defaultSliceShare : value);
  const capped = (wanted: number | undefined, fallback: number, max: number): number => Math.min(wanted ?? fallback, max);
  return {
    maxSteps: Math.max(1, Math.floor(capped(override.maxSteps, share(left.maxSteps), left.maxSteps))),
    maxTokens: capped(override.maxTokens, share(left.maxTokens), left.maxTokens),
    maxCostUsd: capped(override.maxCostUsd, share(left.maxCostUsd), left.maxCostUsd),
    maxWallMs: capped(override.maxSeconds === undefined ? undefined : override.maxSeconds * 1000, left.maxWallMs, left.maxWallMs),
  };
}

/** An explore child gets the read tools only; a call to any other gets a clear refusal. */
function toolsFor(kind: SubagentKind, tools: ToolRegistry): ToolRegistry {
  if (kind === 'act') return tools;
  const isReadOnly = (tool: ToolDefinition): boolean => tool.risk === 'read';
  return tools.restrict(isReadOnly, (tool) => `this is an explore sub-agent, which only reads (read, list, search, map, symbols, git read tools); ${tool.name} is a ${tool.risk} tool. Report what you found and what should be done instead.`);
}

/** The child's approvals and questions name it, so the user knows which agent asks. */
function namedHost(host: Host, childId: string): Host {
  const approvals: Approvals = {
    request: (request, signal) => host.approvals.request({ ...request, title: `[${childId}] ${request.title}` }, signal),
    askQuestion: (question, signal) => host.approvals.askQuestion(`[${childId}] ${question}`, signal),
  };
  return { ...host, approvals };
}

function reportText(childId: string, kind: string, r: ChildResult): string {
  const list = (items: string[]): string => (items.length === 0 ? 'none' : items.slice(0, maxListed).join(', ') + (items.length > maxListed ? ` … and ${items.length - maxListed} more` : ''));
  const checks = r.checks.length === 0 ? 'none' : r.checks.map((c) => `${c.command}: ${c.isPassed ? 'passed' : 'failed'} (${c.summary.slice(0, 200)})`).join('; ');
  const lines = [
    `Sub-agent ${childId} (${kind}) ended: ${r.reason}${kind === 'explore' && r.reason === 'completed' ? ' (an answer; explore agents change nothing, so no checks apply)' : ''}.`,
    `Summary: ${r.summary}`,
    `Files read: ${list(r.filesRead)}`,
    `Files changed: ${list(r.filesChanged)}`,
    `Checks: ${checks}`,
    `Used: ${r.steps} steps, ${r.tokens} tokens, $${r.costUsd.toFixed(4)}.`,
  ];
  return trimMiddle(lines.join('\n'), maxReportChars).text;
}
