/** The palette commands (category "Auto Agent"). Loaded on first use together with the services. */
import * as vscode from 'vscode';
import { openCheckpointStore, restoreCheckpoint } from './checkpointCommand';
import { decideFromDiffEditor, startFromPanel } from './panelHandlers';
import { readEvents } from './panelOverview';

export { readEvents };
import type { Services } from './services';
import { readAgentSettings, saveModel } from './vscodeSettings';
import { restrictedModeMessage, restrictedReason } from './workspaceTrust';
import { deleteMemoryNote, openMemoryNote, type MemoryItem } from './memoryView';

/** Arguments of `autoAgent.start` when called from code (tests, other extensions): start at once. */
export interface StartArgs {
  goals?: string[];
}

export const agentCommands = {
  'autoAgent.start': async (s: Services, args?: StartArgs): Promise<void> => {
    s.panel.show();
    if (restrictedReason()) {
      void vscode.window.showWarningMessage(restrictedModeMessage, 'Manage Workspace Trust').then((choice) => {
        if (choice) void vscode.commands.executeCommand('workbench.trust.manage');
      });
      return;
    }
    if (args?.goals?.length) await startFromPanel(s, args.goals);
  },
  'autoAgent.stop': async (s: Services): Promise<void> => {
    if (!s.session.stop()) void vscode.window.showInformationMessage('Auto Agent: no task is running.');
  },
  'autoAgent.setApiKey': async (s: Services): Promise<void> => {
    if (await s.apiKeys.prompt(readAgentSettings().provider)) void vscode.window.showInformationMessage('Auto Agent: API key saved in SecretStorage.');
  },
  'autoAgent.selectModel': (s: Services, args?: { model?: string }) => selectModel(s, args?.model),
  'autoAgent.showHistory': (s: Services) => showHistory(s),
  'autoAgent.openChat': async (): Promise<void> => {
    await vscode.commands.executeCommand('workbench.view.extension.autoAgent');
    await vscode.commands.executeCommand('autoAgent.chat.focus');
  },
  'autoAgent.showMemory': async (s: Services): Promise<void> => {
    s.memory.refresh();
    await vscode.commands.executeCommand('workbench.view.extension.autoAgent');
    await vscode.commands.executeCommand('autoAgent.memory.focus');
  },
  'autoAgent.openMemoryNote': (_s: Services, item?: MemoryItem) => openMemoryNote(item),
  'autoAgent.deleteMemoryNote': (s: Services, item?: MemoryItem) => deleteMemoryNote(item, s.memory),
  'autoAgent.refreshMemory': async (s: Services): Promise<void> => s.memory.refresh(),
  'autoAgent.acceptProposedChange': (s: Services, uri?: vscode.Uri) => decideFromDiffEditor(s, true, uri),
  'autoAgent.rejectProposedChange': (s: Services, uri?: vscode.Uri) => decideFromDiffEditor(s, false, uri),
  'autoAgent.restoreCheckpoint': async (s: Services): Promise<void> => {
    if (s.session.status().isRunning) return void vscode.window.showWarningMessage('Auto Agent: stop the running task before restoring a checkpoint.');
    await restoreCheckpoint(openCheckpointStore(s.context.globalStorageUri.fsPath));
  },
} satisfies Record<string, (s: Services, ...args: never[]) => Promise<unknown>>;

export type AgentCommandId = keyof typeof agentCommands;

/** Lists the endpoint's models and saves the pick; `preset` (from code) picks without asking if it is listed. */
async function selectModel(s: Services, preset?: string): Promise<void> {
  const settings = readAgentSettings();
  const llm = await s.engine.createLlm(settings);
  const models = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: `Auto Agent: listing models of ${settings.baseUrl}` },
    () => llm.listModels(),
  );
  if (models.length === 0) return void vscode.window.showWarningMessage('Auto Agent: the endpoint lists no models.');
  if (preset !== undefined) {
    if (!models.includes(preset)) throw new Error(`The endpoint does not list a model named ${preset}.`);
    return saveModel(preset);
  }
  const picked = await vscode.window.showQuickPick(
    models.map((id) => ({ label: id, description: id === settings.model ? 'current' : undefined })),
    { title: 'Auto Agent: Select Model', placeHolder: settings.model },
  );
  if (picked) await saveModel(picked.label);
}

async function showHistory(s: Services): Promise<void> {
  const store = s.engine.createHost().store;
  const tasks = (await store.listTasks()).sort((a, b) => b.mtimeMs - a.mtimeMs).slice(0, 50);
  if (tasks.length === 0) return void vscode.window.showInformationMessage('Auto Agent: no tasks yet.');
  const items = await Promise.all(tasks.map(async (t) => {
    const events = await readEvents(s, t.taskId);
    const started = events.find((e) => e.type === 'taskStarted');
    const finished = events.find((e) => e.type === 'taskFinished');
    return {
      label: started?.goals[0]?.text.slice(0, 80) ?? t.taskId,
      description: new Date(t.mtimeMs).toLocaleString(),
      detail: finished ? `${finished.reason}${finished.isVerified ? ', verified' : ''}` : 'not finished',
      taskId: t.taskId, events,
    };
  }));
  const picked = await vscode.window.showQuickPick(items, { title: 'Auto Agent: Task History', matchOnDetail: true });
  if (!picked) return;
  s.session.openReadOnly(picked.taskId, picked.events);
  s.panel.show();
}
