/**
 * The task's context line in the panel: "Rules" (the instruction files in effect, each opens in the editor)
 * and "Recalled" chips (the memory notes put into the prompt at the start).
 */
import type { PanelOutbound } from '../protocol/webview';
import { clear, h, icon } from './dom';
import type { TimelineModel } from './timelineModel';

export function renderContext(el: HTMLElement, model: TimelineModel, post: (message: PanelOutbound) => void): void {
  clear(el);
  el.hidden = model.rules.length === 0 && model.recalled.length === 0;
  if (el.hidden) return;
  const opener = (message: PanelOutbound) => (event: Event): void => {
    event.preventDefault();
    post(message);
  };
  if (model.rules.length) {
    el.append(h('div', { class: 'context-line', 'data-testid': 'rules' }, icon('book'), h('span', { class: 'context-label' }, ' Rules: '),
      ...model.rules.map((r) => h('a', { class: 'chip', href: '#', title: `Open ${r.abs}${r.isCut ? ' (cut to fit the prompt)' : ''}`, onclick: opener({ type: 'rules/open', abs: r.abs }) },
        `${r.path}${r.isCut ? ' (cut)' : ''}`))));
  }
  if (model.recalled.length) {
    el.append(h('div', { class: 'context-line', 'data-testid': 'recalled' }, icon('lightbulb'), h('span', { class: 'context-label' }, ' Recalled: '),
      ...model.recalled.map((n) => (n.scope === 'workspace' || n.scope === 'user'
        ? h('a', { class: 'chip recalled', href: '#', title: `Open the ${n.scope} note ${n.id}`, onclick: opener({ type: 'memory/open', scope: n.scope, id: n.id }) }, n.title)
        : h('span', { class: 'chip recalled', title: `${n.scope} ${n.id}` }, n.title)))));
  }
}
