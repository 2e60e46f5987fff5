/**
 * The panel's context line opens files outside the workspace too (the user's own instructions file, the user's
 * notes), so these handlers open only what the task itself named: an instruction file of its instructionsLoaded
 * event, or a note by scope and id through the note store (whose ids cannot name a path outside its folder).
 */
import * as vscode from 'vscode';
import type { AgentEvent } from '../protocol/events';
import { memoryStore } from './memoryView';

/** Opens `abs` if it is one of the instruction files in effect for the task the panel shows. */
export async function openRulesFile(events: readonly AgentEvent[], abs: string, column?: vscode.ViewColumn): Promise<void> {
  const named = events.some((e) => e.type === 'instructionsLoaded' && e.files.some((f) => f.abs === abs));
  if (!named) {
    void vscode.window.showWarningMessage('Auto Agent: that file is not one of the instructions in effect for this task.');
    return;
  }
  await vscode.window.showTextDocument(vscode.Uri.file(abs), { preview: false, viewColumn: column });
}

/** Opens a note's Markdown file, or says it is gone (deleted since the task recalled it). */
export async function openRecalledNote(scope: 'workspace' | 'user', id: string, column?: vscode.ViewColumn): Promise<void> {
  const store = await memoryStore();
  const note = await store?.get(`${scope}/${id}`);
  if (!store || !note) {
    void vscode.window.showWarningMessage(`Auto Agent: the ${scope} note "${id}" no longer exists.`);
    return;
  }
  await vscode.window.showTextDocument(vscode.Uri.file(store.pathOf(note.scope, note.id)), { preview: false, viewColumn: column });
}
