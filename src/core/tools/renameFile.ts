/** rename_file: moves one file to a new path inside the workspace; never over an existing file. */
import { z } from 'zod';
import { defineTool, ToolError, clipLabel as clip } from './tool';
import { readText } from '../edits/changeProposer';

/** The rename_file tool. */
export const renameFileTool = defineTool({
  name: 'rename_file',
  description: 'Rename or move one file. The destination must not exist; parent folders are created.',
  schema: z.object({
    from: z.string().describe('Current path of the file, relative to the workspace root.'),
    to: z.string().describe('New path of the file, relative to the workspace root.'),
  }),
  risk: 'edit',
  label: (input) => `Renamed ${clip(input.from)} to ${clip(input.to)}`,
  run: async ({ from, to }, ctx) => {
    const source = await ctx.paths.resolve(from, 'write');
    const target = await ctx.paths.resolve(to, 'write');
    const stat = await ctx.host.files.lstat(source.abs);
    if (!stat) throw new ToolError(`${source.rel} does not exist.`);
    if (!stat.isFile) throw new ToolError(`${source.rel} is not a regular file; only files can be renamed with rename_file.`);
    if (await ctx.host.files.lstat(target.abs)) throw new ToolError(`${target.rel} already exists. Delete it first or choose another name.`);
    const content = await readText(ctx.host.files, source.abs);
    const outcome = await ctx.changes.propose({
      callId: ctx.callId, toolName: 'rename_file', kind: 'rename', abs: source.abs, path: source.rel, newAbs: target.abs, newPath: target.rel, before: content, after: content,
    });
    if (!outcome.isApplied) return { output: `${source.rel} was not renamed: ${outcome.reason}`, isError: true };
    return { output: [`Renamed ${source.rel} to ${target.rel}.`, ...(outcome.notes ?? [])].join('\n') };
  },
});
