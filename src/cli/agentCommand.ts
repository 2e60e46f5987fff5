/**
 * `auto-agent run`: the headless agent. Exit codes: 0 goals met and verified; 1 stopped (budget, loop, user,
 * refused, unverified, model failure); 2 bad usage or configuration (flags, endpoint, key, model).
 */
import { promises as fs } from 'node:fs';
import type { AgentEvent, RiskClass } from '../protocol/events';
import { OpenAiLlmClient } from '../core/llm/llmClient';
import { LlmError } from '../core/llm/llmErrors';
import { runTask, type TaskOptions } from '../core/loop/runTask';
import { loadResumeState } from '../core/loop/resume';
import { resolveSettings, type AgentSettings } from '../core/settings';
import type { TextSearch } from '../core/host';
import { createEngineServices } from '../node/engineServices';
import { userConfigDir } from '../node/userConfigDir';
import { OpenAiEmbedder } from '../core/memory/openAiEmbedder';
import { NodeLogger } from '../node/nodeLogger';
import { cacheDir, createCliHost } from './cliHost';
import type { CliIo } from './cliIo';
import { noEndpointHelp, resolveEndpoint, type EndpointConfig } from './endpointConfig';
import { EventRenderer } from './eventRenderer';
import { parseRunArgs, UsageError, type RunArgs } from './runArgs';
import { TerminalApprovals } from './terminalApprovals';
import { createStyle } from './terminalStyle';

const configurationErrors = new Set(['auth', 'forbidden', 'model_not_found', 'no_tool_support']);

/** Runs the agent; `search` is the host's text search (ripgrep or the JS fallback). */
export async function runAgentCommand(argv: string[], io: CliIo, search: TextSearch): Promise<number> {
  let args: RunArgs;
  try {
    args = parseRunArgs(argv, io.cwd);
  } catch (err) {
    if (err instanceof UsageError) return usageFailure(io, err.message);
    throw err;
  }
  const endpoint = resolveEndpoint(args, io.env);
  if (!endpoint) return usageFailure(io, noEndpointHelp, false);
  const workspace = await canonicalWorkspace(args.workspace);
  if (!workspace) return usageFailure(io, `The workspace ${args.workspace} is not a folder.`);
  const model = endpoint.model ?? (await pickModel(endpoint, io));
  if (!model) return 2;
  return execute({ args, io, search, workspace, endpoint: { ...endpoint, model } });
}

interface Execution {
  args: RunArgs;
  io: CliIo;
  search: TextSearch;
  workspace: string;
  endpoint: EndpointConfig & { model: string };
}

async function execute(run: Execution): Promise<number> {
  const { args, io, endpoint } = run;
  const style = createStyle(!args.isJson && io.isStdoutTty && io.env.NO_COLOR === undefined);
  const approvals = new TerminalApprovals(io.stdin, io.stderr, createStyle(io.isStderrTty && io.env.NO_COLOR === undefined));
  const secrets = endpoint.apiKey ? [endpoint.apiKey] : [];
  const logger = new NodeLogger({ level: args.isVerbose ? 'debug' : 'warn', secrets });
  const host = createCliHost({ approvals, logger, search: run.search, env: io.env });
  const settings = settingsFrom(args, endpoint);
  const renderer = new EventRenderer({ out: io.stdout, status: io.isStderrTty && !args.isJson ? statusWriter(io) : undefined, style });
  let lastErrorCode: string | undefined;
  const onEvent = (event: AgentEvent): void => {
    if (event.type === 'errorOccurred') lastErrorCode = event.code;
    if (args.isJson) io.stdout(`${JSON.stringify(event)}\n`);
    else renderer.render(event);
  };
  const controller = new AbortController();
  const onSigint = (): void => (controller.signal.aborted ? process.exit(1) : controller.abort());
  process.on('SIGINT', onSigint);
  try {
    const resumed = args.resumeTaskId ? await loadResumeState(host.store, args.resumeTaskId) : undefined;
    if (args.resumeTaskId && !resumed) return usageFailure(io, `There is no transcript with a conversation for task ${args.resumeTaskId} in ${cacheDir(io.env)}.`, false);
    const goals = args.goals.length ? args.goals : resumed?.goals ?? [];
    const llm = new OpenAiLlmClient({ baseUrl: endpoint.baseUrl, apiKey: endpoint.apiKey, model: endpoint.model, prices: settings.prices });
    const onIndexProgress = io.isStderrTty && !args.isJson ? indexProgressWriter(io) : undefined;
    const services = await createEngineServices({
      host, settings, roots: [run.workspace], storageDir: cacheDir(io.env), onIndexProgress, configDir: userConfigDir(io.env),
      isMemoryEnabled: args.isMemoryEnabled, embedder: embedderFrom(io.env, endpoint),
    });
    const { rules, runTests, createChanges, contextExtras, tools } = services;
    const repoMap = await services.repoMapFor(goals);
    const instructions = await services.loadInstructions();
    const recalled = resumed ? undefined : await services.memory?.recalledFor(goals);
    const options: TaskOptions = {
      goals, host, settings, roots: [run.workspace], llm, onEvent, signal: controller.signal, secrets, resume: resumed?.resume,
      rules, runTests, createChanges, contextExtras, repoMap, instructions, recalled, tools,
      // Reflection notes always ask, so they are only proposed when someone can answer at the terminal.
      reflectIntoMemory: args.isMemoryEnabled && (io.stdin as { isTTY?: boolean }).isTTY === true,
    };
    const outcome = await runTask(options).finally(() => services.dispose());
    io.stderr(`Transcript: ${outcome.transcript}\n`);
    if (outcome.reason === 'completed') return outcome.isVerified ? 0 : 1;
    return outcome.reason === 'model_error' && lastErrorCode && configurationErrors.has(lastErrorCode) ? 2 : 1;
  } finally {
    process.off('SIGINT', onSigint);
    renderer.dispose();
    approvals.dispose();
  }
}

/** Hybrid memory search when AUTO_AGENT_EMBEDDING_MODEL names an embedding model of the same endpoint. */
function embedderFrom(env: NodeJS.ProcessEnv, endpoint: EndpointConfig): OpenAiEmbedder | undefined {
  const model = env.AUTO_AGENT_EMBEDDING_MODEL?.trim();
  return model ? new OpenAiEmbedder({ baseUrl: endpoint.baseUrl, apiKey: endpoint.apiKey, model }) : undefined;
}

function settingsFrom(args: RunArgs, endpoint: EndpointConfig & { model: string }): AgentSettings {
  const auto = new Set<RiskClass>(args.autoApprove);
  const policyOf = (risk: RiskClass): 'auto' | 'ask' => (auto.has(risk) ? 'auto' : 'ask');
  return resolveSettings({
    baseUrl: endpoint.baseUrl, model: endpoint.model,
    policy: { read: policyOf('read'), edit: policyOf('edit'), execute: policyOf('execute'), network: policyOf('network') },
    budgets: { maxSteps: args.maxSteps, maxCostUsd: args.maxCostUsd, maxTokens: args.maxTokens, maxWallMs: args.maxTimeMs },
    allowedCommands: args.allowedCommands,
    testCommand: args.testCommand,
  });
}

/** With no model configured, a local server's only (or first) model is used, and named. */
async function pickModel(endpoint: EndpointConfig, io: CliIo): Promise<string | undefined> {
  try {
    const models = await new OpenAiLlmClient({ baseUrl: endpoint.baseUrl, apiKey: endpoint.apiKey, model: '' }).listModels();
    if (models.length === 0) {
      io.stderr(`The endpoint ${endpoint.baseUrl} lists no models; pass --model NAME.\n`);
      return undefined;
    }
    io.stderr(`No --model given; using ${models[0]} (the endpoint offers: ${models.slice(0, 8).join(', ')}).\n`);
    return models[0];
  } catch (err) {
    io.stderr(`Could not list the models of ${endpoint.baseUrl}: ${err instanceof LlmError ? err.message : String(err)}\nPass --model NAME.\n`);
    return undefined;
  }
}


async function canonicalWorkspace(dir: string): Promise<string | undefined> {
  try {
    const real = await fs.realpath(dir);
    return (await fs.stat(real)).isDirectory() ? real : undefined;
  } catch {
    return undefined;
  }
}

function indexProgressWriter(io: CliIo): (progress: { phase: string; done: number; total: number }) => void {
  return ({ phase, done, total }) => io.stderr(phase === 'done' ? '\r\x1b[2K' : `\r\x1b[2KIndexing the codebase… ${done}/${total} files`);
}

function statusWriter(io: CliIo): (s: string) => void {
  return (s) => io.stderr(`\r\x1b[2K${s}`);
}

function usageFailure(io: CliIo, message: string, hasHint = true): number {
  io.stderr(`${message}\n${hasHint ? 'Run auto-agent run --help for the options.\n' : ''}`);
  return 2;
}
