/**
 * "Auto Agent: Restore Checkpoint": pick a checkpoint of this workspace (the engine saves one before a task's
 * first change and after every applied change set), see what a restore would change, keep or overwrite files
 * with your own edits, and undo the restore if needed.
 */
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { Checkpoint, CheckpointStore } from '../core/checkpoints/checkpointStore';
import { ShadowGitCheckpoints } from '../node/checkpoints/shadowGitCheckpoints';
import { restrictedModeMessage } from './workspaceTrust';

/** Opens the checkpoint store of the first workspace folder, under the extension's global storage. */
export function openCheckpointStore(storageDir: string): CheckpointStore {
  const folder = vscode.workspace.workspaceFolders?.find((f) => f.uri.scheme === 'file');
  if (!folder) throw new Error('Open a folder first: checkpoints belong to a workspace folder.');
  return new ShadowGitCheckpoints({ workspace: folder.uri.fsPath, storageDir, homeDir: os.homedir() });
}

export async function restoreCheckpoint(store: CheckpointStore): Promise<void> {
  if (!vscode.workspace.isTrusted) return void vscode.window.showWarningMessage(restrictedModeMessage);
  const checkpoints = (await store.list()).sort((a, b) => b.createdAt - a.createdAt);
  if (checkpoints.length === 0) {
    return void vscode.window.showInformationMessage('Auto Agent: no checkpoints yet. The agent saves one before its first change in a task.');
  }
  const picked = await vscode.window.showQuickPick(checkpoints.map(toItem), { title: 'Auto Agent: Restore Checkpoint', matchOnDetail: true });
  if (picked) await restoreTo(store, picked.checkpoint);
}

/** Restores one checkpoint: shows what it would change, keeps or overwrites the user's own edits, offers Undo. */
export async function restoreTo(store: CheckpointStore, checkpoint: Checkpoint): Promise<void> {
  if (!vscode.workspace.isTrusted) return void vscode.window.showWarningMessage(restrictedModeMessage);
  const plan = await store.planRestore(checkpoint.id);
  if (plan.changes.length === 0) return void vscode.window.showInformationMessage('Auto Agent: the workspace already matches that checkpoint.');
  const overwrite = await askAboutUserChanges(plan.userChanged, plan.changes.length);
  if (overwrite === undefined) return;
  const result = await store.restore(checkpoint.id, { overwrite });
  const kept = result.kept.length ? `, kept ${result.kept.length} file(s) with your own changes` : '';
  const choice = await vscode.window.showInformationMessage(
    `Auto Agent: restored "${result.checkpoint.label}": ${result.written.length} written, ${result.deleted.length} deleted${kept}.`,
    ...(result.undoCheckpointId ? ['Undo Restore'] : []),
  );
  if (choice && result.undoCheckpointId) await store.restore(result.undoCheckpointId, { overwrite: true });
}

/** The checkpoint saved right after the change of one tool call of a task (see checkpointHooks). */
export async function checkpointOfCall(store: CheckpointStore, taskId: string, callId: string): Promise<Checkpoint> {
  const found = (await store.list(taskId)).find((c) => c.callId === callId);
  if (!found) throw new Error('No checkpoint was saved for that step (checkpoints may be off for this workspace).');
  return found;
}

/** Opens a diff of each file the step changed: as it was at its checkpoint, against the workspace now. */
export async function compareWithCheckpoint(options: { store: CheckpointStore; checkpoint: Checkpoint; workspace: string; contents: CheckpointContents; viewColumn: vscode.ViewColumn }): Promise<void> {
  const { store, checkpoint, contents } = options;
  for (const rel of checkpoint.agentPaths.slice(0, 5)) {
    const bytes = await store.readFile(checkpoint.id, rel);
    const left = contents.put(checkpoint.id, rel, bytes === null ? '' : new TextDecoder().decode(bytes));
    const right = vscode.Uri.file(path.join(options.workspace, rel));
    const title = `${path.basename(rel)}: after that step ↔ now`;
    await vscode.commands.executeCommand('vscode.diff', left, right, title, { preview: false, viewColumn: options.viewColumn });
  }
}

/** Read-only documents of checkpoint contents, under their own scheme (no Accept/Reject on them). */
export class CheckpointContents implements vscode.TextDocumentContentProvider {
  static readonly scheme = 'auto-agent-checkpoint';
  private readonly texts = new Map<string, string>();

  put(checkpointId: string, rel: string, text: string): vscode.Uri {
    const uri = vscode.Uri.from({ scheme: CheckpointContents.scheme, path: `/${rel}`, query: `checkpoint=${checkpointId}` });
    this.texts.set(uri.toString(), text);
    return uri;
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.texts.get(uri.toString()) ?? '';
  }
}

/** undefined: cancelled; false: keep the user's files; true: overwrite them too. */
async function askAboutUserChanges(userChanged: string[], total: number): Promise<boolean | undefined> {
  if (userChanged.length === 0) {
    const go = await vscode.window.showWarningMessage(`Restore ${total} file(s) to this checkpoint?`, { modal: true }, 'Restore');
    return go ? false : undefined;
  }
  const list = userChanged.slice(0, 8).join(', ') + (userChanged.length > 8 ? ', …' : '');
  const choice = await vscode.window.showWarningMessage(
    `${userChanged.length} of the ${total} file(s) have your own changes since that checkpoint: ${list}`,
    { modal: true }, 'Keep My Changes', 'Overwrite Them',
  );
  return choice === undefined ? undefined : choice === 'Overwrite Them';
}

function toItem(checkpoint: Checkpoint): vscode.QuickPickItem & { checkpoint: Checkpoint } {
  const files = checkpoint.agentPaths.length ? `${checkpoint.agentPaths.length} file(s) by the agent: ${checkpoint.agentPaths.slice(0, 4).join(', ')}` : '';
  return {
    label: `${checkpoint.isBaseline ? '$(history) ' : ''}${checkpoint.label}`,
    description: new Date(checkpoint.createdAt).toLocaleString(),
    detail: [`task ${checkpoint.taskId}`, files].filter(Boolean).join(' · '),
    checkpoint,
  };
}
