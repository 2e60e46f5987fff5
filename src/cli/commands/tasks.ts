/** `auto-agent tasks`: the past tasks, newest first, from the transcripts on disk (what to pass to --resume). */
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import type { AgentEvent, Goal, Usage } from '../../protocol/events';
import { NodeStore } from '../../node/nodeStore';
import { cacheDir } from '../cliHost';
import type { CliIo } from '../cliIo';

export const tasksHelp = `Usage: auto-agent tasks [--limit N] [--workspace DIR] [--json]

Lists past tasks, newest first: id, when it started, how it ended, tokens used, workspace and first goal.
Continue one with auto-agent run --resume ID. Transcripts live in $XDG_CACHE_HOME/auto-agent/tasks
(default ~/.cache/auto-agent/tasks). --workspace shows only the tasks that ran in DIR.`;

/** One line of the list. */
export interface TaskSummary {
  taskId: string;
  startedAt?: number;
  workspace?: string;
  goal?: string;
  outcome: string;
  tokens: number;
}

export async function runTasksCommand(argv: string[], io: CliIo): Promise<number> {
  let values: { limit?: string; workspace?: string; json?: boolean };
  try {
    values = parseArgs({ args: argv, options: { limit: { type: 'string' }, workspace: { type: 'string' }, json: { type: 'boolean' } }, strict: true }).values;
  } catch (err) {
    io.stderr(`auto-agent tasks: ${(err as Error).message}\n\n${tasksHelp}\n`);
    return 2;
  }
  const limit = values.limit === undefined ? 20 : Number(values.limit);
  if (!Number.isInteger(limit) || limit <= 0) {
    io.stderr(`auto-agent tasks: --limit needs a whole number above 0, got "${values.limit}".\n`);
    return 2;
  }
  const store = new NodeStore(cacheDir(io.env));
  const workspace = values.workspace === undefined ? undefined : path.resolve(io.cwd, values.workspace);
  const summaries: TaskSummary[] = [];
  for (const { taskId } of await store.listTasks()) {
    if (summaries.length >= limit) break;
    const summary = summarize(taskId, await store.readTranscript(taskId).catch(() => []));
    if (!workspace || summary.workspace === workspace) summaries.push(summary);
  }
  if (values.json) io.stdout(`${JSON.stringify(summaries)}\n`);
  else if (summaries.length === 0) io.stderr(`No tasks${workspace ? ` for ${workspace}` : ''} in ${cacheDir(io.env)}.\n`);
  else io.stdout(summaries.map(formatSummary).join('\n') + '\n');
  return 0;
}

type TranscriptLine = { kind?: string; startedAt?: number; goals?: Goal[]; roots?: string[]; event?: AgentEvent };

function summarize(taskId: string, records: object[]): TaskSummary {
  const typed = records as TranscriptLine[];
  const meta = typed.find((r) => r.kind === 'meta');
  const events = typed.flatMap((r) => (r.event ? [r.event] : []));
  const finished = events.filter((e): e is Extract<AgentEvent, { type: 'taskFinished' }> => e.type === 'taskFinished').pop();
  const usage: Usage | undefined = events.filter((e): e is Extract<AgentEvent, { type: 'usageUpdated' }> => e.type === 'usageUpdated').pop()?.total;
  const outcome = !finished ? 'interrupted' : finished.reason === 'completed' ? (finished.isVerified ? 'done, verified' : 'done, unverified') : `stopped (${finished.reason.replace(/_/g, ' ')})`;
  return {
    taskId, startedAt: meta?.startedAt, workspace: meta?.roots?.[0], goal: meta?.goals?.[0]?.text, outcome,
    tokens: usage ? usage.promptTokens + usage.completionTokens : 0,
  };
}

function formatSummary(s: TaskSummary): string {
  const when = s.startedAt ? new Date(s.startedAt).toISOString().replace('T', ' ').slice(0, 16) : '?';
  const goal = (s.goal ?? '').replace(/\s+/g, ' ');
  return `${s.taskId}  ${when}  ${s.outcome.padEnd(22)}  ${String(s.tokens).padStart(7)} tokens  ${s.workspace ?? '?'}\n    ${goal.length > 100 ? `${goal.slice(0, 100)}…` : goal}`;
}
