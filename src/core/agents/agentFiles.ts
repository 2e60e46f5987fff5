/**
 * Finds the agents the user defined: `<root>/.auto-agent/agents/*.md` (skipped in Restricted Mode: a workspace's
 * files must not steer the agent before the user trusts it) and `<user config>/agents/*.md`. A file that does not
 * parse is skipped with a warning that says why.
 */
import * as path from 'node:path';
import type { WorkspaceFiles } from '../host';
import { mergeAgents, parseAgentFile, type AgentDefinition, type AgentSource } from './agentDefinition';

/** The workspace folder of agent files, root-relative (a protected path: writing there always asks). */
export const workspaceAgentsDir = '.auto-agent/agents';
const maxFiles = 50;
const maxFileBytes = 64 * 1024;

export interface AgentFilesOptions {
  files: WorkspaceFiles;
  root: string;
  /** The user's config folder; its `agents/` holds the user-level definitions. */
  configDir: string;
  homeDir: string;
  /** False in Restricted Mode: the workspace's definitions are not loaded. */
  isWorkspaceTrusted: boolean;
  warn(message: string): void;
}

export async function loadAgentDefinitions(options: AgentFilesOptions): Promise<AgentDefinition[]> {
  const { files, root, configDir, homeDir } = options;
  const warn = options.warn;
  const shownWorkspace = (abs: string): string => path.relative(root, abs).split(path.sep).join('/');
  const shownUser = (abs: string): string => (abs.startsWith(homeDir + path.sep) ? `~/${path.relative(homeDir, abs).split(path.sep).join('/')}` : abs);
  const workspace = options.isWorkspaceTrusted ? await readFolder(files, { dir: path.join(root, workspaceAgentsDir), source: 'workspace', shown: shownWorkspace, warn }) : [];
  const user = await readFolder(files, { dir: path.join(configDir, 'agents'), source: 'user', shown: shownUser, warn });
  return mergeAgents(workspace, user);
}

interface Folder {
  dir: string;
  source: AgentSource;
  shown(abs: string): string;
  warn(message: string): void;
}

async function readFolder(files: WorkspaceFiles, { dir, source, shown, warn }: Folder): Promise<AgentDefinition[]> {
  const entries = await files.list(dir).catch(() => []);
  const names = entries.filter((e) => !e.isDirectory && e.name.endsWith('.md')).map((e) => e.name).sort().slice(0, maxFiles);
  const out: AgentDefinition[] = [];
  for (const name of names) {
    const abs = path.join(dir, name);
    const stat = await files.stat(abs).catch(() => undefined);
    if (!stat?.isFile) continue;
    if (stat.size > maxFileBytes) {
      warn(`Agent file ${shown(abs)} skipped: larger than ${maxFileBytes / 1024} KB.`);
      continue;
    }
    const parsed = parseAgentFile(new TextDecoder('utf-8').decode(await files.readFile(abs)), { source, path: shown(abs) });
    if ('error' in parsed) warn(`Agent file skipped: ${parsed.error}.`);
    else if (out.some((a) => a.name === parsed.name)) warn(`Agent file ${parsed.path} skipped: another file already defines "${parsed.name}".`);
    else out.push(parsed);
  }
  return out;
}
