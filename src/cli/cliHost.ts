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
  /** The `--sandbox` mode for the commands the agent runs. */
  sandboxMode: SandboxMode;
}

export function createCliHost(options: CliHostOptions): Host {
  return {
    files: new NodeFiles(),
    shell: new NodeShell(undefined, new CommandSandbox({ mode: options.sandboxMode, homeDir: os.homedir(), hiddenPaths: [cacheDir(options.env)] })),
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
