/**
 * The safety rules every task runs with, in the order the gate applies them. The composition root passes the
 * bash parser (`await createParser('bash')` from src/node/grammars.ts), because core loads no WASM itself.
 */
import type { GitHost, WorkspaceFiles } from '../host';
import type { AgentSettings } from '../settings';
import type { BashParser } from './commandAnalysis/bashParser';
import { commandRule } from './commandAnalysis/commandRule';
import { networkRule } from './networkRule';
import { outsideWritesRule } from './outsideWritesRule';
import type { PermissionRule } from './permissionGate';
import { ProtectedPathCheck, ProtectedPaths, defaultProtectedGlobs, protectedFilesRule } from './protectedFiles';

export interface DefaultRulesOptions {
  settings: AgentSettings;
  /** Workspace roots, absolute and canonical. */
  roots: readonly string[];
  files: WorkspaceFiles;
  homeDir: string;
  bashParser: BashParser;
  /** The repository's git: writes to the hooks folder and included files its config names ask. */
  git?: Pick<GitHost, 'behaviourPaths'>;
}

/** Protected files, outside writes, command analysis and the network allow-list, configured from settings. */
export function defaultRules(options: DefaultRulesOptions): PermissionRule[] {
  const { settings, roots, files, homeDir } = options;
  const protectedPaths = new ProtectedPaths([...defaultProtectedGlobs, ...(settings.protectedPaths ?? [])]);
  const check = new ProtectedPathCheck({ roots, files, homeDir, protectedPaths });
  return [
    outsideWritesRule({ roots, files, homeDir, outsideWrites: settings.outsideWrites ?? 'deny' }),
    protectedFilesRule({ roots, files, homeDir, protectedPaths, git: options.git }),
    commandRule({ parser: options.bashParser, allowedCommands: settings.allowedCommands, roots, files, homeDir, protectedPaths: check }),
    networkRule(settings.allowedHosts ?? []),
  ];
}
