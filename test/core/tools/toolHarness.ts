/** Runs one tool the way the loop does: arguments as JSON, validated by the registry, errors as results. */
import { ToolRegistry } from '../../../src/core/tools/registry';
import type { ToolContext, ToolDefinition, ToolResult } from '../../../src/core/tools/tool';

export async function callTool(tool: ToolDefinition, args: object, ctx: ToolContext): Promise<ToolResult> {
  const registry = new ToolRegistry([tool]);
  const call = registry.prepare(tool.name, JSON.stringify(args));
  if ('error' in call) return { output: call.error, isError: true };
  return registry.run(call, ctx);
}
