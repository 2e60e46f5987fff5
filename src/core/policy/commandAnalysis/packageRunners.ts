/**
 * `npx tool`, `npm exec tool`, `npm x tool` (and pnpx, bunx): running a tool the workspace has installed
 * (`node_modules/.bin/tool`) is what `npm run` does anyway; anything else downloads a package from the registry
 * and runs it, so it always asks, as do `--package`, `--yes` and `--call`, which choose what is fetched or run.
 */
import * as path from 'node:path';
import type { WorkspaceFiles } from '../../host';
import { findRoot } from '../pathGuard';
import { commandName } from './commandChecks';
import type { Finding, SimpleCommand } from './commandStructure';

const runners = new Set(['npx', 'pnpx', 'bunx']);
const fetchOptions = /^(-p|--package|-y|--yes|-c|--call|--ignore-existing|--no-install=false)(=|$)/;

/** The tool a package runner runs, when the command is one; undefined otherwise. */
function runnerTool(command: SimpleCommand): { runner: string; args: string[] } | undefined {
  const name = commandName(command) ?? '';
  const args = command.words.slice(1).map((w) => w.value ?? w.loose);
  if (runners.has(name)) return { runner: name, args };
  const sub = args.findIndex((a) => !a.startsWith('-'));
  if (name === 'npm' && (args[sub] === 'exec' || args[sub] === 'x')) return { runner: `npm ${args[sub]}`, args: args.slice(sub + 1) };
  return undefined;
}

/** Asks unless the runner runs a tool installed in the workspace's node_modules/.bin (looked up from cwd to the root). */
export async function checkPackageRunner(command: SimpleCommand, cwd: string, files: WorkspaceFiles, roots: readonly string[]): Promise<Finding[]> {
  const found = runnerTool(command);
  if (!found) return [];
  const ask = (why: string): Finding[] => [{ level: 'ask', reason: `${found.runner} ${why}, which runs code from the registry.` }];
  const toolAt = found.args.findIndex((a) => !a.startsWith('-'));
  const option = found.args.slice(0, toolAt < 0 ? undefined : toolAt).find((a) => fetchOptions.test(a));
  if (option) return ask(`is told to fetch or run something chosen by ${option}`);
  const tool = toolAt < 0 ? undefined : found.args[toolAt];
  if (!tool || !/^[\w.-]+$/.test(tool)) return ask(`runs ${tool ?? 'a package'}, which may be downloaded`);
  const root = findRoot(roots, cwd);
  for (let dir = cwd; root && (dir === root || dir.startsWith(root + path.sep)); dir = path.dirname(dir)) {
    if ((await files.stat(path.join(dir, 'node_modules', '.bin', tool))) !== undefined) return [];
  }
  return ask(`runs ${tool}, which is not installed in the workspace's node_modules/.bin and would be downloaded`);
}
