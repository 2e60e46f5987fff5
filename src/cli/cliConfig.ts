/**
 * The CLI's config files: defaults for `auto-agent run`'s flags, from the user's file and then the workspace's.
 * A file is a JSON object whose keys are long flag names ("max-steps": 50, "allow-command": ["npm test"]); the
 * values become flags placed before the command line's own, so they are validated like typed flags and the
 * command line wins. The trust rule is VS Code's machine scope: a workspace's file is written by whoever wrote
 * the repository, so it may not choose where code and keys are sent, what runs without asking, or the shell.
 * A new flag becomes configurable by adding one line to `configurableFlags`.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';

/** One flag a config file may set. */
interface ConfigurableFlag {
  /** Only the user's own file may set it (VS Code's `machine` scope). */
  isMachineScoped: boolean;
  /** An environment variable that, when set, wins over the config files. */
  env?: string;
}

export const configurableFlags: Record<string, ConfigurableFlag> = {
  model: { isMachineScoped: false, env: 'AUTO_AGENT_MODEL' },
  'base-url': { isMachineScoped: true, env: 'OPENAI_BASE_URL' },
  provider: { isMachineScoped: true, env: 'AUTO_AGENT_PROVIDER' },
  price: { isMachineScoped: false },
  'condense-model': { isMachineScoped: false },
  // Where condensed rounds (workspace content) are sent: the user's choice, like provider.
  'condense-provider': { isMachineScoped: true },
  'context-window': { isMachineScoped: false },
  vision: { isMachineScoped: false },
  tools: { isMachineScoped: false },
  yes: { isMachineScoped: true },
  approve: { isMachineScoped: true },
  'allow-command': { isMachineScoped: true },
  'max-steps': { isMachineScoped: false },
  'max-cost': { isMachineScoped: false },
  'max-tokens': { isMachineScoped: false },
  'max-time': { isMachineScoped: false },
  'test-command': { isMachineScoped: false },
  verbose: { isMachineScoped: false },
  quiet: { isMachineScoped: false },
  sandbox: { isMachineScoped: true },
  'sandbox-host': { isMachineScoped: true },
  'mcp-config': { isMachineScoped: true },
  // Only tightens (a workspace can turn it on, never off), so a workspace file may set it.
  'sandbox-mcp': { isMachineScoped: false },
  // Machine-scoped: a repository's file must not send the agent's searches to a server it chose.
  'search-provider': { isMachineScoped: true },
  'search-url': { isMachineScoped: true },
};

/** Where the two files live. */
export function configPaths(env: NodeJS.ProcessEnv, homeDir: string, workspace: string): { user: string; workspace: string } {
  const configHome = env.XDG_CONFIG_HOME?.trim() || path.join(homeDir, '.config');
  return { user: path.join(configHome, 'auto-agent', 'config.json'), workspace: path.join(workspace, '.auto-agent', 'config.json') };
}

/** A config file that cannot be used: the CLI says which and why, and exits 2. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

export interface ConfigSources {
  env: NodeJS.ProcessEnv;
  homeDir: string;
  workspace: string;
  /** Told about keys that were ignored (unknown, or not allowed in a workspace's file). */
  warn(message: string): void;
}

/** The flags both files add, user's first; an absent file adds nothing. */
export async function configFlags(sources: ConfigSources): Promise<string[]> {
  const files = configPaths(sources.env, sources.homeDir, sources.workspace);
  const user = await readConfig(files.user);
  const workspace = path.resolve(files.workspace) === path.resolve(files.user) ? undefined : await readConfig(files.workspace);
  return [...toFlags(user, files.user, false, sources), ...toFlags(workspace, files.workspace, true, sources)];
}

async function readConfig(file: string): Promise<Record<string, unknown> | undefined> {
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new ConfigError(`Could not read the config file ${file}: ${(err as Error).message}`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new ConfigError(`The config file ${file} is not valid JSON: ${(err as Error).message}`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new ConfigError(`The config file ${file} must hold a JSON object of flag names and values.`);
  return value as Record<string, unknown>;
}

function toFlags(config: Record<string, unknown> | undefined, file: string, isWorkspace: boolean, sources: ConfigSources): string[] {
  if (!config) return [];
  const flags: string[] = [];
  for (const [key, value] of Object.entries(config)) {
    const known = configurableFlags[key];
    if (!known) {
      sources.warn(`${file}: "${key}" is not a setting; it is ignored. Settings: ${Object.keys(configurableFlags).join(', ')}.`);
      continue;
    }
    if (isWorkspace && known.isMachineScoped) {
      sources.warn(`${file}: "${key}" can only be set in your own config file (${configPaths(sources.env, sources.homeDir, sources.workspace).user}) or on the command line; the workspace's value is ignored.`);
      continue;
    }
    if (known.env && sources.env[known.env]?.trim()) continue;
    flags.push(...flagValues(key, value, file));
  }
  return flags;
}

function flagValues(key: string, value: unknown, file: string): string[] {
  if (typeof value === 'boolean') return value ? [`--${key}`] : [];
  if (typeof value === 'string' || typeof value === 'number') return [`--${key}=${value}`];
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return value.map((v) => `--${key}=${v}`);
  throw new ConfigError(`${file}: "${key}" must be a string, a number, true/false or a list of strings.`);
}
