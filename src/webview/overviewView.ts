/** The empty panel's overview: the model in use with "Change…", the approval policy, and the latest tasks. */
import type { PanelOverview } from '../protocol/webview';
import { button, clear, h, icon } from './dom';
import type { Post } from './reviewView';

const policyNames: Record<keyof PanelOverview['policy'], string> = { read: 'reads', edit: 'edits', execute: 'commands', network: 'network' };

/** "reads auto · edits ask · commands sandboxed · network ask". */
export function policyLine(policy: PanelOverview['policy']): string {
  return (Object.keys(policyNames) as (keyof PanelOverview['policy'])[]).map((risk) => `${policyNames[risk]} ${policy[risk]}`).join(' · ');
}

export function renderOverview(el: HTMLElement, overview: PanelOverview | undefined, post: Post): void {
  clear(el);
  if (!overview) return;
  let host = overview.endpoint;
  try {
    host = new URL(overview.endpoint).host;
  } catch {
    // Not a URL: shown as written.
  }
  el.append(
    h('div', { class: 'overview-line', 'data-testid': 'overview-model' }, icon('hubot'), h('span', { class: 'context-label' }, 'Model'),
      h('strong', {}, overview.model), h('span', { class: 'muted' }, host),
      button({ label: 'Change…', testId: 'change-model', kind: 'secondary', onClick: () => post({ type: 'model/select' }) })),
    h('div', { class: 'overview-line', 'data-testid': 'overview-policy' }, icon('shield'), h('span', { class: 'context-label' }, 'Approvals'),
      h('span', {}, policyLine(overview.policy))),
  );
  if (overview.recent.length === 0) return;
  el.append(h('h2', {}, 'Recent tasks'), h('ul', { class: 'recent-tasks', 'data-testid': 'recent-tasks' }, ...overview.recent.map((task) => h('li', {},
    h('a', { href: '#', class: 'recent-task', title: 'Open this task (read-only)', onclick: (e: Event) => { e.preventDefault(); post({ type: 'history/open', taskId: task.taskId }); } }, task.goal),
    h('span', { class: 'muted' }, ` ${task.outcome} · ${new Date(task.at).toLocaleString()}`)))));
}
