/**
 * Where the VS Code host meets the engine: it builds the Host from VS Code implementations and hands tasks and
 * chat questions to `runTask` / `runChat`. Loaded on first use only (the engine is the heavy part of the bundle).
 */
import * as os from 'node:os';
import * as vscode from 'vscode';
import type { Host, TextSearch } from '../core/host';
import type { LlmClient } from '../core/llm/llmClient';
import { createLlmClient } from '../core/llm/createLlmClient';
import { loadResumeState } from '../core/loop/resume';
import { runTask, type TaskOptions } from '../core/loop/runTask';
import type { AgentSettings } from '../core/settings';
import { ChangePipeline } from '../core/edits/changeProposer';
import { createEngineServices, createIndexer, type EngineServices } from '../node/engineServices';
import { OpenAiEmbedder } from '../core/memory/openAiEmbedder';
import type { WorkspaceIndexer } from '../node/indexer/workspaceIndexer';
import { configureChildEnvironment } from '../node/childProcess';
import { NodeFiles } from '../node/nodeFiles';
import { NodeGit } from '../node/nodeGit';
import { NodeHttp } from '../node/nodeHttp';
import { createTextSearch, firstExisting, vscodeRipgrepCandidates } from '../node/textSearch';
import { NodeShell } from '../node/nodeShell';
import { CommandSandbox } from '../node/sandbox/commandSandbox';
import type { SandboxMode, SandboxStatus } from '../core/policy/sandboxStatus';
import { NodeStore } from '../node/nodeStore';
import type { AgentTerminal } from './agentTerminal';
import type { TaskRunner } from './agentSession';
import type { ApiKeys } from './apiKeys';
import type { VscodeApprovals } from './vscodeApprovals';
import { DiagnosticsChangeProposer } from './diagnosticsProposer';
import { VscodeDiagnostics } from './vscodeDiagnostics';
import { VscodeFiles } from './vscodeFiles';
import type { VscodeLogger } from './vscodeLogger';
import { condenseSettings, endpointChoice, readAgentSettings, readHostSettings, readWebSearchSettings } from './vscodeSettings';
import { EndpointUnreadable, endpointProblem, type RememberedEndpoint } from './endpointGuard';
import { createWebSearchTool, webSearchProblem, type WebSearchConfig } from '../core/tools/webSearch';
import type { ToolDefinition } from '../core/tools/tool';
import { VscodeShell } from './vscodeShell';
import type { VscodeMcp } from './vscodeMcp';
import { allTools } from '../core/tools';
import { ToolRegistry } from '../core/tools/registry';
import { deferIfLarge } from '../core/mcp/deferredTools';
import { modelInfoFor } from '../core/llm/pricing';
import { selectVscodeModel } from './vscodeLmClient';
import { restrictedModeGit, restrictedModeMessage } from './workspaceTrust';

export interface EngineDeps {
  /** The extension's global storage: checkpoints and the index cache (both keyed by workspace) live below it. */
  storageDir: string;
  /** This workspace's storage: the task transcripts (history is per workspace). */
  storeDir: string;
  /** The editor column where edited files are shown (one without the agent panel). */
  /** Where edited files are shown (never over the panel); undefined: not shown, only opened for diagnostics. */
  editorColumn(): vscode.ViewColumn | undefined;
  approvals: VscodeApprovals;
  terminal: AgentTerminal;
  logger: VscodeLogger;
  apiKeys: ApiKeys;
  /** The endpoint the user's settings last chose (kept across windows: see endpointGuard). */
  endpoints: { get(): RememberedEndpoint | undefined; set(endpoint: RememberedEndpoint): void };
  /** The window's MCP servers: their tools join each task's registry. */
  mcp: VscodeMcp;
}

/** The workspace folders as canonical absolute paths (the engine's roots). */
export async function workspaceRoots(files: NodeFiles): Promise<string[]> {
  const folders = (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file');
  return Promise.all(folders.map((f) => files.realpath(f.uri.fsPath).catch(() => f.uri.fsPath)));
}

export class EngineBridge {
  private readonly nodeFiles = new NodeFiles();
  readonly diagnostics: VscodeDiagnostics;
  /** VS Code's own ripgrep (the JS search when it is missing), created once on first search. */
  private readonly search = lazySearch(() => createTextSearch({
    env: process.env, rgPath: firstExisting(vscodeRipgrepCandidates(vscode.env.appRoot)), files: this.nodeFiles,
  }));

  /** The index of the first workspace root, kept for the session: tasks and chat questions only refresh it. */
  private index: { root: string; indexer: WorkspaceIndexer; watcher: { dispose(): void } | undefined } | undefined;
  private readonly sandboxes = new Map<SandboxMode, CommandSandbox>();

  constructor(private readonly deps: EngineDeps) {
    this.diagnostics = new VscodeDiagnostics(deps.editorColumn);
  }

  /** The engine services for one task or chat question, around the session's index. */
  async services(host: Host, settings: AgentSettings, roots: string[]): Promise<EngineServices> {
    const hostSettings = readHostSettings();
    const embedder = hostSettings.embeddingModel
      ? new OpenAiEmbedder({ baseUrl: settings.baseUrl, apiKey: await this.deps.apiKeys.get(), model: hostSettings.embeddingModel, extraHeaders: settings.extraHeaders })
      : undefined;
    return createEngineServices({
      host, settings, roots, storageDir: this.deps.storageDir, codebase: this.indexFor(roots[0], host),
      isWorkspaceTrusted: vscode.workspace.isTrusted, userInstructionsFile: hostSettings.userInstructionsFile,
      isMemoryEnabled: hostSettings.isMemoryEnabled, embedder,
    });
  }

  private indexFor(root: string, host: Host): WorkspaceIndexer {
    if (this.index?.root !== root) {
      void this.dispose();
      const indexer = createIndexer({ root, storageDir: this.deps.storageDir, host });
      // Edits made outside the agent (the user, git, a formatter) reach the index as they happen.
      this.index = { root, indexer, watcher: indexer.watch() };
    }
    return this.index.indexer;
  }

  async dispose(): Promise<void> {
    const index = this.index;
    this.index = undefined;
    index?.watcher?.dispose();
    await index?.indexer.dispose();
  }

  /** The shell with the sandbox of the current `autoAgent.sandbox` mode (probed once per mode). */
  private nodeShell(): NodeShell {
    const { shell, sandbox: mode } = readHostSettings();
    let sandbox = this.sandboxes.get(mode);
    if (!sandbox) {
      sandbox = new CommandSandbox({ mode, homeDir: os.homedir(), hiddenPaths: [this.deps.storageDir, this.deps.storeDir] });
      this.sandboxes.set(mode, sandbox);
    }
    return new NodeShell(shell, sandbox);
  }

  /** The sandbox status line for the panel. */
  async sandboxStatus(): Promise<SandboxStatus> {
    return this.nodeShell().sandboxStatus();
  }

  /**
   * A Host of VS Code implementations, read fresh for each task (settings may have changed). In Restricted Mode
   * git is not run at all: even hardened, it would read the untrusted repository's config.
   */
  createHost(): Host {
    const { approvals, terminal, logger, apiKeys } = this.deps;
    const hostSettings = readHostSettings();
    configureChildEnvironment({ allow: hostSettings.passEnvironment, secretNames: hostSettings.secretEnvironment, secretValues: () => apiKeys.known() });
    return {
      files: new VscodeFiles(this.nodeFiles, (file) => this.diagnostics.remember(file)),
      shell: new VscodeShell(this.nodeShell(), terminal),
      approvals,
      store: new NodeStore(this.deps.storeDir),
      logger,
      git: vscode.workspace.isTrusted ? new NodeGit() : restrictedModeGit,
      search: this.search,
      http: new NodeHttp(),
      homeDir: os.homedir(),
      platform: process.platform,
      diagnostics: this.diagnostics,
    };
  }

  /** The workspace folders as canonical absolute paths. */
  roots(): Promise<string[]> {
    return workspaceRoots(this.nodeFiles);
  }

  get storageDir(): string {
    return this.deps.storageDir;
  }

  /** The secrets to redact from anything shown or sent (the API key as known now). */
  secrets(): string[] {
    return this.deps.apiKeys.known();
  }

  /** The model client; refuses (before anything is sent) when the configured endpoint cannot be read here. */
  async createLlm(settings: AgentSettings): Promise<LlmClient> {
    const choice = endpointChoice(settings);
    const problem = endpointProblem(choice, this.deps.endpoints.get());
    if (problem) throw new EndpointUnreadable(problem);
    if (choice.isUserSet) this.deps.endpoints.set({ provider: choice.provider, baseUrl: choice.baseUrl });
    const provider = settings.provider ?? 'openai';
    if (provider === 'vscode') {
      if (!settings.model) throw new Error('Choose one of VS Code\'s language models first: run "Auto Agent: Select Model".');
      return selectVscodeModel(settings.model, settings.prices);
    }
    return createLlmClient({
      provider, baseUrl: settings.baseUrl, apiKey: await this.deps.apiKeys.get(provider), model: settings.model,
      extraHeaders: settings.extraHeaders, prices: settings.prices, log: (m) => this.deps.logger.warn(m),
    });
  }

  /**
   * The task's registry: the built-in tools, web_search when the user configured a provider, then the MCP
   * servers' tools (deferred behind a search when large).
   */
  private async withMcpTools(builtInRegistry: ToolRegistry | undefined, settings: AgentSettings, signal: AbortSignal): Promise<ToolRegistry | undefined> {
    const builtIn = builtInRegistry ? builtInRegistry.names.map((n) => builtInRegistry.get(n)!) : allTools;
    const search = await this.webSearchTool();
    const mcpTools = await this.deps.mcp.tools([...allTools.map((t) => t.name), 'web_search'], signal);
    if (mcpTools.length === 0 && !search) return builtInRegistry;
    return new ToolRegistry([...builtIn, ...(search ? [search] : []), ...deferIfLarge(mcpTools, modelInfoFor(settings.model, settings).contextWindow)]);
  }

  /** web_search for the configured provider; a configuration that cannot work is logged and leaves it out. */
  private async webSearchTool(): Promise<ToolDefinition | undefined> {
    const chosen = readWebSearchSettings();
    if (!chosen) return undefined;
    const config: WebSearchConfig = { ...chosen, apiKey: chosen.provider === 'searxng' ? undefined : await this.deps.apiKeys.get(chosen.provider) };
    const problem = webSearchProblem(config);
    if (problem) {
      this.deps.logger.warn(`web_search is off: ${problem}`);
      return undefined;
    }
    return createWebSearchTool(config);
  }

  /** The runner the agent session calls for each task. */
  taskRunner(): TaskRunner {
    return async ({ goals, taskId, onEvent, signal }) => {
      // The commands refuse first; this is the last line, so no path can run the agent in Restricted Mode.
      if (!vscode.workspace.isTrusted) throw new Error(restrictedModeMessage);
      const settings = readAgentSettings();
      const host = this.createHost();
      const roots = await workspaceRoots(this.nodeFiles);
      if (roots.length === 0) throw new Error('Open a folder first: the agent works inside workspace folders.');
      const services = await this.services(host, settings, roots);
      // The task's hold on the window's MCP servers (their tools/list_changed listeners) ends with the task.
      const mcpScope = new AbortController();
      try {
        const llm = await this.createLlm(settings);
        const subagentLlm = settings.subagentModel ? await this.createLlm({ ...settings, model: settings.subagentModel }) : undefined;
        const condensing = condenseSettings(settings);
        const condenseLlm = condensing ? await this.createLlm(condensing) : undefined;
        const resume = taskId ? (await loadResumeState(host.store, taskId))?.resume : undefined;
        const { rules, runTests, contextExtras } = services;
        const tools = await this.withMcpTools(services.tools, settings, AbortSignal.any([signal, mcpScope.signal]));
        const createChanges: TaskOptions['createChanges'] = (pipeline) => {
          const inner = services.createChanges ? services.createChanges(pipeline) : new ChangePipeline(pipeline);
          return new DiagnosticsChangeProposer(inner, this.diagnostics, signal);
        };
        const repoMap = await services.repoMapFor(goals);
        const instructions = await services.loadInstructions();
        const agents = await services.loadAgents();
        const llmForModel = (model: string): Promise<LlmClient> => this.createLlm({ ...settings, model });
        const recalled = resume ? undefined : await services.memory?.recalledFor(goals);
        const options: TaskOptions = {
          goals, host, settings, roots, llm, subagentLlm, condenseLlm, onEvent, signal, taskId, secrets: this.deps.apiKeys.known(),
          rules, runTests, createChanges, contextExtras, repoMap, resume, instructions, recalled, tools, agents, llmForModel,
          reflectIntoMemory: services.memory !== undefined,
        };
        const outcome = await runTask(options);
        return { taskId: outcome.taskId, reason: outcome.reason, isVerified: outcome.isVerified, summary: outcome.summary };
      } finally {
        mcpScope.abort();
        await services.dispose();
      }
    };
  }
}

/** A TextSearch whose implementation is built on the first query (finding ripgrep touches the disk). */
function lazySearch(create: () => Promise<TextSearch>): TextSearch {
  let search: Promise<TextSearch> | undefined;
  return { search: async (query) => (await (search ??= create())).search(query) };
}

/** The earlier messages and last plan of a stopped task, from its transcript. */
