/**
 * SECURITY-CASES.md, "Untrusted content and exfiltration" (webview and trust): the webview's CSP allows no remote
 * images or scripts (img-src without https:, scripts only with a nonce); every webview message is validated
 * against a schema; an approval names a one-time id of one pending action, so a forged or replayed message
 * approves nothing; Restricted Mode runs nothing and the settings that redirect requests or change what runs are
 * restrictedConfigurations. Drives the VS Code host code through a minimal fake `vscode` module.
 */
import { strict as assert } from 'node:assert';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { fakeVscode } from './fakeVscode';
import { panelOutboundSchema, chatOutboundSchema, parseMessage } from '../../src/protocol/webview';
import type { ApprovalRequest } from '../../src/core/host';
import type { AgentEvent } from '../../src/protocol/events';
import { makeTempDir } from '../support/testHost';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const load = <T>(rel: string): T => require(path.join(__dirname, '../../src', rel)) as T;

const request = (id: string): ApprovalRequest => ({ id, callId: 'c', risk: 'edit', toolName: 'create_file', title: 't', detail: 'd', reasons: [] });

describe('security: Webview and workspace trust', () => {
  it('Webview: the Content-Security-Policy allows no remote images or scripts; scripts only with a per-load nonce', () => {
    const { webviewHtml } = load<typeof import('../../src/vscode/webviewHtml')>('vscode/webviewHtml');
    const webview = { cspSource: 'vscode-webview-resource:', asWebviewUri: (u: { toString(): string }) => u };
    const html = webviewHtml(webview as never, fakeVscode.Uri.file('/ext') as never, { script: 'panel', title: 'Auto Agent' });
    const csp = /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)?.[1] ?? '';
    const directives = Object.fromEntries(csp.split(';').map((d) => d.trim().split(/\s+/)).map(([k, ...v]) => [k, v]));
    assert.deepEqual(directives['default-src'], ["'none'"]);
    assert.ok(!directives['img-src'].some((s: string) => /^https?:$|^\*$|^https?:\/\//.test(s)), csp);
    assert.ok(directives['script-src'].every((s: string) => s.startsWith("'nonce-")), csp);
    const nonce = directives['script-src'][0].slice(7, -1);
    assert.ok(nonce.length >= 16);
    assert.equal([...html.matchAll(/<script\b[^>]*>/g)].every((m) => m[0].includes(`nonce="${nonce}"`)), true);
    const again = webviewHtml(webview as never, fakeVscode.Uri.file('/ext') as never, { script: 'panel', title: 'x' });
    assert.notEqual(/nonce-([^']+)/.exec(again)?.[1], nonce, 'a fresh nonce per load');
  });

  it('Webview: every message from the webview is validated against its schema; forged shapes are dropped', () => {
    const forged = [
      null, 'approve', { type: 'approval/decide' }, { type: 'approval/decide', approvalId: '', decision: { isApproved: true } },
      { type: 'approval/decide', approvalId: 'a1', decision: { isApproved: 'yes' } }, { type: 'approval/decide', approvalId: 'x'.repeat(500), decision: { isApproved: true } },
      { type: 'settings/update', policy: { edit: 'auto' } }, { type: 'task/start', goals: [] }, { type: 'file/open', path: '' },
      JSON.stringify({ type: 'task/stop' }),
    ];
    for (const raw of forged) assert.equal(parseMessage(panelOutboundSchema, raw), undefined, JSON.stringify(raw));
    assert.equal(parseMessage(chatOutboundSchema, { type: 'chat/ask', turnId: 't', question: '' }), undefined);
    assert.deepEqual(parseMessage(panelOutboundSchema, { type: 'task/stop' }), { type: 'task/stop' });
  });

  it('Webview: an approval names a one-time id — a forged id approves nothing, a replayed decision approves nothing', async () => {
    const { VscodeApprovals } = load<typeof import('../../src/vscode/vscodeApprovals')>('vscode/vscodeApprovals');
    const settled: string[] = [];
    const approvals = new VscodeApprovals({ approvalRequested: () => undefined, questionAsked: () => undefined, settled: (id) => settled.push(id) });
    const first = approvals.request(request('approval-1'), new AbortController().signal);
    const second = approvals.request(request('approval-2'), new AbortController().signal);
    assert.equal(approvals.decide('approval-999', { isApproved: true }), false, 'forged id');
    assert.equal(approvals.decide('approval-1', { isApproved: false, reason: 'no' }), true);
    assert.equal(approvals.decide('approval-1', { isApproved: true }), false, 'replayed id');
    assert.deepEqual(await first, { isApproved: false, reason: 'no' });
    assert.equal(approvals.pendingRequests().length, 1, 'approval-2 still waits');
    assert.equal(approvals.decide('approval-2', { isApproved: true }), true);
    assert.deepEqual(await second, { isApproved: true });
    assert.deepEqual(settled, ['approval-1', 'approval-2']);
  });

  it('Webview: the context line opens only what the task named — a forged rules/open or memory/open for another file opens nothing', async () => {
    const { openRulesFile, openRecalledNote } = load<typeof import('../../src/vscode/contextLinks')>('vscode/contextLinks');
    const opened: string[] = [];
    const warned: string[] = [];
    const window = fakeVscode.window as Record<string, unknown>;
    window.showTextDocument = async (uri: { path: string }) => { opened.push(uri.path); };
    window.showWarningMessage = async (text: string) => { warned.push(text); };
    const workspace = makeTempDir();
    mkdirSync(path.join(workspace.dir, '.auto-agent/memory'), { recursive: true });
    writeFileSync(path.join(workspace.dir, '.auto-agent/memory/run-tests.md'), '# Run the tests\n');
    const trustState = fakeVscode.workspace as Record<string, unknown>;
    trustState.workspaceFolders = [{ uri: { scheme: 'file', fsPath: workspace.dir } }];
    const events = [{ type: 'instructionsLoaded', files: [{ path: '~/.config/auto-agent/AGENTS.md', abs: '/home/u/.config/auto-agent/AGENTS.md', kind: 'user', chars: 9, isCut: false }], notes: [], seq: 1, at: 0 }] satisfies AgentEvent[];
    try {
      await openRulesFile(events, '/home/u/.ssh/id_rsa');
      await openRulesFile([], '/home/u/.config/auto-agent/AGENTS.md');
      assert.deepEqual(opened, [], 'a path the task did not name, or no task');
      await openRulesFile(events, '/home/u/.config/auto-agent/AGENTS.md');
      assert.deepEqual(opened, ['/home/u/.config/auto-agent/AGENTS.md']);
      assert.equal(parseMessage(panelOutboundSchema, { type: 'memory/open', scope: 'user', id: '../../.ssh/id_rsa' })?.type, 'memory/open', 'the schema lets the id through…');
      await openRecalledNote('user', '../../.ssh/id_rsa');
      await openRecalledNote('workspace', '../../../etc/passwd');
      assert.deepEqual(opened, ['/home/u/.config/auto-agent/AGENTS.md'], '…but the note store refuses it');
      await openRecalledNote('workspace', 'run-tests');
      assert.deepEqual(opened.slice(1), [path.join(workspace.dir, '.auto-agent/memory/run-tests.md')]);
      assert.equal(warned.length, 4);
    } finally {
      delete window.showTextDocument;
      delete window.showWarningMessage;
      delete trustState.workspaceFolders;
      workspace.cleanup();
    }
  });

  it('Restricted Mode: the agent does not act in an untrusted workspace, and says why', () => {
    const { restrictedReason } = load<typeof import('../../src/vscode/workspaceTrust')>('vscode/workspaceTrust');
    fakeVscode.workspace.isTrusted = false;
    try {
      assert.match(restrictedReason() ?? '', /Restricted Mode.*will not edit files or run commands/);
    } finally {
      fakeVscode.workspace.isTrusted = true;
    }
    assert.equal(restrictedReason(), undefined);
  });

  it('Restricted Mode: settings that change where requests go or what runs are restrictedConfigurations (Claude Code CVE-2026-21852)', () => {
    const manifest = JSON.parse(readFileSync(path.join(__dirname, '../../package.json'), 'utf8')) as {
      capabilities?: { untrustedWorkspaces?: { supported: unknown; restrictedConfigurations?: string[] } };
      contributes?: { configuration?: { properties?: Record<string, unknown> } | { properties?: Record<string, unknown> }[] };
    };
    const trust = manifest.capabilities?.untrustedWorkspaces;
    assert.notEqual(trust?.supported, true, 'not fully supported in untrusted workspaces');
    const restricted = trust?.restrictedConfigurations ?? [];
    for (const key of ['autoAgent.baseUrl', 'autoAgent.model', 'autoAgent.allowedCommands', 'autoAgent.shell', 'autoAgent.testCommand']) {
      assert.ok(restricted.includes(key), `${key} is restricted`);
    }
    const configurations = [manifest.contributes?.configuration ?? []].flat();
    const keys = configurations.flatMap((c) => Object.keys(c.properties ?? {}));
    for (const key of keys.filter((k) => /baseUrl|model$|allowed|shell|testCommand|extraHeaders|outsideWrites|protectedPaths/i.test(k))) {
      assert.ok(restricted.includes(key), `${key} changes where requests go or what runs, so it must be restricted`);
    }
    assert.ok(!keys.some((k) => /api[._-]?key|secret|password/i.test(k)), 'no API key setting: the key lives in SecretStorage');
  });

  it('Writes that turn into code execution: a repository\'s own .vscode/settings.json cannot grant the agent power or redirect the key', () => {
    const manifest = JSON.parse(readFileSync(path.join(__dirname, '../../package.json'), 'utf8')) as {
      contributes?: { configuration?: { properties?: Record<string, { scope?: string }> } | { properties?: Record<string, { scope?: string }> }[] };
    };
    const properties = Object.assign({}, ...[manifest.contributes?.configuration ?? []].flat().map((c) => c.properties ?? {})) as Record<string, { scope?: string }>;
    const powerful = Object.keys(properties).filter((k) => /approval\.|allowedCommands|baseUrl|extraHeaders|shell$/.test(k));
    assert.ok(powerful.length >= 8, 'the approval policy, allow-list, endpoint and shell settings exist');
    for (const key of powerful) {
      assert.ok(['machine', 'application'].includes(properties[key].scope ?? ''), `${key} must be machine- or application-scoped, so that only the user's own settings can set it`);
    }
  });
});
