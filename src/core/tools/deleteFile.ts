/** delete_file: deletes one file through the change pipeline (reviewable, checkpointed). */
import { z } from 'zod';
import { defineTool, ToolError, clipLabel as clip } from './tool';
import { readText } from '../edits/changeProposer';

/** The delete_file tool. */
export const deleteFileTool = defineTool({
  name: 'delete_file',
  description: 'Delete one file. Folders are not deleted by this tool.',
  schema: z.object({ path: z.string().describe('Path of the file to delete, relative to the workspace root.') }),
  risk: 'edit',
  label: (input) => `Deleted ${clip(input.path)}`,
  run: async ({ path }, ctx) => {
    const target = await ctx.paths.resolve(path, 'write');
    const stat = await ctx.host.files.lstat(target.abs);
    if (!stat) throw new ToolError(`${target.rel} does not exist.`);
    if (!stat.isFile) throw new ToolError(`${target.rel} is not a regular file; only files can be deleted with delete_file.`);
    const before = await readText(ctx.host.files, target.abs);
    const outcome = await ctx.changes.propose({ callId: ctx.callId, toolName: 'delete_file', kind: 'delete', abs: target.abs, path: target.rel, before, after: null });
    if (!outcome.isApplied) return { output: `${target.rel} was not deleted: ${outcome.reason}`, isError: true };
    return { output: [`Deleted ${target.rel}.`, ...(outcome.notes ?? [])].join('\n') };
  },
});
