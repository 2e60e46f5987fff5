/** How recalled notes and past tasks are written for the model (inside the untrusted-data fence). */
import type { MemoryNote } from './memoryNote';
import type { TaskDigest } from './pastTasks';

/** One recalled entry: a note of either scope, or a past task. */
export interface RecalledEntry {
  id: string;
  scope: 'workspace' | 'user' | 'task';
  title: string;
  /** The entry as the model reads it. */
  text: string;
}

export function noteEntry(note: MemoryNote): RecalledEntry {
  const origin = [`saved ${note.updated.slice(0, 10)}`, note.source === 'user' ? 'written by the user' : `by the ${note.source}`, note.provenance.length ? `provenance: ${note.provenance.join(', ')}` : ''].filter(Boolean).join('; ');
  return { id: note.id, scope: note.scope, title: note.title, text: `## Note ${note.scope}/${note.id}: ${note.title}\n(${origin})\n${note.body}` };
}

export function taskEntry(task: TaskDigest): RecalledEntry {
  const lines = [
    `## Past task ${task.taskId} (${new Date(task.startedAt).toISOString().slice(0, 10)})`,
    `Goals: ${task.goals.join(' | ')}`,
    task.plan.length ? `Plan: ${task.plan.join('; ')}` : '',
    `Outcome: ${task.outcome}`,
    task.files.length ? `Files changed: ${task.files.join(', ')}` : '',
    task.checks.length ? `Checks run: ${task.checks.join('; ')}` : '',
  ];
  return { id: task.taskId, scope: 'task', title: task.goals[0] ?? task.taskId, text: lines.filter(Boolean).join('\n') };
}

/** Keeps entries in rank order while they fit `maxTokens` (at ~3.5 characters a token). */
export function withinBudget(entries: readonly RecalledEntry[], maxTokens: number): RecalledEntry[] {
  const out: RecalledEntry[] = [];
  let chars = 0;
  for (const entry of entries) {
    if (chars + entry.text.length > maxTokens * 3.5) continue;
    chars += entry.text.length;
    out.push(entry);
  }
  return out;
}
