/** Scripts for several agents at once: each request is answered from the script of the agent that sent it. */
import type { RecordedRequest, ScriptStep } from '../../support/scriptedServer';
import type { Harness } from './loopHarness';

/** Which agent sent a request: the CHILD-x marker of its goal message, or the parent ('P'). */
export function agentOf(request: RecordedRequest): string {
  for (const m of request.body.messages ?? []) {
    const found = m.role === 'user' && typeof m.content === 'string' ? /CHILD-(\w)/.exec(m.content) : null;
    if (found) return found[1];
  }
  return 'P';
}

/** Answers each agent from its own script, by how many answers it already got (requests of agents interleave). */
export function route(h: Harness, scripts: Record<string, ScriptStep[]>, otherwise?: (agent: string) => ScriptStep): void {
  h.server.setFallback((request) => {
    const agent = agentOf(request);
    const turn = (request.body.messages ?? []).filter((m) => m.role === 'assistant').length;
    return scripts[agent]?.[turn] ?? otherwise?.(agent) ?? { fail: { status: 500, message: `no step ${turn} for ${agent}` } };
  });
}

export const requestsOf = (h: Harness, agent: string): RecordedRequest[] => h.server.requests.filter((r) => agentOf(r) === agent);
export const lastText = (h: Harness, agent: string): string => JSON.stringify(requestsOf(h, agent).at(-1)?.body.messages ?? []);
