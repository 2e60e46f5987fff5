/** Runs real tasks against the scripted server for the loop tests: real client, files, shell and transcript. */
import * as path from 'node:path';
import type { AgentEvent, Goal } from '../../../src/protocol/events';
import { OpenAiLlmClient, type LlmClientOptions } from '../../../src/core/llm/openAiClient';
import { AnthropicLlmClient } from '../../../src/core/llm/anthropicClient';
import type { LlmClient } from '../../../src/core/llm/llmClient';
import { startAnthropicServer } from '../../support/anthropicServer';
import { runTask, type TaskOptions, type TaskOutcome } from '../../../src/core/loop/runTask';
import { resolveSettings, type AgentSettings } from '../../../src/core/settings';
import { NodeStore } from '../../../src/node/nodeStore';
import { createTestHost, makeTempDir, ScriptedApprovals } from '../../support/testHost';
import { startScriptedServer, type ScriptedServer, type ServerProfile } from '../../support/scriptedServer';

export interface Harness {
  server: ScriptedServer;
  dir: string;
  approvals: ScriptedApprovals;
  /** Where the tasks' transcripts are stored (for resume). */
  storeDir: string;
  run(options?: { goals?: Goal[]; settings?: Partial<AgentSettings>; signal?: AbortSignal; extra?: Partial<TaskOptions>; onEvent?: (e: AgentEvent) => void }): Promise<{ outcome: TaskOutcome; events: AgentEvent[] }>;
  close(): Promise<void>;
}

/** `profile` makes the server speak one real server's dialect; `llm` adjusts the client for it (base URL, model). */
export interface HarnessOptions {
  profile?: ServerProfile;
  llm?: (server: ScriptedServer) => Partial<LlmClientOptions>;
  /** `anthropic`: the scripted Anthropic server and the native Anthropic adapter (default: OpenAI-compatible). */
  provider?: 'openai' | 'anthropic';
}

export async function createHarness(harnessOptions: HarnessOptions = {}): Promise<Harness> {
  const isAnthropic = harnessOptions.provider === 'anthropic';
  const server = isAnthropic ? await startAnthropicServer() : await startScriptedServer({ profile: harnessOptions.profile });
  const tmp = makeTempDir();
  const approvals = new ScriptedApprovals();
  const dir = path.join(tmp.dir, 'work');
  const { mkdirSync } = await import('node:fs');
  mkdirSync(dir);
  const storeDir = path.join(tmp.dir, 'store');
  return {
    server, dir, approvals, storeDir,
    async run(options = {}) {
      const events: AgentEvent[] = [];
      const host = { ...createTestHost({ approvals }), store: new NodeStore(storeDir) };
      const settings = resolveSettings({ baseUrl: server.url, model: 'test-model', policy: { read: 'auto', edit: 'auto', execute: 'auto', network: 'ask' }, ...options.settings });
      const common = { baseUrl: server.url, apiKey: 'sk-harness-secret-0123456789', model: settings.model, maxRetries: 0, prices: settings.prices };
      const llm: LlmClient = isAnthropic ? new AnthropicLlmClient(common) : new OpenAiLlmClient({ ...common, ...harnessOptions.llm?.(server) });
      const outcome = await runTask({
        goals: options.goals ?? [{ text: 'Do the thing' }], host, settings, roots: [dir], llm,
        onEvent: (e) => { events.push(e); options.onEvent?.(e); }, signal: options.signal ?? new AbortController().signal,
        secrets: ['sk-harness-secret-0123456789'], ...options.extra,
      });
      return { outcome, events };
    },
    async close() {
      await server.close();
      tmp.cleanup();
    },
  };
}

/** The text of every message the model was sent in request `index`. */
export function sentText(server: ScriptedServer, index: number): string {
  return JSON.stringify(server.requests[index]?.body.messages ?? []);
}
