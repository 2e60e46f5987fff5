/** find_symbol: where a function, class, type, method or constant is defined, from the symbol index. */
import { z } from 'zod';
import type { CodebaseIndex } from '../codebase/types';
import { defineTool, ToolError, type ToolContext, clipLabel as clip } from './tool';

/** The session's symbol index, or a ToolError that tells the model what to use instead. */
export function codebaseOf(ctx: ToolContext): CodebaseIndex {
  if (!ctx.codebase) {
    throw new ToolError('The symbol index is unavailable in this session. Use search_text to find definitions and uses by text, and list_files to look around.');
  }
  return ctx.codebase;
}

export const findSymbolTool = defineTool({
  name: 'find_symbol',
  description: `Find where a symbol (function, class, method, type, interface, constant...) is defined, from the symbol index. Gives each definition's file, line range, kind and signature.
Pass the bare name ("parseConfig") or a qualified one ("Parser.parse", "Parser::parse").
Faster and more precise than search_text for definitions; use find_references for its uses.`,
  schema: z.object({
    name: z.string().min(1).describe('The symbol name, optionally qualified by its class or module (Outer.name).'),
  }),
  risk: 'read',
  label: (input) => `Looked up ${clip(input.name)}`,
  async run({ name }, ctx) {
    const found = await codebaseOf(ctx).findSymbol(name);
    if (found.length === 0) {
      return { output: `No definition of ${JSON.stringify(name)} in the index. Check the spelling, or try search_text (the name may be defined in a language or a way the index does not cover).` };
    }
    const lines = found.map((s) => `${s.path}:${s.line}-${s.endLine} ${s.kind} ${s.name}\n${s.signature.split('\n').map((l) => `    ${l.trim()}`).join('\n')}`);
    return { output: `${found.length} definition${found.length === 1 ? '' : 's'} of ${name}:\n${lines.join('\n')}` };
  },
});
