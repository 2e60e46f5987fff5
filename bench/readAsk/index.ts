/**
 * bench/readAsk: how many approvals `read: ask` adds to ordinary tasks (it is opt-in, so some are expected), and
 * how big the fixed prompt prefix is, with the repo map in its fenced message rather than the system prompt.
 * Scripted model, real loop, real engine services (safety rules, index, checkpoints) on a small git repository.
 * Run: node --import tsx bench/readAsk/index.ts
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Goal, RiskClass } from '../../src/protocol/events';
import { OpenAiLlmClient } from '../../src/core/llm/openAiClient';
import { repoMapMessage, systemPrompt } from '../../src/core/loop/prompts';
import { runTask } from '../../src/core/loop/runTask';
import { resolveSettings, type ApprovalPolicy } from '../../src/core/settings';
import { createEngineServices } from '../../src/node/engineServices';
import { NodeGit } from '../../src/node/nodeGit';
import { NodeStore } from '../../src/node/nodeStore';
import { JsTextSearch } from '../../src/node/textSearch';
import { createTestHost, makeTempDir, ScriptedApprovals } from '../../test/support/testHost';
import { startScriptedServer } from '../../test/support/scriptedServer';

type Call = { name: string; arguments: unknown };
const plan = (status: 'in_progress' | 'done'): Call => ({ name: 'update_plan', arguments: { steps: [{ text: 'Find and fix the bug', status }, { text: 'Run the tests', status: 'pending' }] } });

/** A normal bug fix: look around, read, edit, test, review the diff, finish. */
const bugFix: Call[] = [
  plan('in_progress'),
  { name: 'list_files', arguments: {} },
  { name: 'search_text', arguments: { pattern: 'function add' } },
  { name: 'find_references', arguments: { name: 'add' } },
  { name: 'read_file', arguments: { path: 'src/math.js' } },
  { name: 'read_file', arguments: { path: 'test.js' } },
  { name: 'edit_file', arguments: { path: 'src/math.js', edits: [{ search: 'return a - b;', replace: 'return a + b;' }] } },
  { name: 'run_tests', arguments: {} },
  { name: 'git_diff', arguments: {} },
  plan('done'),
  { name: 'finish', arguments: { summary: 'add() adds again; the tests pass.' } },
];
/** The loop tests' own happy path (plan, one command, finish): no reads at all. */
const commandOnly: Call[] = [plan('in_progress'), { name: 'run_command', arguments: { command: "sed -i 's/a - b/a + b/' src/math.js" } }, { name: 'finish', arguments: { summary: 'ok' } }];

const scenarios: [string, Call[], Goal[]][] = [
  ['bug fix (11 calls, 6 reads)', bugFix, [{ text: 'add() subtracts; fix it' }]],
  ['plan, one command, finish (as the loop tests do)', commandOnly, [{ text: 'Fix add()', successCriterion: 'node test.js' }]],
];
const policies: [string, ApprovalPolicy][] = [
  ['defaults (read auto)', { read: 'auto', edit: 'ask', execute: 'ask', network: 'ask' }],
  ['read: ask', { read: 'ask', edit: 'ask', execute: 'ask', network: 'ask' }],
];

function makeRepo(dir: string): void {
  mkdirSync(path.join(dir, 'src'));
  writeFileSync(path.join(dir, 'src/math.js'), 'function add(a, b) {\n  return a - b;\n}\nmodule.exports = { add };\n');
  writeFileSync(path.join(dir, 'test.js'), "const { add } = require('./src/math');\nif (add(2, 3) !== 5) { console.error('1 failing'); process.exit(1); }\nconsole.log('1 passing');\n");
  writeFileSync(path.join(dir, 'package.json'), '{ "name": "demo", "scripts": { "test": "node test.js" } }\n');
  const git = (...args: string[]): string => execFileSync('git', args, { cwd: dir, encoding: 'utf8' });
  git('init', '-q', '-b', 'main');
  git('-c', 'user.name=Bench', '-c', 'user.email=bench@example.com', 'add', '-A');
  git('-c', 'user.name=Bench', '-c', 'user.email=bench@example.com', '-c', 'commit.gpgsign=false', 'commit', '-q', '-m', 'initial');
}

async function approvalsFor(calls: Call[], goals: Goal[], policy: ApprovalPolicy): Promise<{ byRisk: Record<RiskClass, number>; reason: string; prefixBytes: number[] }> {
  const tmp = makeTempDir('auto-agent-bench-');
  const root = path.join(tmp.dir, 'work');
  mkdirSync(root);
  makeRepo(root);
  const server = await startScriptedServer();
  server.enqueue(...calls.map((call) => ({ toolCalls: [call] })));
  const approvals = new ScriptedApprovals();
  const host = { ...createTestHost({ approvals, git: new NodeGit(), search: new JsTextSearch() }), store: new NodeStore(path.join(tmp.dir, 'store')) };
  const settings = resolveSettings({ baseUrl: server.url, model: 'bench-model', policy });
  const services = await createEngineServices({ host, settings, roots: [root], storageDir: path.join(tmp.dir, 'storage') });
  const llm = new OpenAiLlmClient({ baseUrl: server.url, apiKey: 'sk-bench-0000111122223333', model: 'bench-model', maxRetries: 0 });
  const repoMap = await services.repoMapFor(goals);
  const outcome = await runTask({
    goals, host, settings, roots: [root], llm, onEvent: () => undefined, signal: new AbortController().signal,
    rules: services.rules, runTests: services.runTests, createChanges: services.createChanges, contextExtras: services.contextExtras, repoMap,
  });
  const byRisk: Record<RiskClass, number> = { read: 0, edit: 0, execute: 0, network: 0 };
  for (const request of approvals.requests) byRisk[request.risk]++;
  const first = server.requests[0].body;
  const messages = first.messages as { role: string; content: string }[];
  const prefixBytes = [JSON.stringify(first.tools).length, Buffer.byteLength(messages[0].content), Buffer.byteLength(messages.slice(1, -1).map((m) => m.content).join(''))];
  await services.dispose();
  await server.close();
  tmp.cleanup();
  return { byRisk, reason: outcome.reason, prefixBytes };
}

async function main(): Promise<void> {
  console.log('Approvals per task (scripted model, every approval granted).');
  console.log('| scenario | policy | read | edit | execute | total | outcome |');
  console.log('|---|---|---|---|---|---|---|');
  let sizes: number[] = [];
  for (const [name, calls, goals] of scenarios) {
    for (const [label, policy] of policies) {
      const { byRisk, reason, prefixBytes } = await approvalsFor(calls, goals, policy);
      const total = byRisk.read + byRisk.edit + byRisk.execute + byRisk.network;
      console.log(`| ${name} | ${label} | ${byRisk.read} | ${byRisk.edit} | ${byRisk.execute} | ${total} | ${reason} |`);
      if (sizes.length === 0) sizes = prefixBytes;
    }
  }
  const [tools, system, rest] = sizes;
  console.log(`\nFirst request of the bug fix (read auto): tools ${tools} B, system prompt ${system} B (no repo map), repo map + goals messages ${rest} B.`);
  await ownRepoMap();
}

/** This repository's own map for two goals: what left the system prompt, and what the fence costs. */
async function ownRepoMap(): Promise<void> {
  const root = path.resolve(__dirname, '../..');
  const tmp = makeTempDir('auto-agent-bench-');
  const host = createTestHost();
  const settings = resolveSettings({ baseUrl: 'http://127.0.0.1:9/v1', model: 'bench-model' });
  const services = await createEngineServices({ host, settings, roots: [root], storageDir: tmp.dir });
  const system = systemPrompt({ roots: ['/work/project'], platform: 'linux' });
  console.log('\nThis repository\'s repo map (1,500-token budget); bytes, and tokens estimated as the engine does (3.5 chars/token).');
  console.log('| goal | map B | map message B (fence overhead) | system prompt B | system prompt + map as one message (the old layout, with the current rules text) B |');
  console.log('|---|---|---|---|---|');
  for (const goal of ['Make PolicyGate ask before every read', 'Speed up rankDefinitions in the repo map']) {
    const map = (await services.repoMapFor([{ text: goal }], 120_000)) ?? '';
    const message = repoMapMessage(map);
    const oldLayout = `${system}\n\nRepository map (most relevant files and symbols):\n${map}`;
    const b = (text: string): number => Buffer.byteLength(text);
    const tokens = (text: string): number => Math.ceil(text.length / 3.5);
    console.log(`| ${goal} | ${b(map)} (~${tokens(map)} tok) | ${b(message)} (+${b(message) - b(map)}) | ${b(system)} (~${tokens(system)} tok), same for both | ${b(oldLayout)} (~${tokens(oldLayout)} tok) |`);
  }
  await services.dispose();
  tmp.cleanup();
}

void main();
