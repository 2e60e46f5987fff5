/** Agents the user defines (`.auto-agent/agents/*.md`, the user's folder) as kinds of child in `delegate`. */
import { strict as assert } from 'node:assert';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { loadAgentDefinitions } from '../../../src/core/agents/agentFiles';
import type { AgentDefinition } from '../../../src/core/agents/agentDefinition';
import { OpenAiLlmClient } from '../../../src/core/llm/openAiClient';
import { NodeFiles } from '../../../src/node/nodeFiles';
import { createHarness, type Harness } from './loopHarness';
import { lastText, requestsOf, route } from './agentRouting';

const finish = (summary: string) => ({ name: 'finish', arguments: { summary } });
const delegate = (goal: string, kind: string) => ({ name: 'delegate', arguments: { goal, context: '', kind } });

/** Writes agent files into the workspace's `.auto-agent/agents/` and loads them as a host would. */
async function agentsIn(h: Harness, files: Record<string, string>, isWorkspaceTrusted = true): Promise<AgentDefinition[]> {
  const dir = path.join(h.dir, '.auto-agent', 'agents');
  mkdirSync(dir, { recursive: true });
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text);
  return loadAgentDefinitions({ files: new NodeFiles(), root: h.dir, configDir: path.join(h.dir, '..', 'no-config'), homeDir: '/nonexistent', isWorkspaceTrusted, warn: () => undefined });
}

const finder = `---
name: config-finder
description: Finds where a setting is configured
tools: [read]
model: small-model
---
Search with search_text first. Answer with file:line for every place.
`;

/** A file that asks for everything and tries to switch approvals off: none of that may hold. */
const greedy = `---
name: fixer
description: Fixes things
tools: [read, edit, execute, network, delegate]
policy: { edit: auto, execute: auto }
allowedCommands: ["rm"]
approval: never
---
You may write any file without asking.
`;

describe('user-defined agents', () => {
  let h: Harness;
  beforeEach(async () => { h = await createHarness(); });
  afterEach(async () => { await h.close(); });

  it('offers a workspace agent as a kind of child, runs it with its instructions and its own model', async () => {
    const agents = await agentsIn(h, { 'finder.md': finder });
    writeFileSync(`${h.dir}/app.json`, '{"port": 8080}\n');
    route(h, {
      P: [{ toolCalls: [delegate('CHILD-A: where is the port set?', 'config-finder')] }, { toolCalls: [finish('Found it.')] }],
      A: [{ toolCalls: [{ name: 'search_text', arguments: { pattern: 'port' } }] }, { toolCalls: [finish('app.json:1 sets port 8080')] }],
    });
    const llmForModel = async (model: string) => new OpenAiLlmClient({ baseUrl: h.server.url, apiKey: 'sk-harness-secret-0123456789', model, maxRetries: 0 });
    const { outcome, events } = await h.run({ extra: { agents, llmForModel } });
    assert.equal(outcome.reason, 'completed');
    const tool = requestsOf(h, 'P')[0].body.tools?.find((t) => t.function.name === 'delegate');
    assert.match(tool?.function.description ?? '', /"config-finder" \(read-only\): Finds where a setting is configured/);
    assert.deepEqual((tool?.function.parameters as { properties: { kind: { enum: string[] } } }).properties.kind.enum, ['explore', 'act', 'config-finder']);
    const child = requestsOf(h, 'A');
    assert.deepEqual(child.map((r) => r.body.model), ['small-model', 'small-model']);
    assert.match(JSON.stringify(child[0].body.messages), /You are the sub-agent \\"config-finder\\"[\s\S]*defined by the user in .auto-agent\/agents\/finder.md[\s\S]*Search with search_text first/);
    assert.deepEqual(child[0].body.tools?.map((t) => t.function.name).filter((n) => ['edit_file', 'run_command', 'create_file'].includes(n)), [], 'a read-only agent is offered no edit or command tools');
    const started = events.find((e) => e.type === 'subagentStarted');
    assert.ok(started?.type === 'subagentStarted' && started.agent === 'config-finder' && started.kind === 'explore' && started.model === 'small-model');
    assert.match(lastText(h, 'P'), /Sub-agent sub-1 \(config-finder\) ended: completed[\s\S]*app.json:1 sets port 8080/);
  });

  it('never gives a child more than its parent, whatever the file says: approvals still ask and an explore parent lends no edit tools', async () => {
    const agents = await agentsIn(h, { 'fixer.md': greedy });
    h.approvals.decisions.push({ isApproved: false, reason: 'not now' });
    route(h, {
      P: [{ toolCalls: [delegate('CHILD-C: write a.txt', 'fixer')] }, { toolCalls: [delegate('CHILD-A: look around', 'explore')] }, { toolCalls: [finish('ok')] }],
      C: [{ toolCalls: [{ name: 'create_file', arguments: { path: 'a.txt', content: 'x\n' } }] }, { toolCalls: [finish('asked')] }],
      A: [{ toolCalls: [delegate('CHILD-D: write b.txt', 'fixer')] }, { toolCalls: [finish('A done')] }],
      D: [{ toolCalls: [{ name: 'create_file', arguments: { path: 'b.txt', content: 'x\n' } }, { name: 'run_command', arguments: { command: 'touch c.txt' } }] }, { toolCalls: [finish('could not')] }],
    });
    const { outcome, events } = await h.run({ extra: { agents }, settings: { policy: { read: 'auto', edit: 'ask', execute: 'ask', network: 'ask' } } });
    assert.equal(outcome.reason, 'completed');
    // Called from the task's agent: the edit went to review (named for the child) and was refused there.
    assert.equal(h.approvals.requests.length, 1, 'only the first child\'s edit reached review');
    assert.match(h.approvals.requests[0].title, /^\[sub-1\] /);
    assert.equal(existsSync(`${h.dir}/a.txt`), false);
    // Called from an explore child: the same file gets no edit or command tools at all.
    const grandchild = lastText(h, 'D');
    assert.match(grandchild, /create_file is not available here: this is an explore sub-agent, which only reads/);
    assert.match(grandchild, /run_command is not available here: this is an explore sub-agent/);
    assert.equal(existsSync(`${h.dir}/b.txt`), false);
    assert.equal(existsSync(`${h.dir}/c.txt`), false);
    assert.ok(events.some((e) => e.type === 'subagentStarted' && e.childId === 'sub-2.1' && e.agent === 'fixer' && e.kind === 'explore'));
  });

  it('refuses a tool outside the kinds the file names, with a clear error', async () => {
    const agents = await agentsIn(h, { 'finder.md': finder.replace('model: small-model\n', '') });
    route(h, {
      P: [{ toolCalls: [delegate('CHILD-A: run the build', 'config-finder')] }, { toolCalls: [finish('ok')] }],
      A: [{ toolCalls: [{ name: 'run_command', arguments: { command: 'touch made.txt' } }] }, { toolCalls: [finish('could not')] }],
    });
    await h.run({ extra: { agents } });
    assert.match(lastText(h, 'A'), /run_command is not available here: the agent \\"config-finder\\" \(.auto-agent\/agents\/finder.md\) may use read, and run_command is of kind execute/);
    assert.equal(existsSync(`${h.dir}/made.txt`), false);
  });
});
