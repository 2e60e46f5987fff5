/**
 * The long task the first-paint benchmarks open: a finished task of `steps` steps, each with model text, a tool
 * call with output and a usage update, plus a plan. Shared by the bench (inHostBench.ts) and its bisect.
 */
import type { AgentEvent } from '../../src/protocol/events';

export function benchTranscript(steps: number): AgentEvent[] {
  const events: AgentEvent[] = [];
  let seq = 0;
  const at = Date.now();
  const push = (e: Record<string, unknown>): void => { events.push({ ...e, seq: seq++, at } as AgentEvent); };
  push({ type: 'taskStarted', taskId: 'bench-1000', goals: [{ text: 'A long task' }], workspace: '/w', model: 'test-model' });
  push({ type: 'planUpdated', steps: [{ text: 'Read', status: 'done' }, { text: 'Change', status: 'done' }] });
  for (let step = 1; step <= steps; step++) {
    push({ type: 'stepStarted', step });
    push({ type: 'textStreamed', text: `Step ${step}: looking at **src/file${step}.ts:${step}** and ` });
    push({ type: 'assistantMessageCompleted', text: `Step ${step}: looking at **src/file${step}.ts:${step}** and \`code\`.` });
    push({ type: 'toolCallProposed', callId: `c${step}`, name: 'read_file', args: { path: `src/file${step}.ts` } });
    push({ type: 'toolCallCompleted', callId: `c${step}`, name: 'read_file', isError: false, output: 'export const x = 1;\n'.repeat(20), durationMs: 3 });
    const usage = { promptTokens: 1000 * step, completionTokens: 50 * step, cachedTokens: 0, costUsd: 0.001 * step };
    push({ type: 'usageUpdated', request: usage, total: usage, contextTokens: 1000 + step, contextWindow: 128_000 });
  }
  push({ type: 'taskFinished', reason: 'completed', summary: 'Done.', isVerified: true });
  return events;
}
