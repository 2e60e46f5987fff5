/**
 * Task history (a finished task reopens read-only from its transcript), Select Model (the endpoint's model list)
 * and secrets (the API key lives in SecretStorage and never reaches the "Auto Agent" log). Runs after the
 * agent-run suite, whose tasks it lists.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { Services } from '../../../src/vscode/services';
import { historyDetail, openFromHistory, readEvents } from '../../../src/vscode/taskHistory';
import { snapshotEvents } from '../../../src/vscode/snapshotEvents';
import { startScriptedServer, type ScriptedServer } from '../../support/scriptedServer';
import { activateAutoAgent, waitFor } from './extensionHandle';

describe('task history and secrets', () => {
  let services: Services;

  let server: ScriptedServer;

  before(async () => {
    services = await (await activateAutoAgent()).services();
    server = await startScriptedServer();
    await vscode.workspace.getConfiguration('autoAgent').update('baseUrl', server.url, vscode.ConfigurationTarget.Global);
  });

  after(async () => {
    await server.close();
  });

  it('lists the finished tasks of this workspace and reopens one read-only', async () => {
    const tasks = await services.engine.createHost().store.listTasks();
    assert.ok(tasks.length > 0, 'the agent-run suite left transcripts');
    const events = await readEvents(services, tasks[0].taskId);
    assert.equal(events[0]?.type, 'taskStarted');
    services.session.openReadOnly(tasks[0].taskId, events);
    const snapshot = services.snapshot();
    assert.equal(snapshot.isReadOnly, true);
    assert.equal(snapshot.isRunning, false);
    assert.equal(snapshot.canResume, false);
    // The snapshot may leave out streamed deltas that later events repeat; the task itself is all there.
    assert.deepEqual(snapshot.events.map((e) => e.seq), snapshotEvents(events).map((e) => e.seq));
    assert.equal(snapshot.events.at(-1)?.type, events.at(-1)?.type);
  });

  it('leaves a task opened from history for a New Task form: on Start Agent, on closing the tab, and on a hand-off from the chat', async () => {
    const [task] = await services.engine.createHost().store.listTasks();
    const events = await readEvents(services, task.taskId);
    const reopen = (): void => {
      services.session.openReadOnly(task.taskId, events);
      assert.equal(services.snapshot().isReadOnly, true);
    };
    reopen();
    await vscode.commands.executeCommand('autoAgent.start');
    assert.equal(services.snapshot().isReadOnly, false, 'Start Agent shows the New Task form');
    assert.equal(services.snapshot().events.length, 0);
    reopen();
    services.panel.show();
    await waitFor('the panel tab', () => services.panel.viewColumn);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await waitFor('the panel to leave history once its tab closed', () => !services.snapshot().isReadOnly);
    reopen();
    services.handOff('Fix the failing test the chat found.');
    assert.equal(services.snapshot().isReadOnly, false, 'the chat hand-off shows the New Task form with its goal');
  });

  it('history reopens an interrupted task (no finish in its transcript) with Resume, not read-only', async () => {
    const [task] = await services.engine.createHost().store.listTasks();
    const events = (await readEvents(services, task.taskId)).filter((e) => e.type !== 'taskFinished');
    assert.match(historyDetail(events), /interrupted/);
    openFromHistory(services, task.taskId, events);
    const snapshot = services.snapshot();
    assert.equal(snapshot.isReadOnly, false);
    assert.equal(snapshot.isInterrupted, true);
    assert.equal(snapshot.canResume, true);
    services.session.openReadOnly(task.taskId, events);
    services.session.closeHistory();
  });

  it('Select Model lists the endpoint\'s /v1/models and saves the choice', async () => {
    const config = () => vscode.workspace.getConfiguration('autoAgent');
    await vscode.commands.executeCommand('autoAgent.selectModel', { model: 'test-model-large' });
    assert.equal(config().get('model'), 'test-model-large');
    await assert.rejects(Promise.resolve(vscode.commands.executeCommand('autoAgent.selectModel', { model: 'not-listed' })), /does not list/);
    await config().update('model', 'test-model', vscode.ConfigurationTarget.Global);
  });

  it('stores the API key in SecretStorage and redacts it from the log', async () => {
    const key = 'proxy-token-7f3a9c2e5d1b';
    await services.apiKeys.set(key);
    assert.equal(await services.context.secrets.get('autoAgent.apiKey'), key);
    assert.equal(await services.apiKeys.get(), key);
    services.logger.info(`connecting with ${key} and Bearer ${key}`);
    const logDir = services.context.logUri.fsPath;
    const logFile = await waitFor('the Auto Agent log file', () => {
      const name = fs.existsSync(logDir) ? fs.readdirSync(logDir).find((f) => f.includes('Auto Agent')) : undefined;
      if (!name) return undefined;
      const file = path.join(logDir, name);
      return fs.readFileSync(file, 'utf8').includes('connecting with') ? file : undefined;
    });
    const text = fs.readFileSync(logFile, 'utf8');
    assert.ok(!text.includes(key), 'the key must not appear in the log');
    assert.match(text, /connecting with \[REDACTED\]/);
    await services.apiKeys.clear();
    assert.equal(await services.apiKeys.get(), process.env.OPENAI_API_KEY, 'without a stored key, OPENAI_API_KEY is the fallback');
  });
});
