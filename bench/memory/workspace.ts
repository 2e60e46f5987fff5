/**
 * A workspace on disk for the load rows: the realistic notes plus filler notes as Markdown files (10,000 in
 * all), the realistic past tasks as transcripts, and the index cache a first task leaves behind.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { MemoryStore } from '../../src/core/memory/memoryStore';
import { NodeFiles } from '../../src/node/nodeFiles';
import { note, realisticNotes, realisticTasks } from './corpus';
import { benchIndex } from './loadOnce';
import { fillerDocs } from './synthetic';

export async function writeWorkspace(dir: string, noteCount: number): Promise<void> {
  const store = new MemoryStore(new NodeFiles(), { workspace: path.join(dir, 'ws/.auto-agent/memory'), user: path.join(dir, 'user/memory') });
  const filler = fillerDocs(noteCount - realisticNotes.length).map((d) => note(d.id, d.title, d.text, []));
  for (const n of [...realisticNotes, ...filler]) await store.write(n);
  mkdirSync(store.dirs.user, { recursive: true });
  const tasksDir = path.join(dir, 'store/tasks');
  mkdirSync(tasksDir, { recursive: true });
  for (const t of realisticTasks) {
    const records = [
      { kind: 'meta', taskId: t.taskId, version: 1, startedAt: t.startedAt, goals: t.goals.map((text) => ({ text })), model: 'm', roots: [path.join(dir, 'ws')] },
      { kind: 'event', event: { type: 'planUpdated', steps: t.plan.map((text) => ({ text, status: 'done' })) } },
      ...t.files.map((p, i) => ({ kind: 'event', event: { type: 'changeApplied', changeId: `c${i}`, path: p } })),
      { kind: 'event', event: { type: 'taskFinished', reason: 'completed', isVerified: true, summary: t.outcome } },
    ];
    writeFileSync(path.join(tasksDir, `${t.taskId}.jsonl`), records.map((r) => JSON.stringify(r)).join('\n') + '\n');
  }
  await benchIndex(dir).refresh();
}
