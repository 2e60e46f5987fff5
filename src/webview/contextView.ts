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
  const open = (path: string) => (event: Event): void => {
    event.preventDefault();
    post({ type: 'file/open', path });
  };
  if (model.rules.length) {
    el.append(h('div', { class: 'context-line', 'data-testid': 'rules' }, icon('book'), h('span', { class: 'context-label' }, ' Rules: '),
      ...model.rules.map((r) => (r.path.startsWith('~') || r.path.startsWith('/')
        ? h('span', { class: 'chip', title: r.abs }, r.path)
        : h('a', { class: 'chip', href: '#', title: `Open ${r.path}${r.isCut ? ' (cut to fit the prompt)' : ''}`, onclick: open(r.path) }, `${r.path}${r.isCut ? ' (cut)' : ''}`)))));
  }
  if (model.recalled.length) {
    el.append(h('div', { class: 'context-line', 'data-testid': 'recalled' }, icon('lightbulb'), h('span', { class: 'context-label' }, ' Recalled: '),
      ...model.recalled.map((n) => (n.scope === 'workspace'
        ? h('a', { class: 'chip recalled', href: '#', title: n.title, onclick: open(`.auto-agent/memory/${n.id}.md`) }, n.title)
        : h('span', { class: 'chip recalled', title: `${n.scope} note ${n.id}` }, n.title)))));
  }
}
