/**
 * The command rule: refuses deny-listed commands, asks (even under `auto`) for anything that hides what runs or
 * writes where it must not, and vouches for a command only when every simple command is on the allow-list.
 */
import * as path from 'node:path';
import type { WorkspaceFiles } from '../../host';
import type { PermissionRequest, PermissionRule, RuleVerdict } from '../permissionGate';
import { canonicalPath, findRoot } from '../pathGuard';
import type { ProtectedPathCheck } from '../protectedFiles';
import { analyzeCommand, isDescriptorCopy, reasonsOf, type CommandAnalysis } from './analyzeCommand';
import type { BashParser } from './bashParser';
import type { Finding, Redirection, SimpleCommand } from './commandStructure';

export interface CommandRuleOptions {
  parser: BashParser;
  /** Command prefixes (word by word) that may run without asking: `npm test`, `git status`... */
  allowedCommands: readonly string[];
  roots: readonly string[];
  files: WorkspaceFiles;
  homeDir: string;
  protectedPaths: ProtectedPathCheck;
}

const harmlessDevices = new Set(['/dev/null', '/dev/stdout', '/dev/stderr', '/dev/tty', '/dev/zero']);

/** Builds the rule for `execute` requests that carry a `command`. */
export function commandRule(options: CommandRuleOptions): PermissionRule {
  const allowList = options.allowedCommands.map((entry) => entry.trim().split(/\s+/).filter(Boolean)).filter((words) => words.length > 0);
  return {
    name: 'command-analysis',
    async evaluate(request: PermissionRequest): Promise<RuleVerdict> {
      if (request.command === undefined) return { kind: 'pass' };
      const analysis = analyzeCommand(options.parser, request.command);
      const cwd = request.paths?.[0] ?? options.roots[0];
      for (const redirection of analysis.redirections) analysis.findings.push(...(await checkRedirection(redirection, cwd, options)));
      return verdictFor(analysis, allowList);
    },
  };
}

/** Turns an analysis into the rule's verdict. Exported for tests and for showing reasons before running. */
export function verdictFor(analysis: CommandAnalysis, allowList: readonly string[][]): RuleVerdict {
  const denied = reasonsOf(analysis, 'deny');
  if (denied.length > 0) return { kind: 'deny', reason: denied.join(' ') };
  const asked = reasonsOf(analysis, 'ask');
  if (asked.length > 0) return { kind: 'ask', reason: asked.join(' ') };
  const unlisted = reasonsOf(analysis, 'unlisted');
  const isListed = analysis.commands.length > 0 && analysis.commands.every((c) => isAllowListed(c, allowList));
  if (unlisted.length === 0 && isListed) return { kind: 'allow', reason: 'Every command in it is on the allow-list.' };
  return { kind: 'pass' };
}

/** True when the command's literal words start with one allow-list entry, word by word. */
export function isAllowListed(command: SimpleCommand, allowList: readonly string[][]): boolean {
  if (command.assignments.length > 0 || command.words.some((w) => w.value === undefined)) return false;
  const values = command.words.map((w) => w.value as string);
  return allowList.some((entry) => entry.length <= values.length && entry.every((word, i) => word === values[i]));
}

async function checkRedirection(redirection: Redirection, cwd: string, options: CommandRuleOptions): Promise<Finding[]> {
  if (redirection.kind !== 'file') return [];
  const target = redirection.target;
  if (isDescriptorCopy(redirection)) return [];
  if (!target) return [{ level: 'ask', reason: `A redirection (${redirection.operator}) has no target the analysis understands.` }];
  if (target.value === undefined) return [{ level: 'ask', reason: `It redirects ${redirection.isInput ? 'from' : 'to'} a computed path (${target.text}).` }];
  const abs = await canonicalPath(options.files, path.resolve(cwd, target.value));
  if (harmlessDevices.has(abs) || harmlessDevices.has(path.resolve(cwd, target.value))) return [];
  if (/^\/dev\/(sd|hd|nvme|vd|xvd|mmcblk|disk|md|dm-|loop)/.test(abs) && !redirection.isInput) return [{ level: 'deny', reason: `Refused: it writes straight to the device ${abs}.` }];
  const isInside = !!findRoot(options.roots, abs, options.homeDir);
  if (redirection.isInput) return isInside ? [] : [{ level: 'ask', reason: `It reads ${abs}, outside the workspace.` }];
  if (!isInside) return [{ level: 'ask', reason: `It writes to ${abs}, outside the workspace.` }];
  if ((await options.protectedPaths.protectedAmong([abs])).length > 0) return [{ level: 'ask', reason: `It writes to the protected file ${target.value}.` }];
  return [{ level: 'unlisted', reason: `It writes to ${target.value} through a redirection.` }];
}
