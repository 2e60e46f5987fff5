/**
 * remember: saves or updates a note in long-term memory, as a Markdown file the user can read. It is a
 * proposed change like an edit (a diff, approved under the edit policy), and always asks when the task read
 * untrusted content. The end-of-task reflection uses the same tool with source "reflection" (always asks).
 */
import { z } from 'zod';
import { saveNote } from '../memory/saveNote';
import { defineTool, ToolError, type ToolDefinition, clipLabel as clip } from './tool';

const description = `Save a short note to long-term memory so that later tasks know it: a fact about this project (how to build or test it, where things are, a convention), a decision and its reason, a pitfall you met, or a preference the user stated.
Keep it to a few lines a future task can act on; do not save what the code or git history already says plainly, and never save secrets. To change a note, pass its id (from recall). The user sees the note as a diff and may reject it.
Scope "workspace" (the default) keeps it with this project (.auto-agent/memory/); "user" keeps it for all the user's projects.`;

const schema = z.object({
  title: z.string().min(3).max(120).describe('A short title that says what the note is about, e.g. "Run the e2e tests with xvfb-run".'),
  content: z.string().min(1).max(4000).describe('The note itself, in Markdown: a few lines.'),
  scope: z.enum(['workspace', 'user']).optional().describe('workspace (default): this project only. user: all of the user\'s projects (preferences).'),
  id: z.string().optional().describe('The id of an existing note to update (from recall); leave it out for a new note.'),
  tags: z.array(z.string()).max(8).optional().describe('A few keywords that help find the note.'),
});

/** The tool as a task uses it ('agent'), or as the end-of-task reflection does ('reflection'). */
export function rememberToolFor(source: 'agent' | 'reflection'): ToolDefinition<typeof schema> {
  return defineTool({
    name: 'remember',
    description,
    schema,
    risk: 'edit',
    label: (input) => `Saved the note "${clip(input.title)}"`,
    async run(input, ctx) {
      if (!ctx.memory) throw new ToolError('Long-term memory is off for this task, so nothing can be saved.');
      const outcome = await saveNote(ctx, ctx.memory, { ...input, scope: input.scope ?? 'workspace' }, source);
      if (!outcome.isSaved) return { output: `The note was not saved: ${outcome.reason}`, isError: true };
      return { output: `${outcome.isNew ? 'Saved' : 'Updated'} note ${outcome.note.scope}/${outcome.note.id} (${outcome.path}).` };
    },
  });
}

export const rememberTool = rememberToolFor('agent');
