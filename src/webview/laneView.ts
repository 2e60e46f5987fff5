/**
 * A sub-agent's lane: a collapsible box nested in its parent's timeline where the parent started it, with the
 * child's own plan, steps, tool calls, budget use and, at the end, the report its parent got. It updates live and
 * in place: the lane keeps its DOM and redraws only the child items that changed (the user's open/closed choices
 * survive), so a busy child does not redraw the whole panel.
 */
import { h, icon } from './dom';
import { renderPlan } from './statusViews';
import type { ApprovalInfo, LaneInfo, TimelineItem, TimelineModel } from './timelineModel';

/** Draws one item of the lane (the panel's own item renderer, passed in so this file does not import it back). */
export type ItemRenderer = (item: TimelineItem, approvals: ReadonlyMap<string, ApprovalInfo>) => HTMLElement;

interface LaneDom {
  root: HTMLDetailsElement;
  summary: HTMLElement;
  plan: HTMLElement;
  list: HTMLElement;
  report: HTMLElement;
  nodes: Map<string, { el: HTMLElement; version: number }>;
}

const doms = new WeakMap<TimelineModel, LaneDom>();

/** The lane's element, created once per lane and brought up to date on each call. */
export function renderLane(lane: LaneInfo, approvals: ReadonlyMap<string, ApprovalInfo>, renderItem: ItemRenderer): HTMLElement {
  let dom = doms.get(lane.timeline);
  if (!dom) {
    dom = createDom(lane);
    doms.set(lane.timeline, dom);
  }
  dom.root.className = `item lane ${laneState(lane)}`;
  renderSummary(dom.summary, lane);
  renderPlan(dom.plan, lane.timeline.plan);
  syncItems(dom, lane.timeline, approvals, renderItem);
  renderReport(dom.report, lane);
  return dom.root;
}

function createDom(lane: LaneInfo): LaneDom {
  const summary = h('summary', {});
  const plan = h('section', { class: 'plan-view lane-plan', 'aria-label': `Plan of ${lane.childId}` });
  const list = h('div', { class: 'lane-list', role: 'log', 'aria-label': `Steps of ${lane.childId}` });
  const report = h('div', { class: 'lane-report', hidden: true });
  const root = h('details', { 'data-testid': 'lane', 'data-agent': lane.childId }, summary, plan, list, report);
  // Open while it works, so its steps show live; the user may fold it.
  root.open = true;
  return { root, summary, plan, list, report, nodes: new Map() };
}

function laneState(lane: LaneInfo): 'running' | 'done' | 'stopped' {
  return lane.reason === undefined ? 'running' : lane.reason === 'completed' ? 'done' : 'stopped';
}

function renderSummary(summary: HTMLElement, lane: LaneInfo): void {
  const { timeline } = lane;
  const state = laneState(lane);
  const total = timeline.usage.total;
  const tokens = total ? total.promptTokens + total.completionTokens : 0;
  const steps = lane.maxSteps ? `${timeline.steps} / ${lane.maxSteps} steps` : `${timeline.steps} step${timeline.steps === 1 ? '' : 's'}`;
  const used = [steps, `${compact(tokens)} tokens`, timeline.usage.isCostUnknown || !total ? null : `$${total.costUsd.toFixed(3)}`].filter(Boolean).join(' · ');
  const parts: (HTMLElement | null)[] = [
    icon({ running: 'loading codicon-modifier-spin', done: 'pass', stopped: 'warning' }[state]),
    h('span', { class: 'lane-id' }, `Sub-agent ${lane.childId}`),
    h('span', { class: 'badge' }, lane.agent ?? lane.kind),
    h('span', { class: 'lane-goal', title: lane.goal }, lane.goal),
    h('span', { class: 'muted lane-usage', 'data-testid': 'lane-usage' }, [lane.model, used].filter(Boolean).join(' · ')),
    lane.reason && lane.reason !== 'completed' ? h('span', { class: 'badge approval-rejected' }, lane.reason.replace(/_/g, ' ')) : null,
  ];
  summary.replaceChildren(...parts.filter((p): p is HTMLElement => p !== null));
}

/** Appends new child items and redraws changed ones, keeping an open tool call open. */
function syncItems(dom: LaneDom, timeline: TimelineModel, approvals: ReadonlyMap<string, ApprovalInfo>, renderItem: ItemRenderer): void {
  for (const item of timeline.items) {
    const node = dom.nodes.get(item.id);
    if (node && node.version === item.version) continue;
    const el = renderItem(item, approvals);
    // A child's finish is not the task's: hosts and tests wait on the task's own `task-finished`.
    if (el.dataset.testid === 'task-finished') el.dataset.testid = 'lane-finished';
    if (node && node.el !== el) {
      if (node.el instanceof HTMLDetailsElement && el instanceof HTMLDetailsElement && node.el.open) el.open = true;
      node.el.replaceWith(el);
    } else if (!node) {
      dom.list.append(el);
    }
    dom.nodes.set(item.id, { el, version: item.version });
  }
  timeline.dirty.clear();
}

function renderReport(el: HTMLElement, lane: LaneInfo): void {
  el.hidden = lane.report === undefined;
  if (lane.report === undefined) return;
  el.replaceChildren(h('div', { class: 'label' }, 'Report to its parent'), h('pre', { class: 'output', 'data-testid': 'lane-report' }, lane.report));
}

function compact(n: number): string {
  return n >= 1_000_000 ? `${(n / 1_000_000).toFixed(1)}M` : n >= 1000 ? `${(n / 1000).toFixed(1)}k` : String(n);
}
