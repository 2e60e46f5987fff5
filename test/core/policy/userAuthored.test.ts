/**
 * A user-authored action (a goal's own --check) in the permission gate: under an `auto` policy the rules'
 * reasons to ask are not put back to its author; a rule's denial still denies and an `ask` policy still asks.
 */
import { strict as assert } from 'node:assert';
import { PolicyGate, type PermissionRequest, type PermissionRule } from '../../../src/core/policy/permissionGate';
import { resolveSettings } from '../../../src/core/settings';
import { ScriptedApprovals } from '../../support/testHost';

const asks: PermissionRule = { name: 'asks', evaluate: () => ({ kind: 'ask', reason: 'it runs inline code' }) };
const denies: PermissionRule = { name: 'denies', evaluate: () => ({ kind: 'deny', reason: 'never' }) };
const check: PermissionRequest = { callId: 'verification', risk: 'execute', toolName: 'verification', title: 'Run: node -e 1', detail: '', command: 'node -e 1', isUserAuthored: true };

function gate(execute: 'auto' | 'ask', rules: PermissionRule[], approvals: ScriptedApprovals): PolicyGate {
  const { policy } = resolveSettings({ baseUrl: 'http://127.0.0.1:9/v1', model: 'm', policy: { read: 'auto', edit: 'ask', execute, network: 'ask' } });
  return new PolicyGate({ policy, rules, approvals, signal: new AbortController().signal, emit: () => undefined, newId: () => 'id' });
}

describe('PolicyGate: user-authored actions', () => {
  it('runs a goal\'s own check without asking under execute=auto, although a rule would ask', async () => {
    const approvals = new ScriptedApprovals([], [], { isApproved: false });
    assert.deepEqual(await gate('auto', [asks], approvals).check(check), { isAllowed: true });
    assert.equal(approvals.requests.length, 0);
  });

  it('still asks about the same command when the model wrote it', async () => {
    const approvals = new ScriptedApprovals([], [], { isApproved: false });
    const outcome = await gate('auto', [asks], approvals).check({ ...check, isUserAuthored: undefined });
    assert.equal(outcome.isAllowed, false);
    assert.deepEqual(approvals.requests[0].reasons, ['it runs inline code']);
  });

  it('still denies what a rule denies, and still asks under execute=ask', async () => {
    const approvals = new ScriptedApprovals([], [], { isApproved: false });
    assert.equal((await gate('auto', [denies], approvals).check(check)).isAllowed, false);
    assert.equal(approvals.requests.length, 0, 'a denial is not even asked');
    assert.equal((await gate('ask', [asks], approvals).check(check)).isAllowed, false);
    assert.deepEqual(approvals.requests[0].reasons, ['execute actions ask before they run']);
  });
});
