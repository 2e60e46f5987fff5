/** repo_map: a ranked overview of the code as signatures, optionally focused on a file or a symbol. */
import { z } from 'zod';
import { codebaseOf } from './findSymbol';
import { defineTool, clipLabel as clip } from './tool';

export const repoMapTool = defineTool({
  name: 'repo_map',
  description: `Show a map of the repository: the most important files and their definitions as signatures ("⋮" marks code left out), ranked by how much the rest of the code uses them.
Pass focus (a file path or a symbol name) to centre the map on it: its definitions first, then the code that uses it and the code it uses.
Use it to get your bearings in an unfamiliar codebase before reading files.`,
  schema: z.object({
    focus: z.string().optional().describe('A file path (relative to the workspace root) or a symbol name to centre the map on.'),
    tokens: z.number().int().min(256).max(16_000).optional().describe('Size of the map in tokens. Default 2000.'),
    mentioned: z.array(z.string()).optional().describe('Identifiers that matter for the task; their definitions rank higher.'),
  }),
  risk: 'read',
  label: (input) => `Mapped the repository${input.focus ? ` around ${clip(input.focus)}` : ''}`,
  async run({ focus, tokens, mentioned }, ctx) {
    const codebase = codebaseOf(ctx);
    const map = await codebase.repoMap({ tokens: tokens ?? 2000, focus, mentioned });
    if (!map) return { output: 'The index has no definitions to show (no source files in a supported language, or the budget is too small).' };
    return { output: map };
  },
});
