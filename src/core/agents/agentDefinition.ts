/**
 * Agents the user defines: a Markdown file with a YAML front matter (name, description, tools, optional model)
 * whose body holds the agent's instructions. They are offered to the model as kinds of child in `delegate`. A
 * file only narrows what a child may do: it picks tools among its parent's and cannot touch policy or approvals.
 */
import { load as parseYaml } from 'js-yaml';
import { z } from 'zod';
import type { RiskClass } from '../../protocol/events';
import type { ToolDefinition } from '../tools/tool';

/** Where a definition was found: the workspace's `.auto-agent/agents/` or the user's config folder. */
export type AgentSource = 'workspace' | 'user';

/** One agent the user defined. `tools` lists tool kinds (risk classes) or tool names. */
export interface AgentDefinition {
  name: string;
  description: string;
  tools: string[];
  model?: string;
  instructions: string;
  source: AgentSource;
  /** How the user sees the file: root-relative or `~/…`. */
  path: string;
}

/** The tool kinds a definition may name: the risk classes of the tools. */
export const toolKinds: readonly RiskClass[] = ['read', 'edit', 'execute', 'network'];
/** Names the built-in kinds of child own. */
const reservedNames = new Set(['explore', 'act']);
const maxInstructionChars = 12_000;

const frontMatterSchema = z.object({
  name: z.string().regex(/^[a-z][a-z0-9-]{0,39}$/, 'lowercase letters, digits and dashes, starting with a letter, at most 40'),
  description: z.string().trim().min(1).max(500),
  tools: z.union([z.string(), z.array(z.string())]).optional(),
  model: z.string().trim().min(1).max(200).optional(),
});

/** Parses one file; an error says what to fix (the loader logs it and skips the file). */
export function parseAgentFile(text: string, where: { source: AgentSource; path: string }): AgentDefinition | { error: string } {
  const match = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?/.exec(text);
  if (!match) return { error: `${where.path}: no front matter (a --- block with name, description and tools at the top)` };
  let meta: unknown;
  try {
    meta = parseYaml(match[1]);
  } catch (err) {
    return { error: `${where.path}: the front matter is not valid YAML (${(err as Error).message.split('\n')[0]})` };
  }
  const parsed = frontMatterSchema.safeParse(meta ?? {});
  if (!parsed.success) return { error: `${where.path}: ${parsed.error.issues.map((i) => `${i.path.join('.') || 'front matter'}: ${i.message}`).join('; ')}` };
  const { name, description, model } = parsed.data;
  if (reservedNames.has(name)) return { error: `${where.path}: the name "${name}" is a built-in kind of sub-agent; choose another` };
  const tools = (typeof parsed.data.tools === 'string' ? parsed.data.tools.split(',') : parsed.data.tools ?? ['read']).map((t) => t.trim()).filter(Boolean);
  const instructions = text.slice(match[0].length).trim().slice(0, maxInstructionChars);
  return { name, description, tools, ...(model ? { model } : {}), instructions, ...where };
}

/**
 * Whether a definition lets its agent use `tool`. Task control (plan, questions, finish) always; `delegate` only
 * when named. This picks among the parent's tools: a tool the parent lacks is never added.
 */
export function allowsTool(agent: Pick<AgentDefinition, 'tools'>, tool: ToolDefinition): boolean {
  if (tool.name === 'delegate') return agent.tools.includes('delegate');
  if (tool.isTaskControl) return true;
  return agent.tools.includes(tool.risk) || agent.tools.includes(tool.name);
}

/** Whether every tool the agent would get from `tools` only reads (it then runs like explore: in parallel, no checks). */
export function isReadOnlyAgent(agent: Pick<AgentDefinition, 'tools'>, tools: readonly ToolDefinition[]): boolean {
  return tools.every((tool) => !allowsTool(agent, tool) || tool.risk === 'read');
}

/** The workspace's definition wins over the user's of the same name (it is the more specific one). */
export function mergeAgents(workspace: readonly AgentDefinition[], user: readonly AgentDefinition[]): AgentDefinition[] {
  const names = new Set(workspace.map((a) => a.name));
  return [...workspace, ...user.filter((a) => !names.has(a.name))];
}
