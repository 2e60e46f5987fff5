/**
 * The one list of tools. Adding a tool means one file in this folder and one line here; nothing else switches
 * on tool names.
 */
import type { ToolDefinition } from './tool';

export const allTools: readonly ToolDefinition[] = [
];
