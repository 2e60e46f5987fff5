/**
 * Name-based checks of simple commands and pipelines: the deny-list (refused outright), commands that run other
 * code (shells with inline code, eval, wrappers such as sudo, xargs or find -exec), and risky environment.
 */
import type { Finding, SimpleCommand } from './commandStructure';
import { clip } from './commandStructure';

/** Programs that run code given to them on stdin or as text. */
export const shellNames = new Set(['sh', 'bash', 'zsh', 'dash', 'ksh', 'fish', 'csh', 'tcsh', 'ash', 'busybox', 'pwsh', 'powershell']);
const interpreterNames = new Set([...shellNames, 'python', 'python2', 'python3', 'node', 'nodejs', 'deno', 'bun', 'perl', 'ruby', 'php', 'lua', 'osascript']);
const downloaders = new Set(['curl', 'wget', 'fetch', 'aria2c', 'http', 'https', 'xh', 'nc', 'ncat']);
const wrappers = new Set(['env', 'nohup', 'timeout', 'nice', 'ionice', 'xargs', 'time', 'command', 'builtin', 'exec', 'stdbuf', 'watch', 'parallel', 'strace', 'unbuffer', 'setsid', 'script', 'chroot', 'flock', 'trap']);
const elevators = new Set(['sudo', 'su', 'doas', 'pkexec', 'runas']);
const riskyVariables = /^(PATH|LD_PRELOAD|LD_LIBRARY_PATH|LD_AUDIT|DYLD_\w+|BASH_ENV|ENV|PROMPT_COMMAND|IFS|PS4|SHELLOPTS|BASHOPTS|GIT_\w+|NODE_OPTIONS|PYTHONPATH|PYTHONSTARTUP|PERL5OPT|RUBYOPT|npm_config_\w+|HOME)=/i;
const dangerousRmTargets = /^(\/+\*?|\/+(bin|boot|dev|etc|home|lib|lib64|opt|proc|root|sbin|srv|sys|usr|var)\/*\*?|~\/*\*?|\$\{?HOME\}?\/*\*?|\.\.\/*)$/;

/** Programs' base name, as a word's literal (or loose) value. */
export function commandName(command: SimpleCommand): string | undefined {
  const first = command.words[0];
  if (!first) return undefined;
  return (first.value ?? first.loose).split('/').pop();
}

/** All findings for one simple command. */
export function checkSimpleCommand(command: SimpleCommand): Finding[] {
  const findings: Finding[] = [];
  const add = (level: Finding['level'], reason: string): void => { findings.push({ level, reason }); };
  const first = command.words[0];
  if (first && first.value === undefined) add('ask', `The command name ${clip(first.text)} is computed when it runs, so what runs cannot be known in advance.`);
  for (const assignment of command.assignments) {
    add(riskyVariables.test(assignment) ? 'ask' : 'unlisted', `It sets ${clip(assignment)} for the command${riskyVariables.test(assignment) ? ', which can change what code runs' : ''}.`);
  }
  const name = commandName(command) ?? '';
  const args = command.words.slice(1);
  if (args.some((w) => w.value === undefined)) add('unlisted', `An argument of ${name} is computed when it runs (${clip(args.find((w) => w.value === undefined)?.text ?? '')}).`);
  findings.push(...checkRunsOtherCode(name, command), ...denyListFindings(name, command));
  return findings;
}

function checkRunsOtherCode(name: string, command: SimpleCommand): Finding[] {
  const loose = command.words.slice(1).map((w) => w.loose);
  const out: Finding[] = [];
  if (name === 'eval') out.push({ level: 'ask', reason: `It uses eval, which runs text as shell code: ${clip(command.text)}.` });
  if ((name === 'source' || name === '.') && command.words.slice(1).some((w) => w.value === undefined)) {
    out.push({ level: 'ask', reason: `It sources a computed file: ${clip(command.text)}.` });
  }
  if (interpreterNames.has(name) && loose.some((a) => /^-[a-zA-Z]*[ceE]$/.test(a) || a === '--command' || a === '--eval')) {
    out.push({ level: 'ask', reason: `It runs inline code with ${name}: ${clip(command.text)}.` });
  }
  if (elevators.has(name)) out.push({ level: 'ask', reason: `It runs a command with elevated privileges (${name}).` });
  if (wrappers.has(name)) out.push({ level: 'unlisted', reason: `It runs another command through ${name}, which the allow-list cannot vouch for.` });
  if (name === 'find' && loose.some((a) => /^-(exec|execdir|ok|okdir|delete|fprint\w*|fls)$/.test(a))) {
    out.push({ level: 'unlisted', reason: 'find with -exec, -ok or -delete runs or deletes things the allow-list cannot vouch for.' });
  }
  if (name === 'git' && loose.some((a) => /^(-c|--config-env|--exec-path|--upload-pack|--receive-pack)$/.test(a) || /^--(upload-pack|receive-pack|exec)=/.test(a))) {
    out.push({ level: 'ask', reason: 'It passes git an option that can run arbitrary programs (-c, --upload-pack, --exec...).' });
  }
  return out;
}

/** The deny-list: commands refused outright, whatever the approval policy. */
function denyListFindings(name: string, command: SimpleCommand): Finding[] {
  const loose = command.words.slice(1).map((w) => w.loose);
  const deny = (reason: string): Finding[] => [{ level: 'deny', reason }];
  const isRecursive = loose.some((a) => /^-[a-zA-Z]*[rR]/.test(a) || a === '--recursive');
  if (name === 'rm' && (loose.includes('--no-preserve-root') || (isRecursive && loose.some((a) => dangerousRmTargets.test(a))))) {
    return deny(`Refused: ${clip(command.text)} would delete the system or your home folder.`);
  }
  if ((name === 'chmod' || name === 'chown') && isRecursive && loose.some((a) => dangerousRmTargets.test(a))) {
    return deny(`Refused: ${clip(command.text)} would change permissions of the whole system or home folder.`);
  }
  if (/^(mkfs(\.\w+)?|mke2fs|wipefs|mkswap)$/.test(name)) return deny(`Refused: ${name} formats a disk.`);
  if (name === 'dd' && loose.some((a) => /^of=\/dev\/(?!null$|zero$|stdout$|stderr$)/.test(a))) return deny('Refused: dd writing to a device would destroy its data.');
  if (name === 'git' && loose.includes('push') && isForcePush(loose)) {
    if (loose.some((a) => /(^|[:/+])(main|master)$/.test(a))) return deny('Refused: a force push to main or master rewrites the shared history.');
    return [{ level: 'ask', reason: 'It force-pushes, which rewrites history on the remote.' }];
  }
  if (shellNames.has(name) && command.substitutions.some((s) => [...downloaders].some((d) => new RegExp(`(^|[\\s(|;&])${d}\\s`).test(s)))) {
    return deny(`Refused: ${clip(command.text)} runs code downloaded from the network.`);
  }
  return [];
}

function isForcePush(args: string[]): boolean {
  return args.some((a) => /^-[a-zA-Z]*f/.test(a) || a.startsWith('--force') || a === '--mirror' || a === '--delete' || /^\+/.test(a));
}

/** The program that really runs: `sudo -E bash` and `env X=1 nohup sh` run bash and sh. */
export function innerName(command: SimpleCommand): string {
  const words = command.words.map((w) => (w.value ?? w.loose).split('/').pop() ?? '');
  let i = 0;
  while (i < words.length - 1 && (wrappers.has(words[i]) || elevators.has(words[i]))) {
    i++;
    while (i < words.length - 1 && (words[i].startsWith('-') || /^\w+=/.test(words[i]) || /^\d+[smhd]?$/.test(words[i]))) i++;
  }
  return words[i] ?? '';
}

/** Pipeline checks: a pipe into a shell asks; a download piped into a shell is refused. */
export function checkPipeline(stages: SimpleCommand[]): Finding[] {
  const findings: Finding[] = [];
  stages.forEach((stage, index) => {
    const name = innerName(stage);
    if (index === 0 || !interpreterNames.has(name)) return;
    const upstream = stages.slice(0, index).map(innerName);
    if (upstream.some((u) => downloaders.has(u))) findings.push({ level: 'deny', reason: `Refused: output of ${upstream.join(' | ')} is piped into ${name}, which runs code downloaded from the network.` });
    else findings.push({ level: 'ask', reason: `It pipes text into ${name}, which runs it as code.` });
  });
  return findings;
}

/** True for a program that runs code from stdin (used for heredocs and herestrings). */
export function isInterpreter(name: string | undefined): boolean {
  return !!name && interpreterNames.has(name.split('/').pop() ?? name);
}
