/**
 * Pins an MCP tool's description and schema by hash when the user first lets it run. A server that later
 * changes them (a "rug pull": approved as harmless, then rewritten) gets the tool held until the user approves
 * the new version, and the approval shows what changed.
 */
import { createHash } from 'node:crypto';
import { createTwoFilesPatch } from 'diff';
import type { Store } from '../host';
import type { McpToolInfo } from './mcpHost';

const storeKey = 'mcp.toolPins';

interface Pin { hash: string; text: string }

/** What the server shows now compared with what the user approved. */
export type PinState = { kind: 'new' } | { kind: 'same' } | { kind: 'changed'; diff: string };

/** The text a pin covers: the description and the schema, as the model would see them. */
export function pinnedText(tool: McpToolInfo): string {
  return `${tool.description}\n\n${JSON.stringify(tool.inputSchema, null, 2)}\n`;
}

export class ToolPins {
  constructor(private readonly store: Store) {}

  async state(server: string, tool: McpToolInfo): Promise<PinState> {
    const pin = (await this.all())[keyOf(server, tool.name)];
    if (!pin) return { kind: 'new' };
    const text = pinnedText(tool);
    if (pin.hash === hashOf(text)) return { kind: 'same' };
    return { kind: 'changed', diff: createTwoFilesPatch('approved', 'now', pin.text, text, '', '', { context: 2 }).split('\n').slice(2).join('\n') };
  }

  /** Records the version the user approved. */
  async pin(server: string, tool: McpToolInfo): Promise<void> {
    const text = pinnedText(tool);
    const all = await this.all();
    all[keyOf(server, tool.name)] = { hash: hashOf(text), text };
    await this.store.set(storeKey, all);
  }

  private async all(): Promise<Record<string, Pin>> {
    return { ...((await this.store.get<Record<string, Pin>>(storeKey)) ?? {}) };
  }
}

function keyOf(server: string, tool: string): string {
  return JSON.stringify([server, tool]);
}

function hashOf(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
