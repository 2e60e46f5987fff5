/**
 * The empty panel's overview: the model in use (with a way to change it), the approval policy, and the latest
 * tasks of this workspace, which open from there as they do from Show Task History.
 */
import * as vscode from 'vscode';
import type { PanelOverview } from '../protocol/webview';
import type { Services } from './services';
import { openFromHistory, readEvents } from './taskHistory';
import { readAgentSettings } from './vscodeSettings';

const recentCount = 5;

/** Sends the overview to the panel (after it asked, or after the model changed). */
export async function sendOverview(s: Services): Promise<void> {
  s.panel.post({ type: 'overview/shown', overview: await buildOverview(s) });
}

export async function buildOverview(s: Services): Promise<PanelOverview> {
  const settings = readAgentSettings();
  const tasks = (await s.engine.createHost().store.listTasks()).sort((a, b) => b.mtimeMs - a.mtimeMs).slice(0, recentCount);
  const recent = await Promise.all(tasks.map(async (t) => {
    const events = await readEvents(s, t.taskId);
    const started = events.find((e) => e.type === 'taskStarted');
    const finished = events.find((e) => e.type === 'taskFinished' && !e.agentId);
    const outcome = finished?.type === 'taskFinished' ? `${finished.reason.replace(/_/g, ' ')}${finished.isVerified ? ', verified' : ''}` : 'not finished';
    return { taskId: t.taskId, goal: started?.type === 'taskStarted' ? started.goals[0]?.text.slice(0, 200) ?? t.taskId : t.taskId, at: t.mtimeMs, outcome };
  }));
  return { model: settings.model, endpoint: settings.baseUrl, policy: settings.policy, recent };
}

/** "Change model": Select Model, then the overview again with the new name. */
export async function selectModelFromPanel(s: Services): Promise<void> {
  await vscode.commands.executeCommand('autoAgent.selectModel');
  await sendOverview(s);
}

/** Opens a recent task as Show Task History does: read-only when it finished, resumable when it was interrupted. */
export async function openRecentTask(s: Services, taskId: string): Promise<void> {
  const events = await readEvents(s, taskId);
  if (events.length === 0) throw new Error('That task has no stored events.');
  openFromHistory(s, taskId, events);
  s.panel.show();
}
