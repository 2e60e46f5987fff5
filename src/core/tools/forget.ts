/** forget: deletes a note from long-term memory; a proposed deletion, approved like an edit. */
import { z } from 'zod';
import { computeHunks, contentHash } from '../edits/changeProposer';
import { renderNote } from '../memory/memoryNote';
import { defineTool, ToolError, clipLabel as clip } from './tool';

export const forgetTool = defineTool({
  name: 'forget',
  description: 'Delete a note from long-term memory when it is wrong or out of date (give its id from recall, e.g. "workspace/run-tests"). The user approves the deletion like an edit.',
  schema: z.object({
    id: z.string().min(1).describe('The note\'s id, optionally with its scope: "run-tests", "workspace/run-tests" or "user/prefers-pnpm".'),
  }),
  risk: 'edit',
  label: (input) => `Forgot the note ${clip(input.id)}`,
  async run({ id }, ctx) {
    const memory = ctx.memory;
    if (!memory) throw new ToolError('Long-term memory is off for this task.');
    const note = await memory.store.get(id);
    if (!note) throw new ToolError(`There is no note "${id}". Use recall to find the note's id.`);
    const display = memory.displayPath(note.scope, note.id);
    const before = renderNote(note);
    const view = { changeId: `memory-forget-${note.scope}-${note.id}-${Date.now()}`, path: display, kind: 'delete' as const, baseHash: contentHash(before), hunks: computeHunks(display, before, null), isBinary: false };
    ctx.emit({ type: 'changeProposed', callId: ctx.callId, change: view });
    const permission = await ctx.permissions.check({ callId: ctx.callId, risk: 'edit', toolName: 'forget', title: `Forget: ${note.title}`, detail: `Delete the ${note.scope} memory note ${display}`, change: view });
    if (!permission.isAllowed) {
      ctx.emit({ type: 'changeRejected', callId: ctx.callId, changeId: view.changeId, path: display, reason: permission.reason });
      return { output: `The note was not deleted: ${permission.reason}`, isError: true };
    }
    await memory.store.delete(note);
    await memory.index.noteRemoved(note.scope, note.id);
    ctx.emit({ type: 'changeApplied', callId: ctx.callId, changeId: view.changeId, path: display });
    return { output: `Forgot note ${note.scope}/${note.id}.` };
  },
});
