/** The agent panel's message handlers: one per message, checked complete by the compiler (PanelHandlers). */
import * as vscode from 'vscode';
import type { Goal } from '../protocol/events';
import type { PanelHandlers } from './agentPanel';
import { openRecalledNote, openRulesFile } from './contextLinks';
import { openFileReference, resolveReference } from './fileLinks';
import { activeProposedUri, approvalIdOf } from './proposedContent';
import { openRecentTask, selectModelFromPanel, sendOverview } from './panelOverview';
import { checkpointOfCall, compareWithCheckpoint, openCheckpointStore, restoreTo } from './checkpointCommand';
import type { Services } from './services';
import { restrictedModeMessage, restrictedReason } from './workspaceTrust';
import { allowInWorkspace } from './vscodeSettings';
import type { PanelOutbound } from '../protocol/webview';

type PanelDecision = Extract<PanelOutbound, { type: 'approval/decide' }>['decision'];

export function panelHandlers(services: Services): PanelHandlers {
  return {
    'webview/ready': () => undefined,
    'webview/painted': () => undefined,
    'task/start': (m) => startFromPanel(services, m.goals),
    'task/stop': () => services.session.stop(),
    'task/resume': async () => {
      if (restrictedReason()) return void vscode.window.showWarningMessage(restrictedModeMessage);
      await services.session.resume();
    },
    'approval/decide': (m) => decide(services, m.approvalId, m.decision),
    'approval/acceptAll': () => services.approvals.acceptAll(),
    'diff/open': (m) => openProposedDiff(services, m.approvalId),
    'question/answer': (m) => services.approvals.answer(m.questionId, m.answer),
    'file/open': (m) => openFileReference(m.path, m.line, services.editorColumn()),
    'rules/open': (m) => openRulesFile(services.session.snapshotEvents(), m.abs, services.editorColumn()),
    'memory/open': (m) => openRecalledNote(m.scope, m.id, services.editorColumn()),
    'overview/request': () => sendOverview(services),
    'model/select': () => selectModelFromPanel(services),
    'history/open': (m) => openRecentTask(services, m.taskId),
    'checkpoint/compare': (m) => checkpointFromStep(services, m.callId, 'compare'),
    'checkpoint/restore': (m) => checkpointFromStep(services, m.callId, 'restore'),
  };
}

/**
 * Settles one approval. "Always allow" writes the entry the engine offered with that request (the page only says
 * yes) to the workspace's list in the user's settings, first, so the rest of the task sees it too.
 */
async function decide(services: Services, approvalId: string, decision: PanelDecision): Promise<void> {
  const request = services.approvals.pendingRequest(approvalId);
  if (decision.isApproved && decision.alwaysAllow && request?.allowable) {
    await allowInWorkspace(request.allowable);
    const what = request.allowable.values.map((v) => `"${v}"`).join(', ');
    const effect = request.allowable.kind === 'host' ? 'may now be reached' : 'now run';
    void vscode.window.showInformationMessage(`Auto Agent: ${what} ${effect} without asking in this workspace (autoAgent.allowedByWorkspace in your user settings).`, 'Open Settings')
      .then((choice) => { if (choice) void vscode.commands.executeCommand('workbench.action.openSettingsJson'); });
  }
  const settled = decision.isApproved ? { isApproved: true as const, acceptedHunks: decision.acceptedHunks, isAlways: decision.isAlways } : decision;
  if (!services.approvals.decide(approvalId, settled)) {
    void vscode.window.showWarningMessage('Auto Agent: that change is no longer waiting for a decision.');
  }
}

/**
 * Accept or Reject from the diff editor's title bar: decides the change that editor shows (the whole change; the
 * panel's card picks hunks). A rejection asks for an optional reason; Escape leaves the change pending.
 */
export async function decideFromDiffEditor(services: Services, isAccepted: boolean, uri?: vscode.Uri): Promise<void> {
  const target = uri instanceof vscode.Uri ? uri : activeProposedUri();
  const approvalId = target ? approvalIdOf(target) : undefined;
  if (!approvalId || !services.approvals.pendingRequest(approvalId)) {
    return void vscode.window.showWarningMessage('Auto Agent: that change is no longer waiting for a decision.');
  }
  if (isAccepted) return void services.approvals.decide(approvalId, { isApproved: true });
  const reason = await vscode.window.showInputBox({ title: 'Auto Agent: Reject Change', prompt: 'Optional: tell the agent why (it reads this)', ignoreFocusOut: true });
  if (reason === undefined) return;
  services.approvals.decide(approvalId, { isApproved: false, reason: reason.trim() || undefined });
}

/** "Compare" and "Restore…" on a step: the checkpoint saved after that step's change, of the task the panel shows. */
async function checkpointFromStep(services: Services, callId: string, action: 'compare' | 'restore'): Promise<void> {
  const taskId = services.session.status().taskId;
  if (!taskId) throw new Error('No task is shown.');
  if (action === 'restore' && services.session.status().isRunning) {
    return void vscode.window.showWarningMessage('Auto Agent: stop the running task before restoring a checkpoint.');
  }
  const store = openCheckpointStore(services.context.globalStorageUri.fsPath);
  const checkpoint = await checkpointOfCall(store, taskId, callId);
  if (action === 'restore') return restoreTo(store, checkpoint);
  const workspace = vscode.workspace.workspaceFolders?.find((f) => f.uri.scheme === 'file')?.uri.fsPath ?? '';
  await compareWithCheckpoint({ store, checkpoint, workspace, contents: services.checkpointContents, viewColumn: services.editorColumn() });
}

/** Starts a task with goals typed in the panel (images go with the first); refuses in Restricted Mode and while a task runs. */
export async function startFromPanel(services: Services, goals: string[], images?: Goal['images']): Promise<void> {
  if (restrictedReason()) {
    void vscode.window.showWarningMessage(restrictedModeMessage, 'Manage Workspace Trust').then((choice) => {
      if (choice) void vscode.commands.executeCommand('workbench.trust.manage');
    });
    return;
  }
  const typed: Goal[] = goals.map((text) => ({ text: text.trim() })).filter((g) => g.text !== '');
  if (images?.length && typed[0]) typed[0] = { ...typed[0], images };
  await services.session.start(typed);
}

async function openProposedDiff(services: Services, approvalId: string): Promise<void> {
  const request = services.approvals.pendingRequest(approvalId);
  if (!request?.change) throw new Error('That change is no longer pending.');
  const uri = await resolveReference(request.change.path) ?? await newFileUri(request.change.path);
  const current = await vscode.workspace.fs.readFile(uri).then(
    () => services.engine.createHost().files.readFile(uri.fsPath).then((b) => new TextDecoder().decode(b)),
    () => null,
  );
  await services.proposed.openDiff({ abs: uri.fsPath, change: request.change, current, approvalId, viewColumn: services.editorColumn() });
}

async function newFileUri(relative: string): Promise<vscode.Uri> {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('No workspace folder is open.');
  return vscode.Uri.joinPath(folder.uri, relative);
}
