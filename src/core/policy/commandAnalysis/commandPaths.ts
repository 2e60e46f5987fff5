/**
 * The path checks of a command, on what really runs (after unwrapping): where its redirections and its
 * file-writing programs (cp, mv, tee, sed -i, sort -o...) write, and every path any program names. A protected
 * write, a path outside the workspace (read or written), a path computed from `~`, `$HOME` or a variable, a glob
 * rooted outside, a folder copied or moved so that it lands on a protected path, and a relative path after a `cd`
 * always ask. Paths are resolved against the working directory with symlinks followed.
 */
import * as path from 'node:path';
import type { WorkspaceFiles } from '../../host';
import { canonicalPath, findRoot } from '../pathGuard';
import type { ProtectedPathCheck } from '../protectedFiles';
import { isDescriptorCopy, type CommandAnalysis } from './analyzeCommand';
import { commandName } from './commandChecks';
import type { Finding, Redirection, SimpleCommand } from './commandStructure';
import { checkPackageRunner } from './packageRunners';
import { namesLongOption, type ShellWord } from './words';

/** What the path checks need from the rule's options. */
export interface CommandPathContext {
  roots: readonly string[];
  files: WorkspaceFiles;
  homeDir: string;
  protectedPaths: ProtectedPathCheck;
}

const harmlessDevices = new Set(['/dev/null', '/dev/stdout', '/dev/stderr', '/dev/stdin', '/dev/tty', '/dev/zero', '/dev/urandom', '/dev/random']);
/** Programs that write, move or delete the files named in their arguments. */
const fileWriters = new Set(['tee', 'cp', 'mv', 'install', 'ln', 'sed', 'perl', 'touch', 'truncate', 'rm', 'rmdir', 'chmod', 'chown', 'rsync', 'patch', 'dd', 'unzip', 'tar', 'curl', 'wget', 'mkdir', 'shred', 'split', 'csplit']);
/** Options whose value is a file the program writes (`sort -o out`). */
const writtenOptions: Record<string, readonly string[]> = { sort: ['-o', '--output'] };
/** Programs that copy or move folders: a folder landing on a protected path asks. */
const folderMovers = new Set(['cp', 'mv', 'rsync', 'install', 'ln', 'ditto']);
/** Programs whose arguments are text, not paths. */
const textOnly = new Set(['echo', 'printf', 'true', 'false', 'test', '[', 'expr', 'seq', 'sleep', 'date', 'which', 'type', 'command', 'exit', 'return', 'shift', 'let', 'export', 'unset', 'set', 'alias', 'basename', 'dirname']);
const directoryChangers = new Set(['cd', 'pushd', 'popd']);
/** Folder entries looked at when checking where a copied or moved folder lands. */
const maxFolderEntries = 2000;

interface Where {
  cwd: string;
  isCwdMoving: boolean;
  context: CommandPathContext;
}

/** Findings for every path the command reads or writes through a redirection or the arguments of what runs. */
export async function checkCommandPaths(analysis: CommandAnalysis, cwd: string, context: CommandPathContext): Promise<Finding[]> {
  const ran = analysis.judged.flatMap((j) => [...(j.runs ? [j.runs] : []), ...j.nested]);
  const where: Where = { cwd, isCwdMoving: ran.some((c) => directoryChangers.has(commandName(c) ?? '')), context };
  const findings: Finding[] = [];
  for (const redirection of analysis.redirections) findings.push(...(await checkRedirection(redirection, where)));
  for (const command of ran) {
    findings.push(...(await checkCommandWords(command, where)), ...(await checkPackageRunner(command, cwd, context.files, context.roots)));
  }
  return findings;
}

async function checkCommandWords(command: SimpleCommand, where: Where): Promise<Finding[]> {
  const name = commandName(command) ?? '';
  if (textOnly.has(name)) return [];
  const findings: Finding[] = [];
  const args = command.words.slice(1);
  const isWriter = fileWriters.has(name);
  const written = new Set(writtenValues(args, writtenOptions[name] ?? []));
  const scripts = scriptWords(name, args);
  for (const word of args) {
    if (scripts.has(word)) continue;
    const verb = isWriter || written.has(word) ? `may write (${name})` : directoryChangers.has(name) ? 'changes to' : 'reads';
    findings.push(...(await (word.value === undefined ? checkComputedWord(word, verb, where) : checkLiteralWord(word.value, verb, where))));
  }
  if (folderMovers.has(name)) findings.push(...(await checkFolderLanding(args, where)));
  if (name === 'cd' && !args.some((w) => !(w.value ?? w.loose).startsWith('-'))) findings.push({ level: 'ask', reason: 'cd without a folder changes to your home folder, outside the workspace.' });
  return findings;
}

/** The script arguments of sed and awk (`sed -e 's/a/b/' f`, `awk '/x|y/' f`): program text, not paths. */
function scriptWords(name: string, args: readonly ShellWord[]): Set<ShellWord> {
  if (!['sed', 'awk', 'gawk', 'mawk', 'nawk'].includes(name)) return new Set();
  const loose = args.map((w) => w.value ?? w.loose);
  const scripts = new Set(args.filter((_, i) => /^(-[a-zA-Z]*e|--expression|--source|-f|--file)$/.test(loose[i - 1] ?? '') && !/^-[a-zA-Z]*i/.test(loose[i - 1] ?? '')));
  if (loose.some((a) => /^-[a-zA-Z]*[ef]|^--(expression|file|source)/.test(a) && !/^-[a-zA-Z]*i/.test(a))) return scripts;
  const index = loose.findIndex((a, i) => !a.startsWith('-') && !['-F', '-v', '-l'].includes(loose[i - 1] ?? ''));
  if (index >= 0) scripts.add(args[index]);
  return scripts;
}

/** The words that are written paths: `-o out`, `-oout`, `--output out`, `--output=out`. */
function writtenValues(args: readonly ShellWord[], options: readonly string[]): ShellWord[] {
  const isGlued = (value: string): boolean => options.some((o) => (o.startsWith('--') ? namesLongOption(value, o) && value.includes('=') : value.startsWith(o) && value.length > o.length));
  const isOption = (value: string): boolean => options.some((o) => value === o || (o.startsWith('--') && namesLongOption(value, o) && !value.includes('=')));
  return args.filter((w, i) => (i > 0 && isOption(args[i - 1].value ?? '')) || isGlued(w.value ?? w.loose));
}

async function checkRedirection(redirection: Redirection, where: Where): Promise<Finding[]> {
  if (redirection.kind !== 'file' || isDescriptorCopy(redirection)) return [];
  const target = redirection.target;
  if (!target) return [{ level: 'ask', reason: `A redirection (${redirection.operator}) has no target the analysis understands.` }];
  if (target.value === undefined) return [{ level: 'ask', reason: `It redirects ${redirection.isInput ? 'from' : 'to'} a computed path (${target.text}).` }];
  return checkTarget(target.value, redirection.isInput ? 'reads' : 'writes to', where);
}

/** A literal argument: an option's value (`of=x`, `--output=x`) counts as a path too. */
async function checkLiteralWord(text: string, verb: string, where: Where): Promise<Finding[]> {
  const value = text.replace(/^(?:of|if|--?[\w-]+)=/, '').replace(/^-[A-Za-z](?=[/~.])/, '').replace(/^-o(?=\w)/, '');
  if (value === '' || value.startsWith('-') || !/[/.~\w]/.test(value)) return [];
  return checkTarget(value, verb, where);
}

/**
 * A computed argument: `~/x`, `$HOME/x` or `$VAR` can point anywhere, so they ask; a glob asks when the folder it
 * starts from is outside (`/proc/*\/environ`) or protected; a glob relative to the workspace (`src/*.ts`) does not.
 */
async function checkComputedWord(word: ShellWord, verb: string, where: Where): Promise<Finding[]> {
  const loose = word.loose.replace(/^(?:--?[\w-]+)=/, '');
  if (/^~/.test(loose)) return [{ level: 'ask', reason: `It ${verb} ${word.text}, in your home folder, outside the workspace.` }];
  if (/^\$(?!\()/.test(loose)) return [{ level: 'ask', reason: `It ${verb} the computed path ${word.text}, which can point anywhere, outside the workspace too.` }];
  const prefix = loose.split(/[*?[{$`]/)[0];
  const folder = prefix.slice(0, prefix.lastIndexOf('/') + 1);
  if (folder === '') return [];
  return checkTarget(folder, verb, where);
}

async function checkTarget(target: string, verb: string, where: Where): Promise<Finding[]> {
  const { cwd, isCwdMoving, context } = where;
  if (harmlessDevices.has(target)) return [];
  const isWrite = verb !== 'reads' && verb !== 'changes to';
  // After a `cd`, a relative write lands who knows where; a relative read with a folder in it may pass a symlink.
  const isMovedAway = isCwdMoving && !path.isAbsolute(target) && verb !== 'changes to' && (isWrite || target.includes('/'));
  if (isMovedAway) return [{ level: 'ask', reason: `It ${verb} ${target} after changing directory, so where that lands cannot be known in advance.` }];
  const abs = await canonicalPath(context.files, path.resolve(cwd, target));
  if (harmlessDevices.has(abs)) return [];
  if (isWrite && /^\/dev\/(sd|hd|nvme|vd|xvd|mmcblk|disk|md|dm-|loop)/.test(abs)) return [{ level: 'deny', reason: `Refused: it writes straight to the device ${abs}.` }];
  if (!findRoot(context.roots, abs, context.homeDir)) return [{ level: 'ask', reason: `It ${verb} ${abs}, outside the workspace.` }];
  if (isWrite && (await context.protectedPaths.protectedAmong([abs])).length > 0) return [{ level: 'ask', reason: `It ${verb} the protected file ${target}.` }];
  return [];
}

/**
 * `cp -r payload .github`, `mv hooks .git`: the target itself is not protected, but what lands in it is. For each
 * source folder, the places its entries land (inside the target, or as the target) are checked.
 */
async function checkFolderLanding(args: readonly ShellWord[], where: Where): Promise<Finding[]> {
  const values = args.map((w) => w.value);
  if (values.some((v) => v === undefined)) return [];
  const positional = (values as string[]).filter((v) => !v.startsWith('-'));
  const targetOption = (values as string[]).findIndex((v) => v === '-t' || v === '--target-directory');
  const glued = (values as string[]).find((v) => v.startsWith('--target-directory='))?.slice('--target-directory='.length);
  const target = glued ?? (targetOption >= 0 ? values[targetOption + 1] : positional.pop());
  if (!target) return [];
  const targetAbs = await canonicalPath(where.context.files, path.resolve(where.cwd, target));
  for (const source of positional.filter((p) => p !== target)) {
    const sourceAbs = await canonicalPath(where.context.files, path.resolve(where.cwd, source));
    if (!(await where.context.files.stat(sourceAbs))?.isDirectory) continue;
    const landing = [targetAbs, path.join(targetAbs, path.basename(sourceAbs))];
    const hit = await landsProtected(sourceAbs, landing, where.context);
    if (hit) return [{ level: 'ask', reason: `It copies or moves the folder ${source} so that ${hit} lands on a protected path.` }];
  }
  return [];
}

async function landsProtected(sourceDir: string, landing: readonly string[], context: CommandPathContext): Promise<string | undefined> {
  const queue = [''];
  let seen = 0;
  while (queue.length > 0) {
    const rel = queue.shift() as string;
    for (const entry of await context.files.list(path.join(sourceDir, rel))) {
      if (++seen > maxFolderEntries) return `${path.basename(sourceDir)}/… (too many entries to check)`;
      const childRel = path.join(rel, entry.name);
      if (landing.some((base) => context.protectedPaths.isProtectedAbs(path.join(base, childRel)))) return childRel;
      if (entry.isDirectory && !entry.isSymbolicLink) queue.push(childRel);
    }
  }
  return undefined;
}
