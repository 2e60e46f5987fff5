/** Parses `auto-agent run` arguments. `--check` attaches a success check to the `--goal` before it. */
import { parseArgs } from 'node:util';
import type { Goal, RiskClass } from '../protocol/events';

export interface RunArgs {
  workspace: string;
  goals: Goal[];
  model?: string;
  baseUrl?: string;
  maxSteps?: number;
  maxCostUsd?: number;
  maxTokens?: number;
  maxTimeMs?: number;
  autoApprove: RiskClass[];
  isJson: boolean;
  testCommand?: string;
  allowedCommands: string[];
  resumeTaskId?: string;
  isVerbose: boolean;
  /** `--no-memory`: no notes recalled, no memory tools, nothing saved. */
  isMemoryEnabled: boolean;
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
  model: { type: 'string', short: 'm' },
  'base-url': { type: 'string' },
  'max-steps': { type: 'string' },
  'max-cost': { type: 'string' },
  'max-tokens': { type: 'string' },
  'max-time': { type: 'string' },
  yes: { type: 'boolean', short: 'y' },
  approve: { type: 'string' },
  json: { type: 'boolean' },
  'test-command': { type: 'string' },
  'allow-command': { type: 'string', multiple: true },
  resume: { type: 'string' },
  verbose: { type: 'boolean', short: 'v' },
  'api-key': { type: 'string' },
  'no-memory': { type: 'boolean' },
} as const;

export function parseRunArgs(argv: string[], cwd: string): RunArgs {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options, allowPositionals: false, strict: true, tokens: true });
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  const { values, tokens } = parsed;
  if (values['api-key'] !== undefined) throw new UsageError('--api-key is not accepted: a key on the command line leaks into shell history and process lists. Set OPENAI_API_KEY instead.');
  const goals = goalsInOrder(tokens ?? []);
  if (goals.length === 0 && !values.resume) throw new UsageError('Give at least one --goal "what to achieve".');
  return {
    workspace: values.workspace ?? cwd,
    goals,
    model: values.model,
    baseUrl: values['base-url'],
    maxSteps: positiveNumber(values['max-steps'], '--max-steps'),
    maxCostUsd: positiveNumber(values['max-cost'], '--max-cost'),
    maxTokens: positiveNumber(values['max-tokens'], '--max-tokens'),
    maxTimeMs: durationMs(values['max-time']),
    autoApprove: values.yes ? riskClasses : approveList(values.approve),
    isJson: values.json ?? false,
    testCommand: values['test-command'],
    allowedCommands: values['allow-command'] ?? [],
    resumeTaskId: values.resume,
    isVerbose: values.verbose ?? false,
    isMemoryEnabled: !values['no-memory'],
  };
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

function approveList(value: string | undefined): RiskClass[] {
  if (!value) return ['read'];
  const classes = value.split(',').map((s) => s.trim()).filter(Boolean);
  const unknown = classes.filter((c) => !riskClasses.includes(c as RiskClass));
  if (unknown.length) throw new UsageError(`Unknown risk class in --approve: ${unknown.join(', ')}. Use ${riskClasses.join(', ')}.`);
  return classes as RiskClass[];
}

function positiveNumber(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new UsageError(`${flag} needs a positive number, got "${value}".`);
  return n;
}

/** "90", "90s", "15m", "2h" → milliseconds. */
function durationMs(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const match = /^(\d+(?:\.\d+)?)(s|m|h)?$/.exec(value.trim());
  if (!match) throw new UsageError(`--max-time needs a duration like 90s, 15m or 2h, got "${value}".`);
  const unit = { s: 1000, m: 60_000, h: 3_600_000 }[(match[2] ?? 's') as 's' | 'm' | 'h'];
  return Number(match[1]) * unit;
}
