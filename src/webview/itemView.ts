/** One timeline item as DOM: a step divider, streamed model text, collapsed thinking, a collapsed tool call, a notice, the finish, a sub-agent's lane. */
import { h, icon } from './dom';
import { renderChangeHeader, renderDiff } from './diffView';
import { renderMarkdownText } from './lazyMarkdown';
import type { ApprovalInfo, TimelineItem } from './timelineModel';
import { renderLane } from './laneView';

export function renderItem(item: TimelineItem, approvals: ReadonlyMap<string, ApprovalInfo>): HTMLElement {
  switch (item.kind) {
    case 'step': return h('div', { class: 'step-divider', role: 'separator' }, `Step ${item.step}`);
    case 'text': {
      const body = h('div', { class: `markdown${item.isDone ? '' : ' streaming'}` });
      renderMarkdownText(body, item.text);
      return h('div', { class: 'item text' }, body);
    }
    case 'thinking': return h('details', { class: 'item thinking' }, h('summary', {}, icon('lightbulb'), ' Thinking'), h('div', { class: 'thinking-text' }, item.text));
    case 'tool': return renderTool(item, item.approvalId ? approvals.get(item.approvalId) : undefined);
    case 'lane': return renderLane(item.lane, approvals, renderItem);
    case 'notice': return h('div', { class: `item notice ${item.tone}` },
      icon({ info: 'info', warn: 'warning', error: 'error', ok: 'pass' }[item.tone]),
      h('div', {}, h('strong', {}, item.title), item.body ? h('div', { class: 'notice-body' }, item.body) : null));
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

function renderTool(item: Extract<TimelineItem, { kind: 'tool' }>, approval: ApprovalInfo | undefined): HTMLElement {
  const state = item.output === undefined ? 'running' : item.isError ? 'error' : 'done';
  const stateIcon = { running: 'loading codicon-modifier-spin', done: 'check', error: 'error' }[state];
  const summary = h('summary', {},
    icon(stateIcon), h('span', { class: 'tool-name' }, item.name), h('span', { class: 'tool-args' }, argsPreview(item.args)),
    item.durationMs !== undefined ? h('span', { class: 'muted' }, `${Math.round(item.durationMs)} ms`) : null,
    approval ? h('span', { class: `badge approval-${approval.state}` }, approvalLabel(approval)) : null,
    item.changeState ? h('span', { class: `badge change-${item.changeState}` }, item.changeState) : null,
  );
  const details = h('details', { class: `item tool ${state}`, 'data-call': item.callId }, summary);
  if (item.change) details.append(renderChangeHeader(item.change), renderDiff(item.change, { maxLines: 200 }));
  details.append(h('div', { class: 'label' }, 'Arguments'), h('pre', { class: 'args' }, JSON.stringify(item.args, null, 2)));
  if (item.live && item.output === undefined) details.append(h('div', { class: 'label' }, 'Output (live)'), h('pre', { class: 'output' }, item.live));
  if (item.output !== undefined) details.append(h('div', { class: 'label' }, 'Result'), h('pre', { class: `output${item.isError ? ' error' : ''}` }, item.output));
  if (approval?.reason) details.append(h('div', { class: 'label' }, 'Rejection reason'), h('p', {}, approval.reason));
  // A running command stays open so its output is visible as it streams.
  details.open = state === 'running' && item.live !== '';
  return details;
}

function approvalLabel(approval: ApprovalInfo): string {
  return { pending: 'waiting for review', approved: 'accepted', rejected: 'rejected', expired: 'not decided' }[approval.state];
}

function argsPreview(args: unknown): string {
  if (!args || typeof args !== 'object') return '';
  const a = args as Record<string, unknown>;
  const main = a.path ?? a.command ?? a.pattern ?? a.url ?? a.query ?? Object.values(a).find((v) => typeof v === 'string');
  const text = typeof main === 'string' ? main : '';
  return text.length > 80 ? `${text.slice(0, 80)}…` : text;
}
