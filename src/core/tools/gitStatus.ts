/** git_status: the repository's branch and changed files, as `git status` shows them. */
import { z } from 'zod';
import { defineTool, ToolError, type ToolContext } from './tool';

const description = `Show the git status of the workspace repository: the branch (or a detached HEAD), staged, unstaged and untracked files, and any merge or rebase in progress.
Use it to see what you (or the user) changed before reviewing a diff or committing. Read-only.`;

export const gitStatusTool = defineTool({
  name: 'git_status',
  description,
  schema: z.object({}),
  risk: 'read',
  label: () => 'Checked the git status',
  async run(_input, ctx) {
    const root = await requireRepo(ctx);
    return { output: await callGit(() => ctx.host.git.status(root)) };
  },
});

/** The workspace root when it is inside a git work tree; otherwise a ToolError the model can act on. */
export async function requireRepo(ctx: ToolContext): Promise<string> {
  const root = ctx.roots[0];
  if (!(await callGit(() => ctx.host.git.isRepo(root)))) {
    throw new ToolError('The workspace is not a git repository, so there is no git history or status. Git tools cannot be used here; do not initialise a repository unless the user asks.');
  }
  return root;
}

/** Runs a git host call, turning its failure (already explained by the host) into a ToolError. */
export async function callGit<T>(operation: () => Promise<T>): Promise<T> {
  try {
    return await operation();
  } catch (err) {
    if (err instanceof ToolError) throw err;
    throw new ToolError((err as Error).message);
  }
}

/** Resolves paths the model gave to pathspecs relative to the repository root, refusing any outside it. */
export async function toRepoPaths(ctx: ToolContext, root: string, paths: readonly string[] | undefined): Promise<string[] | undefined> {
  if (!paths || paths.length === 0) return undefined;
  const resolved: string[] = [];
  for (const p of paths) {
    const target = await ctx.paths.resolve(p, 'write').catch((err: unknown) => {
      throw err instanceof ToolError ? new ToolError(`Path ${p} is not usable for git: ${err.message}`) : err;
    });
    if (target.root !== root) throw new ToolError(`Path ${p} is not inside the repository at the workspace root.`);
    resolved.push(target.rel);
  }
  return resolved;
}
