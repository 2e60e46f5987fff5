/**
 * An MCP tool result as text for the model: text blocks as they are, everything else named rather than
 * inlined (an image or a blob is not pasted as base64). The caller fences it as untrusted data.
 */
import type { McpCallOutcome, McpContentBlock } from './mcpHost';

/** Text of a result, before the fence and the size cap (which the one tool-result path applies). */
export function mcpResultText(outcome: McpCallOutcome): string {
  const parts = outcome.content.map(blockText);
  if (outcome.structuredContent !== undefined && !outcome.content.some((b) => b.type === 'text')) parts.push(JSON.stringify(outcome.structuredContent, null, 2));
  return parts.length ? parts.join('\n\n') : '(the tool returned no content)';
}

function blockText(block: McpContentBlock): string {
  switch (block.type) {
    case 'text': return typeof block.text === 'string' ? block.text : '';
    case 'image':
    case 'audio': return `[${block.type} ${block.mimeType ?? ''} of ${Math.round(((block.data?.length ?? 0) * 3) / 4)} bytes, not shown]`;
    case 'resource_link': return `[resource link: ${String(block.uri ?? '')}${typeof block['name'] === 'string' ? ` (${block['name']})` : ''}]`;
    case 'resource': {
      const r = block.resource ?? {};
      return typeof r.text === 'string' ? `[resource ${r.uri ?? ''}]\n${r.text}` : `[resource ${r.uri ?? ''} ${r.mimeType ?? ''}, binary, not shown]`;
    }
    default: return `[content of type ${JSON.stringify(block.type).slice(0, 40)}, not shown]`;
  }
}
