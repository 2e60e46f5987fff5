/**
 * Long-term memory for one task, as both hosts build it: the two scopes' folders (the workspace's
 * `.auto-agent/memory/`, the user's `~/.config/auto-agent/memory/`), the index cached below the host's storage
 * folder, the provenance rule, and the notes recalled for the goals within a token budget.
 */
import { createHash } from 'node:crypto';
import * as path from 'node:path';
import type { Host } from '../core/host';
import type { PermissionRule } from '../core/policy/permissionGate';
import { MemoryIndex } from '../core/memory/memoryIndex';
import type { Embedder } from '../core/memory/memorySearch';
import { MemoryStore, workspaceMemoryDir, type MemoryDirs } from '../core/memory/memoryStore';
import { memoryFolderRule } from '../core/memory/memoryFolderRule';
import { Provenance, provenanceRule } from '../core/memory/provenance';
import { withinBudget, type RecalledEntry } from '../core/memory/recallFormat';
import type { TaskMemory } from '../core/memory/taskMemory';
import type { Goal } from '../protocol/events';
import { userMemoryDir } from './userConfigDir';

/** Tokens of notes put into the prompt at the start of a task. */
export const recallBudgetTokens = 800;

export interface MemoryServicesOptions {
  host: Host;
  /** The first workspace root, canonical. */
  root: string;
  storageDir: string;
  configDir: string;
  embedder?: Embedder;
}

/** The folders of both scopes for a workspace. */
export function memoryDirsFor(root: string, configDir: string): MemoryDirs {
  return { workspace: workspaceMemoryDir(root), user: userMemoryDir(configDir) };
}

/** The notes and past tasks of a workspace, outside a task (the CLI's `memory` command, the Memory view). */
export function openMemoryIndex(options: MemoryServicesOptions): { store: MemoryStore; index: MemoryIndex } {
  const store = new MemoryStore(options.host.files, memoryDirsFor(options.root, options.configDir));
  const key = createHash('sha256').update(options.root).digest('hex').slice(0, 16);
  const index = new MemoryIndex({
    files: options.host.files, notes: store, tasks: options.host.store, root: options.root,
    cacheFile: path.join(options.storageDir, 'memory', `${key}.json`), embedder: options.embedder, logger: options.host.logger,
  });
  return { store, index };
}

export interface MemoryServices {
  memory: TaskMemory;
  /** The provenance rule (records untrusted reads). */
  rules: PermissionRule[];
  /** The notes most relevant to the goals, within the prompt budget; empty when nothing matches. */
  recalledFor(goals: readonly Goal[]): Promise<RecalledEntry[]>;
}

export function createMemoryServices(options: MemoryServicesOptions): MemoryServices {
  const { store, index } = openMemoryIndex(options);
  const provenance = new Provenance();
  const home = options.host.homeDir;
  const displayPath = (scope: 'workspace' | 'user', id: string): string => {
    const abs = store.pathOf(scope, id);
    if (scope === 'workspace') return path.relative(options.root, abs).split(path.sep).join('/');
    return abs.startsWith(home + path.sep) ? `~/${path.relative(home, abs).split(path.sep).join('/')}` : abs;
  };
  return {
    memory: { store, index, provenance, displayPath },
    rules: [provenanceRule(provenance, [options.root], home)],
    recalledFor: async (goals) => {
      await index.refresh().catch((err: Error) => options.host.logger.warn(`The memory index could not be refreshed: ${err.message}`));
      const query = goals.map((g) => g.text).join('\n');
      return withinBudget(await index.search(query, { limit: 5, kinds: ['note'] }).catch(() => []), recallBudgetTokens);
    },
  };
}

/** The rule that keeps edit_file and friends out of both memory folders (on even when memory is off). */
export function memoryFolderRuleFor(host: Host, root: string, configDir: string): PermissionRule {
  const dirs = memoryDirsFor(root, configDir);
  return memoryFolderRule([dirs.workspace, dirs.user], host.files);
}
