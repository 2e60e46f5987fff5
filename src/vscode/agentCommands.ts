/** The palette commands (category "Auto Agent"). Loaded on first use together with the services. */
import * as vscode from 'vscode';
import { openCheckpointStore, restoreCheckpoint } from './checkpointCommand';
import { decideFromDiffEditor, startFromPanel } from './panelHandlers';
import type { Services } from './services';
import { showHistory } from './taskHistory';
import { readAgentSettings, readWebSearchSettings } from './vscodeSettings';
import { selectModel, type ModelPreset } from './modelPicker';
import { askForImageGoal, readGoalImages } from './imageGoal';
import { restrictedModeMessage, restrictedReason } from './workspaceTrust';
import { deleteMemoryNote, openMemoryNote, type MemoryItem } from './memoryView';
import { showMcpServers } from './mcpServersPick';

/** Arguments of `autoAgent.start` when called from code (tests, other extensions): start at once. */
export interface StartArgs {
  goals?: string[];
  /** Image files attached to the first goal. */
  images?: string[];
}

export const agentCommands = {
  'autoAgent.start': async (s: Services, args?: StartArgs): Promise<void> => {
    // A task opened from history is only looked at: Start Agent means a new task.
    s.session.closeHistory();
    s.panel.show();
    if (restrictedReason()) {
      void vscode.window.showWarningMessage(restrictedModeMessage, 'Manage Workspace Trust').then((choice) => {
        if (choice) void vscode.commands.executeCommand('workbench.trust.manage');
      });
      return;
    }
    if (args?.goals?.length) await startFromPanel(s, args.goals, args.images?.length ? await readGoalImages(args.images) : undefined);
  },
  'autoAgent.startWithImages': async (_s: Services): Promise<void> => {
    const asked = await askForImageGoal();
    if (asked) await vscode.commands.executeCommand('autoAgent.start', { goals: [asked.goal], images: asked.images } satisfies StartArgs);
  },
  'autoAgent.stop': async (s: Services): Promise<void> => {
    if (!s.session.stop()) void vscode.window.showInformationMessage('Auto Agent: no task is running.');
  },
  'autoAgent.setApiKey': async (s: Services): Promise<void> => {
    const provider = readAgentSettings().provider;
    if (provider === 'vscode') return void vscode.window.showInformationMessage('Auto Agent: VS Code\'s language models need no API key (VS Code asks your consent once).');
    if (await s.apiKeys.prompt(provider)) void vscode.window.showInformationMessage('Auto Agent: API key saved in SecretStorage.');
  },
  'autoAgent.selectModel': (s: Services, args?: ModelPreset) => selectModel(s, args),
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
  'autoAgent.mcpServers': (s: Services) => showMcpServers(s.mcp),
  'autoAgent.setWebSearchKey': async (s: Services): Promise<void> => {
    const provider = readWebSearchSettings()?.provider;
    if (!provider || provider === 'searxng') return void vscode.window.showInformationMessage('Auto Agent: choose Brave or Tavily in the setting autoAgent.webSearch.provider first (SearXNG needs no key).');
    if (await s.apiKeys.prompt(provider)) void vscode.window.showInformationMessage('Auto Agent: web search key saved in SecretStorage.');
  },
  'autoAgent.acceptProposedChange': (s: Services, uri?: vscode.Uri) => decideFromDiffEditor(s, true, uri),
  'autoAgent.rejectProposedChange': (s: Services, uri?: vscode.Uri) => decideFromDiffEditor(s, false, uri),
  'autoAgent.restoreCheckpoint': async (s: Services): Promise<void> => {
    if (s.session.status().isRunning) return void vscode.window.showWarningMessage('Auto Agent: stop the running task before restoring a checkpoint.');
    await restoreCheckpoint(openCheckpointStore(s.context.globalStorageUri.fsPath));
  },
} satisfies Record<string, (s: Services, ...args: never[]) => Promise<unknown>>;

export type AgentCommandId = keyof typeof agentCommands;
