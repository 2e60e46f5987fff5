/**
 * Parses `auto-agent run` arguments. `--check` attaches a success check to the `--goal` before it. Values from
 * the config files come in as flags placed before the command line's own (see cliConfig.ts), so both are
 * validated the same way and the command line wins.
 */
import { searchProviderNames, type SearchProviderName } from '../core/tools/webSearch';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import type { Goal, RiskClass } from '../protocol/events';
import type { SandboxMode } from '../core/policy/sandboxStatus';
import type { ModelOverride, ModelPrice } from '../core/settings';
import { isProvider, providers, type Provider } from '../core/llm/createLlmClient';

export interface RunArgs {
  workspace: string;
  goals: Goal[];
  model?: string;
  /** The model sub-agents use (same endpoint); default the task's model. */
  subagentModel?: string;
  baseUrl?: string;
  /** `--condense-model NAME` / `--condense-provider NAME`: the model that summarises condensed rounds. */
  condenseModel?: string;
  condenseProvider?: Provider;
  /** `--provider openai|anthropic`: which API the model speaks. */
  provider?: Provider;
  /** `--price IN,OUT`: the model's price in dollars per million input and output tokens. */
  price?: ModelPrice;
  /** `--image FILE` (repeatable), each attached to the goal it follows (absolute paths; read by goalImages). */
  imageFiles: { goalIndex: number; file: string }[];
  /** `--context-window N`, `--vision yes|no`, `--tools yes|no`: the model table's facts, overridden for this model. */
  modelOverride: ModelOverride;
  maxSteps?: number;
  maxCostUsd?: number;
  maxTokens?: number;
  maxTimeMs?: number;
  autoApprove: RiskClass[];
  isJson: boolean;
  testCommand?: string;
  allowedCommands: string[];
  /** Variables passed to commands although they look like secrets (`--pass-env`). */
  passEnv: string[];
  /** Variables never passed to commands (`--secret-env`). */
  secretEnv: string[];
  resumeTaskId?: string;
  isVerbose: boolean;
  /** Only the outcome, errors and questions: no plan, steps or tool lines. */
  isQuiet: boolean;
  /** Whether --workspace was given (a resume otherwise runs in the task's own workspace). */
  hasWorkspaceFlag: boolean;
  /** Whether --yes was given (every risk class runs without asking). */
  isYes: boolean;
  /** `--sandbox auto|on|off` (default auto). */
  sandboxMode: SandboxMode;
  /** `--approve ...,sandboxed`: commands that run inside the sandbox run without asking. */
  isExecuteSandboxed: boolean;
  /** `--sandbox-host HOST`: hosts sandboxed commands may reach through the proxy. */
  sandboxHosts: string[];
  /** `--no-memory`: no notes recalled, no memory tools, nothing saved. */
  isMemoryEnabled: boolean;
  /** `--sandbox-mcp`: stdio MCP servers start inside the OS sandbox, like commands. */
  isMcpSandboxed: boolean;
  /** `--mcp-config FILE` (repeatable), absolute. */
  mcpConfigs: string[];
  /** `--search-provider searxng|brave|tavily`: offers web_search (keys from the environment). */
  searchProvider?: SearchProviderName;
  /** `--search-url URL`: the SearXNG instance, or another endpoint for the provider's API. */
  searchUrl?: string;
}

/** A usage error: the CLI prints it with a hint and exits 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

const riskClasses: RiskClass[] = ['read', 'edit', 'execute', 'network'];

const options = {
  workspace: { type: 'string', short: 'w' },
  goal: { type: 'string', short: 'g', multiple: true },
  check: { type: 'string', multiple: true },
  image: { type: 'string', multiple: true },
  model: { type: 'string', short: 'm' },
  'subagent-model': { type: 'string' },
  'condense-model': { type: 'string' },
  'condense-provider': { type: 'string' },
  'base-url': { type: 'string' },
  provider: { type: 'string' },
  price: { type: 'string' },
  'context-window': { type: 'string' },
  vision: { type: 'string' },
  tools: { type: 'string' },
  'max-steps': { type: 'string' },
  'max-cost': { type: 'string' },
  'max-tokens': { type: 'string' },
  'max-time': { type: 'string' },
  yes: { type: 'boolean', short: 'y' },
  approve: { type: 'string' },
  json: { type: 'boolean' },
  'test-command': { type: 'string' },
  'allow-command': { type: 'string', multiple: true },
  'pass-env': { type: 'string', multiple: true },
  'secret-env': { type: 'string', multiple: true },
  resume: { type: 'string' },
  verbose: { type: 'boolean', short: 'v' },
  quiet: { type: 'boolean', short: 'q' },
  sandbox: { type: 'string' },
  'sandbox-host': { type: 'string', multiple: true },
  'api-key': { type: 'string' },
  'no-memory': { type: 'boolean' },
  'mcp-config': { type: 'string', multiple: true },
  'sandbox-mcp': { type: 'boolean' },
  'search-provider': { type: 'string' },
  'search-url': { type: 'string' },
} as const;

/** The options that take a value; a value that starts with "-" (a negative number) is still theirs. */
const valueOptions = new Set(Object.entries(options).filter(([, o]) => o.type === 'string').map(([name]) => `--${name}`));

export function parseRunArgs(argv: string[], cwd: string): RunArgs {
  const { values, tokens } = parseFlags(argv);
  if (values['api-key'] !== undefined) throw new UsageError('--api-key is not accepted: a key on the command line leaks into shell history and process lists. Set OPENAI_API_KEY (or ANTHROPIC_API_KEY) instead.');
  const goals = goalsInOrder(tokens ?? []);
  const imageFiles = imagesInOrder(tokens ?? [], cwd);
  if (goals.length === 0 && !values.resume) throw new UsageError('Give at least one --goal "what to achieve".');
  if (values.quiet && values.verbose) throw new UsageError('--quiet and --verbose cannot be used together.');
  return {
    workspace: path.resolve(cwd, values.workspace ?? '.'),
    hasWorkspaceFlag: values.workspace !== undefined,
    isYes: values.yes ?? false,
    isQuiet: values.quiet ?? false,
    goals,
    imageFiles,
    model: values.model,
    subagentModel: values['subagent-model'],
    condenseModel: values['condense-model'],
    condenseProvider: providerOf(values['condense-provider'], '--condense-provider'),
    baseUrl: values['base-url'],
    provider: providerOf(values.provider),
    price: priceOf(values.price),
    modelOverride: modelOverrideOf(values),
    maxSteps: positiveInteger(values['max-steps'], '--max-steps'),
    maxCostUsd: positiveNumber(values['max-cost'], '--max-cost'),
    maxTokens: positiveInteger(values['max-tokens'], '--max-tokens'),
    maxTimeMs: durationMs(values['max-time']),
    autoApprove: values.yes ? riskClasses : approveList(values.approve).filter((c): c is RiskClass => c !== 'sandboxed'),
    isExecuteSandboxed: !values.yes && approveList(values.approve).includes('sandboxed'),
    sandboxMode: sandboxMode(values.sandbox),
    sandboxHosts: values['sandbox-host'] ?? [],
    isMcpSandboxed: values['sandbox-mcp'] ?? false,
    mcpConfigs: (values['mcp-config'] ?? []).map((file) => path.resolve(cwd, file)),
    searchProvider: searchProvider(values['search-provider']),
    searchUrl: searchUrl(values['search-url']),
    isJson: values.json ?? false,
    testCommand: values['test-command'],
    allowedCommands: values['allow-command'] ?? [],
    passEnv: values['pass-env'] ?? [],
    secretEnv: values['secret-env'] ?? [],
    resumeTaskId: values.resume,
    isVerbose: values.verbose ?? false,
    isMemoryEnabled: !values['no-memory'],
  };
}

/** Node's parser, with its messages rewritten for a person and negative numbers kept as option values. */
function parseFlags(argv: string[]) {
  try {
    return parseArgs({ args: joinNegativeValues(argv), options, allowPositionals: false, strict: true, tokens: true });
  } catch (err) {
    throw new UsageError(friendlyParseError(err as Error & { code?: string }));
  }
}

/** `--max-steps -3` → `--max-steps=-3`, so the range check (not the parser) explains what is wrong. */
function joinNegativeValues(argv: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const next = argv[i + 1];
    if (valueOptions.has(argv[i]) && next !== undefined && /^-\d/.test(next)) out.push(`${argv[i]}=${argv[++i]}`);
    else out.push(argv[i]);
  }
  return out;
}

function friendlyParseError(err: Error & { code?: string }): string {
  const option = /'(-[^' ]+)/.exec(err.message)?.[1] ?? 'an option';
  if (err.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return `Unknown option ${option}.`;
  if (err.code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL') return `Unexpected argument: ${/'([^']+)'/.exec(err.message)?.[1] ?? err.message}. Quote a goal with spaces: --goal "fix the tests".`;
  if (/argument missing/.test(err.message)) return `${option} needs a value.`;
  if (/ambiguous/.test(err.message)) return `${option} needs a value (the next argument starts with "-"; write ${option}=VALUE if that is really the value).`;
  if (/does not take an argument/.test(err.message)) return `${option} takes no value.`;
  return err.message.split('\n')[0];
}

/** Goals in command-line order, each `--check` bound to the goal just before it. */
function goalsInOrder(tokens: { kind: string; name?: string; value?: string }[]): Goal[] {
  const goals: Goal[] = [];
  for (const token of tokens) {
    if (token.kind !== 'option' || token.value === undefined) continue;
    if (token.name === 'goal') {
      if (token.value.trim() === '') throw new UsageError('A --goal cannot be empty.');
      goals.push({ text: token.value.trim() });
    } else if (token.name === 'check') {
      const last = goals[goals.length - 1];
      if (!last) throw new UsageError('--check must follow the --goal it checks.');
      if (last.successCriterion) throw new UsageError('Each --goal takes at most one --check.');
      last.successCriterion = token.value;
    }
  }
  return goals;
}

/** Each `--image FILE` belongs to the goal before it. */
function imagesInOrder(tokens: { kind: string; name?: string; value?: string }[], cwd: string): { goalIndex: number; file: string }[] {
  const images: { goalIndex: number; file: string }[] = [];
  let goalIndex = -1;
  for (const token of tokens) {
    if (token.kind !== 'option' || token.value === undefined) continue;
    if (token.name === 'goal') goalIndex++;
    else if (token.name === 'image') {
      if (goalIndex < 0) throw new UsageError('--image must follow the --goal it belongs to.');
      images.push({ goalIndex, file: path.resolve(cwd, token.value) });
    }
  }
  return images;
}

/** Risk classes, plus `sandboxed` (execute without asking when inside the sandbox). */
function approveList(value: string | undefined): (RiskClass | 'sandboxed')[] {
  if (!value) return ['read'];
  const classes = value.split(',').map((s) => s.trim()).filter(Boolean);
  const known: string[] = [...riskClasses, 'sandboxed'];
  const unknown = classes.filter((c) => !known.includes(c));
  if (unknown.length) throw new UsageError(`Unknown risk class in --approve: ${unknown.join(', ')}. Use ${known.join(', ')}.`);
  return classes as (RiskClass | 'sandboxed')[];
}

function providerOf(value: string | undefined, flag = '--provider'): Provider | undefined {
  if (value === undefined || isProvider(value)) return value;
  throw new UsageError(`${flag} takes ${providers.join(' or ')}, got "${value}".`);
}

/** "3,15" → $3 per million input tokens, $15 per million output tokens. */
function priceOf(value: string | undefined): ModelPrice | undefined {
  if (value === undefined) return undefined;
  const parts = value.split(',').map((part) => Number(part.trim()));
  if (parts.length !== 2 || value.split(',').some((part) => part.trim() === '') || parts.some((n) => !Number.isFinite(n) || n < 0)) {
    throw new UsageError(`--price needs IN,OUT in dollars per million tokens (like 3,15), got "${value}".`);
  }
  return { input: parts[0], output: parts[1] };
}

function searchProvider(value: string | undefined): SearchProviderName | undefined {
  if (value === undefined) return undefined;
  const found = searchProviderNames.find((name) => name === value.toLowerCase());
  if (!found) throw new UsageError(`--search-provider takes ${searchProviderNames.join(', ')}, got "${value}".`);
  return found;
}

function searchUrl(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (!/^https?:\/\/[^\s]+$/i.test(value)) throw new UsageError(`--search-url takes an http(s) URL, got "${value}".`);
  return value;
}

function modelOverrideOf(values: { 'context-window'?: string; vision?: string; tools?: string }): ModelOverride {
  const contextWindow = positiveInteger(values['context-window'], '--context-window');
  const hasVision = yesNo(values.vision, '--vision');
  const hasTools = yesNo(values.tools, '--tools');
  return {
    ...(contextWindow !== undefined ? { contextWindow } : {}),
    ...(hasVision !== undefined ? { hasVision } : {}),
    ...(hasTools !== undefined ? { hasTools } : {}),
  };
}

function yesNo(value: string | undefined, flag: string): boolean | undefined {
  if (value === undefined) return undefined;
  if (value === 'yes' || value === 'no') return value === 'yes';
  throw new UsageError(`${flag} takes yes or no, got "${value}".`);
}

function sandboxMode(value: string | undefined): SandboxMode {
  if (value === undefined) return 'auto';
  if (value === 'auto' || value === 'on' || value === 'off') return value;
  throw new UsageError(`--sandbox takes auto, on or off, got "${value}".`);
}

function positiveNumber(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n <= 0) throw new UsageError(`${flag} needs a positive number, got "${value}".`);
  return n;
}

function positiveInteger(value: string | undefined, flag: string): number | undefined {
  const n = positiveNumber(value, flag);
  if (n !== undefined && !Number.isInteger(n)) throw new UsageError(`${flag} needs a whole number, got "${value}".`);
  return n;
}

/** "90", "90s", "15m", "2h" → milliseconds. */
function durationMs(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const match = /^(\d+(?:\.\d+)?)(s|m|h)?$/.exec(value.trim());
  if (!match) throw new UsageError(`--max-time needs a duration like 90s, 15m or 2h, got "${value}".`);
  const unit = { s: 1000, m: 60_000, h: 3_600_000 }[(match[2] ?? 's') as 's' | 'm' | 'h'];
  const ms = Number(match[1]) * unit;
  if (ms < 1000) throw new UsageError(`--max-time needs at least one second, got "${value}".`);
  return ms;
}
