/** The review card of an MCP tool offers "Always allow …", which sends an approval with isAlways; other cards do not. */
import { strict as assert } from 'node:assert';
import { parseHTML } from 'linkedom';
import { panelOutboundSchema, type PanelOutbound } from '../../src/protocol/webview';
import { renderReview } from '../../src/webview/reviewView';
import type { ApprovalInfo } from '../../src/webview/timelineModel';

describe('webview: "always allow" on an approval card', () => {
  const globals = globalThis as { document?: unknown };
  let saved: unknown;
  before(() => { saved = globals.document; globals.document = parseHTML('<!doctype html><html><body></body></html>').document; });
  after(() => { globals.document = saved; });

  const approval = (extra: Partial<ApprovalInfo>): ApprovalInfo => ({ approvalId: 'a1', callId: 'c1', risk: 'network', title: 'MCP fake › note {}', detail: 'First use.', reasons: ['network actions ask'], state: 'pending', ...extra });

  it('shows the button with its label only when offered, and posts a valid isAlways approval', () => {
    const doc = globals.document as Document;
    const posted: PanelOutbound[] = [];
    const container = doc.createElement('div');
    renderReview(container, [approval({ alwaysAllowLabel: 'Always allow note of fake' })], (m) => posted.push(m));
    const always = container.querySelector('[data-testid="always-allow"]') as HTMLButtonElement | null;
    assert.ok(always, 'the button is there');
    assert.equal(always.textContent, 'Always allow note of fake');
    always.dispatchEvent(new (doc.defaultView as unknown as { Event: typeof Event }).Event('click'));
    assert.deepEqual(posted, [{ type: 'approval/decide', approvalId: 'a1', decision: { isApproved: true, isAlways: true } }]);
    assert.ok(panelOutboundSchema.safeParse(posted[0]).success, 'the extension accepts the message');

    const plain = doc.createElement('div');
    renderReview(plain, [approval({})], () => undefined);
    assert.equal(plain.querySelector('[data-testid="always-allow"]'), null);
  });
});
