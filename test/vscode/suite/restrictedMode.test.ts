/**
 * Restricted Mode (this file runs only when the workspace is untrusted): the agent neither edits nor runs
 * anything, the UI says why, and the untrusted folder cannot redirect requests through restricted settings.
 */
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { Services } from '../../../src/vscode/services';
import { readAgentSettings } from '../../../src/vscode/vscodeSettings';
import { startScriptedServer, type ScriptedServer } from '../../support/scriptedServer';
import { activateAutoAgent } from './extensionHandle';

describe('Restricted Mode', () => {
  let server: ScriptedServer;
  let services: Services;
  let root: string;

  before(async () => {
    server = await startScriptedServer();
    server.setFallback(() => ({ toolCalls: [{ name: 'create_file', arguments: { path: 'pwned.txt', content: 'x' } }] }));
    await vscode.workspace.getConfiguration('autoAgent').update('baseUrl', server.url, vscode.ConfigurationTarget.Global);
    services = await (await activateAutoAgent()).services();
    root = vscode.workspace.workspaceFolders![0].uri.fsPath;
  });

  after(async () => {
    server.setFallback(undefined);
    await server.close();
  });

  it('opens this folder untrusted, with the extension active (limited support)', async () => {
    assert.equal(vscode.workspace.isTrusted, false);
    assert.ok(vscode.extensions.getExtension('auto-agent.auto-agent')?.isActive);
  });

  it('ignores the folder\'s restricted settings (base URL, allow-list, test command)', () => {
    assert.ok(fs.existsSync(path.join(root, '.vscode', 'settings.json')), 'the folder does carry its own settings');
    const settings = readAgentSettings();
    assert.equal(settings.baseUrl, server.url);
    assert.deepEqual(settings.allowedCommands, []);
    assert.equal(settings.testCommand, undefined);
  });

  it('does not start the agent from the command, and tells the panel why', async () => {
    await vscode.commands.executeCommand('autoAgent.start', { goals: ['Create pwned.txt'] });
    await new Promise((r) => setTimeout(r, 500));
    assert.equal(services.session.status().isRunning, false);
    assert.equal(server.requests.length, 0, 'no request may reach the model');
    assert.match(services.snapshot().restrictedReason ?? '', /Restricted Mode/);
    assert.match(services.snapshot().restrictedReason ?? '', /instruction files \(AGENTS\.md, CLAUDE\.md, rules files\) and memory notes are not loaded/);
    assert.ok(!fs.existsSync(path.join(root, 'pwned.txt')));
  });

  it('still answers chat questions, read-only: it reads files but is offered no tool that edits or runs', async () => {
    server.enqueue(
      { toolCalls: [{ name: 'read_file', arguments: { path: 'src/math.js' } }] },
      { text: 'add() is at src/math.js:1 and subtracts.' },
    );
    const answer = await services.chat.ask('What does add() do?');
    assert.match(answer, /src\/math\.js:1/);
    const offered = (server.requests[0]?.body.tools ?? []).map((t) => t.function.name);
    assert.ok(offered.includes('read_file'));
    for (const name of ['edit_file', 'create_file', 'run_command', 'run_tests', 'fetch_url', 'git_commit']) assert.ok(!offered.includes(name), `${name} was offered`);
    assert.match(JSON.stringify(server.requests[1]?.body.messages ?? []), /return a - b/, 'the file content reached the model');
    server.requests.length = 0;
  });

  it('answers a chat question in a repository with a hostile .git/config, and runs none of its programs (no git at all)', async () => {
    const marker = path.join(os.tmpdir(), `auto-agent-restricted-marker-${process.pid}`);
    fs.rmSync(marker, { force: true });
    execFileSync('git', ['init', '-q'], { cwd: root });
    fs.appendFileSync(path.join(root, '.git', 'config'), `[core]\n\tfsmonitor = "touch ${marker}.fsmonitor; false"\n\tpager = "touch ${marker}.pager; cat"\n[diff]\n\texternal = "touch ${marker}.diff"\n`);
    server.enqueue(
      { toolCalls: [{ name: 'git_status', arguments: {} }, { name: 'git_diff', arguments: {} }, { name: 'git_log', arguments: {} }] },
      { text: 'The git tools are off here; add() is in src/math.js.' },
    );
    try {
      const answer = await services.chat.ask('What changed in git?');
      assert.match(answer, /src\/math\.js/);
      const toolResults = JSON.stringify(server.requests[1]?.body.messages ?? []);
      assert.match(toolResults, /Git is off in Restricted Mode/);
      await new Promise((r) => setTimeout(r, 500));
      for (const suffix of ['.fsmonitor', '.pager', '.diff']) assert.ok(!fs.existsSync(`${marker}${suffix}`), `the repository's ${suffix.slice(1)} program ran`);
    } finally {
      // Whatever failed, the next test counts the model's requests from zero.
      server.requests.length = 0;
    }
  });

  it('refuses in the engine bridge too, whatever path starts a task', async () => {
    const result = await services.session.start([{ text: 'Create pwned.txt' }]);
    assert.equal(result, undefined);
    const errors = services.snapshot().events.filter((e) => e.type === 'errorOccurred');
    assert.match(JSON.stringify(errors), /Restricted Mode/);
    assert.equal(server.requests.length, 0);
    assert.ok(!fs.existsSync(path.join(root, 'pwned.txt')));
  });
});
