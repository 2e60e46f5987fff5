/** git_log: recent commits, newest first, optionally only those touching one path. */
import { z } from 'zod';
import { defineTool, clipLabel as clip } from './tool';
import { callGit, requireRepo, toRepoPaths } from './gitStatus';

const description = `Show recent commits of the workspace repository, newest first: short hash, date, author, refs, and subject.
Use it to learn the project's history or commit-message style, or who last changed a file (pass path).`;

export const gitLogTool = defineTool({
  name: 'git_log',
  description,
  schema: z.object({
    maxCount: z.number().int().min(1).max(100).default(10).describe('How many commits to show (1-100, default 10).'),
    path: z.string().min(1).optional().describe('Only commits that touched this file or folder, relative to the workspace root.'),
  }),
  risk: 'read',
  label: (input) => `Viewed the git history${input.path ? ` of ${clip(input.path)}` : ''}`,
  async run({ maxCount, path }, ctx) {
    const root = await requireRepo(ctx);
    const pathspec = (await toRepoPaths(ctx, root, path === undefined ? undefined : [path]))?.[0];
    const log = await callGit(() => ctx.host.git.log(root, { maxCount, path: pathspec }));
    if (log.trim() === '') return { output: pathspec ? `No commits touch ${pathspec}.` : 'No commits yet: the repository is empty.' };
    return { output: log };
  },
});
