import { strict as assert } from 'node:assert';
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { OpenAiLlmClient } from '../../../src/core/llm/openAiClient';
import { runChat } from '../../../src/core/loop/chat';
import { resolveSettings } from '../../../src/core/settings';
import { createTestHost, makeTempDir, ScriptedApprovals } from '../../support/testHost';
import { startScriptedServer, type ScriptedServer } from '../../support/scriptedServer';

describe('the sidebar chat engine (runChat)', () => {
  let server: ScriptedServer;
  let tmp: { dir: string; cleanup(): void };
  beforeEach(async () => {
    server = await startScriptedServer();
    tmp = makeTempDir();
    writeFileSync(path.join(tmp.dir, 'math.js'), 'function add(a, b) {\n  return a + b;\n}\n');
  });
  afterEach(async () => {
    await server.close();
    tmp.cleanup();
  });

  const ask = (question: string, approvals = new ScriptedApprovals()) => {
    const host = createTestHost({ approvals });
    const settings = resolveSettings({ baseUrl: server.url, model: 'test-model' });
    const llm = new OpenAiLlmClient({ baseUrl: server.url, apiKey: 'sk-chat-secret-000011112222', model: 'test-model', maxRetries: 0 });
    const deltas: string[] = [];
    const answer = runChat({ question, history: [{ role: 'user', text: 'hi' }, { role: 'assistant', text: 'Hello!' }], host, settings, roots: [tmp.dir], llm, signal: new AbortController().signal, secrets: ['sk-chat-secret-000011112222'], onText: (t) => deltas.push(t) });
    return { answer, deltas };
  };

  it('looks things up with read-only tools, streams the answer, and keeps the history', async () => {
    server.enqueue({ toolCalls: [{ name: 'read_file', arguments: { path: 'math.js' } }] }, { text: 'The sum is computed in add() at math.js:2.' });
    const { answer, deltas } = ask('Where is the sum computed?');
    assert.equal(await answer, 'The sum is computed in add() at math.js:2.');
    assert.ok(deltas.join('').includes('math.js:2'));
    const second = JSON.stringify(server.requests[1].body.messages);
    assert.match(second, /return a \+ b/, 'the tool result reached the model');
    assert.match(JSON.stringify(server.requests[0].body.messages), /Hello!/);
  });

  it('offers only read tools, and refuses edits, commands and outside reads without asking anyone', async () => {
    const approvals = new ScriptedApprovals();
    server.enqueue(
      { toolCalls: [{ name: 'edit_file', arguments: { path: 'math.js', edits: [{ search: 'a + b', replace: 'a - b' }] } }, { name: 'run_command', arguments: { command: 'rm -rf .' } }, { name: 'read_file', arguments: { path: '/etc/hostname' } }] },
      { text: 'I cannot change files here.' },
    );
    const { answer } = ask('Please break add()', approvals);
    assert.equal(await answer, 'I cannot change files here.');
    const tools = server.requests[0].body.tools?.map((t) => t.function.name) ?? [];
    assert.ok(tools.includes('read_file') && tools.includes('search_text'));
    assert.ok(!tools.some((t) => ['edit_file', 'run_command', 'finish', 'update_plan', 'ask_user', 'git_commit'].includes(t)));
    const results = JSON.stringify(server.requests[1].body.messages);
    assert.match(results, /Unknown tool \\"edit_file\\"/);
    assert.match(results, /Unknown tool \\"run_command\\"/);
    assert.match(results, /outside the workspace/);
    assert.equal(approvals.requests.length, 0, 'the chat never asks');
  });

  it('stops after a bounded number of tool rounds', async () => {
    server.setFallback(() => ({ toolCalls: [{ name: 'list_files', arguments: {} }] }));
    const { answer } = ask('Loop forever');
    assert.match(await answer, /tool budget/);
    assert.equal(server.requests.length, 8);
  });
});
