/** The panel's fixed parts: the status bar with Stop/Resume, the goals, the plan checklist and the budget meter. */
import type { PlanStep } from '../protocol/events';
import type { PanelSnapshot } from '../protocol/webview';
import { button, clear, h, icon } from './dom';
import type { TimelineModel } from './timelineModel';
import type { Post } from './reviewView';

export interface TaskStatus {
  isRunning: boolean;
  canResume: boolean;
  isReadOnly: boolean;
  /** Cut off by a reload or crash of the extension host (not stopped): Resume continues it. */
  isInterrupted: boolean;
  /** Running, but waiting on the user (an approval or a question): the header must not look busy. */
  isWaiting: boolean;
  budgets?: PanelSnapshot['budgets'];
}

export function renderHeader(el: HTMLElement, model: TimelineModel, status: TaskStatus, post: Post): void {
  clear(el);
  const { label, stateIcon } = headerState(model, status);
  el.append(
    h('div', { class: 'status', role: 'status', 'data-testid': 'task-status' }, icon(stateIcon), ` ${label}${status.isReadOnly ? ' · read-only (history)' : ''}`),
    h('div', { class: 'header-actions' },
      status.isRunning ? button({ label: 'Stop', icon: 'debug-stop', testId: 'stop', onClick: () => post({ type: 'task/stop' }) }) : null,
      status.canResume && !status.isReadOnly ? button({ label: 'Resume', icon: 'debug-continue', testId: 'resume', onClick: () => post({ type: 'task/resume' }) }) : null,
    ),
  );
}

/** The header's words and icon: what the task is doing, and whether it needs the user. */
function headerState(model: TimelineModel, status: TaskStatus): { label: string; stateIcon: string } {
  if (status.isWaiting) return { label: 'Waiting for you', stateIcon: 'bell-dot' };
  if (status.isRunning) return { label: 'Running', stateIcon: 'loading codicon-modifier-spin' };
  if (status.isInterrupted) return { label: 'Interrupted (the window reloaded or VS Code closed): Resume to continue', stateIcon: 'debug-pause' };
  const finished = model.finished;
  const label = finished
    ? (finished.reason === 'completed' ? (finished.isVerified ? 'Finished, verified' : 'Finished, not verified') : `Stopped (${finished.reason.replace(/_/g, ' ')})`)
    : model.items.length ? 'Stopped' : 'Ready';
  return { label, stateIcon: finished?.reason === 'completed' ? 'pass' : 'circle-large-outline' };
}

export function renderGoals(el: HTMLElement, goals: string[]): void {
  clear(el);
  el.hidden = goals.length === 0;
  if (goals.length === 0) return;
  el.append(h('h2', {}, goals.length > 1 ? 'Goals' : 'Goal'), h('ol', { class: 'goals' }, ...goals.map((g) => h('li', {}, g))));
}

const stepIcons: Record<PlanStep['status'], string> = {
  pending: 'circle-large-outline', in_progress: 'arrow-circle-right', done: 'pass-filled', skipped: 'circle-slash',
};

export function renderPlan(el: HTMLElement, plan: PlanStep[]): void {
  clear(el);
  el.hidden = plan.length === 0;
  if (plan.length === 0) return;
  const done = plan.filter((s) => s.status === 'done').length;
  el.append(
    h('h2', {}, `Plan (${done}/${plan.length})`),
    h('ul', { class: 'plan', role: 'list', 'data-testid': 'plan' }, ...plan.map((step) => h('li', { class: `plan-step ${step.status}`, 'aria-label': `${step.text}: ${step.status.replace('_', ' ')}` },
      icon(stepIcons[step.status]), h('span', {}, step.text)))),
  );
  // The pinned plan has a height cap and scrolls: the step in progress stays in sight.
  const current = el.querySelector<HTMLElement>('.plan-step.in_progress');
  if (current) el.scrollTop = Math.max(0, current.offsetTop - 40);
}

export function renderBudget(el: HTMLElement, model: TimelineModel, budgets: PanelSnapshot['budgets']): void {
  clear(el);
  const total = model.usage.total;
  el.hidden = !total && model.steps === 0;
  if (el.hidden) return;
  const tokens = total ? total.promptTokens + total.completionTokens : 0;
  el.append(
    meter('Steps', model.steps, budgets?.maxSteps ?? null, String(model.steps)),
    meter('Tokens', tokens, budgets?.maxTokens ?? null, compact(tokens)),
    model.usage.isCostUnknown ? meter('Cost', 0, null, 'unknown') : meter('Cost', total?.costUsd ?? 0, budgets?.maxCostUsd ?? null, `$${(total?.costUsd ?? 0).toFixed(3)}`),
    meter('Context', model.usage.contextTokens, model.usage.contextWindow || null, model.usage.contextWindow ? `${Math.round((100 * model.usage.contextTokens) / model.usage.contextWindow)}%` : compact(model.usage.contextTokens)),
  );
}

function meter(label: string, value: number, max: number | null, text: string): HTMLElement {
  const ratio = max ? Math.min(1, value / max) : 0;
  const bar = h('div', { class: 'meter-bar' }, h('div', { class: `meter-fill${ratio > 0.8 ? ' high' : ''}` }));
  (bar.firstChild as HTMLElement).style.width = `${Math.round(ratio * 100)}%`;
  return h('div', { class: 'meter', role: 'meter', 'aria-label': label, 'aria-valuenow': value, 'aria-valuemin': 0, 'aria-valuemax': max ?? undefined },
    h('div', { class: 'meter-label' }, h('span', {}, label), h('span', { class: 'meter-value' }, max ? `${text} / ${label === 'Cost' ? `$${max}` : compact(max)}` : text)),
    bar);
}

function compact(n: number): string {
  return n >= 1_000_000 ? `${(n / 1_000_000).toFixed(1)}M` : n >= 1000 ? `${(n / 1000).toFixed(1)}k` : String(n);
}
