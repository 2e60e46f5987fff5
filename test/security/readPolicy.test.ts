/**
 * Issue 13, item 8: `read: ask` means every read asks. The gate sees every tool of risk read before it runs
 * (ToolRegistry.run), so no read tool can skip it; the engine's own reads for the prompt (the repo map) are left
 * out under read: ask, and the sidebar chat, which cannot ask, reads nothing and says so.
 */
import { strict as assert } from 'node:assert';
import { allTools } from '../../src/core/tools';
import { ToolRegistry } from '../../src/core/tools/registry';
import { OpenAiLlmClient } from '../../src/core/llm/openAiClient';
import { runChat } from '../../src/core/loop/chat';
import { resolveSettings, type AgentSettings } from '../../src/core/settings';
import { NodeGit } from '../../src/node/nodeGit';
import { JsTextSearch } from '../../src/node/textSearch';
import { createIndexer } from '../../src/node/engineServices';
import type { WorkspaceIndexer } from '../../src/node/indexer/workspaceIndexer';
import { createTestContext, createTestHost, makeTempDir, ScriptedApprovals } from '../support/testHost';
import { createHarness, sentText, type Harness } from '../core/loop/loopHarness';
import { initRepo } from '../core/tools/gitRepo';
import { put } from './securityContext';

const readAsks: Partial<AgentSettings> = { policy: { read: 'ask', edit: 'auto', execute: 'auto', network: 'ask' } };
const finish = { name: 'finish', arguments: { summary: 'done' } };
const source = 'export function total(items: number[]): number {\n  return items.reduce((a, b) => a + b, 0);\n}\nexport const grand = total([1, 2]);\n';

/** Every read tool, called the way a model would, with arguments that work in the fixture repository. */
const readCalls = [
  { name: 'read_file', arguments: { path: 'src/total.ts' } },
  { name: 'list_files', arguments: {} },
  { name: 'search_text', arguments: { pattern: 'reduce' } },
  { name: 'repo_map', arguments: {} },
  { name: 'find_symbol', arguments: { name: 'total' } },
  { name: 'find_references', arguments: { name: 'total' } },
  { name: 'git_status', arguments: {} },
  { name: 'git_diff', arguments: {} },
  { name: 'git_log', arguments: {} },
  { name: 'recall', arguments: { query: 'total' } },
];

describe('security: read: ask (every read asks)', function () {
  this.timeout(60_000);
  let h: Harness;
  let codebase: WorkspaceIndexer;
  let storage: { dir: string; cleanup(): void };
  beforeEach(async () => {
    h = await createHarness();
    initRepo(h.dir, { 'src/total.ts': source });
    storage = makeTempDir();
    codebase = createIndexer({ root: h.dir, storageDir: storage.dir, host: createTestHost() });
    await codebase.refresh();
  });
  afterEach(async () => {
    await codebase.dispose();
    storage.cleanup();
    await h.close();
  });

  function runReads(calls: object[], settings = readAsks) {
    h.server.enqueue(...calls.map((call) => ({ toolCalls: [call as { name: string; arguments: unknown }] })), { toolCalls: [finish] });
    const host = { ...createTestHost({ approvals: h.approvals, git: new NodeGit(), search: new JsTextSearch(createTestHost().files) }) };
    return h.run({ settings, extra: { host, contextExtras: { codebase } } });
  }

  it('Reads: every tool of risk read except task control passes the gate first — none runs when the read is rejected', async () => {
    const approvals = new ScriptedApprovals([], [], { isApproved: false, reason: 'no reading' });
    const { ctx } = createTestContext({ root: h.dir, approvals, settings: readAsks });
    const registry = new ToolRegistry(allTools);
    const reads = allTools.filter((t) => t.risk === 'read' && !t.isTaskControl);
    assert.deepEqual(reads.map((t) => t.name).sort(), readCalls.map((c) => c.name).sort(), 'the read tools are the ones this suite calls');
    for (const tool of reads) {
      // The input is not even valid for most tools: the gate comes before the tool can look at it.
      const result = await registry.run({ tool, input: {} }, ctx);
      assert.equal(result.isError, true, tool.name);
      assert.match(result.output, /^Not run: The user rejected this: no reading/, tool.name);
    }
    assert.deepEqual(approvals.requests.map((r) => [r.toolName, r.risk]), reads.map((t) => [t.name, 'read']));
    assert.ok(approvals.requests.every((r) => r.reasons.includes('read actions ask before they run')));
  });

  it('Reads: read: ask asks once for each read tool in a task (read_file, list_files, search_text, repo_map, find_symbol, find_references, git_status, git_diff, git_log)', async () => {
    const { outcome } = await runReads(readCalls);
    assert.equal(outcome.reason, 'completed');
    assert.deepEqual(h.approvals.requests.map((r) => r.toolName), readCalls.map((c) => c.name));
    assert.match(h.approvals.requests[0].title, /read_file.*src\/total\.ts/, 'the prompt names what is read');
    const sent = sentText(h.server, readCalls.length);
    assert.match(sent, /items\.reduce/, 'an approved read reaches the model');
    assert.doesNotMatch(sent, /Not run/, 'no approved read was refused');
  });

  it('Reads: a rejected read under read: ask runs nothing and the model is told the user said no', async () => {
    h.approvals.fallback = { isApproved: false, reason: 'not that file' };
    await runReads([readCalls[0], readCalls[2]]);
    const sent = sentText(h.server, 2);
    assert.doesNotMatch(sent, /items\.reduce/, 'the file content never reached the model');
    assert.match(sent, /Not run: The user rejected this/);
  });

  it('Reads: task-control tools (update_plan, ask_user, finish) never ask under read: ask, and read: auto asks for no read', async () => {
    h.approvals.answers.push('yes');
    await runReads([{ name: 'update_plan', arguments: { steps: [{ text: 'look', status: 'in_progress' }] } }, { name: 'ask_user', arguments: { question: 'Go on?' } }]);
    assert.equal(h.approvals.requests.length, 0);
    await runReads(readCalls, { policy: { read: 'auto', edit: 'auto', execute: 'auto', network: 'ask' } });
    assert.equal(h.approvals.requests.length, 0, 'the default policy is unchanged: reads run without asking');
  });

  it('Reads: under read: ask the automatic repo map is not put in the prompt (it would be a read nobody approved)', async () => {
    const repoMap = await codebase.repoMap({ tokens: 500 });
    assert.match(repoMap, /total/);
    h.server.enqueue({ toolCalls: [finish] });
    await h.run({ settings: readAsks, extra: { repoMap } });
    assert.doesNotMatch(sentText(h.server, 0), /src\/total\.ts/, 'no map under read: ask');
    h.server.enqueue({ toolCalls: [finish] });
    await h.run({ extra: { repoMap } });
    assert.match(sentText(h.server, 1), /src\/total\.ts/, 'the map is there under read: auto');
  });

  it('Reads: the sidebar chat under read: ask reads nothing, asks nobody, and tells the model it cannot see the code', async () => {
    put(h.dir, 'secret-plan.txt', 'launch codes');
    h.server.enqueue({ toolCalls: [{ name: 'read_file', arguments: { path: 'secret-plan.txt' } }] }, { text: 'I cannot read files here.' });
    const approvals = new ScriptedApprovals();
    const settings = resolveSettings({ baseUrl: h.server.url, model: 'test-model', ...readAsks });
    const llm = new OpenAiLlmClient({ baseUrl: h.server.url, apiKey: 'sk-chat-000011112222333', model: 'test-model', maxRetries: 0 });
    const answer = await runChat({ question: 'What is in secret-plan.txt?', history: [], host: createTestHost({ approvals }), settings, roots: [h.dir], llm, signal: new AbortController().signal });
    assert.equal(answer, 'I cannot read files here.');
    assert.equal(h.server.requests[0].body.tools, undefined, 'no tools are offered');
    assert.match(sentText(h.server, 0), /cannot ask: you have no tools/);
    assert.doesNotMatch(sentText(h.server, 1), /launch codes/, 'a read the model tried anyway was refused');
    assert.match(sentText(h.server, 1), /Unknown tool/);
    assert.equal(approvals.requests.length, 0);
  });
});
