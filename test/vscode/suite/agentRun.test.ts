/**
 * A full scripted agent run inside VS Code against the scripted OpenAI-compatible server: the approval goes
 * through VscodeApprovals, an accepted change is written through a WorkspaceEdit (so Ctrl+Z undoes it), a
 * rejection's reason reaches the model, and run_command output is captured and shown in the "Auto Agent" terminal.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ApprovalRequest } from '../../../src/core/host';
import type { TaskRunResult } from '../../../src/vscode/agentSession';
import { openCheckpointStore } from '../../../src/vscode/checkpointCommand';
import { panelHandlers } from '../../../src/vscode/panelHandlers';
import type { Services } from '../../../src/vscode/services';
import { startScriptedServer, type ScriptedServer } from '../../support/scriptedServer';
import { activateAutoAgent, waitFor } from './extensionHandle';

const original = 'function add(a, b) {\n  return a - b;\n}\n\nmodule.exports = { add };\n';

describe('agent run (scripted model)', () => {
  let server: ScriptedServer;
  let services: Services;
  let root: string;
  let file: string;

  before(async () => {
    server = await startScriptedServer();
    const config = vscode.workspace.getConfiguration('autoAgent');
    await config.update('baseUrl', server.url, vscode.ConfigurationTarget.Global);
    await config.update('model', 'test-model', vscode.ConfigurationTarget.Global);
    await config.update('budget.maxSteps', 8, vscode.ConfigurationTarget.Global);
    services = await (await activateAutoAgent()).services();
    root = vscode.workspace.workspaceFolders![0].uri.fsPath;
    file = path.join(root, 'src', 'math.js');
  });

  after(async () => {
    server.setFallback(undefined);
    await server.close();
  });

  afterEach(() => {
    assert.equal(server.remaining(), 0, 'a test left scripted steps for the next one');
  });

  beforeEach(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    fs.writeFileSync(file, original);
    server.requests.length = 0;
    server.setFallback(() => ({ toolCalls: [{ name: 'finish', arguments: { summary: 'Done.' } }] }));
  });

  /** Starts a task and resolves with its first approval request; fails at once if the task ends without one. */
  function startAndAwaitApproval(goal: string): { run: Promise<TaskRunResult | undefined>; approval: Promise<ApprovalRequest> } {
    let sub: vscode.Disposable | undefined;
    const requested = new Promise<ApprovalRequest>((resolve) => {
      sub = services.approvals.onDidRequest((request) => {
        sub?.dispose();
        resolve(request);
      });
    });
    const run = services.session.start([{ text: goal }]);
    const ended = run.then((result) => {
      sub?.dispose();
      const errors = services.snapshot().events.filter((e) => e.type === 'errorOccurred').map((e) => (e as { message: string }).message);
      throw new Error(`The task ended (${JSON.stringify(result)}) without asking for approval. ${errors.join(' | ')}`);
    });
    return { run, approval: Promise.race([requested, ended]) };
  }

  function scriptEdit(): void {
    server.enqueue(
      { toolCalls: [{ name: 'update_plan', arguments: { steps: [{ text: 'Fix add()', status: 'in_progress' }] } }] },
      { toolCalls: [{ name: 'edit_file', arguments: { path: 'src/math.js', edits: [{ search: '  return a - b;', replace: '  return a + b;' }] } }] },
      { text: 'Fixed: add() now adds.', toolCalls: [{ name: 'finish', arguments: { summary: 'add() now returns a + b.' } }] },
    );
  }

  it('applies an approved change through a WorkspaceEdit, which Ctrl+Z undoes', async () => {
    scriptEdit();
    const { run, approval } = startAndAwaitApproval('Make add() add');
    const request = await approval;
    assert.equal(request.change?.path, 'src/math.js');
    assert.equal(fs.readFileSync(file, 'utf8'), original, 'nothing may change on disk before the user accepts');
    assert.ok(services.approvals.decide(request.id, { isApproved: true }));
    assert.equal(services.approvals.decide(request.id, { isApproved: true }), false, 'an approval id is one-time');
    const result = await run;
    assert.equal(result?.reason, 'completed');
    assert.match(fs.readFileSync(file, 'utf8'), /return a \+ b;/);
    const doc = vscode.workspace.textDocuments.find((d) => d.uri.fsPath === file);
    assert.ok(doc, 'the edit went through a text document (WorkspaceEdit), not a raw file write');
    await vscode.window.showTextDocument(doc);
    await vscode.commands.executeCommand('undo');
    assert.equal(doc.getText(), original, 'Ctrl+Z undoes the agent\'s edit');
    await doc.save();
  });

  it('sends the reason of a rejected change back to the model and leaves the file alone', async () => {
    scriptEdit();
    const { run, approval } = startAndAwaitApproval('Make add() add');
    const request = await approval;
    services.approvals.decide(request.id, { isApproved: false, reason: 'Use a named helper called sum instead' });
    await run;
    assert.equal(fs.readFileSync(file, 'utf8'), original);
    const sent = JSON.stringify(server.requests.slice(2).map((r) => r.body.messages));
    assert.match(sent, /Use a named helper called sum instead/);
  });

  it('reads the unsaved editor buffer, so a proposal is computed from what the user sees', async () => {
    const doc = await vscode.workspace.openTextDocument(file);
    const editor = await vscode.window.showTextDocument(doc);
    await editor.edit((e) => e.insert(new vscode.Position(0, 0), '// unsaved note\n'));
    assert.ok(doc.isDirty);
    const bytes = await services.engine.createHost().files.readFile(file);
    assert.match(new TextDecoder().decode(bytes), /^\/\/ unsaved note\n/);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('captures run_command output for the model and shows it in the Auto Agent terminal', async () => {
    server.enqueue(
      { toolCalls: [{ name: 'run_command', arguments: { command: 'echo hello-from-agent; echo to-stderr >&2; exit 3' } }] },
      { toolCalls: [{ name: 'finish', arguments: { summary: 'Ran it.' } }] },
    );
    const { run, approval } = startAndAwaitApproval('Run the greeting');
    const request = await approval;
    assert.equal(request.risk, 'execute');
    services.approvals.decide(request.id, { isApproved: true });
    await run;
    const toolResult = JSON.stringify(server.requests[1]?.body.messages ?? []);
    assert.match(toolResult, /hello-from-agent/);
    assert.match(toolResult, /to-stderr/);
    assert.match(toolResult, /3/);
    await waitFor('the Auto Agent terminal', () => vscode.window.terminals.find((t) => t.name === 'Auto Agent'));
    const shown = services.terminal.text();
    assert.match(shown, /\$ echo hello-from-agent/);
    assert.match(shown, /hello-from-agent\n/);
    assert.match(shown, /\[exit 3/);
  });

  it('saves a checkpoint before and after an accepted change, and restoring the first brings the file back', async () => {
    scriptEdit();
    const { run, approval } = startAndAwaitApproval('Make add() add');
    services.approvals.decide((await approval).id, { isApproved: true });
    const result = await run;
    assert.match(fs.readFileSync(file, 'utf8'), /return a \+ b;/);
    const store = openCheckpointStore(services.context.globalStorageUri.fsPath);
    const mine = (await store.list()).filter((c) => c.taskId === result?.taskId);
    assert.ok(mine.length >= 2, `expected a baseline and a checkpoint after the change, got ${JSON.stringify(mine)}`);
    const baseline = mine.find((c) => c.isBaseline);
    assert.ok(baseline);
    const plan = await store.planRestore(baseline.id);
    assert.deepEqual(plan.changes.map((c) => c.path), ['src/math.js']);
    await store.restore(baseline.id);
    assert.equal(fs.readFileSync(file, 'utf8'), original);
  });

  it('opens VS Code\'s diff editor on the proposed content from the panel\'s "Open in diff editor"', async () => {
    scriptEdit();
    const { run, approval } = startAndAwaitApproval('Make add() add');
    const request = await approval;
    await panelHandlers(services)['diff/open']({ type: 'diff/open', approvalId: request.id });
    const tab = await waitFor('a diff tab', () => vscode.window.tabGroups.all.flatMap((g) => g.tabs).find((t) => t.input instanceof vscode.TabInputTextDiff));
    const input = tab.input as vscode.TabInputTextDiff;
    assert.equal(input.original.fsPath, file);
    assert.equal(input.modified.scheme, 'auto-agent-proposed');
    const proposed = await vscode.workspace.openTextDocument(input.modified);
    assert.equal(proposed.getText(), original.replace('a - b', 'a + b'));
    assert.equal(fs.readFileSync(file, 'utf8'), original);
    services.approvals.decide(request.id, { isApproved: false, reason: 'just looking' });
    await run;
  });

  it('returns the errors VS Code reports after an accepted edit to the model', async () => {
    // Warm the JSON language service up first, as it is in a real session (its cold start is slower than the
    // bounded wait after an edit).
    const warm = path.join(root, 'warm.json');
    fs.writeFileSync(warm, '{ "a": 1,, }\n');
    const warmUri = vscode.Uri.file(warm);
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(warmUri));
    await waitFor('the JSON language service to report', () => vscode.languages.getDiagnostics(warmUri).length > 0 || undefined, 30_000);
    fs.rmSync(warm);
    const data = path.join(root, 'data.json');
    fs.writeFileSync(data, '{\n  "name": "sample",\n  "size": 1\n}\n');
    server.enqueue(
      { toolCalls: [{ name: 'edit_file', arguments: { path: 'data.json', edits: [{ search: '  "size": 1', replace: '  "size": 1,,' }] } }] },
      { toolCalls: [{ name: 'finish', arguments: { summary: 'Edited.' } }] },
    );
    const { run, approval } = startAndAwaitApproval('Edit data.json');
    services.approvals.decide((await approval).id, { isApproved: true });
    await run;
    const toolResult = JSON.stringify(server.requests[1]?.body.messages ?? []);
    assert.match(toolResult, /VS Code now reports/);
    assert.match(toolResult, /data\.json/);
    fs.rmSync(data);
  });

  it('applies only the hunks the user accepted', async () => {
    const long = path.join(root, 'src', 'long.js');
    const lines = Array.from({ length: 30 }, (_, i) => `const v${i} = ${i};`);
    fs.writeFileSync(long, `${lines.join('\n')}\n`);
    server.enqueue(
      { toolCalls: [{ name: 'edit_file', arguments: { path: 'src/long.js', edits: [
        { search: 'const v1 = 1;', replace: 'const v1 = 100;' }, { search: 'const v28 = 28;', replace: 'const v28 = 2800;' },
      ] } }] },
      { toolCalls: [{ name: 'finish', arguments: { summary: 'Edited.' } }] },
    );
    const { run, approval } = startAndAwaitApproval('Change two constants');
    const request = await approval;
    assert.equal(request.change?.hunks.length, 2);
    services.approvals.decide(request.id, { isApproved: true, acceptedHunks: [1] });
    await run;
    const text = fs.readFileSync(long, 'utf8');
    assert.match(text, /const v1 = 1;/, 'the rejected hunk was not applied');
    assert.match(text, /const v28 = 2800;/, 'the accepted hunk was applied');
    fs.rmSync(long);
  });

  it('Accept All accepts the pending change and the task\'s later changes without asking again', async () => {
    const other = path.join(root, 'src', 'other.js');
    fs.writeFileSync(other, 'module.exports = 1;\n');
    server.enqueue(
      { toolCalls: [{ name: 'edit_file', arguments: { path: 'src/math.js', edits: [{ search: '  return a - b;', replace: '  return a + b;' }] } }] },
      { toolCalls: [{ name: 'edit_file', arguments: { path: 'src/other.js', edits: [{ search: 'module.exports = 1;', replace: 'module.exports = 2;' }] } }] },
      { toolCalls: [{ name: 'finish', arguments: { summary: 'Both edited.' } }] },
    );
    let asked = 0;
    const counter = services.approvals.onDidRequest(() => asked++);
    const { run, approval } = startAndAwaitApproval('Edit both files');
    await approval;
    assert.equal(services.approvals.acceptAll(), 1);
    await run;
    counter.dispose();
    assert.equal(asked, 1, 'the second change was not asked about');
    assert.match(fs.readFileSync(file, 'utf8'), /a \+ b/);
    assert.equal(fs.readFileSync(other, 'utf8'), 'module.exports = 2;\n');
    const applied = services.snapshot().events.filter((e) => e.type === 'changeApplied');
    assert.equal(applied.length, 2, 'both changes are still listed for review');
    fs.rmSync(other);
  });

  it('stops a task waiting for approval, then resumes it with its earlier conversation', async () => {
    scriptEdit();
    const { run, approval } = startAndAwaitApproval('Make add() add');
    await approval;
    assert.ok(services.session.stop());
    const stopped = await run;
    assert.equal(stopped?.reason, 'user_stopped');
    assert.equal(services.approvals.pendingRequests().length, 0, 'Stop withdraws the pending approval');
    assert.ok(services.session.status().canResume);
    server.requests.length = 0;
    // The script's last step (finish) is still queued: the resumed task takes it.
    const resumed = await services.session.resume();
    assert.equal(resumed?.taskId, stopped?.taskId);
    const history = JSON.stringify(server.requests[0]?.body.messages ?? []);
    assert.match(history, /edit_file/, 'the resumed task sends its earlier conversation');
    assert.equal(fs.readFileSync(file, 'utf8'), original);
  });

  it('forwards the task events to the panel and keeps them for a reloaded panel', async () => {
    scriptEdit();
    const { run, approval } = startAndAwaitApproval('Make add() add');
    services.approvals.decide((await approval).id, { isApproved: true });
    await run;
    const snapshot = services.snapshot();
    const types = new Set(snapshot.events.map((e) => e.type));
    for (const type of ['taskStarted', 'planUpdated', 'changeProposed', 'approvalRequested', 'approvalResolved', 'changeApplied', 'taskFinished']) {
      assert.ok(types.has(type as never), `the panel snapshot lacks ${type}`);
    }
    assert.deepEqual(snapshot.pendingApprovalIds, []);
    assert.equal(snapshot.isRunning, false);
  });
});

describe('the session\'s codebase index', () => {
  it('picks up a file written outside the agent through VS Code\'s file watcher', async () => {
    const services = await (await activateAutoAgent()).services();
    const root = await fs.promises.realpath(vscode.workspace.workspaceFolders![0].uri.fsPath);
    const engine = services.engine;
    const host = engine.createHost();
    const settings = (await import('../../../src/vscode/vscodeSettings')).readAgentSettings();
    const taskServices = await engine.services(host, settings, [root]);
    await taskServices.codebase.refresh();
    assert.equal((await taskServices.codebase.findSymbol('externallyAdded')).length, 0);
    fs.writeFileSync(path.join(root, 'src', 'external.js'), 'function externallyAdded() { return 1; }\nmodule.exports = { externallyAdded };\n');
    try {
      // No refresh: only the watcher can tell the index.
      await waitFor('the watcher to update the index', async () => ((await taskServices.codebase.findSymbol('externallyAdded')).length === 1 ? true : undefined), 15_000);
      const again = await engine.services(host, settings, [root]);
      assert.equal(again.codebase, taskServices.codebase, 'tasks and chat share one index for the session');
      await again.dispose();
    } finally {
      await taskServices.dispose();
      fs.rmSync(path.join(root, 'src', 'external.js'), { force: true });
    }
  });
});
