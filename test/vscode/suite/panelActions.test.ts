/**
 * The common path made shorter (issue 19), in the extension host: "always allow" from an approval card writes the
 * user's own per-workspace list (and a workspace's own value of it is never read); the diff editor opens beside the
 * panel with Accept and Reject in its title and closes once decided; accepting with the panel alone splits nothing.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ApprovalRequest } from '../../../src/core/host';
import type { TaskRunResult } from '../../../src/vscode/agentSession';
import { panelHandlers } from '../../../src/vscode/panelHandlers';
import { buildOverview } from '../../../src/vscode/panelOverview';
import { checkpointOfCall, openCheckpointStore } from '../../../src/vscode/checkpointCommand';
import type { Services } from '../../../src/vscode/services';
import { readAgentSettings, workspaceAllowList } from '../../../src/vscode/vscodeSettings';
import { startScriptedServer, type ScriptedServer } from '../../support/scriptedServer';
import { activateAutoAgent, extensionId, waitFor } from './extensionHandle';

const original = 'function add(a, b) {\n  return a - b;\n}\n\nmodule.exports = { add };\n';

describe('panel actions (scripted model)', () => {
  let server: ScriptedServer;
  let services: Services;
  let root: string;
  let file: string;
  const requests: ApprovalRequest[] = [];

  before(async () => {
    server = await startScriptedServer();
    const config = vscode.workspace.getConfiguration('autoAgent');
    await config.update('baseUrl', server.url, vscode.ConfigurationTarget.Global);
    await config.update('model', 'test-model', vscode.ConfigurationTarget.Global);
    await config.update('budget.maxSteps', 8, vscode.ConfigurationTarget.Global);
    services = await (await activateAutoAgent()).services();
    services.approvals.onDidRequest((r) => requests.push(r));
    root = vscode.workspace.workspaceFolders![0].uri.fsPath;
    file = path.join(root, 'src', 'math.js');
  });

  after(async () => {
    server.setFallback(undefined);
    await server.close();
    await vscode.workspace.getConfiguration('autoAgent').update('allowedByWorkspace', undefined, vscode.ConfigurationTarget.Global);
  });

  beforeEach(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    fs.writeFileSync(file, original);
    server.requests.length = 0;
    requests.length = 0;
    server.setFallback(() => ({ toolCalls: [{ name: 'finish', arguments: { summary: 'Done.' } }] }));
  });

  function start(goal: string): { run: Promise<TaskRunResult | undefined>; approval: () => Promise<ApprovalRequest> } {
    const run = services.session.start([{ text: goal }]);
    const seen = requests.length;
    return { run, approval: () => waitFor('an approval request', () => requests[seen]) };
  }

  function scriptEdit(): void {
    server.enqueue(
      { toolCalls: [{ name: 'edit_file', arguments: { path: 'src/math.js', edits: [{ search: '  return a - b;', replace: '  return a + b;' }] } }] },
      { toolCalls: [{ name: 'finish', arguments: { summary: 'add() now returns a + b.' } }] },
    );
  }

  it('Permissions: a workspace\'s own allowedByWorkspace is not read', async () => {
    const settingsFile = path.join(root, '.vscode', 'settings.json');
    fs.mkdirSync(path.dirname(settingsFile), { recursive: true });
    const before = fs.existsSync(settingsFile) ? fs.readFileSync(settingsFile, 'utf8') : undefined;
    // The sentinel (a setting a workspace may set) shows when VS Code has read the file.
    fs.writeFileSync(settingsFile, JSON.stringify({ 'autoAgent.subagentModel': 'sentinel-model', 'autoAgent.allowedByWorkspace': { [root]: { commands: ['rm -rf'], hosts: ['evil.example.com'] } } }));
    try {
      await waitFor('the workspace settings to load', () => vscode.workspace.getConfiguration('autoAgent').get('subagentModel') === 'sentinel-model' || undefined, 15_000);
      assert.deepEqual(workspaceAllowList(), { commands: [], hosts: [] });
      const settings = readAgentSettings();
      assert.ok(!settings.allowedCommands.includes('rm -rf'));
      assert.ok(!(settings.sandboxAllowedHosts ?? []).includes('evil.example.com'));
    } finally {
      if (before === undefined) fs.rmSync(settingsFile);
      else fs.writeFileSync(settingsFile, before);
    }
  });

  it('"always allow" on a command card writes this workspace\'s list in the user settings; the same command then runs without asking', async () => {
    server.enqueue(
      { toolCalls: [{ name: 'run_command', arguments: { command: 'node --version' } }] },
      { toolCalls: [{ name: 'run_command', arguments: { command: 'node --version' } }] },
      { toolCalls: [{ name: 'finish', arguments: { summary: 'Checked node twice.' } }] },
    );
    const { run, approval } = start('Check the node version twice');
    const request = await approval();
    assert.deepEqual(request.allowable, { kind: 'command', values: ['node --version'] });
    await panelHandlers(services)['approval/decide']({ type: 'approval/decide', approvalId: request.id, decision: { isApproved: true, alwaysAllow: true } });
    const result = await run;
    assert.equal(result?.reason, 'completed');
    assert.equal(requests.length, 1, 'the second run of the same command was not asked');
    const stored = vscode.workspace.getConfiguration('autoAgent').inspect('allowedByWorkspace');
    assert.deepEqual(stored?.globalValue, { [root]: { commands: ['node --version'], hosts: [] } });
    assert.equal(stored?.workspaceValue, undefined, 'never written to the workspace');
    assert.ok(readAgentSettings().allowedCommands.includes('node --version'), 'the next task starts with it on the list');
  });

  it('opens the diff editor beside the panel with Accept and Reject in its title; Accept applies the change and closes the tab', async () => {
    // The manifest as shipped (the packageJSON VS Code hands out is its processed copy).
    const shipped = path.join(vscode.extensions.getExtension(extensionId)!.extensionPath, 'package.json');
    const manifest = JSON.parse(fs.readFileSync(shipped, 'utf8')) as { contributes: { menus: Record<string, { command: string; when: string }[]> } };
    const titleMenu = manifest.contributes.menus['editor/title'].filter((m) => m.when === 'resourceScheme == auto-agent-proposed').map((m) => m.command);
    assert.deepEqual(titleMenu, ['autoAgent.acceptProposedChange', 'autoAgent.rejectProposedChange']);
    scriptEdit();
    const { run, approval } = start('Make add() add');
    const request = await approval();
    await waitFor('the panel', () => services.panel.viewColumn);
    await panelHandlers(services)['diff/open']({ type: 'diff/open', approvalId: request.id });
    const diffTab = (): vscode.Tab | undefined => vscode.window.tabGroups.all.flatMap((g) => g.tabs).find((t) => t.input instanceof vscode.TabInputTextDiff);
    const tab = await waitFor('a diff tab', diffTab);
    assert.notEqual(tab.group.viewColumn, services.panel.viewColumn, 'the diff opened over the panel');
    assert.ok(vscode.window.tabGroups.all.flatMap((g) => g.tabs).some((t) => t.input instanceof vscode.TabInputWebview), 'the panel is still open');
    await vscode.commands.executeCommand('autoAgent.acceptProposedChange', (tab.input as vscode.TabInputTextDiff).modified);
    assert.equal((await run)?.reason, 'completed');
    assert.match(fs.readFileSync(file, 'utf8'), /return a \+ b;/);
    await waitFor('the diff tab to close', () => (diffTab() ? undefined : true));
  });

  it('Reject in the diff editor\'s title with no reason typed (Escape) leaves the change pending', async () => {
    scriptEdit();
    const { run, approval } = start('Make add() add');
    const request = await approval();
    await panelHandlers(services)['diff/open']({ type: 'diff/open', approvalId: request.id });
    await waitFor('a diff tab', () => vscode.window.tabGroups.all.flatMap((g) => g.tabs).find((t) => t.input instanceof vscode.TabInputTextDiff));
    const rejecting = vscode.commands.executeCommand('autoAgent.rejectProposedChange');
    await new Promise((r) => setTimeout(r, 500));
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
    await rejecting;
    assert.ok(services.approvals.pendingRequest(request.id), 'Escape must not reject');
    services.approvals.decide(request.id, { isApproved: false, reason: 'done looking' });
    await run;
    assert.equal(fs.readFileSync(file, 'utf8'), original);
  });

  it('accepting a change while the panel is the only editor group does not split the window', async () => {
    scriptEdit();
    const { run, approval } = start('Make add() add');
    const request = await approval();
    await waitFor('the panel', () => services.panel.viewColumn);
    await vscode.commands.executeCommand('workbench.action.joinAllGroups');
    await waitFor('one editor group', () => vscode.window.tabGroups.all.length === 1 || undefined);
    services.approvals.decide(request.id, { isApproved: true });
    assert.equal((await run)?.reason, 'completed');
    assert.match(fs.readFileSync(file, 'utf8'), /return a \+ b;/);
    assert.equal(vscode.window.tabGroups.all.length, 1, 'a new editor group was opened beside the panel');
  });

  it('the overview beside the New Task form names the model and the policy, and lists the latest tasks, newest first', async () => {
    server.enqueue({ toolCalls: [{ name: 'finish', arguments: { summary: 'Nothing to do.' } }] });
    await services.session.start([{ text: 'The newest task of this suite' }]);
    const overview = await buildOverview(services);
    assert.equal(overview.model, 'test-model');
    assert.equal(overview.endpoint, server.url);
    assert.deepEqual(Object.keys(overview.policy).sort(), ['edit', 'execute', 'network', 'read']);
    assert.equal(overview.recent[0]?.goal, 'The newest task of this suite');
    assert.match(overview.recent[0]?.outcome ?? '', /^completed/);
    assert.ok(overview.recent.length > 1 && overview.recent.length <= 5, `recent: ${JSON.stringify(overview.recent)}`);
  });

  it('"Compare with now" on a step that changed a file diffs the file as that step left it against the workspace now', async () => {
    scriptEdit();
    const { run, approval } = start('Make add() add');
    services.approvals.decide((await approval()).id, { isApproved: true });
    const result = await run;
    const applied = services.session.snapshotEvents().find((e) => e.type === 'changeApplied');
    assert.ok(applied?.type === 'changeApplied' && result?.taskId);
    const checkpoint = await checkpointOfCall(openCheckpointStore(services.context.globalStorageUri.fsPath), result.taskId, applied.callId);
    assert.deepEqual(checkpoint.agentPaths, ['src/math.js']);
    fs.writeFileSync(file, original.replace('a - b', 'a * b'));
    await panelHandlers(services)['checkpoint/compare']({ type: 'checkpoint/compare', callId: applied.callId });
    const tab = await waitFor('a checkpoint diff tab', () => vscode.window.tabGroups.all.flatMap((g) => g.tabs).find((t) => t.input instanceof vscode.TabInputTextDiff && t.input.original.scheme === 'auto-agent-checkpoint'));
    const input = tab.input as vscode.TabInputTextDiff;
    assert.equal(input.modified.fsPath, file);
    assert.equal((await vscode.workspace.openTextDocument(input.original)).getText(), original.replace('a - b', 'a + b'));
    await assert.rejects(async () => panelHandlers(services)['checkpoint/compare']({ type: 'checkpoint/compare', callId: 'no-such-call' }), /No checkpoint was saved for that step/);
  });
});
