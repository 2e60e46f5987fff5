/** The CLI's Node host: real files, processes, git, a store under the user's cache directory, terminal approvals. */
import * as os from 'node:os';
import type { Approvals, Host, Logger, TextSearch } from '../core/host';
import { NodeFiles } from '../node/nodeFiles';
import { NodeGit } from '../node/nodeGit';
import { NodeHttp } from '../node/nodeHttp';
import { NodeShell } from '../node/nodeShell';
import { CommandSandbox } from '../node/sandbox/commandSandbox';
import type { SandboxMode } from '../core/policy/sandboxStatus';
import { NodeStore } from '../node/nodeStore';
import { userCacheDir } from '../node/userCacheDir';

/** The CLI's storage (transcripts, checkpoints, index): `$XDG_CACHE_HOME/auto-agent` or `~/.cache/auto-agent`. */
export function cacheDir(env: NodeJS.ProcessEnv): string {
  return userCacheDir(env, process.platform, os.homedir());
}

export interface CliHostOptions {
  approvals: Approvals;
  logger: Logger;
  search: TextSearch;
  env: NodeJS.ProcessEnv;
  /** The OS sandbox for the commands the agent runs (createCliSandbox). */
  sandbox: CommandSandbox;
}

/** The sandbox for `--sandbox MODE`; it also hides the CLI's own storage (transcripts, the index) from commands. */
export function createCliSandbox(mode: SandboxMode, env: NodeJS.ProcessEnv): CommandSandbox {
  return new CommandSandbox({ mode, homeDir: os.homedir(), hiddenPaths: [cacheDir(env)] });
}

export function createCliHost(options: CliHostOptions): Host {
  return {
    files: new NodeFiles(),
    shell: new NodeShell(undefined, options.sandbox),
    approvals: options.approvals,
    store: new NodeStore(cacheDir(options.env)),
    logger: options.logger,
    git: new NodeGit(),
    search: options.search,
    http: new NodeHttp(),
    homeDir: os.homedir(),
    platform: process.platform,
  };
}
