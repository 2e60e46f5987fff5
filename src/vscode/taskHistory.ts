/**
 * Task history: the stored transcripts of this workspace. A finished task reopens read-only; one whose transcript
 * ends without a finish was interrupted (the extension host went away under it) and reopens with Resume.
 */
import * as vscode from 'vscode';
import { agentEventSchema, type AgentEvent } from '../protocol/events';
import type { Services } from './services';

/** The workspace-state key of the task that runs now (kept when the host goes away mid-task). */
export const runningTaskKey = 'autoAgent.runningTaskId';

/** The events of a stored transcript; lines that are not valid events are skipped. */
export async function readEvents(s: Services, taskId: string): Promise<AgentEvent[]> {
  const records = await s.engine.createHost().store.readTranscript(taskId).catch(() => [] as object[]);
  const events: AgentEvent[] = [];
  for (const record of records as { kind?: string; event?: unknown }[]) {
    if (record.kind !== 'event') continue;
    const parsed = agentEventSchema.safeParse(record.event);
    if (parsed.success) events.push(parsed.data);
  }
  return events;
}

/** The task's own finish (a sub-agent's events carry an agentId). */
function taskFinished(events: AgentEvent[]): Extract<AgentEvent, { type: 'taskFinished' }> | undefined {
  return events.find((e): e is Extract<AgentEvent, { type: 'taskFinished' }> => e.type === 'taskFinished' && !e.agentId);
}

/** The history line of a task: how it ended, or that it was interrupted. */
export function historyDetail(events: AgentEvent[]): string {
  const finished = taskFinished(events);
  if (!finished) return 'interrupted (not finished): open it to resume';
  return `${finished.reason.replace(/_/g, ' ')}${finished.isVerified ? ', verified' : ''}`;
}

export async function showHistory(s: Services): Promise<void> {
  const store = s.engine.createHost().store;
  const tasks = (await store.listTasks()).sort((a, b) => b.mtimeMs - a.mtimeMs).slice(0, 50);
  if (tasks.length === 0) return void vscode.window.showInformationMessage('Auto Agent: no tasks yet.');
  const running = s.session.status();
  const items = await Promise.all(tasks.map(async (t) => {
    const events = await readEvents(s, t.taskId);
    const started = events.find((e) => e.type === 'taskStarted');
    const isRunning = running.isRunning && running.taskId === t.taskId;
    return {
      label: started?.goals[0]?.text.slice(0, 80) ?? t.taskId,
      description: new Date(t.mtimeMs).toLocaleString(),
      detail: isRunning ? 'running now' : historyDetail(events),
      taskId: t.taskId, events, isRunning,
    };
  }));
  const picked = await vscode.window.showQuickPick(items, { title: 'Auto Agent: Task History', matchOnDetail: true });
  if (!picked) return;
  if (!picked.isRunning) openFromHistory(s, picked.taskId, picked.events);
  s.panel.show();
}

/** Opens a stored task: read-only when it finished, resumable when it was interrupted. */
export function openFromHistory(s: Services, taskId: string, events: AgentEvent[]): void {
  if (taskFinished(events)) s.session.openReadOnly(taskId, events);
  else s.session.openInterrupted(taskId, events);
}

/** After a reload or a crash: the task that was running comes back interrupted, with Resume. */
export async function recoverInterruptedTask(s: Services): Promise<void> {
  const taskId = s.context.workspaceState.get<string>(runningTaskKey);
  if (!taskId || s.session.status().isRunning) return;
  const events = await readEvents(s, taskId);
  if (events.length === 0 || taskFinished(events)) return void s.context.workspaceState.update(runningTaskKey, undefined);
  if (s.session.status().isRunning || s.session.status().taskId) return;
  s.session.openInterrupted(taskId, events);
}
