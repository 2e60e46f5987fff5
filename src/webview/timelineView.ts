/**
 * The timeline, rendered lazily: only the newest items are in the DOM at first, earlier ones are added a page at
 * a time when the user scrolls up (or presses "Show earlier"), and updates touch only the changed items, once
 * per animation frame. A 1,000-step transcript stays responsive.
 */
import { button, h } from './dom';
import { renderItem } from './itemView';
import type { ScrollFollow } from './scrollFollow';
import type { Post } from './reviewView';
import type { TimelineItem, TimelineModel } from './timelineModel';

/**
 * Items rendered at first: about enough to fill the window (items average ~35 px; goals, plan and budget sit
 * above them), so the first frame is not spent on items out of sight; if they fall short, the "Show earlier"
 * observer adds a page right after that frame.
 */
const initialWindow = (): number => Math.min(60, Math.max(12, Math.ceil(window.innerHeight / 40)));
const pageSize = 100;

export class TimelineView {
  private start = 0;
  private readonly nodes = new Map<string, { el: HTMLElement; version: number }>();
  private readonly list = h('div', { class: 'timeline-list', role: 'log', 'aria-live': 'polite', 'aria-label': 'Agent steps' });
  private readonly earlier: HTMLButtonElement;
  private frame = 0;

  private readonly scroller: HTMLElement;
  private readonly follow: ScrollFollow;
  private readonly post: Post;

  /**
   * `scroll` is the panel's scrolling element and its follow-the-newest rule, shared with the rest of the panel, and
   * the panel's `post` for the rows' actions.
   * `afterFirstFrame` holds back the "Show earlier" observer: its first report comes before the first frame, and
   * when the first items do not fill the window it would render a whole page of earlier items ahead of that frame.
   */
  constructor(readonly root: HTMLElement, private readonly model: TimelineModel, scroll: { el: HTMLElement; follow: ScrollFollow; post: Post }, afterFirstFrame: Promise<unknown>) {
    this.scroller = scroll.el;
    this.follow = scroll.follow;
    this.post = scroll.post;
    this.earlier = button({ label: 'Show earlier steps', icon: 'fold-up', onClick: () => this.showEarlier() });
    root.append(this.earlier, this.list);
    const observer = new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting) && this.start > 0) this.showEarlier();
    }, { root: this.scroller });
    void afterFirstFrame.then(() => observer.observe(this.earlier));
  }

  /** Drops the DOM and renders the newest window again (a new snapshot). */
  reset(): void {
    this.nodes.clear();
    this.list.replaceChildren();
    this.start = Math.max(0, this.model.items.length - initialWindow());
    this.model.dirty.clear();
    const frag = document.createDocumentFragment();
    for (const item of this.model.items.slice(this.start)) frag.append(this.mount(item.id, 'first-window'));
    this.list.append(frag);
    this.earlier.hidden = this.start === 0;
    this.follow.reset();
    this.settle();
  }

  /**
   * After anything in the panel changed size: shows the newest while following. An `anchor` (new review cards;
   * by default the finish) taller than the space left shows from its top, where it says what it is.
   */
  settle(anchor?: HTMLElement): void {
    const top = this.follow.target(this.scroller);
    if (top === undefined) return;
    this.scroller.scrollTop = top;
    const last = this.model.items[this.model.items.length - 1];
    const target = anchor ?? (last?.kind === 'finish' ? this.nodes.get(last.id)?.el : undefined);
    if (!target) return;
    // Below the pinned plan (the panel sets it as the scroll padding).
    const covered = parseFloat(this.scroller.style.scrollPaddingTop) || 0;
    const above = target.getBoundingClientRect().top - this.scroller.getBoundingClientRect().top - covered;
    if (above < 0) this.scroller.scrollTop += above - 8;
  }

  /** Schedules a redraw of what changed. */
  schedule(): void {
    this.frame ||= requestAnimationFrame(() => {
      this.frame = 0;
      this.flush();
    });
  }

  private flush(): void {
    for (const id of this.model.dirty) {
      const node = this.nodes.get(id);
      if (node) {
        const item = this.model.item(id);
        if (item && item.version !== node.version) this.replace(id, node.el);
      } else if (this.model.indexOf(id) >= this.start) {
        this.list.append(this.mount(id));
      }
    }
    this.model.dirty.clear();
    this.settle();
  }

  /** Draws again the rendered items `isStale` picks (text drawn before the markdown renderer arrived). */
  redraw(isStale: (item: TimelineItem) => boolean): void {
    for (const [id, node] of [...this.nodes]) {
      const item = this.model.item(id);
      if (item && isStale(item)) this.replace(id, node.el);
    }
  }

  private showEarlier(): void {
    const before = this.scroller.scrollHeight;
    const from = Math.max(0, this.start - pageSize);
    const frag = document.createDocumentFragment();
    for (const item of this.model.items.slice(from, this.start)) frag.append(this.mount(item.id));
    this.list.prepend(frag);
    this.start = from;
    this.earlier.hidden = this.start === 0;
    this.scroller.scrollTop += this.scroller.scrollHeight - before;
  }

  private mount(id: string, cls?: string): HTMLElement {
    const item = this.model.item(id);
    if (!item) return h('div');
    const el = renderItem(item, this.model.approvals, this.post);
    el.dataset.id = id;
    if (cls) el.classList.add(cls);
    this.nodes.set(id, { el, version: item.version });
    return el;
  }

  private replace(id: string, old: HTMLElement): void {
    const wasOpen = old instanceof HTMLDetailsElement ? old.open : undefined;
    const el = this.mount(id, old.classList.contains('first-window') ? 'first-window' : undefined);
    if (el instanceof HTMLDetailsElement && wasOpen) el.open = true;
    old.replaceWith(el);
  }
}
