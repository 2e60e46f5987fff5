/** find_references: where a symbol is used (calls, types, imports), from the symbol index, with each line's text. */
import * as path from 'node:path';
import { z } from 'zod';
import { codebaseOf } from './findSymbol';
import { clipLabel, defineTool } from './tool';

const maxShown = 100;
const maxLineChars = 200;

export const findReferencesTool = defineTool({
  name: 'find_references',
  description: `Find where a symbol is used (calls, type uses, imports, inheritance), from the symbol index, grouped per file with each line's text.
Definition lines are not included (use find_symbol for those). Uses through other names (aliases, dynamic access) are not found; search_text finds raw text.`,
  schema: z.object({
    name: z.string().min(1).describe('The symbol name (the last part of a qualified name is used).'),
  }),
  risk: 'read',
  label: (input) => `Found the references to ${clipLabel(input.name)}`,
  async run({ name }, ctx) {
    const found = await codebaseOf(ctx).findReferences(name);
    if (found.length === 0) return { output: `No references to ${JSON.stringify(name)} in the index. Try search_text for a textual search.` };
    const shown = found.slice(0, maxShown);
    const byFile = new Map<string, number[]>();
    for (const ref of shown) byFile.set(ref.path, [...(byFile.get(ref.path) ?? []), ref.line]);
    const blocks: string[] = [];
    for (const [file, lines] of byFile) {
      const text = await readLines(ctx.host.files.readFile.bind(ctx.host.files), path.join(ctx.roots[0], file));
      blocks.push([file, ...lines.map((n) => `  ${n}: ${clip(text[n - 1] ?? '').trim()}`)].join('\n'));
    }
    const note = found.length > shown.length ? `\n(Showing ${shown.length} of ${found.length}; narrow down with search_text and a path.)` : '';
    return { output: `${found.length} references to ${name} in ${byFile.size} files:\n${blocks.join('\n')}${note}` };
  },
});

async function readLines(read: (file: string) => Promise<Uint8Array>, file: string): Promise<string[]> {
  try {
    return new TextDecoder().decode(await read(file)).split(/\r?\n/);
  } catch {
    return [];
  }
}

function clip(line: string): string {
  return line.length > maxLineChars ? `${line.slice(0, maxLineChars)}…` : line;
}
