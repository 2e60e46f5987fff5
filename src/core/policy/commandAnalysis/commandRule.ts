/**
 * The command rule: refuses deny-listed commands, asks (even under `auto`) for anything that hides what runs or
 * writes where it must not, and vouches for a command only when every simple command is on the allow-list.
 */
import type { WorkspaceFiles } from '../../host';
import type { PermissionRequest, PermissionRule, RuleVerdict } from '../permissionGate';
import type { ProtectedPathCheck } from '../protectedFiles';
import { analyzeCommand, reasonsOf, type CommandAnalysis } from './analyzeCommand';
import type { BashParser } from './bashParser';
import { checkCommandPaths } from './commandPaths';
import type { JudgedCommand } from './commandChecks';
import type { SimpleCommand } from './commandStructure';

export interface CommandRuleOptions {
  parser: BashParser;
  /** Command prefixes (word by word) that may run without asking: `npm test`, `git status`... */
  allowedCommands: readonly string[];
  roots: readonly string[];
  files: WorkspaceFiles;
  homeDir: string;
  protectedPaths: ProtectedPathCheck;
}

/** Builds the rule for `execute` requests that carry a `command`. */
export function commandRule(options: CommandRuleOptions): PermissionRule {
  const allowList = options.allowedCommands.map((entry) => entry.trim().split(/\s+/).filter(Boolean)).filter((words) => words.length > 0);
  return {
    name: 'command-analysis',
    async evaluate(request: PermissionRequest): Promise<RuleVerdict> {
      if (request.command === undefined) return { kind: 'pass' };
      const analysis = analyzeCommand(options.parser, request.command);
      // run_command and run_tests put the working directory first in `paths`.
      const cwd = request.paths?.[0] ?? options.roots[0];
      analysis.findings.push(...(await checkCommandPaths(analysis, cwd, options)));
      return verdictFor(analysis, allowList);
    },
  };
}

/**
 * The analyzer's answer in three classes, for every execute level (ask, auto, and a sandboxed level that runs
 * commands without asking): `refuse` — the deny-list, never run, not even asked; `alwaysAsk` — a dangerous form
 * (code hidden in text or arguments, a risky variable, a write to a protected or outside path...), asked even on
 * auto, in a sandbox, and when the program is allow-listed; `ordinary` — the policy decides, and `isAllowListed`
 * says the allow-list vouches for every command in it (what really runs, after unwrapping).
 */
export type CommandClass =
  | { kind: 'refuse'; reasons: string[] }
  | { kind: 'alwaysAsk'; reasons: string[] }
  | { kind: 'ordinary'; isAllowListed: boolean; reasons: string[] };

/** Classifies an analysis (whose path findings are already added). */
export function classifyCommand(analysis: CommandAnalysis, allowList: readonly string[][]): CommandClass {
  const denied = reasonsOf(analysis, 'deny');
  if (denied.length > 0) return { kind: 'refuse', reasons: denied };
  const asked = reasonsOf(analysis, 'ask');
  if (asked.length > 0) return { kind: 'alwaysAsk', reasons: asked };
  const unlisted = reasonsOf(analysis, 'unlisted');
  const isListed = analysis.judged.length > 0 && analysis.judged.every((j) => isJudgedAllowListed(j, allowList));
  return { kind: 'ordinary', isAllowListed: unlisted.length === 0 && isListed, reasons: unlisted };
}

/** Turns an analysis into the rule's verdict. Exported for tests and for showing reasons before running. */
export function verdictFor(analysis: CommandAnalysis, allowList: readonly string[][]): RuleVerdict {
  const verdict = classifyCommand(analysis, allowList);
  if (verdict.kind === 'refuse') return { kind: 'deny', reason: verdict.reasons.join(' ') };
  if (verdict.kind === 'alwaysAsk') return { kind: 'ask', reason: verdict.reasons.join(' ') };
  if (verdict.isAllowListed) return { kind: 'allow', reason: 'Every command in it is on the allow-list.' };
  const entry = allowListEntry(analysis);
  return entry ? { kind: 'pass', allowable: entry } : { kind: 'pass' };
}

/**
 * The allow-list entries that would vouch for this command: each simple command's literal words, as it really runs
 * (`timeout 60 npm test` is `npm test`). None when the allow-list could never vouch for it (a wrapper that adds
 * unseen words, an assignment, a word known only at run time, a word with spaces the list cannot hold).
 */
function allowListEntry(analysis: CommandAnalysis): { kind: 'command'; values: string[] } | undefined {
  if (reasonsOf(analysis, 'unlisted').length > 0 || analysis.judged.length === 0) return undefined;
  const values: string[] = [];
  for (const judged of analysis.judged) {
    const runs = judged.runs ?? judged.written;
    const written = judged.written;
    if (!judged.isVouchable || written.assignments.length > 0 || written.words.some((w) => w.value === undefined) || runs.assignments.length > 0) return undefined;
    const words = runs.words.map((w) => w.value);
    if (words.length === 0 || words.some((w) => w === undefined || w === '' || /\s/.test(w))) return undefined;
    values.push(words.join(' '));
  }
  return { kind: 'command', values: [...new Set(values)] };
}

/** The allow-list judges what really runs: `timeout 60 npm test` is `npm test`; `xargs rm` and `sudo ls` are never vouched for. */
function isJudgedAllowListed(judged: JudgedCommand, allowList: readonly string[][]): boolean {
  const { written, runs } = judged;
  if (!judged.isVouchable || written.assignments.length > 0 || written.words.some((w) => w.value === undefined)) return false;
  return isAllowListed(runs ?? written, allowList);
}

/** True when the command's literal words start with one allow-list entry, word by word. */
export function isAllowListed(command: SimpleCommand, allowList: readonly string[][]): boolean {
  if (command.assignments.length > 0 || command.words.some((w) => w.value === undefined)) return false;
  const values = command.words.map((w) => w.value as string);
  return allowList.some((entry) => entry.length <= values.length && entry.every((word, i) => word === values[i]));
}
