/**
 * The path checks of a command: where its redirections and its file-writing programs (cp, mv, tee, sed -i...)
 * write. A protected or outside target always asks; so does a relative target after a `cd`, whose real place
 * cannot be known in advance. Paths are resolved against the working directory with symlinks followed.
 */
import * as path from 'node:path';
import type { WorkspaceFiles } from '../../host';
import { canonicalPath, findRoot } from '../pathGuard';
import type { ProtectedPathCheck } from '../protectedFiles';
import { isDescriptorCopy, type CommandAnalysis } from './analyzeCommand';
import { commandName } from './commandChecks';
import type { Finding, Redirection } from './commandStructure';
import type { ShellWord } from './words';

/** What the path checks need from the rule's options. */
export interface CommandPathContext {
  roots: readonly string[];
  files: WorkspaceFiles;
  homeDir: string;
  protectedPaths: ProtectedPathCheck;
}

const harmlessDevices = new Set(['/dev/null', '/dev/stdout', '/dev/stderr', '/dev/tty', '/dev/zero']);
/** Programs that write, move or delete the files named in their arguments. */
const fileWriters = new Set(['tee', 'cp', 'mv', 'install', 'ln', 'sed', 'perl', 'touch', 'truncate', 'rm', 'rmdir', 'chmod', 'chown', 'rsync', 'patch', 'dd', 'unzip', 'tar', 'curl', 'wget', 'mkdir', 'shred']);
const directoryChangers = new Set(['cd', 'pushd', 'popd']);

/** Findings for every path the command writes through a redirection or a file-writing program. */
export async function checkCommandPaths(analysis: CommandAnalysis, cwd: string, context: CommandPathContext): Promise<Finding[]> {
  const isCwdMoving = analysis.commands.some((c) => directoryChangers.has(commandName(c) ?? ''));
  const findings: Finding[] = [];
  for (const redirection of analysis.redirections) findings.push(...(await checkRedirection(redirection, { cwd, isCwdMoving, context })));
  for (const command of analysis.commands) {
    if (!fileWriters.has(commandName(command) ?? '')) continue;
    for (const word of command.words.slice(1)) findings.push(...(await checkWrittenWord(word, commandName(command) ?? '', { cwd, isCwdMoving, context })));
  }
  return findings;
}

interface Where {
  cwd: string;
  isCwdMoving: boolean;
  context: CommandPathContext;
}

async function checkRedirection(redirection: Redirection, where: Where): Promise<Finding[]> {
  if (redirection.kind !== 'file' || isDescriptorCopy(redirection)) return [];
  const target = redirection.target;
  if (!target) return [{ level: 'ask', reason: `A redirection (${redirection.operator}) has no target the analysis understands.` }];
  if (target.value === undefined) return [{ level: 'ask', reason: `It redirects ${redirection.isInput ? 'from' : 'to'} a computed path (${target.text}).` }];
  return checkTarget(target.value, redirection.isInput ? 'reads' : 'writes to', where);
}

/** A literal argument of a file-writing program: an option's value (`of=x`, `--output=x`) counts as a path too. */
async function checkWrittenWord(word: ShellWord, program: string, where: Where): Promise<Finding[]> {
  if (word.value === undefined) return [];
  const value = word.value.replace(/^(?:of|--?[\w-]+)=/, '');
  if (value === '' || value.startsWith('-') || !/[/.~\w]/.test(value)) return [];
  return checkTarget(value, `may write (${program})`, where);
}

async function checkTarget(target: string, verb: string, where: Where): Promise<Finding[]> {
  const { cwd, isCwdMoving, context } = where;
  if (harmlessDevices.has(target)) return [];
  if (isCwdMoving && !path.isAbsolute(target)) return [{ level: 'ask', reason: `It ${verb} ${target} after changing directory, so where that lands cannot be known in advance.` }];
  const abs = await canonicalPath(context.files, path.resolve(cwd, target));
  if (harmlessDevices.has(abs)) return [];
  const isWrite = verb !== 'reads';
  if (isWrite && /^\/dev\/(sd|hd|nvme|vd|xvd|mmcblk|disk|md|dm-|loop)/.test(abs)) return [{ level: 'deny', reason: `Refused: it writes straight to the device ${abs}.` }];
  if (!findRoot(context.roots, abs, context.homeDir)) return [{ level: 'ask', reason: `It ${verb} ${abs}, outside the workspace.` }];
  if (isWrite && (await context.protectedPaths.protectedAmong([abs])).length > 0) return [{ level: 'ask', reason: `It ${verb} the protected file ${target}.` }];
  return [];
}
