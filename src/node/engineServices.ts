/**
 * Everything both hosts add to a task beyond the host itself: the safety rules (with the bash parser), the
 * workspace test runner for the finish rule, checkpoints after every applied change set, and the codebase index
 * (tools, plus a repo map in the prompt). One place, so the CLI and VS Code run the same engine.
 */
import type { Host, Logger } from '../core/host';
import type { TaskOptions } from '../core/loop/runTask';
import type { WorkspaceTestRunner } from '../core/loop/verification';
import { defaultRules } from '../core/policy/defaultRules';
import type { AgentSettings } from '../core/settings';
import { detectTestCommand } from '../core/testing/detectTestCommand';
import { runWorkspaceTests } from '../core/testing/runWorkspaceTests';
import { ChangePipeline, type PipelineOptions } from '../core/edits/changeProposer';
import { checkpointHooks, type CheckpointStore } from '../core/checkpoints/checkpointStore';
import type { Goal } from '../protocol/events';
import type { IndexProgress, RepoMapOptions } from '../core/codebase/types';
import { partialRepoMapNote } from '../core/loop/prompts';
import { mentionedFiles, mentionedIdentifiers } from '../core/codebase/mentions';
import { isAboutTests } from '../core/codebase/testPaths';
import { createParser } from './grammars';
import { ShadowGitCheckpoints } from './checkpoints/shadowGitCheckpoints';
import { indexCacheDir, userCacheDir } from './userCacheDir';
import { WorkspaceIndexer } from './indexer/workspaceIndexer';
import { loadProjectInstructions, type ProjectInstructions } from '../core/instructions/projectInstructions';
import { userConfigDir, userInstructionsFile } from './userConfigDir';
import { createMemoryServices, memoryFolderRuleFor, type MemoryServices } from './memoryServices';
import type { Embedder } from '../core/memory/memorySearch';
import { allTools, memoryToolNames } from '../core/tools';
import { ToolRegistry } from '../core/tools/registry';
import { loadAgentDefinitions } from '../core/agents/agentFiles';
import type { AgentDefinition } from '../core/agents/agentDefinition';

export interface EngineServicesOptions {
  host: Host;
  settings: AgentSettings;
  roots: string[];
  /** The host's storage folder (checkpoints and the index cache live below it); default: the user's cache folder. */
  storageDir?: string;
  onIndexProgress?: (progress: IndexProgress) => void;
  /**
   * A long-lived index owned by the caller (the VS Code host keeps one per workspace for the session); it is only
   * refreshed here, not disposed. Without it, a new index is made for this task and disposed with the services.
   */
  codebase?: WorkspaceIndexer;
  /** False in Restricted Mode: the workspace's instruction files and agent definitions are not loaded. Default true (the CLI). */
  isWorkspaceTrusted?: boolean;
  /** The user's config folder (user-level AGENTS.md, user memory); default `userConfigDir()`. */
  configDir?: string;
  /** The user-level instructions file, when the host has a setting for it; default `<configDir>/AGENTS.md`. */
  userInstructionsFile?: string;
  /** Long-term memory (notes, past tasks, the memory tools); default on. `--no-memory` and Restricted Mode turn it off. */
  isMemoryEnabled?: boolean;
  /** Embeddings for hybrid memory search, when the user configured an embedding model. */
  embedder?: Embedder;
  /** The task's goals, when known: a first index parses the files they name first (see WorkspaceIndexer.prioritize). */
  goals?: readonly Goal[];
}

/** The parts of TaskOptions that come from the engine's services, and what must be disposed afterwards. */
export interface EngineServices extends Pick<TaskOptions, 'rules' | 'runTests' | 'createChanges' | 'contextExtras' | 'tools'> {
  /** Long-term memory for this task; undefined when it is off. */
  memory: MemoryServices | undefined;
  codebase: WorkspaceIndexer;
  checkpoints: CheckpointStore | undefined;
  /**
   * A repo map for the prompt, centred on what the goals mention. When the index has files to parse (a first start),
   * it waits at most `waitMs` (default 1 s) and then gives the map of what is indexed so far, saying so in its first line.
   */
  repoMapFor(goals: readonly Goal[], waitMs?: number): Promise<string | undefined>;
  /** The project's instruction files for the prompt (AGENTS.md, rules files, the user's file). */
  loadInstructions(): Promise<ProjectInstructions>;
  /** The agents the user defined (`.auto-agent/agents/*.md`, not in Restricted Mode; `<config>/agents/*.md`). */
  loadAgents(): Promise<AgentDefinition[]>;
  dispose(): Promise<void>;
}

export async function createEngineServices(options: EngineServicesOptions): Promise<EngineServices> {
  const { host, settings, roots } = options;
  const storageDir = options.storageDir ?? userCacheDir(process.env, host.platform, host.homeDir);
  const codebase = options.codebase ?? createIndexer({ root: roots[0], storageDir, host, onProgress: options.onIndexProgress });
  if (options.goals) codebase.prioritize(goalText(options.goals));
  // Cheap when nothing changed (stat only); picks up edits made outside the agent since the index last looked.
  // Started first: the command analyser's grammar loads while the workspace is walked.
  void codebase.refresh().catch((err: Error) => host.logger.warn(`Indexing failed: ${err.message}`));
  const bashParser = await createParser('bash');
  const checkpoints = openCheckpoints(roots[0], storageDir, host.homeDir, host.logger);
  const configDir = options.configDir ?? userConfigDir(process.env, host.platform, host.homeDir);
  // Restricted Mode: a workspace's notes are its own content, like its rules files, so memory is off as well.
  const isMemoryOn = options.isMemoryEnabled !== false && options.isWorkspaceTrusted !== false;
  const memory = !isMemoryOn ? undefined : createMemoryServices({ host, root: roots[0], storageDir, configDir, embedder: options.embedder });
  return {
    rules: [
      ...defaultRules({ settings, roots, files: host.files, homeDir: host.homeDir, bashParser, git: host.git }),
      memoryFolderRuleFor(host, roots[0], configDir), ...(memory?.rules ?? []),
    ],
    runTests: workspaceTestRunner,
    createChanges: (pipeline) => new ChangePipeline(withHooks(pipeline, checkpoints, codebase)),
    contextExtras: { codebase, ...(memory ? { memory: memory.memory } : {}) },
    tools: memory ? undefined : new ToolRegistry(allTools.filter((t) => !memoryToolNames.has(t.name))),
    memory,
    codebase,
    checkpoints,
    repoMapFor: (goals, waitMs = defaultIndexWaitMs) => repoMapWithin(codebase, goals, waitMs),
    loadInstructions: () => loadProjectInstructions({
      files: host.files, root: roots[0], homeDir: host.homeDir, isWorkspaceTrusted: options.isWorkspaceTrusted ?? true,
      userFile: options.userInstructionsFile ?? userInstructionsFile(configDir),
    }),
    loadAgents: () => loadAgentDefinitions({
      files: host.files, root: roots[0], configDir, homeDir: host.homeDir, isWorkspaceTrusted: options.isWorkspaceTrusted ?? true, warn: (m) => host.logger.warn(m),
    }),
    dispose: async () => {
      if (!options.codebase) await codebase.dispose();
    },
  };
}

/** The codebase index of a workspace root, cached below the host's storage folder. */
export function createIndexer(options: { root: string; storageDir: string; host: Host; onProgress?: (progress: IndexProgress) => void }): WorkspaceIndexer {
  return new WorkspaceIndexer({
    root: options.root, cacheDir: indexCacheDir(options.storageDir), files: options.host.files, onProgress: options.onProgress, logger: options.host.logger,
  });
}

/** A checkpoint after each applied change set, and the index told about the files that changed. */
function withHooks(pipeline: PipelineOptions, checkpoints: CheckpointStore | undefined, codebase: WorkspaceIndexer): PipelineOptions {
  const hooks = checkpoints ? checkpointHooks(checkpoints, pipeline.task.taskId) : undefined;
  return {
    ...pipeline,
    onBeforeApply: hooks?.onBeforeApply,
    onApplied: async (info) => {
      await codebase.update(info.paths.map((p) => ({ kind: 'changed' as const, path: p.abs })));
      await hooks?.onApplied(info);
    },
  };
}

/** Checkpoints are refused for a home folder or a filesystem root; the agent then runs without them. */
function openCheckpoints(workspace: string, storageDir: string, homeDir: string, logger: Logger): CheckpointStore | undefined {
  try {
    return new ShadowGitCheckpoints({ workspace, storageDir, homeDir });
  } catch (err) {
    logger.warn(`Checkpoints are off for this workspace: ${(err as Error).message}`);
    return undefined;
  }
}

/** How long a task waits for a first index before it starts with a partial map. */
export const defaultIndexWaitMs = 1000;

function goalText(goals: readonly Goal[]): string {
  return goals.map((g) => `${g.text}\n${g.successCriterion ?? ''}`).join('\n');
}

/**
 * The map centred on what the goals name: identifiers in code shape, and files by path or name. A warm index is
 * waited for (it only reconciles with the disk); one that is parsing gets `waitMs`, then the map of what it has.
 */
async function repoMapWithin(codebase: WorkspaceIndexer, goals: readonly Goal[], waitMs: number): Promise<string | undefined> {
  const text = goalText(goals);
  codebase.prioritize(text);
  const options = (): RepoMapOptions => ({ tokens: 1500, mentioned: mentionedIdentifiers(text), boostFiles: mentionedFiles(text, codebase.table.paths()), aboutTests: isAboutTests(text) });
  const full = async (): Promise<string | undefined> => { await codebase.whenRefreshed(); return codebase.repoMap(options()); };
  try {
    if ((await codebase.whenParsingOrDone()) === 'done') return nonEmpty(await full());
    const isDone = waitMs > 0 && await Promise.race([codebase.whenRefreshed().then(() => true), delay(waitMs).then(() => false)]);
    if (isDone) return nonEmpty(await full());
    const partial = codebase.partialRepoMap(options());
    return `${partialRepoMapNote(partial.indexed, partial.total)}\n${partial.map}`;
  } catch {
    return undefined;
  }
}

function nonEmpty(map: string | undefined): string | undefined {
  return map && map.trim() !== '' ? map : undefined;
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => (setTimeout(resolve, ms) as unknown as NodeJS.Timeout).unref());
}

/** Runs the detected tests for the finish rule; undefined when the workspace has no test command. */
export const workspaceTestRunner: WorkspaceTestRunner = async (ctx) => {
  if (!(await detectTestCommand(ctx.host.files, ctx.roots[0], ctx.settings.testCommand))) return undefined;
  return runWorkspaceTests(ctx, { isVerification: false });
};
