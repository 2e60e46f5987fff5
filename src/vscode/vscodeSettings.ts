/**
 * Reads the `autoAgent.*` configuration into the engine's AgentSettings. VS Code itself ignores workspace values
 * of the restricted settings (base URL, model, allow-lists, shell, test command) in Restricted Mode.
 */
import * as vscode from 'vscode';
import type { RiskClass } from '../protocol/events';
import { resolveSettings, type AgentSettings, type ApprovalPolicy } from '../core/settings';
import type { SandboxMode } from '../core/policy/sandboxStatus';
import { anthropicBaseUrl } from '../core/llm/anthropicClient';
import { allowListFor, withAllowed, type WorkspaceAllowList } from '../core/policy/workspaceAllowLists';
import type { AllowListEntry } from '../protocol/events';

export const configSection = 'autoAgent';

/** The host-only settings the engine does not know about. */
export interface HostSettings {
  shell: string | undefined;
  /** `autoAgent.sandbox`: run commands in the OS sandbox (auto, on, off). */
  sandbox: SandboxMode;
  /** Secret-looking variables the user lets child processes see. */
  passEnvironment: string[];
  /** Variables the user marks secret. */
  secretEnvironment: string[];
  /** The user-level instructions file (default: ~/.config/auto-agent/AGENTS.md). */
  userInstructionsFile: string | undefined;
  /** Long-term memory on or off, and the embedding model for hybrid recall (none: full text only). */
  isMemoryEnabled: boolean;
  embeddingModel: string | undefined;
}

const riskClasses: RiskClass[] = ['read', 'edit', 'execute', 'network'];

export function readAgentSettings(): AgentSettings {
  const config = vscode.workspace.getConfiguration(configSection);
  const policy = Object.fromEntries(
    riskClasses.map((risk) => [risk, approvalLevel(risk, config.get<string>(`approval.${risk}`))]),
  ) as ApprovalPolicy;
  const testCommand = config.get<string>('testCommand')?.trim();
  const isAnthropic = config.get<string>('provider') === 'anthropic';
  // The defaults of baseUrl and model are OpenAI's: with Anthropic, only a value the user set counts.
  const setByUser = (key: string): string | undefined => {
    const seen = config.inspect<string>(key);
    return (seen?.workspaceFolderValue ?? seen?.workspaceValue ?? seen?.globalValue)?.trim() || undefined;
  };
  const allowed = workspaceAllowList();
  return resolveSettings({
    provider: isAnthropic ? 'anthropic' : 'openai',
    baseUrl: isAnthropic ? setByUser('baseUrl') ?? anthropicBaseUrl : config.get<string>('baseUrl')?.trim() || 'https://api.openai.com/v1',
    model: isAnthropic ? setByUser('model') ?? 'claude-sonnet-4-5' : config.get<string>('model')?.trim() || 'gpt-4.1',
    subagentModel: config.get<string>('subagentModel')?.trim() || undefined,
    extraHeaders: config.get<Record<string, string>>('extraHeaders') ?? {},
    policy,
    budgets: {
      maxSteps: positive(config.get<number>('budget.maxSteps'), 100),
      maxTokens: positive(config.get<number>('budget.maxTokens'), 2_000_000),
      maxCostUsd: positive(config.get<number>('budget.maxCostUsd'), 5),
      maxWallMs: positive(config.get<number>('budget.maxMinutes'), 30) * 60_000,
    },
    allowedCommands: [...(config.get<string[]>('allowedCommands') ?? []).filter((c) => typeof c === 'string' && c.trim() !== ''), ...allowed.commands],
    ...(allowed.hosts.length ? { allowedHosts: allowed.hosts } : {}),
    testCommand: testCommand || undefined,
    commandTimeoutMs: positive(config.get<number>('commandTimeoutSeconds'), 300) * 1000,
    sandboxAllowedHosts: [...(config.get<string[]>('sandbox.allowedHosts') ?? []).filter((h) => typeof h === 'string' && h.trim() !== ''), ...allowed.hosts],
  });
}

/** The setting "always allow" writes: per workspace folder, in the user's own settings (see workspaceAllowLists). */
const allowedByWorkspace = 'allowedByWorkspace';

/** This workspace's list as the user allowed it. Only the user's own value is read, whatever VS Code would merge. */
export function workspaceAllowList(): WorkspaceAllowList {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) return { commands: [], hosts: [] };
  return allowListFor(vscode.workspace.getConfiguration(configSection).inspect(allowedByWorkspace)?.globalValue, folder.uri.fsPath);
}

/** Adds an entry the user chose on an approval card to this workspace's list, in their user settings. */
export async function allowInWorkspace(entry: AllowListEntry): Promise<void> {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('No workspace folder is open: there is no workspace to allow this in.');
  const config = vscode.workspace.getConfiguration(configSection);
  await config.update(allowedByWorkspace, withAllowed(config.inspect(allowedByWorkspace)?.globalValue, folder.uri.fsPath, entry), vscode.ConfigurationTarget.Global);
}

/** `auto` or `ask`; execute may also be `sandboxed`. Anything unknown asks. */
function approvalLevel(risk: RiskClass, value: string | undefined): string {
  if (value === 'auto' || (risk === 'execute' && value === 'sandboxed')) return value;
  return 'ask';
}

export function readHostSettings(): HostSettings {
  const config = vscode.workspace.getConfiguration(configSection);
  const shell = config.get<string>('shell')?.trim();
  const sandbox = config.get<string>('sandbox');
  const names = (key: string): string[] => (config.get<unknown[]>(key) ?? []).filter((n): n is string => typeof n === 'string' && n.trim() !== '').map((n) => n.trim());
  const userInstructionsFile = config.get<string>('userInstructionsFile')?.trim();
  const embeddingModel = config.get<string>('memory.embeddingModel')?.trim();
  return {
    shell: shell || undefined, sandbox: sandbox === 'on' || sandbox === 'off' ? sandbox : 'auto',
    passEnvironment: names('childEnvironment.pass'), secretEnvironment: names('childEnvironment.hide'),
    userInstructionsFile: userInstructionsFile || undefined, isMemoryEnabled: config.get<boolean>('memory.enabled') ?? true,
    embeddingModel: embeddingModel || undefined,
  };
}

/** Stores the chosen model in the user's settings (a workspace value would be ignored in Restricted Mode). */
export async function saveModel(model: string): Promise<void> {
  await vscode.workspace.getConfiguration(configSection).update('model', model, vscode.ConfigurationTarget.Global);
}

function positive(value: number | undefined, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : fallback;
}
