/**
 * `auto-agent run`: the headless agent. Exit codes: 0 goals met and verified; 1 stopped (budget, loop, user,
 * refused, unverified, model failure); 2 bad usage or configuration (flags, config file, endpoint, key, model).
 * This file settles what to run (flags and config files, endpoint, workspace, model, the task to resume);
 * taskSession.ts runs it.
 */
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import { createLlmClient, isProvider, providers } from '../core/llm/createLlmClient';
import { LlmError } from '../core/llm/llmErrors';
import { loadResumeState, type ResumeState } from '../core/loop/resume';
import { isUnsafeRoot } from '../core/policy/pathGuard';
import type { TextSearch } from '../core/host';
import { NodeStore } from '../node/nodeStore';
import { cacheDir } from './cliHost';
import { ConfigError, configFlags } from './cliConfig';
import type { CliIo } from './cliIo';
import { describeModelError, reportFailure } from './cliMessages';
import { keyVariableOf, noEndpointHelp, resolveEndpoint, type EndpointConfig } from './endpointConfig';
import { parseRunArgs, UsageError, type RunArgs } from './runArgs';
import { runTaskSession } from './taskSession';
import { withGoalImages } from './goalImages';

/** Runs the agent; `search` is the host's text search (ripgrep or the JS fallback). */
export async function runAgentCommand(argv: string[], io: CliIo, search: TextSearch): Promise<number> {
  const isJson = argv.includes('--json');
  let args: RunArgs;
  try {
    args = await argsWithConfig(argv, io);
  } catch (err) {
    if (err instanceof UsageError) return reportFailure(io, err.message, { isJson, hasHint: true });
    if (err instanceof ConfigError) return reportFailure(io, err.message, { isJson, code: 'config' });
    throw err;
  }
  const namedProvider = io.env.AUTO_AGENT_PROVIDER?.trim();
  if (namedProvider && !isProvider(namedProvider)) return reportFailure(io, `AUTO_AGENT_PROVIDER takes ${providers.join(' or ')}, got "${namedProvider}".`, { isJson, code: 'config' });
  const endpoint = resolveEndpoint(args, io.env);
  if (!endpoint) return reportFailure(io, noEndpointHelp, { isJson, code: 'config' });
  const resumed = args.resumeTaskId ? await loadResumeState(new NodeStore(cacheDir(io.env)), args.resumeTaskId) : undefined;
  if (args.resumeTaskId && !resumed) {
    return reportFailure(io, `There is no transcript with a conversation for task ${args.resumeTaskId} in ${cacheDir(io.env)}. Run auto-agent tasks to list them.`, { isJson });
  }
  const workspace = await workspaceFor(args, resumed, io);
  if (typeof workspace !== 'string') return workspace.exitCode;
  const model = endpoint.model ?? (await pickModel(endpoint, io, isJson));
  if (!model) return 2;
  return runTaskSession({ args, io, search, workspace, resumed, endpoint: { ...endpoint, model } });
}

/** The flags from the user's and the workspace's config files, then the command line's, parsed together. */
async function argsWithConfig(argv: string[], io: CliIo): Promise<RunArgs> {
  const typed = parseRunArgs(argv, io.cwd);
  const fromFiles = await configFlags({ env: io.env, homeDir: os.homedir(), workspace: typed.workspace, warn: (m) => io.stderr(`${m}\n`) });
  return withGoalImages(fromFiles.length ? parseRunArgs([...fromFiles, ...argv], io.cwd) : typed);
}

/**
 * The folder the task runs in, canonical. A resumed task runs in its own workspace (from its transcript)
 * unless --workspace names another; the file-system root and the home folder are refused at once.
 */
async function workspaceFor(args: RunArgs, resumed: ResumeState | undefined, io: CliIo): Promise<string | { exitCode: number }> {
  const isJson = args.isJson;
  const own = resumed?.roots[0];
  const requested = !args.hasWorkspaceFlag && own ? own : args.workspace;
  const workspace = await canonicalFolder(requested);
  if (!workspace) {
    const why = own === requested ? ` (task ${args.resumeTaskId} ran there)` : '';
    return { exitCode: reportFailure(io, `The workspace ${requested}${why} is not a folder.`, { isJson, hasHint: !why }) };
  }
  if (isUnsafeRoot(workspace, os.homedir())) {
    const what = workspace === os.homedir() ? 'your home folder' : 'the root of the file system';
    return { exitCode: reportFailure(io, `The workspace ${workspace} is ${what}: Auto Agent works in one project folder. Pass it with --workspace DIR (or run from inside it).`, { isJson }) };
  }
  if (own && args.hasWorkspaceFlag && (await canonicalFolder(own)) !== workspace) {
    io.stderr(`Note: task ${args.resumeTaskId} ran in ${own}; resuming it in ${workspace} as --workspace asks.\n`);
  }
  return workspace;
}

/** With no model configured, a local server's only (or first) model is used, and named. */
async function pickModel(endpoint: EndpointConfig, io: CliIo, isJson: boolean): Promise<string | undefined> {
  try {
    const models = await createLlmClient({ ...endpoint, model: '' }).listModels();
    if (models.length === 0) {
      reportFailure(io, `The endpoint ${endpoint.baseUrl} lists no models; pass --model NAME.`, { isJson, code: 'config' });
      return undefined;
    }
    io.stderr(`No --model given; using ${models[0]} (the endpoint offers: ${models.slice(0, 8).join(', ')}).\n`);
    return models[0];
  } catch (err) {
    const error = err instanceof LlmError ? err : new LlmError('connection', String(err));
    const hint = error.kind === 'connection' || error.kind === 'stalled' || error.kind === 'auth' ? '' : ' Pass --model NAME to skip the listing.';
    reportFailure(io, `Could not list the models: ${describeModelError({ message: error.message, code: error.kind }, endpoint.baseUrl, keyVariableOf(endpoint))}${hint}`, { isJson, code: 'config' });
    return undefined;
  }
}

async function canonicalFolder(dir: string): Promise<string | undefined> {
  try {
    const real = await fs.realpath(dir);
    return (await fs.stat(real)).isDirectory() ? real : undefined;
  } catch {
    return undefined;
  }
}
