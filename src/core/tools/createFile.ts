/** create_file: writes a whole file. It refuses to replace an existing file unless asked to overwrite. */
import { z } from 'zod';
import { defineTool, ToolError, clipLabel as clip } from './tool';
import { readText } from '../edits/changeProposer';
import { matchFileStyle } from '../edits/fileText';

/** The create_file tool. */
export const createFileTool = defineTool({
  name: 'create_file',
  description: 'Create a new file with the given content (parent folders are created). To replace an existing file entirely set overwrite to true; for partial changes use edit_file.',
  schema: z.object({
    path: z.string().describe('Path of the file, relative to the workspace root.'),
    content: z.string().describe('The complete content of the file.'),
    overwrite: z.boolean().default(false).describe('Replace the file if it exists (its BOM and line endings are kept).'),
  }),
  risk: 'edit',
  label: (input) => `Created ${clip(input.path)}`,
  run: async ({ path, content, overwrite }, ctx) => {
    const target = await ctx.paths.resolve(path, 'write');
    const stat = await ctx.host.files.lstat(target.abs);
    if (stat && !stat.isFile) throw new ToolError(`${target.rel} exists and is not a regular file.`);
    const before = stat ? await readText(ctx.host.files, target.abs) : null;
    if (before !== null && !overwrite) {
      throw new ToolError(`${target.rel} already exists. Use edit_file to change it, or call create_file with overwrite: true to replace all of it.`);
    }
    const after = matchFileStyle(before, content);
    if (after === before) return { output: `${target.rel} already has that content.` };
    const outcome = await ctx.changes.propose({ callId: ctx.callId, toolName: 'create_file', kind: before === null ? 'create' : 'modify', abs: target.abs, path: target.rel, before, after });
    if (!outcome.isApplied) return { output: `${target.rel} was not written: ${outcome.reason}`, isError: true };
    const lines = after === '' ? 0 : after.split('\n').length;
    return { output: [`${before === null ? 'Created' : 'Replaced'} ${target.rel} (${lines} lines).`, ...(outcome.notes ?? [])].join('\n') };
  },
});
