/**
 * The tool registry: turns each tool's zod schema into the model's `tools` array, parses and validates the
 * arguments of a call, and runs it. Every failure becomes a tool result for the model, never a crash.
 */
import { z } from 'zod';
import type { ToolSpec } from '../llm/messages';
import type { RiskClass } from '../../protocol/events';
import { revealInvisible } from '../text/revealInvisible';
import { ToolError, type ToolContext, type ToolDefinition, type ToolResult } from './tool';

const maxToolNameShown = 64;

/** A validated call, ready to run. */
export interface PreparedCall {
  tool: ToolDefinition;
  input: unknown;
}

export class ToolRegistry {
  private readonly byName = new Map<string, ToolDefinition>();
  private openAiTools: ToolSpec[] | undefined;

  /** `withheld`: tools left out on purpose, by name, with the reason a call to one of them is refused. */
  constructor(tools: readonly ToolDefinition[], private readonly withheld: ReadonlyMap<string, string> = new Map()) {
    for (const tool of tools) {
      if (this.byName.has(tool.name)) throw new Error(`Duplicate tool name: ${tool.name}`);
      this.byName.set(tool.name, tool);
    }
  }

  get names(): string[] {
    return [...this.byName.keys()];
  }

  get all(): ToolDefinition[] {
    return [...this.byName.values()];
  }

  get(name: string): ToolDefinition | undefined {
    return this.byName.get(name);
  }

  riskOf(name: string): RiskClass | undefined {
    return this.byName.get(name)?.risk;
  }

  /** The call in words for the user, when its tool has a label and its arguments are valid; undefined otherwise. */
  labelOf(name: string, rawArguments: string): string | undefined {
    const prepared = this.prepare(name, rawArguments);
    if ('error' in prepared || !prepared.tool.label) return undefined;
    try {
      return prepared.tool.label(prepared.input);
    } catch {
      return undefined;
    }
  }

  /** A registry with only the tools that pass `keep` (for example the read-only set of the chat). */
  filter(keep: (tool: ToolDefinition) => boolean): ToolRegistry {
    return new ToolRegistry([...this.byName.values()].filter(keep));
  }

  /** The same registry with `tool` in place of the tool of its name (the user's agents in `delegate`); unchanged if absent. */
  replace(tool: ToolDefinition): ToolRegistry {
    if (!this.byName.has(tool.name)) return this;
    return new ToolRegistry([...this.byName.values()].map((t) => (t.name === tool.name ? tool : t)), this.withheld);
  }

  /** Like filter, but a call to a tool left out gets `whyWithheld(tool)` as its error rather than "unknown tool". */
  restrict(keep: (tool: ToolDefinition) => boolean, whyWithheld: (tool: ToolDefinition) => string): ToolRegistry {
    const all = [...this.byName.values()];
    const withheld = new Map(this.withheld);
    for (const tool of all.filter((t) => !keep(t))) withheld.set(tool.name, whyWithheld(tool));
    return new ToolRegistry(all.filter(keep), withheld);
  }

  /** The `tools` array (the engine's ToolSpec), JSON Schema generated from zod. Stable order keeps the prompt prefix cacheable. */
  toOpenAiTools(): ToolSpec[] {
    // Generated once: the array is identical for every request of a task (and part of the cached prefix).
    this.openAiTools ??= [...this.byName.values()].map((tool) => ({
      type: 'function',
      function: { name: tool.name, description: tool.description, parameters: tool.parameters ?? toJsonSchema(tool.schema) },
    }));
    return this.openAiTools;
  }

  /** Parses raw JSON arguments and validates them; the error string is written for the model. */
  prepare(name: string, rawArguments: string): PreparedCall | { error: string } {
    const tool = this.byName.get(name);
    const withheld = this.withheld.get(name);
    if (!tool && withheld) return { error: `${name} is not available here: ${withheld} Available tools: ${this.names.join(', ')}.` };
    if (!tool) {
      const shown = name.length > maxToolNameShown ? `${name.slice(0, maxToolNameShown)}…` : name;
      return { error: `Unknown tool "${shown}". Available tools: ${this.names.join(', ')}.` };
    }
    let json: unknown;
    try {
      json = rawArguments.trim() === '' ? {} : JSON.parse(rawArguments);
    } catch (err) {
      return { error: `The arguments of ${name} are not valid JSON (${(err as Error).message}). Send one complete JSON object matching the tool's schema.` };
    }
    const parsed = tool.schema.safeParse(json);
    if (!parsed.success) return { error: `Invalid arguments for ${name}:\n${z.prettifyError(parsed.error)}\nFix them and call the tool again.` };
    return { tool, input: parsed.data };
  }

  /**
   * Runs a prepared call; a ToolError or any exception becomes an error result. A read (any tool of risk `read`
   * but the task-control ones) first passes the permission gate, so `read: ask` holds for every read tool, the
   * ones added later included. Edits, commands and fetches ask the gate themselves, with their diff, command or URL.
   */
  async run(call: PreparedCall, ctx: ToolContext): Promise<ToolResult> {
    try {
      const refusal = await gateRead(call, ctx);
      if (refusal) return refusal;
      return await call.tool.run(call.input, ctx);
    } catch (err) {
      if (ctx.signal.aborted) return { output: 'Cancelled by the user.', isError: true };
      if (err instanceof ToolError) return { output: err.message, isError: true };
      return { output: `${call.tool.name} failed: ${(err as Error).message ?? String(err)}`, isError: true };
    }
  }
}

const maxTitleChars = 160;

/** Asks the gate about a read; returns the error result when it was refused, undefined when it may run. */
async function gateRead(call: PreparedCall, ctx: ToolContext): Promise<ToolResult | undefined> {
  const { tool, input } = call;
  if (tool.risk !== 'read' || tool.isTaskControl) return undefined;
  // Shown to the user: a path spelled with invisible characters must not look like another one.
  const args = revealInvisible(JSON.stringify(input ?? {})).text;
  const shown = args === '{}' ? '' : ` ${args.length > maxTitleChars ? `${args.slice(0, maxTitleChars)}…` : args}`;
  const permission = await ctx.permissions.check({
    callId: ctx.callId, risk: 'read', toolName: tool.name, title: `${tool.name}${shown}`, detail: `${tool.name} reads from the workspace with ${args}.`,
  });
  return permission.isAllowed ? undefined : { output: `Not run: ${permission.reason}`, isError: true };
}

/** JSON Schema of a tool's parameters, without the `$schema` key that some servers reject. */
export function toJsonSchema(schema: z.ZodType): Record<string, unknown> {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, { target: 'draft-7', io: 'input' }) as Record<string, unknown>;
  return rest;
}
