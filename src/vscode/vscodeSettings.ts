/**
 * Reads the `autoAgent.*` configuration into the engine's AgentSettings. VS Code itself ignores workspace values
 * of the restricted settings (base URL, model, allow-lists, shell, test command) in Restricted Mode.
 */
import { searchProviderNames, type SearchProviderName } from '../core/tools/webSearch';
import * as vscode from 'vscode';
import type { RiskClass } from '../protocol/events';
import { resolveSettings, type AgentSettings, type ApprovalPolicy, type ModelOverride } from '../core/settings';
import { pricesOf } from '../core/llm/pricing';
import type { SandboxMode } from '../core/policy/sandboxStatus';
import { anthropicBaseUrl } from '../core/llm/anthropicClient';
import type { EndpointChoice } from './endpointGuard';
import { allowListFor, withAllowed, type WorkspaceAllowList } from '../core/policy/workspaceAllowLists';
import type { AllowListEntry } from '../protocol/events';

export const configSection = 'autoAgent';

/** The host-only settings the engine does not know about. */
export interface HostSettings {
  shell: string | undefined;
  /** `autoAgent.sandbox`: run commands in the OS sandbox (auto, on, off). */
  sandbox: SandboxMode;
  /** `autoAgent.sandbox.mcpServers`: stdio MCP servers start in the sandbox too. */
  isMcpSandboxed: boolean;
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
  const provider = providerOf(config.get<string>('provider'));
  const models = modelOverrides(config.get<Record<string, unknown>>('models'));
  const isAnthropic = provider === 'anthropic';
  const setByUser = (key: string): string | undefined => setByUserIn(config, key);
  // The defaults of baseUrl and model are OpenAI's: with another provider, only a value the user set counts.
  const allowed = workspaceAllowList();
  return resolveSettings({
    provider,
    baseUrl: setByUser('baseUrl') ?? (isAnthropic ? anthropicBaseUrl : openAiBaseUrl),
    model: modelOf(provider, setByUser('model'), config.get<string>('model')?.trim()),
    subagentModel: config.get<string>('subagentModel')?.trim() || undefined,
    condenseModel: config.get<string>('condenseModel')?.trim() || undefined,
    condenseProvider: config.get<string>('condenseProvider') ? providerOf(config.get<string>('condenseProvider')) : undefined,
    models,
    prices: pricesOf(models),
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

const openAiBaseUrl = 'https://api.openai.com/v1';

/** A value the user set at some level this window can read (not the default). */
function setByUserIn(config: vscode.WorkspaceConfiguration, key: string): string | undefined {
  const seen = config.inspect<string>(key);
  return (seen?.workspaceFolderValue ?? seen?.workspaceValue ?? seen?.globalValue)?.trim() || undefined;
}

/** The endpoint of `settings`, and whether settings this window can read chose it (see endpointGuard). */
export function endpointChoice(settings: AgentSettings): EndpointChoice {
  const config = vscode.workspace.getConfiguration(configSection);
  const isUserSet = setByUserIn(config, 'baseUrl') !== undefined || setByUserIn(config, 'provider') !== undefined;
  return { provider: settings.provider ?? 'openai', baseUrl: settings.baseUrl, isUserSet };
}

interface ModelSetting { contextWindow?: unknown; vision?: unknown; tools?: unknown; price?: { input?: unknown; output?: unknown; cachedInput?: unknown } }

/** `autoAgent.models` as the engine's overrides; a value of the wrong type is left out rather than trusted. */
export function modelOverrides(value: Record<string, unknown> | undefined): Record<string, ModelOverride> {
  const number = (n: unknown): number | undefined => (typeof n === 'number' && Number.isFinite(n) && n >= 0 ? n : undefined);
  const entries = Object.entries(value ?? {}).map(([name, raw]): [string, ModelOverride] => {
    const m = (raw ?? {}) as ModelSetting;
    const input = number(m.price?.input);
    const output = number(m.price?.output);
    const cachedInput = number(m.price?.cachedInput);
    return [name, {
      ...(number(m.contextWindow) ? { contextWindow: Math.floor(number(m.contextWindow)!) } : {}),
      ...(typeof m.vision === 'boolean' ? { hasVision: m.vision } : {}),
      ...(typeof m.tools === 'boolean' ? { hasTools: m.tools } : {}),
      ...(input !== undefined && output !== undefined ? { price: { input, output, ...(cachedInput !== undefined ? { cachedInput } : {}) } } : {}),
    }];
  });
  return Object.fromEntries(entries);
}

/** With VS Code's models there is no default: the user picks one (a silent pick could spend their quota). */
function modelOf(provider: AgentSettings['provider'], setByUser: string | undefined, withDefault: string | undefined): string {
  if (provider === 'anthropic') return setByUser ?? 'claude-sonnet-4-5';
  if (provider === 'vscode') return setByUser ?? '';
  return withDefault || 'gpt-4.1';
}

function providerOf(value: string | undefined): NonNullable<AgentSettings['provider']> {
  return value === 'anthropic' || value === 'vscode' ? value : 'openai';
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
    isMcpSandboxed: config.get<boolean>('sandbox.mcpServers') === true,
    passEnvironment: names('childEnvironment.pass'), secretEnvironment: names('childEnvironment.hide'),
    userInstructionsFile: userInstructionsFile || undefined, isMemoryEnabled: config.get<boolean>('memory.enabled') ?? true,
    embeddingModel: embeddingModel || undefined,
  };
}

/**
 * The settings the condensing model runs with: the task's endpoint for the same provider; another provider's
 * default endpoint otherwise (OpenAI's, Anthropic's; VS Code's models need none).
 */
export function condenseSettings(settings: AgentSettings): AgentSettings | undefined {
  if (!settings.condenseModel) return undefined;
  const provider = settings.condenseProvider ?? settings.provider ?? 'openai';
  if (provider === settings.provider) return { ...settings, model: settings.condenseModel };
  const baseUrl = provider === 'anthropic' ? anthropicBaseUrl : provider === 'openai' && settings.provider === 'anthropic' ? 'https://api.openai.com/v1' : settings.baseUrl;
  return { ...settings, provider, baseUrl, model: settings.condenseModel };
}

/**
 * Stores the chosen model (and, given, its provider) in the user's settings: a workspace value would be ignored
 * in Restricted Mode.
 */
export async function saveModel(model: string, provider?: AgentSettings['provider']): Promise<void> {
  const config = vscode.workspace.getConfiguration(configSection);
  // Written only when the pick changes it: a provider set by this write would count as the user choosing the
  // endpoint again, and hide a baseUrl this window can no longer read (see endpointGuard).
  if (provider && provider !== (config.get<string>('provider') ?? 'openai')) await config.update('provider', provider, vscode.ConfigurationTarget.Global);
  await config.update('model', model, vscode.ConfigurationTarget.Global);
}

function positive(value: number | undefined, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : fallback;
}

/** The web search the user chose (user settings only: a workspace must not pick where the agent's searches go). */
export function readWebSearchSettings(): { provider: SearchProviderName; url?: string } | undefined {
  const config = vscode.workspace.getConfiguration(configSection);
  const provider = searchProviderNames.find((name) => name === config.inspect<string>('webSearch.provider')?.globalValue);
  const url = config.inspect<string>('webSearch.url')?.globalValue?.trim();
  return provider ? { provider, url: url || undefined } : undefined;
}
