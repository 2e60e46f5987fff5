/**
 * bench/sandbox: what the OS sandbox costs and what it saves.
 * 1. Overhead per command: `true` through NodeShell with and without bubblewrap, interleaved, median of each
 *    (target: the difference ≤ 20 ms), in a small workspace and in this repository (the protected-path walk).
 * 2. Approvals of a normal scripted task (list, build, create a file, run the tests, finish) under the
 *    `sandboxed` execute level with the sandbox on versus off (target: none with it on).
 * Run: node --import tsx bench/sandbox/index.ts [runs]
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import type { AgentEvent } from '../../src/protocol/events';
import type { ChatRequest, ChatResponse, LlmClient } from '../../src/core/llm/llmClient';
import type { ProcessOptions } from '../../src/core/host';
import { defaultProtectedGlobs } from '../../src/core/policy/protectedFiles';
import type { SandboxMode } from '../../src/core/policy/sandboxStatus';
import { runTask } from '../../src/core/loop/runTask';
import { resolveSettings } from '../../src/core/settings';
import { createEngineServices } from '../../src/node/engineServices';
import { NodeShell } from '../../src/node/nodeShell';
import { CommandSandbox } from '../../src/node/sandbox/commandSandbox';
import { createTestHost, makeTempDir, ScriptedApprovals } from '../../test/support/testHost';

const runs = Number(process.argv[2] ?? 40);

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

async function overhead(label: string, root: string): Promise<void> {
  const plain = new NodeShell();
  const boxed = new NodeShell('/bin/bash', new CommandSandbox({ mode: 'on' }));
  const base: ProcessOptions = { cwd: root, timeoutMs: 10_000, maxOutputBytes: 4096 };
  const sandboxed: ProcessOptions = { ...base, sandbox: { writableRoots: [root], protectedGlobs: defaultProtectedGlobs, allowedHosts: [] } };
  await boxed.run('true', sandboxed);
  const plainMs: number[] = [];
  const boxedMs: number[] = [];
  for (let i = 0; i < runs; i++) {
    let t = performance.now();
    await plain.run('true', base);
    plainMs.push(performance.now() - t);
    t = performance.now();
    const result = await boxed.run('true', sandboxed);
    boxedMs.push(performance.now() - t);
    if (result.exitCode !== 0) throw new Error(`sandboxed true failed: ${result.output}`);
  }
  const [p, b] = [median(plainMs), median(boxedMs)];
  console.log(`| ${label} | ${runs} | ${p.toFixed(1)} | ${b.toFixed(1)} | ${(b - p).toFixed(1)} | ${(b / p).toFixed(2)} |`);
}

/** A model that plays a fixed, ordinary task: look, build, add a file, test, finish. */
class ScriptedTaskModel implements LlmClient {
  readonly model = 'bench-model';
  private step = 0;
  private readonly calls = [
    { name: 'run_command', arguments: { command: 'ls -la' } },
    { name: 'run_command', arguments: { command: 'node build.js && cat dist/out.txt' } },
    { name: 'create_file', arguments: { path: 'src/extra.js', content: 'module.exports = 42;\n' } },
    { name: 'run_tests', arguments: {} },
    { name: 'finish', arguments: { summary: 'Built, added a module, tests pass.' } },
  ];
  async complete(_request: ChatRequest): Promise<ChatResponse> {
    const call = this.calls[Math.min(this.step, this.calls.length - 1)];
    this.step++;
    return { text: '', toolCalls: [{ id: `call_${this.step}`, name: call.name, arguments: JSON.stringify(call.arguments) }], finishReason: 'tool_calls', usage: { promptTokens: 10, completionTokens: 5, cachedTokens: 0, costUsd: 0 } };
  }
  async listModels(): Promise<string[]> {
    return [this.model];
  }
}

async function approvalsOfTask(mode: SandboxMode): Promise<void> {
  const tmp = makeTempDir('auto-agent-bench-sandbox-');
  const root = path.join(tmp.dir, 'ws');
  mkdirSync(path.join(root, 'test'), { recursive: true });
  writeFileSync(path.join(root, 'package.json'), JSON.stringify({ name: 'p', version: '1.0.0', scripts: { test: 'node --test test/' } }));
  writeFileSync(path.join(root, 'build.js'), "require('fs').mkdirSync('dist', { recursive: true }); require('fs').writeFileSync('dist/out.txt', 'built');\n");
  writeFileSync(path.join(root, 'test', 'a.test.js'), "require('node:test')('ok', () => {});\n");
  const approvals = new ScriptedApprovals();
  const host = { ...createTestHost({ approvals, shell: new NodeShell('/bin/bash', new CommandSandbox({ mode })) }) };
  const settings = resolveSettings({ baseUrl: 'http://127.0.0.1:9/v1', model: 'bench-model', policy: { read: 'auto', edit: 'auto', execute: 'sandboxed', network: 'ask' } });
  const services = await createEngineServices({ host, settings, roots: [root], storageDir: path.join(tmp.dir, 'storage') });
  const events: AgentEvent[] = [];
  const outcome = await runTask({ goals: [{ text: 'build and test' }], host, settings, roots: [root], llm: new ScriptedTaskModel(), onEvent: (e) => events.push(e), signal: new AbortController().signal, rules: services.rules, runTests: services.runTests });
  await services.dispose();
  const commands = events.filter((e) => e.type === 'toolCallProposed' && ['run_command', 'run_tests'].includes(e.name)).length;
  console.log(`| sandbox ${mode} | ${outcome.reason}${outcome.isVerified ? ', verified' : ''} | ${commands} | ${approvals.requests.length} | ${approvals.requests.map((r) => r.title).join('; ') || '-'} |`);
  tmp.cleanup();
}

async function main(): Promise<void> {
  const small = makeTempDir('auto-agent-bench-ws-');
  mkdirSync(path.join(small.dir, '.git'));
  writeFileSync(path.join(small.dir, 'package.json'), '{}');
  console.log('Overhead of the sandbox per command (`true`), median ms, interleaved runs.');
  console.log('| workspace | runs | unsandboxed | sandboxed | overhead | ratio |');
  console.log('|---|---|---|---|---|---|');
  await overhead('small temp workspace', small.dir);
  await overhead('this repository (protected-path walk)', path.resolve(__dirname, '../..'));
  small.cleanup();
  console.log('\nApprovals of a normal scripted task (execute: sandboxed; read and edit: auto).');
  console.log('| run | outcome | commands | approvals | asked for |');
  console.log('|---|---|---|---|---|');
  await approvalsOfTask('on');
  await approvalsOfTask('off');
}

void main();
