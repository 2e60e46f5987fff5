/** The agent panel's message handlers: one per message, checked complete by the compiler (PanelHandlers). */
import * as vscode from 'vscode';
import type { Goal } from '../protocol/events';
import type { PanelHandlers } from './agentPanel';
import { openRecalledNote, openRulesFile } from './contextLinks';
import { openFileReference, resolveReference } from './fileLinks';
import type { Services } from './services';
import { restrictedModeMessage, restrictedReason } from './workspaceTrust';

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
    'approval/decide': (m) => {
      if (!services.approvals.decide(m.approvalId, m.decision)) {
        void vscode.window.showWarningMessage('Auto Agent: that change is no longer waiting for a decision.');
      }
    },
    'approval/acceptAll': () => services.approvals.acceptAll(),
    'diff/open': (m) => openProposedDiff(services, m.approvalId),
    'question/answer': (m) => services.approvals.answer(m.questionId, m.answer),
    'file/open': (m) => openFileReference(m.path, m.line, services.editorColumn()),
    'rules/open': (m) => openRulesFile(services.session.snapshotEvents(), m.abs, services.editorColumn()),
    'memory/open': (m) => openRecalledNote(m.scope, m.id, services.editorColumn()),
  };
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
  await services.proposed.openDiff({ abs: uri.fsPath, change: request.change, current, approvalId });
}

async function newFileUri(relative: string): Promise<vscode.Uri> {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('No workspace folder is open.');
  return vscode.Uri.joinPath(folder.uri, relative);
}
