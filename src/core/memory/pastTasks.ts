/**
 * Past tasks as memory: each transcript on disk becomes a digest (goals, plan, outcome, files changed, checks
 * run) that recall can search, so "how did we fix the date tests last time" finds the task that did it.
 */
import type { Store } from '../host';

/** What is remembered of one task. */
export interface TaskDigest {
  taskId: string;
  startedAt: number;
  roots: string[];
  goals: string[];
  plan: string[];
  outcome: string;
  files: string[];
  checks: string[];
}

interface Record_ { kind?: string; event?: { type?: string; [key: string]: unknown }; [key: string]: unknown }

/** Turns transcript records into a digest; undefined for a transcript without its meta line. */
export function digestTranscript(taskId: string, records: readonly object[]): TaskDigest | undefined {
  const meta = records.find((r) => (r as Record_).kind === 'meta') as Record_ | undefined;
  if (!meta) return undefined;
  const digest: TaskDigest = {
    taskId, startedAt: Number(meta.startedAt) || 0, roots: Array.isArray(meta.roots) ? meta.roots.map(String) : [],
    goals: Array.isArray(meta.goals) ? meta.goals.map((g) => String((g as { text?: unknown }).text ?? g)) : [],
    plan: [], outcome: 'did not finish', files: [], checks: [],
  };
  const files = new Set<string>();
  const checks = new Set<string>();
  for (const record of records as Record_[]) {
    const event = record.kind === 'event' ? record.event : undefined;
    if (!event) continue;
    if (event.type === 'planUpdated' && Array.isArray(event.steps)) digest.plan = event.steps.map((s) => String((s as { text: unknown }).text));
    // Memory notes are changes too (changeId memory-…), but they are not what the task did to the project.
    if (event.type === 'changeApplied' && !String(event.changeId).startsWith('memory-')) files.add(String(event.path));
    if (event.type === 'verificationRan') checks.add(`${String(event.command)} (${event.passed ? 'passed' : 'failed'})`);
    if (event.type === 'toolCallProposed' && (event.name === 'run_command' || event.name === 'run_tests')) checks.add(commandOf(event.name, event.args));
    if (event.type === 'taskFinished') digest.outcome = `${String(event.reason)}${event.isVerified ? ', verified' : ''}: ${String(event.summary)}`;
  }
  digest.files = [...files];
  digest.checks = [...checks].slice(0, 12);
  return digest;
}

/** The digests of the transcripts whose task ran in `root`, newest first; unreadable transcripts are skipped. */
export async function readPastTasks(store: Store, root: string, options: { skip?: (taskId: string, mtimeMs: number) => TaskDigest | undefined; max?: number } = {}): Promise<{ digest: TaskDigest; mtimeMs: number }[]> {
  const out: { digest: TaskDigest; mtimeMs: number }[] = [];
  for (const { taskId, mtimeMs } of (await store.listTasks()).slice(0, options.max ?? 2000)) {
    const known = options.skip?.(taskId, mtimeMs);
    const digest = known ?? (await store.readTranscript(taskId).then((r) => digestTranscript(taskId, r), () => undefined));
    if (digest && digest.roots.includes(root)) out.push({ digest, mtimeMs });
  }
  return out;
}

function commandOf(name: string, args: unknown): string {
  const command = args && typeof args === 'object' ? (args as { command?: unknown }).command : undefined;
  return typeof command === 'string' ? command : name;
}
