/**
 * VS Code's Language Model API as a provider: the scripted chat model that the test extension
 * (test/vscode/lmProvider) registers through `registerLanguageModelChatProvider` runs a whole task. What the
 * model was sent is read from the provider's own log, so the conversion (system text, tool call and result
 * parts, tools offered) is checked where VS Code delivered it, not where we built it.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { AgentEvent } from '../../../src/protocol/events';
import type { Services } from '../../../src/vscode/services';
import { activateAutoAgent, waitFor } from './extensionHandle';

interface LoggedPart { type: string; mimeType?: string; bytes?: number; value?: string; callId?: string; name?: string; input?: unknown; content?: string[] }
interface LoggedRequest { model?: string; tools?: string[]; messages?: { role: string; parts: LoggedPart[] }[]; cancelled?: boolean }

const scriptFile = process.env.AUTO_AGENT_LM_SCRIPT ?? '';
const logFile = process.env.AUTO_AGENT_LM_LOG ?? '';

function enqueue(...answers: object[]): void {
  fs.writeFileSync(scriptFile, JSON.stringify(answers));
}

function logged(): LoggedRequest[] {
  if (!fs.existsSync(logFile)) return [];
  return fs.readFileSync(logFile, 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line) as LoggedRequest);
}

describe('VS Code language models (a scripted chat model from another extension)', () => {
  let services: Services;
  const config = () => vscode.workspace.getConfiguration('autoAgent');

  before(async function () {
    if (!scriptFile || !logFile) this.skip();
    services = await (await activateAutoAgent()).services();
    await waitFor('the scripted model', async () => (await vscode.lm.selectChatModels({ vendor: 'auto-agent-test' })).length > 0 || undefined);
  });

  beforeEach(() => fs.rmSync(logFile, { force: true }));

  after(async () => {
    await config().update('provider', undefined, vscode.ConfigurationTarget.Global);
    await config().update('model', 'test-model', vscode.ConfigurationTarget.Global);
  });

  it('Select Model offers VS Code\'s chat models and saves the pick with provider "vscode"', async () => {
    await vscode.commands.executeCommand('autoAgent.selectModel', { model: 'scripted-model', provider: 'vscode' });
    assert.equal(config().get('provider'), 'vscode');
    assert.equal(config().get('model'), 'scripted-model');
  });

  it('runs a task: tools offered, a tool call answered with its result part, tokens counted, the window VS Code reports', async () => {
    // The file as the workspace was made: suites before this one edit it (and may leave an editor on it).
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    fs.writeFileSync(path.join(vscode.workspace.workspaceFolders![0].uri.fsPath, 'src', 'math.js'), 'function add(a, b) {\n  return a - b;\n}\n\nmodule.exports = { add };\n');
    await config().update('provider', 'vscode', vscode.ConfigurationTarget.Global);
    await config().update('model', 'scripted-model', vscode.ConfigurationTarget.Global);
    enqueue(
      { text: 'Reading the file first.', toolCalls: [{ name: 'read_file', arguments: { path: 'src/math.js' } }] },
      { toolCalls: [{ name: 'finish', arguments: { summary: 'add() subtracts; nothing changed.' } }] },
    );
    const events: AgentEvent[] = [];
    const sub = services.session.onDidEmit((e) => events.push(e));
    const result = await services.session.start([{ text: 'Look at add() in src/math.js' }]).finally(() => sub.dispose());
    const errors = events.filter((e) => e.type === 'errorOccurred').map((e) => JSON.stringify(e));
    assert.equal(result?.reason, 'completed', errors.join('\n'));
    const requests = logged();
    const lastText = (r: LoggedRequest): string => JSON.stringify(r.messages?.at(-1)?.parts ?? []).slice(0, 300);
    // The task's two steps; after a completed task the memory reflection may ask once more.
    assert.ok(requests.length === 2 || (requests.length === 3 && /The task is complete\. Before it closes/.test(lastText(requests[2]))), requests.map(lastText).join('\n'));
    assert.equal(requests[0].model, 'scripted-model');
    assert.ok(requests[0].tools?.includes('read_file') && requests[0].tools.includes('finish'), `tools offered: ${requests[0].tools}`);
    const first = requests[0].messages![0];
    assert.equal(first.role, 'user', 'the API has no system role: the system prompt rides in the first user turn');
    assert.match(first.parts.map((p) => p.value ?? '').join(''), /Look at add\(\) in src\/math\.js/);
    const [, assistant, toolTurn] = requests[1].messages!;
    const call = assistant.parts.find((p) => p.type === 'toolCall');
    assert.deepEqual({ role: assistant.role, name: call?.name, input: call?.input }, { role: 'assistant', name: 'read_file', input: { path: 'src/math.js' } });
    const resultPart = toolTurn.parts.find((p) => p.type === 'toolResult');
    assert.equal(resultPart?.callId, call?.callId, 'the result part answers the call by its id');
    assert.match(resultPart?.content?.join('') ?? '', /src\/math\.js \(all 5 lines\)\n1\tfunction add\(a, b\) \{\n2\t  return a [-+] b;/, 'the file as read_file returned it');
    const usage = events.filter((e) => e.type === 'usageUpdated');
    assert.ok(usage.length >= 2);
    assert.ok(usage[0].request.promptTokens > 100, `prompt tokens come from countTokens: ${usage[0].request.promptTokens}`);
    assert.equal(usage[0].contextWindow, 64_000, 'the window is what the model reports to VS Code');
    assert.ok(events.some((e) => e.type === 'costUnmeasurable'), 'a model with no known price says so');
  });

  it('Stop cancels the model request: the provider sees its token cancelled and the task stops', async () => {
    await config().update('provider', 'vscode', vscode.ConfigurationTarget.Global);
    await config().update('model', 'scripted-model', vscode.ConfigurationTarget.Global);
    enqueue({ hang: true });
    const run = services.session.start([{ text: 'Wait for ever' }]);
    await waitFor('the request to reach the model', () => logged().length > 0 || undefined);
    services.session.stop();
    const result = await run;
    assert.equal(result?.reason, 'user_stopped');
    await waitFor('the provider to see the cancellation', () => logged().some((r) => r.cancelled) || undefined, 10_000);
  });

  it('autoAgent.models overrides the window VS Code reports and gives the model a price', async () => {
    await config().update('provider', 'vscode', vscode.ConfigurationTarget.Global);
    await config().update('model', 'scripted-model', vscode.ConfigurationTarget.Global);
    await config().update('models', { 'scripted-model': { contextWindow: 50_000, price: { input: 1, output: 2 } } }, vscode.ConfigurationTarget.Global);
    enqueue({ toolCalls: [{ name: 'finish', arguments: { summary: 'Nothing to do.' } }] });
    const events: AgentEvent[] = [];
    const sub = services.session.onDidEmit((e) => events.push(e));
    await services.session.start([{ text: 'Nothing' }]).finally(() => sub.dispose());
    await config().update('models', undefined, vscode.ConfigurationTarget.Global);
    const usage = events.find((e) => e.type === 'usageUpdated');
    assert.equal(usage?.contextWindow, 50_000);
    assert.ok(usage && usage.request.costUsd > 0, 'the price of the setting is applied');
    assert.ok(!events.some((e) => e.type === 'costUnmeasurable'));
  });

  it('a goal\'s image (autoAgent.start with images) reaches a vision model as a data part', async () => {
    await config().update('provider', 'vscode', vscode.ConfigurationTarget.Global);
    await config().update('model', 'scripted-model', vscode.ConfigurationTarget.Global);
    await config().update('models', { 'scripted-model': { vision: true } }, vscode.ConfigurationTarget.Global);
    const root = vscode.workspace.workspaceFolders![0].uri.fsPath;
    const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');
    fs.writeFileSync(`${root}/mockup.png`, png);
    enqueue({ toolCalls: [{ name: 'finish', arguments: { summary: 'Seen.' } }] });
    await vscode.commands.executeCommand('autoAgent.start', { goals: ['Match the mockup'], images: [`${root}/mockup.png`] });
    await services.session.whenIdle();
    await config().update('models', undefined, vscode.ConfigurationTarget.Global);
    fs.rmSync(`${root}/mockup.png`);
    const parts = logged()[0]?.messages?.flatMap((m) => m.parts) ?? [];
    const data = parts.find((p) => p.type === 'data');
    assert.deepEqual({ mimeType: data?.mimeType, bytes: data?.bytes }, { mimeType: 'image/png', bytes: png.length }, JSON.stringify(parts.map((p) => p.type)));
  });

  it('a model VS Code does not offer is a clear error naming the picker', async () => {
    await config().update('provider', 'vscode', vscode.ConfigurationTarget.Global);
    await config().update('model', 'no-such-model', vscode.ConfigurationTarget.Global);
    const events: AgentEvent[] = [];
    const sub = services.session.onDidEmit((e) => events.push(e));
    await services.session.start([{ text: 'Anything' }]).finally(() => sub.dispose());
    const error = events.find((e) => e.type === 'errorOccurred');
    assert.match(error?.type === 'errorOccurred' ? error.message : '', /VS Code offers no chat model "no-such-model".*Select Model/);
  });
});
