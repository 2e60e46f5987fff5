/** list_files: the workspace's files as git sees them (.gitignore honoured), one folder or a whole tree. */
import * as path from 'node:path';
import { z } from 'zod';
import { isIgnoredPath, walkFiles } from '../codebase/fileWalker';
import { defineTool, ToolError, clipLabel as clip } from './tool';

const defaultMax = 500;

export const listFilesTool = defineTool({
  name: 'list_files',
  description: `List files of the workspace, relative to the workspace root. Files ignored by .gitignore, .git and node_modules are left out.
With recursive=false you get one folder's entries (folders end with "/"); with recursive=true (the default) every file below the folder, up to maxEntries.
Use it to find your way in an unfamiliar folder; use repo_map for an overview of the code and search_text to find where something is used.`,
  schema: z.object({
    path: z.string().optional().describe('Folder to list, relative to the workspace root. Default: the root.'),
    recursive: z.boolean().optional().describe('List every file below the folder (true, default) or only its direct entries (false).'),
    maxEntries: z.number().int().min(1).max(5000).optional().describe(`At most this many entries. Default ${defaultMax}.`),
  }),
  risk: 'read',
  label: (input) => `Listed ${input.path ? clip(input.path) : 'the workspace'}`,
  async run({ path: folder, recursive, maxEntries }, ctx) {
    const target = await ctx.paths.resolve(folder ?? '.', 'read');
    const stat = await ctx.host.files.stat(target.abs);
    if (!stat) throw new ToolError(`Folder not found: ${folder}. List the parent folder to see what exists.`);
    if (!stat.isDirectory) throw new ToolError(`${folder} is a file, not a folder. Use read_file to read it.`);
    const max = maxEntries ?? defaultMax;
    const root = target.root ?? target.abs;
    const shown = (abs: string): string => (abs === target.abs && !target.root ? '.' : ctx.paths.display(abs));
    let entries: string[];
    let isTruncated: boolean;
    if (recursive === false) {
      const listed = (await ctx.host.files.list(target.abs)).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
      entries = [];
      for (const entry of listed) {
        const abs = path.join(target.abs, entry.name);
        if (await isIgnoredPath({ files: ctx.host.files, root }, abs)) continue;
        entries.push(entry.isDirectory ? `${shown(abs)}/` : shown(abs));
      }
      isTruncated = entries.length > max;
      entries = entries.slice(0, max);
    } else {
      const walked = await walkFiles({ files: ctx.host.files, root, start: target.abs, maxFiles: max, signal: ctx.signal });
      entries = walked.files;
      isTruncated = walked.isTruncated;
    }
    const where = shown(target.abs) || '.';
    if (entries.length === 0) return { output: `${where} has no files (after .gitignore).` };
    const note = isTruncated ? `\n(Only the first ${max} entries. List a subfolder or raise maxEntries to see more.)` : '';
    return { output: `${entries.length} entries in ${where}:\n${entries.join('\n')}${note}` };
  },
});
