/** git_commit: commits staged changes, or the given paths, after the user approves (always, whatever the policy). */
import * as path from 'node:path';
import { z } from 'zod';
import { defineTool, ToolError, clipLabel as clip } from './tool';
import { callGit, requireRepo, toRepoPaths } from './gitStatus';

const description = `Create a git commit in the workspace repository. With paths, those files are staged (new, changed or deleted) and only they are committed; without paths, whatever is already staged is committed.
The user is always asked to approve a commit, even when other actions run automatically; if they reject it you get their reason. Use it only when the user's goal asks for a commit.
It never pushes, amends, or changes branches. Write a concise message: a short subject line, a blank line, then details if needed.`;

export const gitCommitTool = defineTool({
  name: 'git_commit',
  description,
  schema: z.object({
    message: z.string().trim().min(1).describe('The commit message: a short subject line, optionally a blank line and a body.'),
    paths: z.array(z.string().min(1)).optional().describe('Files or folders to stage and commit, relative to the workspace root. Omit to commit what is already staged.'),
  }),
  risk: 'edit',
  label: (input) => `Committed "${clip(input.message.split('\n')[0])}"`,
  async run({ message, paths }, ctx) {
    const root = await requireRepo(ctx);
    const pathspecs = await toRepoPaths(ctx, root, paths);
    const status = await callGit(() => ctx.host.git.status(root));
    if (/^nothing to commit, working tree clean/m.test(status)) throw new ToolError('Nothing to commit: the working tree is clean.');
    if (/^You have unmerged paths/m.test(status)) throw new ToolError(`Cannot commit while merge conflicts are unresolved. Resolve the conflict markers first.\n${status}`);
    if (!pathspecs && !/^Changes to be committed:/m.test(status) && !/still merging/.test(status)) {
      throw new ToolError('Nothing is staged, so there is nothing to commit. Pass the files to commit as paths (they will be staged), or see git_status.');
    }
    const what = pathspecs ? `Stage and commit: ${pathspecs.join(', ')}` : 'Commit the staged changes';
    const permission = await ctx.permissions.check({
      callId: ctx.callId, risk: 'edit', toolName: 'git_commit', isAlwaysAsk: true, alwaysAskReason: 'commits always ask (the repository\'s git hooks run for a commit you approve)',
      title: `Commit: ${message.split('\n')[0]}`,
      detail: `${what}\n\nMessage:\n${message}\n\ngit status:\n${status}`,
      paths: pathspecs?.map((p) => path.join(root, p)) ?? [root],
    });
    if (!permission.isAllowed) return { output: `Not committed. ${permission.reason}`, isError: true };
    return { output: await callGit(() => ctx.host.git.commit(root, message, pathspecs)) };
  },
});
