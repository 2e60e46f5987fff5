/**
 * The VS Code settings of project instructions and memory, through a real task in the extension host:
 * `autoAgent.userInstructionsFile` puts the user's own file (anywhere on disk) into the prompt and the
 * instructionsLoaded event; `autoAgent.memory.embeddingModel` makes recall hybrid through the endpoint's
 * `/v1/embeddings`, so a note that shares no word with the goal is still put into the prompt.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { Services } from '../../../src/vscode/services';
import { startScriptedServer, type ScriptedOpenAiServer } from '../../support/scriptedServer';
import { activateAutoAgent } from './extensionHandle';

/** One dimension per topic, so "schema" and "migration" are close while sharing no word. */
const topics = [['schema', 'column', 'migration', 'database', 'table'], ['display', 'xvfb', 'e2e']];
const toyVectors = (texts: string[]): number[][] => texts.map((t) => topics.map((words) => words.filter((w) => t.toLowerCase().includes(w)).length + 0.01));

describe('instructions and memory settings', () => {
  let server: ScriptedOpenAiServer;
  let services: Services;
  let root: string;
  let userDir: string;
  const config = (): vscode.WorkspaceConfiguration => vscode.workspace.getConfiguration('autoAgent');

  before(async () => {
    server = await startScriptedServer();
    server.setEmbeddings((texts) => toyVectors(texts));
    await config().update('baseUrl', server.url, vscode.ConfigurationTarget.Global);
    await config().update('model', 'test-model', vscode.ConfigurationTarget.Global);
    services = await (await activateAutoAgent()).services();
    root = vscode.workspace.workspaceFolders![0].uri.fsPath;
    userDir = fs.mkdtempSync(path.join(os.tmpdir(), 'auto-agent-user-rules-'));
  });

  after(async () => {
    await config().update('userInstructionsFile', undefined, vscode.ConfigurationTarget.Global);
    await config().update('memory.embeddingModel', undefined, vscode.ConfigurationTarget.Global);
    fs.rmSync(path.join(root, '.auto-agent'), { recursive: true, force: true });
    fs.rmSync(userDir, { recursive: true, force: true });
    await server.close();
  });

  it('the user instructions file setting and an embedding model: both reach the first request of a task', async () => {
    const userFile = path.join(userDir, 'my-rules.md');
    fs.writeFileSync(userFile, 'Always explain a change in one sentence first.\n');
    fs.mkdirSync(path.join(root, '.auto-agent/memory'), { recursive: true });
    fs.writeFileSync(path.join(root, '.auto-agent/memory/db-migrations.md'), '---\ntitle: Database migrations\n---\n\nAdd a new file in db/migrations; never edit an applied one.\n');
    await config().update('userInstructionsFile', userFile, vscode.ConfigurationTarget.Global);
    await config().update('memory.embeddingModel', 'embed-small', vscode.ConfigurationTarget.Global);
    server.requests.length = 0;
    server.enqueue(
      { toolCalls: [{ name: 'update_plan', arguments: { steps: [{ text: 'Look', status: 'in_progress' }] } }] },
      { toolCalls: [{ name: 'finish', arguments: { summary: 'Nothing to do.' } }] },
    );
    await services.session.start([{ text: 'Change a column in the schema' }]);
    const events = services.snapshot().events;
    const loaded = events.find((e) => e.type === 'instructionsLoaded');
    assert.ok(loaded?.type === 'instructionsLoaded' && loaded.files.some((f) => f.abs === userFile), JSON.stringify(loaded));
    const recalled = events.find((e) => e.type === 'memoryRecalled');
    assert.deepEqual(recalled?.type === 'memoryRecalled' && recalled.notes.map((n) => n.id), ['db-migrations']);
    const prompt = JSON.stringify(server.requests[0]?.body.messages ?? []);
    assert.match(prompt, /Always explain a change in one sentence first/);
    assert.match(prompt, /never edit an applied one/);
    assert.ok(server.embeddingRequests.length >= 2 && server.embeddingRequests.every((r) => r.model === 'embed-small'), JSON.stringify(server.embeddingRequests));
  });
});
