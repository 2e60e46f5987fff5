/** git_diff: unified diff of unstaged (or staged) changes, optionally limited to some paths. */
import { z } from 'zod';
import { defineTool, clipLabel as clip } from './tool';
import { callGit, requireRepo, toRepoPaths } from './gitStatus';
import { trimMiddle } from '../text/trimMiddle';
import { invisibleWarning, revealInvisible } from '../text/revealInvisible';

/** Characters of diff the model sees; longer diffs are cut in the middle with a note. */
export const maxDiffChars = 40_000;

const description = `Show a unified diff of the working tree against the index (unstaged changes), or with staged=true the index against HEAD (what a commit would contain).
Use it to review changes before committing or to see what the user changed. Untracked files are not in a diff (see git_status).
Long diffs are cut in the middle (limit ${maxDiffChars} characters): pass paths to narrow it.`;

export const gitDiffTool = defineTool({
  name: 'git_diff',
  description,
  schema: z.object({
    staged: z.boolean().optional().describe('true: staged changes (index vs HEAD). Default false: unstaged changes (working tree vs index).'),
    paths: z.array(z.string().min(1)).optional().describe('Limit the diff to these files or folders, relative to the workspace root.'),
  }),
  risk: 'read',
  label: (input) => `Viewed the ${input.staged ? 'staged' : 'unstaged'} changes${input.paths?.length ? ` of ${clip(input.paths.join(', '))}` : ''}`,
  async run({ staged, paths }, ctx) {
    const root = await requireRepo(ctx);
    const pathspecs = await toRepoPaths(ctx, root, paths);
    const diff = await callGit(() => ctx.host.git.diff(root, { staged, paths: pathspecs }));
    if (diff.trim() === '') {
      const what = staged ? 'No staged changes' : 'No unstaged changes';
      return { output: `${what}${pathspecs ? ` in ${pathspecs.join(', ')}` : ''}.${staged ? '' : ' (Untracked files do not appear in a diff; git_status lists them.)'}` };
    }
    const revealed = revealInvisible(diff);
    const trimmed = trimMiddle(revealed.text, maxDiffChars, 0.5);
    const notes = [invisibleWarning(revealed.found), trimmed.omittedChars > 0 ? `Note: the diff is long; ${trimmed.omittedChars} characters in the middle are not shown. Pass paths to see specific files.` : undefined];
    return { output: [...notes.filter((n): n is string => n !== undefined), trimmed.text].join('\n') };
  },
});
