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
