/** What became of a tool call, as the collapsed timeline row says it (pure, so it is tested in Node). */
import type { ApprovalInfo, TimelineItem } from './timelineModel';

/**
 * One badge for what became of the call: the approval decision, else the change's fate (a change the user rejected
 * is both, and says so once), with the reason the user gave.
 */
export function toolOutcome(item: Extract<TimelineItem, { kind: 'tool' }>, approval: ApprovalInfo | undefined): { text: string; cls: string; reason?: string } | undefined {
  const reason = approval?.reason ?? item.changeReason;
  if (approval?.state === 'rejected' || item.changeState === 'rejected') return { text: 'rejected', cls: 'approval-rejected', reason };
  if (approval) return { text: approvalLabel(approval), cls: `approval-${approval.state}` };
  if (item.changeState === 'applied') return { text: 'applied', cls: 'change-applied' };
  return undefined;
}

function approvalLabel(approval: ApprovalInfo): string {
  return { pending: 'waiting for review', approved: 'accepted', rejected: 'rejected', expired: 'not decided' }[approval.state];
}
