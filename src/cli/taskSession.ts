/**
 * Runs one task in the terminal: the host, the live view (or the JSON stream), Ctrl-C and SIGTERM as a clean
 * stop, and, when a person is at the terminal, a follow-up prompt after the task ends that continues the same
 * conversation with a new instruction. Each run of the task appends to the same transcript.
 */
import type { AgentEvent, RiskClass } from '../protocol/events';
import { createLlmClient } from '../core/llm/createLlmClient';
import type { LlmClient } from '../core/llm/llmClient';
import { runTask, type TaskOptions, type TaskOutcome } from '../core/loop/runTask';
import { loadResumeState, type ResumeState } from '../core/loop/resume';
import { resolveSettings, type AgentSettings } from '../core/settings';
import type { Host, TextSearch } from '../core/host';
import { configureChildEnvironment } from '../node/childProcess';
import { OpenAiEmbedder } from '../core/memory/openAiEmbedder';
import { userConfigDir } from '../node/userConfigDir';
import { createEngineServices } from '../node/engineServices';
import { createMcpServices } from '../node/mcp/mcpServices';
import { allTools, memoryToolNames } from '../core/tools';
import { ToolRegistry } from '../core/tools/registry';
import { deferIfLarge } from '../core/mcp/deferredTools';
import { createWebSearchTool, webSearchProblem, type WebSearchConfig } from '../core/tools/webSearch';
import { modelInfoFor } from '../core/llm/pricing';
import { NodeLogger } from '../node/nodeLogger';
import { describeSandboxStatus } from '../core/policy/sandboxStatus';
import { cacheDir, createCliHost, createCliSandbox } from './cliHost';
import { sandboxSpecFor } from '../core/testing/commandSandboxing';
import type { CliIo } from './cliIo';
import { describeModelError } from './cliMessages';
import { keyVariableOf, resolveEndpoint, type EndpointConfig } from './endpointConfig';
import { EventRenderer } from './eventRenderer';
import type { RunArgs } from './runArgs';
import { StdinLines } from './stdinLines';
import { TerminalApprovals } from './terminalApprovals';
import { createStyle } from './terminalStyle';

const configurationErrors = new Set(['auth', 'forbidden', 'model_not_found', 'no_tool_support']);

export interface SessionPlan {
  args: RunArgs;
  io: CliIo;
  search: TextSearch;
  workspace: string;
  resumed?: ResumeState;
  endpoint: EndpointConfig & { model: string };
}

/** Stops the current run on the first Ctrl-C or SIGTERM; a second Ctrl-C exits at once. */
class StopSignals {
  private controller = new AbortController();
  private readonly onInterrupt = (): void => (this.controller.signal.aborted ? process.exit(1) : this.controller.abort());
  private readonly onTerminate = (): void => this.controller.abort();

  constructor() {
    process.on('SIGINT', this.onInterrupt);
    process.on('SIGTERM', this.onTerminate);
  }

  /** The signal of the current run (a stop that came during start-up is already on it). */
  get current(): AbortSignal {
    return this.controller.signal;
  }

  /** A fresh signal for the next prompt or run. */
  renew(): AbortSignal {
    this.controller = new AbortController();
    return this.controller.signal;
  }

  dispose(): void {
    process.off('SIGINT', this.onInterrupt);
    process.off('SIGTERM', this.onTerminate);
  }
}

export async function runTaskSession(plan: SessionPlan): Promise<number> {
  const { args, io, endpoint } = plan;
  const webSearch = webSearchFrom(args, io.env);
  if (webSearch instanceof Error) {
    io.stderr(`auto-agent: ${webSearch.message}\n`);
    return 2;
  }
  const isInteractive = Boolean(io.isStdinTty && io.isStdoutTty) && !args.isJson;
  const stdin = new StdinLines(io.stdin);
  const approvals = new TerminalApprovals(stdin, io.stderr, createStyle(io.isStderrTty && io.env.NO_COLOR === undefined));
  const secrets = [endpoint.apiKey, webSearch?.apiKey].filter((s): s is string => Boolean(s));
  configureChildEnvironment({ allow: args.passEnv, secretNames: args.secretEnv, secretValues: () => secrets });
  const logger = new NodeLogger({ level: args.isVerbose ? 'debug' : 'warn', secrets });
  const sandbox = createCliSandbox(args.sandboxMode, io.env);
  const host = createCliHost({ approvals, logger, search: plan.search, env: io.env, sandbox });
  const settings = settingsFrom(args, endpoint);
  const sandboxStatus = await host.shell.sandboxStatus?.();
  if (sandboxStatus && !args.isQuiet) io.stderr(`${describeSandboxStatus(sandboxStatus)}\n`);
  const renderer = createRenderer(plan);
  let lastErrorCode: string | undefined;
  const onEvent = (event: AgentEvent): void => {
    if (event.type === 'errorOccurred') lastErrorCode = event.code;
    if (args.isJson) io.stdout(`${JSON.stringify(event)}\n`);
    else renderer.render(event);
  };
  // MCP servers stop with the session, whatever ends it; a configuration that cannot be read is a usage error.
  const mcp = await createMcpServices({ host, workspace: plan.workspace, env: io.env, cliFiles: args.mcpConfigs, reserved: allTools.map((t) => t.name), signal: new AbortController().signal,
    sandboxing: args.isMcpSandboxed ? { sandbox, spec: sandboxSpecFor(settings, [plan.workspace]) } : undefined })
    .catch((err: Error) => err);
  if (mcp instanceof Error) {
    io.stderr(`auto-agent: ${mcp.message}\n`);
    renderer.dispose();
    stdin.dispose();
    return 2;
  }
  const signals = new StopSignals();
  const goals = args.goals.length ? args.goals : plan.resumed?.goals ?? [];
  const services = await createEngineServices({ goals,
    host, settings, roots: [plan.workspace], storageDir: cacheDir(io.env), onIndexProgress: io.isStderrTty && !args.isJson ? indexProgressWriter(io) : undefined,
    configDir: userConfigDir(io.env), isMemoryEnabled: args.isMemoryEnabled, embedder: embedderFrom(io.env, endpoint),
  });
  try {
    if (args.isVerbose) io.stderr(verboseHeader(plan, settings));
    const llmFor = (model: string): LlmClient => createLlmClient({ ...endpoint, model, prices: settings.prices, log: (m) => logger.warn(m) });
    const llm = llmFor(endpoint.model);
    const subagentLlm = settings.subagentModel ? llmFor(settings.subagentModel) : undefined;
    const condenseLlm = condenseClient(args, endpoint, io.env, (m) => logger.warn(m));
    const builtIn = [...(args.isMemoryEnabled ? allTools : allTools.filter((t) => !memoryToolNames.has(t.name))), ...(webSearch ? [createWebSearchTool(webSearch)] : [])];
    const base: Omit<TaskOptions, 'signal' | 'resume'> = {
      goals, host, settings, roots: [plan.workspace], llm, subagentLlm, condenseLlm, onEvent, secrets, taskId: args.resumeTaskId, repoMap: await services.repoMapFor(goals, indexWaitMs(io.env)),
      rules: services.rules, runTests: services.runTests, createChanges: services.createChanges, contextExtras: services.contextExtras,
      // Built-in tools (without the memory tools under --no-memory), then the MCP servers' tools, deferred when large.
      tools: new ToolRegistry([...builtIn, ...deferIfLarge(mcp.tools, modelInfoFor(endpoint.model, settings).contextWindow)]),
      instructions: await services.loadInstructions(),
      agents: await services.loadAgents(), llmForModel: async (model) => llmFor(model),
      recalled: plan.resumed ? undefined : await services.memory?.recalledFor(goals),
      // Reflection notes always ask, so they are only proposed when someone can answer at the terminal.
      reflectIntoMemory: args.isMemoryEnabled && Boolean(io.isStdinTty),
    };
    let resume = plan.resumed?.resume;
    for (let signal = signals.current; ; signal = signals.renew()) {
      const outcome = await runTask({ ...base, signal, resume });
      io.stderr(`Transcript: ${outcome.transcript}\n`);
      // Ctrl-C means "stop": the follow-up prompt is offered after a task ends on its own, not after a stop.
      const canFollowUp = isInteractive && outcome.reason !== 'user_stopped';
      const followUp = canFollowUp ? await askFollowUp(stdin, io, signals.renew()) : undefined;
      if (!followUp) return exitCode(outcome, lastErrorCode);
      resume = await followUpResume(host, outcome, followUp);
      base.taskId = outcome.taskId;
    }
  } finally {
    await services.dispose();
    await mcp.dispose();
    signals.dispose();
    renderer.dispose();
    stdin.dispose();
  }
}

/** AUTO_AGENT_INDEX_WAIT_MS: how long a first index is waited for before the task starts with a partial map. */
function indexWaitMs(env: NodeJS.ProcessEnv): number | undefined {
  const value = Number(env.AUTO_AGENT_INDEX_WAIT_MS);
  return env.AUTO_AGENT_INDEX_WAIT_MS !== undefined && Number.isFinite(value) && value >= 0 ? value : undefined;
}

/** Hybrid memory search when AUTO_AGENT_EMBEDDING_MODEL names an embedding model of the same endpoint. */
function embedderFrom(env: NodeJS.ProcessEnv, endpoint: EndpointConfig): OpenAiEmbedder | undefined {
  const model = env.AUTO_AGENT_EMBEDDING_MODEL?.trim();
  return model ? new OpenAiEmbedder({ baseUrl: endpoint.baseUrl, apiKey: endpoint.apiKey, model }) : undefined;
}

function exitCode(outcome: TaskOutcome, lastErrorCode: string | undefined): number {
  if (outcome.reason === 'completed') return outcome.isVerified ? 0 : 1;
  return outcome.reason === 'model_error' && lastErrorCode && configurationErrors.has(lastErrorCode) ? 2 : 1;
}

/** The next instruction for the same task, or undefined to quit (Enter, Ctrl-D, Ctrl-C). */
async function askFollowUp(stdin: StdinLines, io: CliIo, signal: AbortSignal): Promise<string | undefined> {
  io.stderr('\nFollow up on this task (Enter, Ctrl-D or Ctrl-C to quit):\n> ');
  const line = await stdin.next(signal).catch(() => undefined);
  if (line === undefined) io.stderr('\n');
  return line?.trim() || undefined;
}

async function followUpResume(host: Host, outcome: TaskOutcome, followUp: string): Promise<TaskOptions['resume']> {
  const state = await loadResumeState(host.store, outcome.taskId);
  return { history: state?.resume.history ?? [], plan: state?.resume.plan ?? [], usage: state?.resume.usage ?? outcome.usage, children: state?.resume.children, followUp };
}

function createRenderer({ args, io, endpoint }: SessionPlan): EventRenderer {
  const style = createStyle(!args.isJson && io.isStdoutTty && io.env.NO_COLOR === undefined);
  return new EventRenderer({
    out: io.stdout, status: io.isStderrTty && !args.isJson ? (s) => io.stderr(`\r\x1b[2K${s}`) : undefined, style,
    verbosity: args.isQuiet ? 'quiet' : args.isVerbose ? 'verbose' : 'normal',
    describeError: (event) => describeModelError(event, endpoint.baseUrl, keyVariableOf(endpoint)),
  });
}

function verboseHeader({ endpoint, workspace }: SessionPlan, settings: AgentSettings): string {
  const policy = Object.entries(settings.policy).map(([risk, p]) => `${risk}=${p}`).join(' ');
  const b = settings.budgets;
  return [
    `Endpoint: ${endpoint.provider} ${endpoint.baseUrl} · model ${endpoint.model} · API key ${endpoint.apiKey ? 'set' : 'not set'}`,
    `Workspace: ${workspace}`,
    `Approvals: ${policy}${settings.allowedCommands.length ? ` · allowed commands: ${settings.allowedCommands.join(', ')}` : ''}`,
    `Budgets: ${b.maxSteps} steps · $${b.maxCostUsd} · ${b.maxTokens} tokens · ${Math.round(b.maxWallMs / 60_000)} min`,
    `Test command: ${settings.testCommand ?? 'detected'}`,
    '',
  ].join('\n');
}

function settingsFrom(args: RunArgs, endpoint: EndpointConfig & { model: string }): AgentSettings {
  const auto = new Set<RiskClass>(args.autoApprove);
  const policyOf = (risk: RiskClass): 'auto' | 'ask' => (auto.has(risk) ? 'auto' : 'ask');
  const execute = args.isExecuteSandboxed && !auto.has('execute') ? 'sandboxed' : policyOf('execute');
  return resolveSettings({
    baseUrl: endpoint.baseUrl, model: endpoint.model,
    policy: { read: policyOf('read'), edit: policyOf('edit'), execute, network: policyOf('network') },
    sandboxAllowedHosts: args.sandboxHosts,
    budgets: { maxSteps: args.maxSteps, maxCostUsd: args.maxCostUsd, maxTokens: args.maxTokens, maxWallMs: args.maxTimeMs },
    allowedCommands: args.allowedCommands,
    testCommand: args.testCommand,
    ...(args.price ? { prices: { [endpoint.model]: args.price } } : {}),
    ...(Object.keys(args.modelOverride).length ? { models: { [endpoint.model]: args.modelOverride } } : {}),
    subagentModel: args.subagentModel,
  });
}

/** The condensing model: of the task's endpoint, or of another provider's (its own variables name the endpoint). */
function condenseClient(args: RunArgs, endpoint: EndpointConfig & { model: string }, env: NodeJS.ProcessEnv, log: (m: string) => void): LlmClient | undefined {
  if (!args.condenseModel) return undefined;
  if (!args.condenseProvider || args.condenseProvider === endpoint.provider) return createLlmClient({ ...endpoint, model: args.condenseModel, log });
  const other = resolveEndpoint({ provider: args.condenseProvider, model: args.condenseModel, baseUrl: undefined }, env);
  if (!other) {
    log(`--condense-provider ${args.condenseProvider} has no endpoint (set its base URL or API key variable); condensing keeps to the recorded facts.`);
    return undefined;
  }
  return createLlmClient({ ...other, model: args.condenseModel, log });
}

function indexProgressWriter(io: CliIo): (progress: { phase: string; done: number; total: number }) => void {
  return ({ phase, done, total }) => io.stderr(phase === 'done' ? '\r\x1b[2K' : `\r\x1b[2KIndexing the codebase… ${done}/${total} files`);
}

/** `--search-provider` with its URL and the key from the environment; an Error says what is missing. */
function webSearchFrom(args: RunArgs, env: Readonly<Record<string, string | undefined>>): WebSearchConfig | Error | undefined {
  if (!args.searchProvider) return undefined;
  const keys = { searxng: undefined, brave: env.BRAVE_API_KEY ?? env.BRAVE_SEARCH_API_KEY, tavily: env.TAVILY_API_KEY };
  const config: WebSearchConfig = { provider: args.searchProvider, url: args.searchUrl, apiKey: keys[args.searchProvider]?.trim() || undefined };
  const problem = webSearchProblem(config);
  return problem ? new Error(problem) : config;
}
