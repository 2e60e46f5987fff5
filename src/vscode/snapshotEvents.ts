/**
 * The events a (re)loading panel gets. Streamed deltas that a later event repeats in full are left out (a
 * `textStreamed` run closed by its `assistantMessageCompleted`, a command's `commandOutputStreamed` chunks once
 * its `toolCallCompleted` holds the output): the panel reduces the rest to the same state, and a long task's
 * snapshot shrinks by the thousands of token deltas it streamed.
 */
import type { AgentEvent } from '../protocol/events';

export function snapshotEvents(events: readonly AgentEvent[]): AgentEvent[] {
  const completedCalls = new Set<string>();
  for (const e of events) if (e.type === 'toolCallCompleted') completedCalls.add(e.callId);
  const kept: (AgentEvent | undefined)[] = [];
  let openText: number[] = [];
  for (const event of events) {
    if (event.type === 'commandOutputStreamed' && completedCalls.has(event.callId)) continue;
    if (event.type === 'textStreamed') {
      openText.push(kept.length);
    } else if (event.type === 'assistantMessageCompleted') {
      for (const i of openText) kept[i] = undefined;
      openText = [];
    } else if (event.type === 'stepStarted' || event.type === 'toolCallProposed') {
      openText = [];
    }
    kept.push(event);
  }
  return kept.filter((e): e is AgentEvent => e !== undefined);
}
