/**
 * Saving a note is a proposed change like an edit: the note file's diff is shown and the gate decides under the
 * edit policy. A note from a task that read untrusted content (web pages, files outside the workspace), and
 * every note the end-of-task reflection proposes, always asks, even with edits on auto.
 */
import { computeHunks, contentHash } from '../edits/changeProposer';
import type { ChangeView } from '../../protocol/change';
import type { ToolContext } from '../tools/tool';
import { slugOf, type MemoryNote, type MemoryScope } from './memoryNote';
import type { TaskMemory } from './taskMemory';

/** What the model asks to save. */
export interface NoteDraft {
  title: string;
  content: string;
  scope: MemoryScope;
  /** Update this note instead of making a new one. */
  id?: string;
  tags?: string[];
}

export type SaveOutcome = { isSaved: true; note: MemoryNote; path: string; isNew: boolean } | { isSaved: false; reason: string };

export async function saveNote(ctx: ToolContext, memory: TaskMemory, draft: NoteDraft, source: MemoryNote['source']): Promise<SaveOutcome> {
  const existing = draft.id ? await memory.store.get(`${draft.scope}/${draft.id}`) : undefined;
  if (draft.id && !existing) return { isSaved: false, reason: `There is no ${draft.scope} note "${draft.id}". Use recall to find the id, or leave id out to make a new note.` };
  const now = new Date().toISOString();
  const note: MemoryNote = {
    id: existing?.id ?? (await freeId(memory, draft.scope, slugOf(draft.title))), scope: draft.scope, title: draft.title.trim(), body: draft.content,
    created: existing?.created ?? now, updated: now, taskId: ctx.task.taskId, source,
    provenance: [...new Set([...(existing?.provenance ?? []), ...memory.provenance.sources])], tags: draft.tags ?? existing?.tags ?? [],
  };
  const { before, after } = await memory.store.textOf(note);
  const display = memory.displayPath(note.scope, note.id);
  const view: ChangeView = {
    changeId: `memory-${note.scope}-${note.id}-${Date.now()}`, path: display, kind: before === null ? 'create' : 'modify',
    baseHash: contentHash(before), hunks: computeHunks(display, before, after), isBinary: false,
  };
  ctx.emit({ type: 'changeProposed', callId: ctx.callId, change: view });
  const permission = await ctx.permissions.check({
    callId: ctx.callId, risk: 'edit', toolName: 'remember', title: `Remember: ${note.title}`, detail: `${before === null ? 'A new' : 'An updated'} ${note.scope} memory note, ${display}`,
    change: view, ...alwaysAsk(memory, source),
  });
  if (!permission.isAllowed) {
    ctx.emit({ type: 'changeRejected', callId: ctx.callId, changeId: view.changeId, path: display, reason: permission.reason });
    return { isSaved: false, reason: permission.reason };
  }
  await memory.store.write(note);
  ctx.emit({ type: 'changeApplied', callId: ctx.callId, changeId: view.changeId, path: display });
  const stat = await ctx.host.files.stat(memory.store.pathOf(note.scope, note.id));
  await memory.index.noteChanged(note, stat?.mtimeMs ?? Date.now());
  return { isSaved: true, note, path: display, isNew: before === null };
}

function alwaysAsk(memory: TaskMemory, source: MemoryNote['source']): { isAlwaysAsk?: boolean; alwaysAskReason?: string } {
  if (memory.provenance.isTainted) {
    return {
      isAlwaysAsk: true,
      alwaysAskReason: `this task read untrusted content (${memory.provenance.sources.slice(0, 3).join('; ')}): a note saved from it could carry instructions planted there into every later task`,
    };
  }
  if (source === 'reflection') return { isAlwaysAsk: true, alwaysAskReason: 'notes proposed at the end of a task are never saved without you' };
  return {};
}

/** The slug, or the slug with a number when another note already has it. */
async function freeId(memory: TaskMemory, scope: MemoryScope, slug: string): Promise<string> {
  for (let n = 1; ; n++) {
    const id = n === 1 ? slug : `${slug.slice(0, 56)}-${n}`;
    if (!(await memory.store.get(`${scope}/${id}`))) return id;
  }
}
