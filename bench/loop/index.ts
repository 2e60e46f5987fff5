/**
 * bench/loop: the loop's own overhead per step, with an instant model, and memory at steps 50 and 500.
 * Two models: an in-process one (the loop alone) and the scripted HTTP server through the real openai SDK.
 * Tool work is excluded from the per-step figure (each step's tool time is subtracted).
 * Run: node --expose-gc --import tsx bench/loop/index.ts [steps]
 */
import * as path from 'node:path';
import type { AgentEvent } from '../../src/protocol/events';
import type { ChatRequest, ChatResponse, LlmClient } from '../../src/core/llm/llmClient';
import { OpenAiLlmClient } from '../../src/core/llm/openAiClient';
import { runTask } from '../../src/core/loop/runTask';
import { resolveSettings } from '../../src/core/settings';
import { NodeStore } from '../../src/node/nodeStore';
import { createTestHost, makeTempDir } from '../../test/support/testHost';
import { startScriptedServer } from '../../test/support/scriptedServer';

const steps = Number(process.argv[2] ?? 500);
const usage = { promptTokens: 1000, completionTokens: 50, cachedTokens: 800, costUsd: 0 };

/** A plan update per step, with changing text so loop detection stays quiet. */
function planCall(step: number): { id: string; name: string; arguments: string } {
  const plan = { steps: [{ text: `Step ${step}: look at module ${step % 37}`, status: 'in_progress' }, { text: 'Verify', status: 'pending' }] };
  return { id: `call_${step}`, name: 'update_plan', arguments: JSON.stringify(plan) };
}

class InstantModel implements LlmClient {
  readonly model = 'bench-model';
  private step = 0;
  async complete(request: ChatRequest): Promise<ChatResponse> {
    this.step++;
    request.onText?.('Working on it.');
    return { text: 'Working on it.', toolCalls: [planCall(this.step)], finishReason: 'tool_calls', usage };
  }
  async listModels(): Promise<string[]> { return [this.model]; }
}

interface Sample { heapMb: number; rssMb: number }

function sample(): Sample {
  (globalThis as { gc?: () => void }).gc?.();
  const m = process.memoryUsage();
  return { heapMb: m.heapUsed / 2 ** 20, rssMb: m.rss / 2 ** 20 };
}

async function measure(label: string, llm: LlmClient): Promise<void> {
  const tmp = makeTempDir('auto-agent-bench-');
  const host = { ...createTestHost(), store: new NodeStore(path.join(tmp.dir, 'store')) };
  const settings = resolveSettings({ baseUrl: 'http://127.0.0.1:9/v1', model: llm.model, budgets: { maxSteps: steps, maxTokens: Infinity, maxCostUsd: Infinity, maxWallMs: Infinity } });
  const stepStarts: number[] = [];
  const toolMs = new Map<number, number>();
  const samples = new Map<number, Sample>();
  const onEvent = (e: AgentEvent): void => {
    if (e.type === 'stepStarted') {
      stepStarts.push(performance.now());
      if (e.step === 50 || e.step === steps) samples.set(e.step, sample());
    }
    if (e.type === 'toolCallCompleted') toolMs.set(stepStarts.length, (toolMs.get(stepStarts.length) ?? 0) + e.durationMs);
  };
  const started = performance.now();
  const outcome = await runTask({ goals: [{ text: 'benchmark' }], host, settings, roots: [tmp.dir], llm, onEvent, signal: new AbortController().signal });
  const total = performance.now() - started;
  const perStep = stepStarts.slice(1).map((t, i) => t - stepStarts[i] - (toolMs.get(i + 1) ?? 0));
  perStep.sort((a, b) => a - b);
  const median = perStep[Math.floor(perStep.length / 2)];
  const p90 = perStep[Math.floor(perStep.length * 0.9)];
  const at50 = samples.get(50);
  const atEnd = samples.get(steps);
  console.log(`| ${label} | ${outcome.steps} | ${median.toFixed(3)} | ${p90.toFixed(3)} | ${(total / outcome.steps).toFixed(3)} | ${at50?.heapMb.toFixed(1)} / ${at50?.rssMb.toFixed(1)} | ${atEnd?.heapMb.toFixed(1)} / ${atEnd?.rssMb.toFixed(1)} |`);
  tmp.cleanup();
}

async function main(): Promise<void> {
  console.log(`Loop overhead, ${steps} steps, tool time excluded (ms); memory heap / RSS (MB) after GC.`);
  console.log(`| model | steps | median ms/step | p90 ms/step | mean ms/step (all) | heap/RSS @50 | heap/RSS @${steps} |`);
  console.log('|---|---|---|---|---|---|---|');
  await measure('in-process instant model', new InstantModel());
  const server = await startScriptedServer();
  let step = 0;
  server.setFallback(() => {
    // The scripted server records requests for tests; here that would be harness memory, not the agent's.
    server.requests.length = 0;
    const call = planCall(++step);
    return { text: 'Working on it.', toolCalls: [{ id: call.id, name: call.name, arguments: call.arguments }] };
  });
  await measure('scripted HTTP server + openai SDK', new OpenAiLlmClient({ baseUrl: server.url, apiKey: 'bench', model: 'bench-model', maxRetries: 0 }));
  await server.close();
  console.log('Targets: median ≤ 5 ms per step (loop alone); memory flat from step 50 to the end apart from the transcript (which is on disk).');
}

void main();
