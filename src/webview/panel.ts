/** The agent panel's browser entry: reduces the event stream into the model and renders it. */
import type { AgentEvent } from '../protocol/events';
import { panelInboundSchema, type PanelInbound, type PanelOutbound, type PanelOverview, type PanelSnapshot } from '../protocol/webview';
import { connect, embeddedMessage } from './vscodeBridge';
import { button, clear, h, icon } from './dom';
import { focusGoal, renderGoalForm } from './goalForm';
import { enableIcons } from './deferredIcons';
import { fileLinkTarget } from './fileLink';
import { isMarkdownLoaded, loadMarkdown } from './lazyMarkdown';
import { renderReview } from './reviewView';
import { renderBudget, renderGoals, renderHeader, renderPlan, type TaskStatus } from './statusViews';
import { TimelineModel } from './timelineModel';
import { TimelineView } from './timelineView';
import { renderContext } from './contextView';
import { ScrollFollow } from './scrollFollow';
import { renderOverview } from './overviewView';

/** Loading phases for the first-paint benchmark (webview clock, ms since the document started). */
const marks: Record<string, number> = {
  scriptStarted: performance.getEntriesByName('autoAgent:scriptStart')[0]?.startTime ?? -1,
  scriptEvaluated: performance.now(),
};
for (const r of performance.getEntriesByType('resource') as PerformanceResourceTiming[]) {
  const name = /([\w.-]+\.(?:js|css|ttf))(?:$|\?)/.exec(r.name)?.[1];
  if (name) Object.assign(marks, { [`${name}:start`]: r.startTime, [`${name}:firstByte`]: r.responseStart, [`${name}:end`]: r.responseEnd });
}
window.addEventListener('message', () => { marks.messageArrived ??= performance.now(); });

interface PanelState {
  drafts: string[];
}

const app = document.getElementById('app') as HTMLElement;
const scriptNonce = document.currentScript?.nonce ?? '';
const section = (cls: string, label?: string): HTMLElement => h('section', { class: cls, 'aria-label': label });
const ui = {
  header: h('header', { class: 'top' }), banner: h('div', { class: 'banner', role: 'alert' }), scroll: h('div', { class: 'scroll' }),
  sandbox: h('div', { class: 'sandbox-status', role: 'status', 'data-testid': 'sandbox-status', hidden: true }),
  goals: section('goals-view', 'Goals'), context: section('context-view', 'Rules and memory'), plan: section('plan-view', 'Plan'), budget: section('budget', 'Budget'),
  timeline: section('timeline', 'Timeline'), review: section('review', 'Review'), question: section('question', 'Question'),
  form: section('goal-form', 'New task'), overview: section('overview', 'Model, approvals and recent tasks'),
};
ui.scroll.append(ui.goals, ui.context, ui.plan, ui.budget, ui.timeline, ui.review, ui.question, ui.form, ui.overview);
app.append(ui.header, ui.sandbox, ui.banner, ui.scroll);

let model = new TimelineModel();
let status: TaskStatus = { isRunning: false, canResume: false, isReadOnly: false, isInterrupted: false, isWaiting: false };
let restricted: string | undefined;
let question: { questionId: string; question: string } | undefined;
let overview: PanelOverview | undefined;
/** The host has heard webview/ready: before that it drops what it would send back. */
let isReady = false;
const settled = new Set<string>();
let hasPainted = false;
let onFirstPaint: () => void = () => undefined;
const firstPaint = new Promise<void>((resolve) => { onFirstPaint = resolve; });
/** The first frame is on screen (or half a second passed, should the browser not report that paint). */
const afterFirstFrame = Promise.race([firstPaint, new Promise((r) => setTimeout(r, 500))]);
const follow = new ScrollFollow();
ui.scroll.addEventListener('scroll', () => follow.noteScroll(ui.scroll), { passive: true });
let view = new TimelineView(ui.timeline, model, { el: ui.scroll, follow, post: (m) => post(m) }, afterFirstFrame);

const bridge = connect<PanelInbound, PanelOutbound, PanelState>(panelInboundSchema, (message) => handle(message));
const post = (m: PanelOutbound): void => bridge.post(m);

function handle(message: PanelInbound): void {
  switch (message.type) {
    case 'session/restored': return restore(message.snapshot);
    case 'agent/events': return applyEvents(message.events);
    case 'task/statusChanged':
      // A task that ended is one of the recent tasks now.
      if (status.isRunning && !message.isRunning) askOverview();
      status = { ...status, isRunning: message.isRunning, canResume: message.canResume, isInterrupted: message.isInterrupted ?? false };
      return renderStatic();
    case 'question/asked':
      question = { questionId: message.questionId, question: message.question };
      renderHeaderNow();
      return renderQuestion();
    case 'approval/settled':
      settled.add(message.approvalId);
      if (question?.questionId === message.approvalId) question = undefined;
      renderQuestion();
      renderReviewArea();
      return renderHeaderNow();
    case 'trust/changed': restricted = message.restrictedReason; return renderStatic();
    case 'sandbox/status': return renderSandboxStatus(message.isActive, message.text);
    case 'overview/shown': overview = message.overview; return renderStatic();
    case 'goal/prefilled':
      bridge.saveState({ drafts: [message.text] });
      renderStatic();
      return focusGoal(ui.form);
  }
}

function restore(snapshot: PanelSnapshot): void {
  marks.snapshotReceived ??= performance.now();
  model = new TimelineModel();
  for (const event of snapshot.events) model.apply(event);
  // An interrupted task's proposals are still waiting: Resume proposes them again (no buttons until then).
  if (!snapshot.isInterrupted) model.expireExcept(snapshot.pendingApprovalIds);
  marks.reduced ??= performance.now();
  status = {
    isRunning: snapshot.isRunning, canResume: snapshot.canResume, isReadOnly: snapshot.isReadOnly,
    isInterrupted: snapshot.isInterrupted ?? false, isWaiting: false, budgets: snapshot.budgets,
  };
  restricted = snapshot.restrictedReason;
  question = snapshot.pendingQuestion;
  settled.clear();
  // The fixed parts first: the timeline's scroll to the bottom forces a layout, which then covers them too.
  renderStatic();
  renderQuestion();
  view = rebuildTimeline();
  view.reset();
  renderReviewArea();
  if (!hasPainted) {
    hasPainted = true;
    marks.rendered = performance.now();
    reportFirstPaint();
  }
  if (!snapshot.isRunning && !snapshot.isReadOnly && snapshot.events.length === 0) focusGoal(ui.form);
}

/**
 * Reports the browser's first contentful paint: the page holds no text before this script renders, so that
 * frame is the first one with the panel's content. `sincePaintMs` lets the host subtract the wait for the entry.
 * If an earlier frame was already contentful (the snapshot came by message), the next frame is reported instead.
 */
function reportFirstPaint(): void {
  const rendered = performance.now();
  const send = (paintedAt: number): void => {
    marks.painted = paintedAt;
    post({ type: 'webview/painted', sinceLoadMs: paintedAt, sincePaintMs: performance.now() - paintedAt, marks });
    onFirstPaint();
  };
  const onEntry = (fcp: PerformanceEntry): void => {
    if (fcp.startTime >= rendered) send(fcp.startTime);
    else afterNextFrame(() => send(performance.now()));
  };
  const entry = performance.getEntriesByName('first-contentful-paint')[0];
  if (entry) return onEntry(entry);
  const observer = new PerformanceObserver((list) => {
    const fcp = list.getEntriesByName('first-contentful-paint')[0];
    if (!fcp) return;
    observer.disconnect();
    onEntry(fcp);
  });
  observer.observe({ type: 'paint', buffered: true });
}

/** Loads the markdown renderer if the page did not inline it (nothing on the first frame needed it). */
function loadMarkdownLater(): void {
  const src = app.dataset.markdownSrc;
  if (isMarkdownLoaded() || !src) return;
  loadMarkdown(src, scriptNonce, () => view.redraw((item) => item.kind === 'text' || item.kind === 'finish'));
}

/** Runs `fn` once the next frame has been produced (rAF runs just before it), so a figure taken there includes the paint. */
function afterNextFrame(fn: () => void): void {
  requestAnimationFrame(() => setTimeout(fn, 0));
}

function rebuildTimeline(): TimelineView {
  clear(ui.timeline);
  return new TimelineView(ui.timeline, model, { el: ui.scroll, follow, post: (m) => post(m) }, afterFirstFrame);
}

function applyEvents(events: AgentEvent[]): void {
  let hasReviewChange = false;
  for (const event of events) {
    model.apply(event);
    if (event.type === 'approvalRequested' || event.type === 'approvalResolved' || event.type === 'taskFinished') hasReviewChange = true;
  }
  renderStatic();
  if (hasReviewChange) renderReviewArea();
  view.schedule();
}

/** The live approvals the review area offers (none for a task shown from history or interrupted). */
function livePending(): ReturnType<TimelineModel['pendingApprovals']> {
  return status.isReadOnly || status.isInterrupted ? [] : model.pendingApprovals().filter((a) => !settled.has(a.approvalId));
}

/** The header: "Waiting for you" while a running task waits on an approval or a question. */
function renderHeaderNow(): void {
  status.isWaiting = status.isRunning && (question !== undefined || livePending().length > 0);
  renderHeader(ui.header, model, status, post);
}

function renderStatic(): void {
  renderHeaderNow();
  ui.banner.hidden = !restricted;
  clear(ui.banner);
  if (restricted) ui.banner.append(icon('shield'), h('span', {}, ` ${restricted}`));
  renderGoals(ui.goals, model.goals);
  renderContext(ui.context, model, post);
  renderPlan(ui.plan, model.plan);
  renderBudget(ui.budget, model, status.budgets);
  const showForm = !status.isRunning && !status.isReadOnly;
  ui.form.hidden = !showForm;
  if (showForm && !ui.form.contains(document.activeElement)) {
    renderGoalForm(ui.form, {
      drafts: bridge.state().drafts ?? [], restrictedReason: restricted,
      onDraft: (drafts) => bridge.saveState({ drafts }),
      onStart: (goals) => { bridge.saveState({ drafts: [] }); post({ type: 'task/start', goals }); },
    });
  }
  renderOverviewArea(showForm);
  // The pinned plan covers the top of the scrolling area: what is scrolled into view goes below it.
  ui.scroll.style.scrollPaddingTop = ui.plan.hidden ? '' : `${ui.plan.offsetHeight}px`;
  view.settle();
}

/** With the New Task form: the model, the approval policy and the recent tasks (asked for again after each task). */
function renderOverviewArea(isShown: boolean): void {
  ui.overview.hidden = !isShown;
  if (isShown) renderOverview(ui.overview, overview, post);
}

function askOverview(): void {
  if (isReady) post({ type: 'overview/request' });
}

function postReady(loadId?: string): void {
  post({ type: 'webview/ready', loadId });
  isReady = true;
  askOverview();
}

/** One line under the header: whether commands run in the OS sandbox, or why not and the fix. */
function renderSandboxStatus(isActive: boolean, text: string): void {
  clear(ui.sandbox);
  ui.sandbox.hidden = false;
  ui.sandbox.classList.toggle('off', !isActive);
  ui.sandbox.append(icon(isActive ? 'shield' : 'warning'), h('span', {}, ` ${text}`));
}

function renderReviewArea(): void {
  const pending = livePending();
  const hadCards = !ui.review.hidden;
  renderReview(ui.review, pending, post);
  const isNew = pending.length > 0 && !hadCards;
  // New cards need the user: shown even when they scrolled up (from their top while following the newest).
  if (isNew && !follow.isFollowing) ui.review.scrollIntoView({ block: 'nearest' });
  else view.settle(isNew ? ui.review : undefined);
}

function renderQuestion(): void {
  clear(ui.question);
  ui.question.hidden = !question;
  if (!question) return;
  const { questionId } = question;
  const answer = h('textarea', { rows: 2, 'aria-label': 'Your answer', 'data-testid': 'answer' });
  const send = (): void => post({ type: 'question/answer', questionId, answer: answer.value });
  ui.question.append(h('h2', {}, icon('question'), ' The agent asks'), h('p', {}, question.question), answer,
    h('div', { class: 'actions' }, button({ label: 'Answer', icon: 'send', kind: 'primary', onClick: send })));
  answer.focus();
}

app.addEventListener('click', (e) => {
  const target = fileLinkTarget(e.target as Element);
  if (!target) return;
  e.preventDefault();
  post({ type: 'file/open', path: target.path, line: target.line });
});

// The page normally carries the snapshot, so the first frame shows the task without a round trip to the host.
const embedded = embeddedMessage(panelInboundSchema);
if (embedded) handle(embedded.message);
else renderStatic();
marks.ready = performance.now();
// With an embedded snapshot the host hears from the page once its first frame is on screen (or after half a
// second, should the browser not report that paint), so the full snapshot or the deltas it then sends cannot
// compete with that frame.
if (!embedded) postReady();
// The icons too come after the first frame: switching their font on restyles the whole page, which that frame need
// not wait for (their glyphs are hidden until then; VS Code shows the frame only after the document's load event).
void afterFirstFrame.then(() => {
  if (embedded) postReady(embedded.loadId);
  enableIcons();
  loadMarkdownLater();
});
