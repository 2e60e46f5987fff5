/**
 * The snapshot embedded in the panel's page for its first paint. A long task's snapshot holds thousands of
 * events (a 1,000-step task: ~6,000 events, ~1.3 MB), and the panel shows only its newest items at first; so the
 * page carries the newest steps plus the events that set the panel's fixed parts (goals, plan, budget, pending
 * approvals), and the full snapshot follows as a message once the page has painted.
 */
import type { AgentEvent } from '../protocol/events';
import type { PanelSnapshot } from '../protocol/webview';

/** Event types that add a timeline item (the others update an item or the fixed parts). */
const itemEvents = new Set<AgentEvent['type']>([
  'stepStarted', 'assistantMessageCompleted', 'toolCallProposed', 'verificationRan', 'finishRefused',
  'contextCondensed', 'modelSteered', 'costUnmeasurable', 'errorOccurred', 'taskFinished',
]);

/**
 * The newest whole steps holding at least `minItems` timeline items, with the earlier events that still matter
 * to the view: the task start, the last plan and usage (the only plan and usage events kept), and approvals never
 * resolved. `isPartial` is false when the snapshot is small enough to send whole.
 */
export function firstPaintSnapshot(snapshot: PanelSnapshot, minItems: number): { snapshot: PanelSnapshot; isPartial: boolean } {
  const { events } = snapshot;
  const cut = tailStart(events, minItems);
  if (cut <= 0) return { snapshot, isPartial: false };
  const resolved = new Set<string>();
  for (const e of events) if (e.type === 'approvalResolved') resolved.add(e.approvalId);
  // Each plan or usage event replaces the last one of its agent (a sub-agent's lane has its own), so only the
  // newest of each per agent is kept; before the cut only the task's own (a lane starts in the part that is shown).
  const newest = new Map<string, number>();
  events.forEach((e, i) => { if (e.type === 'planUpdated' || e.type === 'usageUpdated') newest.set(`${e.type}:${e.agentId ?? ''}`, i); });
  const isNewest = (e: AgentEvent, i: number): boolean => newest.get(`${e.type}:${e.agentId ?? ''}`) === i;
  const isReplaced = (e: AgentEvent, i: number): boolean => (e.type === 'planUpdated' || e.type === 'usageUpdated') && !isNewest(e, i);
  const head = events.slice(0, cut).filter((e, i) => e.type === 'taskStarted' || (!e.agentId && isNewest(e, i))
    || (e.type === 'approvalRequested' && !resolved.has(e.approvalId)));
  const tail = events.slice(cut).filter((e, i) => !isReplaced(e, cut + i));
  return { snapshot: { ...snapshot, events: [...head, ...tail] }, isPartial: true };
}

/** Index of the `stepStarted` that opens the newest steps holding `minItems` items, or 0 if that is all of them. */
function tailStart(events: readonly AgentEvent[], minItems: number): number {
  let items = 0;
  for (let i = events.length - 1; i > 0; i--) {
    if (itemEvents.has(events[i].type)) items++;
    if (items >= minItems && events[i].type === 'stepStarted') return i;
  }
  return 0;
}
