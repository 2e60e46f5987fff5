/**
 * The deny-list: commands refused outright, whatever the approval policy (execute on `auto` included). Judged on
 * the command that really runs (after unwrapping `env`, `timeout`, `sudo`...), on every target a glob could
 * reach (`/hom?`, `/*`), and across the commands of one line (download, then run what was downloaded).
 */
import * as path from 'node:path';
import picomatch from 'picomatch';
import type { Finding, Redirection, SimpleCommand } from './commandStructure';
import { clip } from './commandStructure';
import { programName } from './unwrap';

const systemFolders = ['bin', 'boot', 'dev', 'etc', 'home', 'lib', 'lib32', 'lib64', 'opt', 'proc', 'root', 'sbin', 'srv', 'sys', 'usr', 'var', 'Users', 'System', 'Library', 'Applications', 'private'];
/** Stands for the home folder while matching: `~`, `$HOME` and `${HOME}` all become it. */
const homeMark = '/@home';
/** Paths whose deletion (or recursive permission change) destroys the system or the user's files. */
const vitalPaths = ['/', homeMark, ...systemFolders.map((f) => `/${f}`), '/home/user', '/Users/user', '/usr/lib', '/usr/bin', '/var/lib', '/@home/.ssh', '/@home/.config'];
/** Stand-ins for "every entry of": a glob that matches one of these empties a vital folder (`/*`, `~/*`). */
const vitalContents = ['/', homeMark, '/home', '/Users', '/usr', '/etc', '/var'].map((p) => `${p === '/' ? '' : p}/@entry`);
const protectedBranches = /^(main|master|trunk)$/;

/** The words as the deny-list sees them: quotes and escapes removed, home spelled one way, `..` resolved. */
export function denyTarget(loose: string): string {
  const home = loose.replace(/^(~[\w.-]*|\$\{?HOME\}?)(?=\/|$)/, homeMark);
  if (!home.startsWith('/')) return home;
  const normal = path.posix.normalize(home);
  return normal.length > 1 ? normal.replace(/\/+$/, '') : normal;
}

/** True when the target is, or as a glob can match, a vital path or every entry of one. */
export function isVitalTarget(loose: string): boolean {
  const target = denyTarget(loose);
  if (!target.startsWith('/')) return target === '..' || /^(\.\.\/)+\.?\.?$/.test(target);
  if (!/[*?[{]/.test(target)) return vitalPaths.includes(target);
  const isMatch = picomatch(target, { dot: true });
  return [...vitalPaths, ...vitalContents].some((p) => isMatch(p));
}

/** Deny-list findings for one command that really runs. */
export function denyListFindings(command: SimpleCommand): Finding[] {
  const name = programName(command.words[0]) ?? '';
  const loose = command.words.slice(1).map((w) => w.loose);
  const deny = (reason: string): Finding[] => [{ level: 'deny', reason }];
  const isRecursive = loose.some((a) => /^-[a-zA-Z]*[rR]/.test(a) || a === '--recursive');
  if (name === 'rm' && (loose.includes('--no-preserve-root') || (isRecursive && loose.some(isVitalTarget)))) {
    return deny(`Refused: ${clip(command.text)} would delete the system or your home folder.`);
  }
  if ((name === 'chmod' || name === 'chown' || name === 'chgrp') && isRecursive && loose.some(isVitalTarget)) {
    return deny(`Refused: ${clip(command.text)} would change permissions of the whole system or home folder.`);
  }
  if (name === 'find' && findStarts(loose).some(isVitalTarget) && findDeletes(loose)) {
    return deny(`Refused: ${clip(command.text)} would delete files across the system or your home folder.`);
  }
  if (/^(mkfs(\.\w+)?|mke2fs|wipefs|mkswap|fdisk|sfdisk|parted)$/.test(name)) return deny(`Refused: ${name} formats or repartitions a disk.`);
  if (name === 'dd' && loose.some((a) => /^of=\/dev\/(?!null$|zero$|stdout$|stderr$)/.test(a))) return deny('Refused: dd writing to a device would destroy its data.');
  if (name === 'mv' && loose.filter((a) => !a.startsWith('-')).slice(0, -1).some(isVitalTarget)) return deny(`Refused: ${clip(command.text)} would move the system or your home folder away.`);
  if (/^(shutdown|reboot|halt|poweroff)$/.test(name)) return deny(`Refused: ${name} stops the machine.`);
  if ((name === 'kill' || name === 'pkill') && loose.includes('-1') && name === 'kill') return deny('Refused: kill -1 signals every process you own.');
  if (name === 'git') return gitPushDenied(loose);
  return [];
}

/** find's starting points: the words before the first expression word. */
function findStarts(args: readonly string[]): string[] {
  const starts: string[] = [];
  for (const a of args) {
    if (/^[-(!]/.test(a) && !/^-[HLP]$/.test(a)) break;
    if (!/^-[HLP]$/.test(a)) starts.push(a);
  }
  return starts.length > 0 ? starts : ['.'];
}

function findDeletes(args: readonly string[]): boolean {
  if (args.includes('-delete')) return true;
  const exec = args.findIndex((a) => /^-(exec|execdir|ok|okdir)$/.test(a));
  return exec >= 0 && ['rm', 'shred', 'unlink'].includes((args[exec + 1] ?? '').split('/').pop() ?? '');
}

/** git push: a force push, a deletion or a `+` refspec onto a protected branch is refused; other force pushes ask. */
function gitPushDenied(args: readonly string[]): Finding[] {
  let push = 0;
  while (push < args.length && args[push].startsWith('-')) push += ['-C', '-c', '--git-dir', '--work-tree'].includes(args[push]) ? 2 : 1;
  if (args[push] !== 'push') return [];
  const rest = args.slice(push + 1);
  const isForce = rest.some((a) => /^-[a-zA-Z]*[fd]/.test(a) || a.startsWith('--force') || a === '--mirror' || a === '--delete' || a === '--prune');
  const refspecs = rest.filter((a) => !a.startsWith('-')).slice(1);
  const ontoProtected = (spec: string): boolean => protectedBranches.test(spec.replace(/^\+/, '').split(':').pop()?.replace(/^refs\/heads\//, '') ?? '');
  const rewrites = refspecs.filter((spec) => ontoProtected(spec) && (isForce || spec.startsWith('+') || spec.startsWith(':')));
  if (rewrites.length > 0) return [{ level: 'deny', reason: `Refused: pushing ${rewrites.join(', ')} that way rewrites or deletes a protected branch (main, master, trunk).` }];
  if (isForce || refspecs.some((s) => s.startsWith('+') || s.startsWith(':'))) return [{ level: 'ask', reason: 'It force-pushes or deletes a remote branch, which rewrites history on the remote.' }];
  return [];
}

const downloaders = new Set(['curl', 'wget', 'fetch', 'aria2c', 'http', 'https', 'xh', 'nc', 'ncat']);
const runners = new Set(['sh', 'bash', 'zsh', 'dash', 'ksh', 'fish', 'source', '.', 'python', 'python3', 'node', 'perl', 'ruby', 'php', 'deno', 'bun', 'exec']);

/** Download, then run what was downloaded, in one line (`curl -o x URL && sh x`, `wget URL; chmod +x f; ./f`). */
export function downloadThenRun(commands: readonly SimpleCommand[], redirections: readonly Redirection[]): Finding[] {
  const saved = new Set<string>();
  for (const command of commands) {
    if (!downloaders.has(programName(command.words[0]) ?? '')) continue;
    for (const file of savedFiles(command)) saved.add(path.posix.normalize(file));
  }
  for (const r of redirections) if (!r.isInput && r.owner && downloaders.has(programName(r.owner.words[0]) ?? '') && r.target?.value) saved.add(path.posix.normalize(r.target.value));
  if (saved.size === 0) return [];
  const runsSaved = commands.some((c) => {
    const name = c.words[0]?.value ?? '';
    const script = runners.has(name.split('/').pop() ?? '') ? c.words.slice(1).find((w) => !(w.value ?? '').startsWith('-'))?.value : name;
    return script !== undefined && saved.has(path.posix.normalize(script));
  });
  return runsSaved ? [{ level: 'deny', reason: 'Refused: it downloads a file and runs it in the same command, which runs code from the network unseen.' }] : [];
}

/** Files a curl or wget call writes: `-o f`, `--output f`, `-O f` (wget), or the URL's last part (`curl -O`, plain wget). */
function savedFiles(command: SimpleCommand): string[] {
  const words = command.words.slice(1).map((w) => w.value ?? w.loose);
  const isWget = programName(command.words[0]) === 'wget';
  const files: string[] = [];
  words.forEach((w, i) => {
    if (/^-[a-zA-Z]*o$/.test(w) || w === '--output' || (isWget && (/^-[a-zA-Z]*O$/.test(w) || w === '--output-document'))) files.push(words[i + 1] ?? '');
    else if (/^--(output|output-document)=/.test(w)) files.push(w.slice(w.indexOf('=') + 1));
    else if (/^https?:\/\//.test(w) && (isWget || words.some((x) => /^-[a-zA-Z]*O/.test(x) || x === '--remote-name'))) files.push(w.split(/[?#]/)[0].split('/').pop() ?? '');
  });
  return files.filter((f) => f !== '' && f !== '-').flatMap((f) => [f, `./${f}`]);
}
