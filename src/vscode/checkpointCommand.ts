/**
 * "Auto Agent: Restore Checkpoint": pick a checkpoint of this workspace (the engine saves one before a task's
 * first change and after every applied change set), see what a restore would change, keep or overwrite files
 * with your own edits, and undo the restore if needed.
 */
import * as os from 'node:os';
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
  if (!picked) return;
  const plan = await store.planRestore(picked.checkpoint.id);
  if (plan.changes.length === 0) return void vscode.window.showInformationMessage('Auto Agent: the workspace already matches that checkpoint.');
  const overwrite = await askAboutUserChanges(plan.userChanged, plan.changes.length);
  if (overwrite === undefined) return;
  const result = await store.restore(picked.checkpoint.id, { overwrite });
  const kept = result.kept.length ? `, kept ${result.kept.length} file(s) with your own changes` : '';
  const choice = await vscode.window.showInformationMessage(
    `Auto Agent: restored "${result.checkpoint.label}": ${result.written.length} written, ${result.deleted.length} deleted${kept}.`,
    ...(result.undoCheckpointId ? ['Undo Restore'] : []),
  );
  if (choice && result.undoCheckpointId) await store.restore(result.undoCheckpointId, { overwrite: true });
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
