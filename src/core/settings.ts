/** The engine's settings, as both hosts hand them over. Defaults are safe: only reads run without asking. */
import type { RiskClass } from '../protocol/events';

/** Run without asking (`auto`) or ask the user first (`ask`). */
export type ApprovalLevel = 'ask' | 'auto';

/**
 * Per risk class: an approval level. Execute has one more, `sandboxed`: a command that runs inside the OS sandbox
 * runs without asking (unless a safety rule asks or denies); outside the sandbox it asks.
 */
export type ApprovalPolicy = Record<Exclude<RiskClass, 'execute'>, ApprovalLevel> & { execute: ApprovalLevel | 'sandboxed' };

/** Stop rules. Any limit may be `Infinity`. */
export interface Budgets {
  maxSteps: number;
  maxTokens: number;
  maxCostUsd: number;
  maxWallMs: number;
}

/** Price of a model in US dollars per million tokens. */
export interface ModelPrice {
  input: number;
  /** Prompt tokens read from the provider's cache. */
  cachedInput?: number;
  /** Prompt tokens written to the provider's cache (Anthropic: 1.25 × input for the 5-minute cache). */
  cacheWrite?: number;
  output: number;
}

/** The user's word on one model, over the built-in model table (any field may be left out). */
export interface ModelOverride {
  contextWindow?: number;
  hasVision?: boolean;
  hasTools?: boolean;
  price?: ModelPrice;
}

export interface AgentSettings {
  /**
   * Which API the model speaks (`openai`: chat completions and compatible servers; `anthropic`: Messages;
   * `vscode`: a chat model VS Code offers through its Language Model API, in the extension only).
   */
  provider?: 'openai' | 'anthropic' | 'vscode';
  baseUrl: string;
  model: string;
  /** Extra HTTP headers for every model request (for example an organisation header of a proxy). */
  extraHeaders: Record<string, string>;
  policy: ApprovalPolicy;
  budgets: Budgets;
  /** Command prefixes that run without asking (each simple command must match). */
  allowedCommands: string[];
  /** Overrides the detected test command. */
  testCommand?: string;
  /** User overrides of the built-in price table, by model name. */
  prices: Record<string, ModelPrice>;
  /** User overrides of the model table (window, vision, tools, price), by model name. */
  models?: Record<string, ModelOverride>;
  /** The model's context window in tokens, if known better than the built-in table. */
  contextWindow?: number;
  commandTimeoutMs: number;
  maxCommandOutputBytes: number;
  /** Hosts `fetch_url` may read without asking: `example.com` exactly, `*.example.com` for subdomains. */
  allowedHosts?: string[];
  /** Writes outside the workspace roots: refused (`deny`, the default) or asked (`ask`). */
  outsideWrites?: 'deny' | 'ask';
  /** Hosts a sandboxed command may reach through the sandbox's proxy (same forms as `allowedHosts`); default none. */
  sandboxAllowedHosts?: string[];
  /** Extra protected globs (root-relative) on top of the built-in list; changes to them always ask. */
  protectedPaths?: string[];
  /** The model sub-agents (`delegate`) use, of the same endpoint; default the task's model. */
  subagentModel?: string;
  /** The model that summarises condensed rounds (any provider: `condenseProvider`); default none, facts only. */
  condenseModel?: string;
  /** The condensing model's provider; default the task's. */
  condenseProvider?: 'openai' | 'anthropic' | 'vscode';
  /** How deep sub-agents may nest (the task's own agent is depth 0); default 2. */
  subagentDepth?: number;
}

export const defaultPolicy: ApprovalPolicy = { read: 'auto', edit: 'ask', execute: 'ask', network: 'ask' };

export const defaultBudgets: Budgets = { maxSteps: 100, maxTokens: 2_000_000, maxCostUsd: 5, maxWallMs: 30 * 60_000 };

/** What a host may give: anything but the endpoint may be left out, budgets and policy key by key. */
export type SettingsInput = Partial<Omit<AgentSettings, 'budgets' | 'policy'>> & Pick<AgentSettings, 'baseUrl' | 'model'> & {
  budgets?: Partial<Budgets>;
  policy?: Partial<ApprovalPolicy>;
};

/** Fills in defaults for anything a host left out; an undefined value counts as left out. */
export function resolveSettings(partial: SettingsInput): AgentSettings {
  return {
    extraHeaders: {},
    allowedCommands: [],
    prices: {},
    commandTimeoutMs: 5 * 60_000,
    maxCommandOutputBytes: 256 * 1024,
    ...partial,
    policy: { ...defaultPolicy, ...definedOnly(partial.policy) },
    budgets: { ...defaultBudgets, ...definedOnly(partial.budgets) },
  };
}

function definedOnly<T extends object>(value: T | undefined): Partial<T> {
  return Object.fromEntries(Object.entries(value ?? {}).filter(([, v]) => v !== undefined)) as Partial<T>;
}
