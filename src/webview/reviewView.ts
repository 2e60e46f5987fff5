/**
 * The review area: each pending approval as a card. A change shows its diff with Accept (the included hunks),
 * Reject with an optional reason for the model, and Open in diff editor; other actions show Approve / Reject.
 */
import type { AllowListEntry } from '../protocol/events';
import type { PanelOutbound } from '../protocol/webview';
import { button, clear, h, icon } from './dom';
import { renderChangeHeader, renderDiff } from './diffView';
import type { ApprovalInfo } from './timelineModel';

export type Post = (message: PanelOutbound) => void;

export function renderReview(container: HTMLElement, pending: ApprovalInfo[], post: Post): void {
  clear(container);
  container.hidden = pending.length === 0;
  if (pending.length === 0) return;
  const changes = pending.filter((p) => p.change).length;
  container.append(h('div', { class: 'review-head' },
    h('h2', {}, icon('git-pull-request'), ` Waiting for your review (${pending.length})`),
    changes > 0 ? button({
      label: 'Accept All', icon: 'check-all', testId: 'accept-all', title: 'Accept these changes and the rest of this task\'s file changes (commands still ask)',
      onClick: () => post({ type: 'approval/acceptAll' }),
    }) : null,
  ));
  for (const approval of pending) container.append(renderCard(approval, post));
}

function renderCard(approval: ApprovalInfo, post: Post): HTMLElement {
  const card = h('section', { class: `card risk-${approval.risk}`, 'aria-label': approval.title, 'data-approval': approval.approvalId });
  const change = approval.change;
  const included = new Set(change?.hunks.map((hk) => hk.index) ?? []);
  const accept = button({
    label: change ? 'Accept' : 'Approve', icon: 'check', kind: 'primary', testId: 'accept',
    onClick: () => {
      const isPartial = !!change && included.size < change.hunks.length;
      if (change && included.size === 0) return void post({ type: 'approval/decide', approvalId: approval.approvalId, decision: { isApproved: false, reason: 'The user excluded every hunk.' } });
      post({ type: 'approval/decide', approvalId: approval.approvalId, decision: { isApproved: true, acceptedHunks: isPartial ? [...included].sort((a, b) => a - b) : undefined } });
    },
  });
  const updateAcceptLabel = (): void => {
    if (!change) return;
    const label = accept.querySelector('span:last-child');
    if (label) label.textContent = included.size === change.hunks.length ? 'Accept' : `Accept ${included.size} of ${change.hunks.length} hunks`;
  };
  const rejectBox = renderRejectBox(approval, post);
  // A sub-agent's request says which one asks (its lane in the timeline carries the same id).
  if (approval.agentId) card.append(h('div', { class: 'asker', 'data-testid': 'asker' }, icon('hubot'), ` Sub-agent ${approval.agentId} asks`));
  card.append(
    change ? renderChangeHeader(change) : h('div', { class: 'change-header' }, icon(approval.risk === 'execute' ? 'terminal' : 'shield'), h('span', { class: 'path' }, approval.title)),
    h('ul', { class: 'reasons' }, ...approval.reasons.map((r) => h('li', {}, r))),
    change ? renderDiff(change, { included, onToggle: updateAcceptLabel }) : h('pre', { class: 'detail' }, approval.detail),
    h('div', { class: 'actions' },
      accept,
      approval.alwaysAllowLabel ? button({
        label: approval.alwaysAllowLabel, icon: 'check-all', testId: 'always-allow', title: 'Approve now and from now on without asking (remembered for you, not in the workspace)',
        onClick: () => post({ type: 'approval/decide', approvalId: approval.approvalId, decision: { isApproved: true, isAlways: true } }),
      }) : approval.allowable && !change ? button({
        label: alwaysAllowLabel(approval.allowable), icon: 'check-all', testId: 'always-allow',
        title: 'Approve, and add this to the workspace\'s allow-list in your user settings (autoAgent.allowedByWorkspace)',
        onClick: () => post({ type: 'approval/decide', approvalId: approval.approvalId, decision: { isApproved: true, alwaysAllow: true } }),
      }) : null,
      button({ label: 'Reject…', icon: 'close', testId: 'reject', onClick: () => { rejectBox.hidden = false; rejectBox.querySelector('textarea')?.focus(); } }),
      change ? button({ label: 'Open in diff editor', icon: 'diff', testId: 'open-diff', onClick: () => post({ type: 'diff/open', approvalId: approval.approvalId }) }) : null,
    ),
    rejectBox,
  );
  return card;
}

/** "Always allow npm test here": names exactly what will be added. */
export function alwaysAllowLabel(entry: AllowListEntry): string {
  const shown = entry.values.map((v) => (v.length > 40 ? `${v.slice(0, 39)}…` : v)).join(', ');
  return `Always allow ${shown} here`;
}

function renderRejectBox(approval: ApprovalInfo, post: Post): HTMLElement {
  const id = `reason-${approval.approvalId}`;
  const reason = h('textarea', { id, rows: 2, placeholder: 'Optional: tell the agent why (it reads this)', 'data-testid': 'reject-reason' });
  const send = (): void => post({ type: 'approval/decide', approvalId: approval.approvalId, decision: { isApproved: false, reason: reason.value.trim() || undefined } });
  reason.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) send();
  });
  const box = h('div', { class: 'reject-box' },
    h('label', { for: id }, 'Reason for rejecting'),
    reason,
    button({ label: 'Send rejection', icon: 'send', testId: 'send-reject', onClick: send }));
  box.hidden = true;
  return box;
}
