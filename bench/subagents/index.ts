/**
 * bench/subagents: an exploration-heavy task ("find every place the base URL is configured") over a real
 * repository no one here wrote (the openai SDK's TypeScript sources, copied from node_modules), done by one agent
 * reading every file itself, then by a parent that delegates the reading to two parallel `explore` children.
 * Measured: the parent's peak context (the largest request it sent, estimated at 3.5 characters a token, as the
 * engine estimates), every agent's requests together, and the wall time. The scripted model answers each request
 * after a fixed latency (a stand-in for a real model's seconds); each agent reads one file per answer in both runs.
 * Run: node --import tsx bench/subagents/index.ts
 */
import { cpSync, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { OpenAiLlmClient } from '../../src/core/llm/openAiClient';
import { runTask } from '../../src/core/loop/runTask';
import { resolveSettings } from '../../src/core/settings';
import { NodeStore } from '../../src/node/nodeStore';
import { createTestHost, makeTempDir } from '../../test/support/testHost';
import { startScriptedServer, type RecordedRequest, type ScriptStep } from '../../test/support/scriptedServer';

const latencyMs = Number(process.env.BENCH_LATENCY_MS ?? 200);
const repeats = 3;
const source = path.resolve(__dirname, '../../node_modules/openai/src');

/** The source files that mention baseURL (what a search_text would list). */
function filesMentioning(root: string, word: string): string[] {
  const out: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const abs = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(abs);
      else if (entry.name.endsWith('.ts') && readFileSync(abs, 'utf8').includes(word)) out.push(path.relative(root, abs).split(path.sep).join('/'));
    }
  };
  walk(root);
  return out.sort();
}

const call = (name: string, args: object): ScriptStep => ({ toolCalls: [{ name, arguments: args }], delayMs: latencyMs });
const readAll = (files: string[], summary: string): ScriptStep[] => [...files.map((f) => call('read_file', { path: f })), call('finish', { summary })];

function agentOf(request: RecordedRequest): string {
  for (const m of request.body.messages ?? []) {
    const found = m.role === 'user' && typeof m.content === 'string' ? /CHILD-(\w)/.exec(m.content) : null;
    if (found) return found[1];
  }
  return 'P';
}

async function runOnce(mode: 'single' | 'split', root: string, files: string[]): Promise<{ peak: number; all: number; ms: number; requests: number }> {
  const server = await startScriptedServer();
  const tmp = makeTempDir();
  const half = Math.ceil(files.length / 2);
  const scripts: Record<string, ScriptStep[]> = mode === 'single'
    ? { P: [call('search_text', { pattern: 'baseURL' }), ...readAll(files, 'baseURL is configured in: ' + files.join(', '))] }
    : {
      P: [call('search_text', { pattern: 'baseURL' }), {
        toolCalls: [
          { name: 'delegate', arguments: { goal: 'CHILD-A: say where baseURL is configured in these files', context: files.slice(0, half).join('\n'), kind: 'explore' } },
          { name: 'delegate', arguments: { goal: 'CHILD-B: say where baseURL is configured in these files', context: files.slice(half).join('\n'), kind: 'explore' } },
        ], delayMs: latencyMs,
      }, call('finish', { summary: 'baseURL is configured in: ' + files.join(', ') })],
      A: readAll(files.slice(0, half), 'Configured in ' + files.slice(0, half).join(', ')),
      B: readAll(files.slice(half), 'Configured in ' + files.slice(half).join(', ')),
    };
  server.setFallback((request) => {
    const turn = (request.body.messages ?? []).filter((m) => m.role === 'assistant').length;
    return scripts[agentOf(request)]?.[turn] ?? { fail: { status: 500, message: 'bench script ran out' } };
  });
  const settings = resolveSettings({ baseUrl: server.url, model: 'test-model', contextWindow: 1_000_000, policy: { read: 'auto', edit: 'ask', execute: 'ask', network: 'ask' } });
  const llm = new OpenAiLlmClient({ baseUrl: server.url, apiKey: 'sk-bench', model: 'test-model', maxRetries: 0 });
  const host = { ...createTestHost(), store: new NodeStore(path.join(tmp.dir, 'store')) };
  const started = Date.now();
  const outcome = await runTask({ goals: [{ text: 'Find every place the base URL is configured' }], host, settings, roots: [root], llm, onEvent: () => undefined, signal: new AbortController().signal });
  const ms = Date.now() - started;
  if (outcome.reason !== 'completed') throw new Error(`${mode}: ${outcome.reason} ${outcome.summary}`);
  const size = (r: RecordedRequest): number => Math.ceil(JSON.stringify(r.body.messages ?? []).length / 3.5);
  const peak = Math.max(...server.requests.filter((r) => agentOf(r) === 'P').map(size));
  const all = server.requests.reduce((n, r) => n + size(r), 0);
  const requests = server.requests.length;
  await server.close();
  tmp.cleanup();
  return { peak, all, ms, requests };
}

async function main(): Promise<void> {
  const tmp = makeTempDir();
  const root = path.join(tmp.dir, 'openai-src');
  cpSync(source, root, { recursive: true });
  const files = filesMentioning(root, 'baseURL');
  console.log(`Repository: openai SDK sources (node_modules/openai/src), ${files.length} files mention baseURL; model latency ${latencyMs} ms; median of ${repeats}.`);
  const median = (xs: number[]): number => xs.slice().sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const rows: Record<string, { peak: number; all: number; ms: number; requests: number }> = {};
  for (const mode of ['single', 'split'] as const) {
    const runs = [];
    for (let i = 0; i < repeats; i++) runs.push(await runOnce(mode, root, files));
    rows[mode] = { peak: median(runs.map((r) => r.peak)), all: median(runs.map((r) => r.all)), ms: median(runs.map((r) => r.ms)), requests: runs[0].requests };
  }
  console.log('| run | parent peak context (est. tokens) | all requests (est. tokens) | model requests | wall time (ms) |');
  console.log('|---|---|---|---|---|');
  const label = { single: 'one agent reads every file', split: 'parent + 2 parallel explore children' };
  for (const mode of ['single', 'split'] as const) console.log(`| ${label[mode]} | ${rows[mode].peak} | ${rows[mode].all} | ${rows[mode].requests} | ${rows[mode].ms} |`);
  console.log(`Parent context ${(rows.single.peak / rows.split.peak).toFixed(1)}× smaller (target ≥ 3×); wall time ${(rows.single.ms / rows.split.ms).toFixed(2)}× faster.`);
  tmp.cleanup();
}

void main().catch((err) => { console.error(err); process.exit(1); });
