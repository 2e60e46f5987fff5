/** One timeline item as DOM: a step divider, streamed model text, collapsed thinking, a collapsed tool call, a notice, the finish, a sub-agent's lane. */
import { button, h, icon } from './dom';
import type { Post } from './reviewView';
import { renderChangeHeader, renderDiff } from './diffView';
import { renderMarkdownText } from './lazyMarkdown';
import type { ApprovalInfo, TimelineItem } from './timelineModel';
import { toolOutcome } from './toolOutcome';
import { renderLane } from './laneView';

/** `post` is absent where the row cannot act (nothing to send to). */
export function renderItem(item: TimelineItem, approvals: ReadonlyMap<string, ApprovalInfo>, post?: Post): HTMLElement {
  switch (item.kind) {
    case 'step': return h('div', { class: 'step-divider', role: 'separator' }, `Step ${item.step}`);
    case 'text': {
      const body = h('div', { class: `markdown${item.isDone ? '' : ' streaming'}` });
      renderMarkdownText(body, item.text);
      return h('div', { class: 'item text' }, body);
    }
    case 'thinking': return h('details', { class: 'item thinking' }, h('summary', {}, icon('lightbulb'), ' Thinking'), h('div', { class: 'thinking-text' }, item.text));
    case 'tool': return renderTool(item, item.approvalId ? approvals.get(item.approvalId) : undefined, post);
    case 'lane': return renderLane(item.lane, approvals, renderItem);
    case 'notice': return h('div', { class: `item notice ${item.tone}` },
      icon({ info: 'info', warn: 'warning', error: 'error', ok: 'pass' }[item.tone]),
      h('div', { class: 'notice-main' }, h('strong', {}, item.title), item.body ? h('div', { class: 'notice-body' }, item.body) : null,
        item.detail ? h('details', { class: 'notice-detail', 'data-testid': 'notice-detail' },
          h('summary', {}, `Full output (${item.detail.split('\n').length} lines)`), h('pre', { class: 'output' }, item.detail)) : null));
    case 'finish': {
      const summary = h('div', { class: 'markdown' });
      renderMarkdownText(summary, item.summary || '(no summary)');
      const title = item.reason === 'completed' ? (item.isVerified ? 'Finished, verified' : 'Finished, not verified') : `Stopped: ${item.reason.replace(/_/g, ' ')}`;
      const tone = item.reason === 'completed' && item.isVerified ? 'ok' : item.reason === 'completed' ? 'info' : 'warn';
      return h('div', { class: `item finish ${tone}`, 'data-testid': 'task-finished' },
        h('strong', {}, icon(item.reason === 'completed' ? 'pass-filled' : 'debug-stop'), ` ${title}`), summary);
    }
  }
}

function renderTool(item: Extract<TimelineItem, { kind: 'tool' }>, approval: ApprovalInfo | undefined, post: Post | undefined): HTMLElement {
  const state = item.output === undefined ? 'running' : item.isError ? 'error' : 'done';
  const stateIcon = { running: 'loading codicon-modifier-spin', done: 'check', error: 'error' }[state];
  const outcome = toolOutcome(item, approval);
  const summary = h('summary', {},
    icon(stateIcon),
    // A label says the call in words; calls from transcripts written before labels show the tool id and its main argument.
    item.label ? h('span', { class: 'tool-label' }, item.label) : h('span', { class: 'tool-name' }, item.name),
    item.label ? null : h('span', { class: 'tool-args' }, argsPreview(item.args)),
    item.durationMs !== undefined ? h('span', { class: 'muted' }, `${Math.round(item.durationMs)} ms`) : null,
    outcome ? h('span', { class: `badge ${outcome.cls}`, 'data-testid': 'tool-outcome' }, outcome.text) : null,
    outcome?.reason ? h('span', { class: 'tool-reason', title: outcome.reason, 'data-testid': 'tool-reason' }, outcome.reason) : null,
  );
  const details = h('details', { class: `item tool ${state}`, 'data-call': item.callId }, summary);
  if (item.change) details.append(renderChangeHeader(item.change), renderDiff(item.change, { maxLines: 200 }));
  if (item.changeState === 'applied' && post) details.append(renderCheckpointActions(item.callId, post));
  details.append(h('div', { class: 'label' }, 'Tool'), h('code', { class: 'tool-id', 'data-testid': 'tool-id' }, item.name));
  details.append(h('div', { class: 'label' }, 'Arguments'), h('pre', { class: 'args' }, JSON.stringify(item.args, null, 2)));
  if (item.live && item.output === undefined) details.append(h('div', { class: 'label' }, 'Output (live)'), h('pre', { class: 'output' }, item.live));
  if (item.output !== undefined) details.append(h('div', { class: 'label' }, 'Result'), h('pre', { class: `output${item.isError ? ' error' : ''}` }, item.output));
  if (outcome?.reason) details.append(h('div', { class: 'label' }, 'Rejection reason'), h('p', {}, outcome.reason));
  // A running command stays open so its output is visible as it streams.
  details.open = state === 'running' && item.live !== '';
  return details;
}

/** The checkpoint this step's change made: compare it with now, or go back to it. */
function renderCheckpointActions(callId: string, post: Post): HTMLElement {
  return h('div', { class: 'actions checkpoint-actions' },
    button({ label: 'Compare with now', icon: 'diff', testId: 'checkpoint-compare', title: 'Diff the files as this step left them against the workspace now', onClick: () => post({ type: 'checkpoint/compare', callId }) }),
    button({ label: 'Restore to here…', icon: 'discard', testId: 'checkpoint-restore', title: 'Put the files back as they were right after this step (you can undo it)', onClick: () => post({ type: 'checkpoint/restore', callId }) }));
}

function argsPreview(args: unknown): string {
  if (!args || typeof args !== 'object') return '';
  const a = args as Record<string, unknown>;
  const main = a.path ?? a.command ?? a.pattern ?? a.url ?? a.query ?? Object.values(a).find((v) => typeof v === 'string');
  const text = typeof main === 'string' ? main : '';
  return text.length > 80 ? `${text.slice(0, 80)}…` : text;
}
