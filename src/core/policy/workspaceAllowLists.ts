/**
 * The per-workspace allow-lists that "always allow" on an approval card writes: a map from a workspace folder to
 * the commands and hosts the user allowed there. Hosts keep it in the user's own settings (VS Code: the
 * machine-scoped `autoAgent.allowedByWorkspace`), never in a file of the workspace, so a repository cannot grant
 * itself anything.
 */
import type { AllowListEntry } from '../../protocol/events';

export interface WorkspaceAllowList {
  commands: string[];
  hosts: string[];
}

/** The lists of one workspace folder from the stored map; anything malformed counts as empty. */
export function allowListFor(stored: unknown, workspace: string): WorkspaceAllowList {
  const entry = isRecord(stored) ? stored[workspace] : undefined;
  if (!isRecord(entry)) return { commands: [], hosts: [] };
  return { commands: strings(entry.commands), hosts: strings(entry.hosts) };
}

/** The stored map with `entry` added to the folder's list (values already there are not repeated). */
export function withAllowed(stored: unknown, workspace: string, entry: AllowListEntry): Record<string, WorkspaceAllowList> {
  const map: Record<string, WorkspaceAllowList> = {};
  if (isRecord(stored)) for (const key of Object.keys(stored)) map[key] = allowListFor(stored, key);
  const list = allowListFor(stored, workspace);
  const key = entry.kind === 'command' ? 'commands' : 'hosts';
  map[workspace] = { ...list, [key]: [...new Set([...list[key], ...entry.values.map((v) => v.trim()).filter(Boolean)])] };
  return map;
}

/** True when every value of the entry is on the folder's list already (a grant made while the task runs). */
export function isCovered(list: WorkspaceAllowList, entry: AllowListEntry): boolean {
  const values = entry.kind === 'command' ? list.commands : list.hosts;
  return entry.values.every((v) => values.includes(v.trim()));
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string' && v.trim() !== '').map((v) => v.trim()) : [];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
