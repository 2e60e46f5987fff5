/**
 * Unwrapping: `env X=1 nice -n 5 timeout 9 rm -rf /` runs `rm -rf /`. Every rule (deny-list, dangerous forms,
 * paths, the allow-list) judges the command that really runs, found here once from a table of wrappers and
 * their options, so that no rule can be bypassed by putting a wrapper in front.
 */
import type { Finding, SimpleCommand } from './commandStructure';
import { clip } from './commandStructure';
import type { ShellWord } from './words';

/**
 * How a wrapper treats the command after it. `transparent`: runs it as given, so the allow-list judges the inner
 * command. `elevating`: runs it with other rights (always asks). `appending`: adds words read from stdin (xargs),
 * so the inner command's arguments are unknown and the allow-list cannot vouch. `shellText`: joins its words into
 * shell code (watch, trap), which the analysis cannot see into (always asks).
 */
export type WrapperRole = 'transparent' | 'elevating' | 'appending' | 'shellText';

/** One wrapper: which options take a value, how many words come before the command, which options run code. */
export interface WrapperSpec {
  role: WrapperRole;
  /** Options that take a value (the next word, the rest of a short cluster, or `--opt=value`). */
  valued?: readonly string[];
  /** Options without a value. An option in neither list asks: the analysis cannot tell where the command starts. */
  flags?: readonly string[];
  /** Words after the options that are not the command: timeout's duration, flock's lock file, chroot's root. */
  positionals?: number;
  /** `NAME=value` words before the command set its environment (env, sudo). */
  hasAssignments?: boolean;
  /** Options that make the wrapper run shell text or write a file, and why they always ask. */
  askOptions?: Readonly<Record<string, string>>;
  /** `-5` style numeric options (nice). */
  hasNumericFlags?: boolean;
  /** Short options whose value, if any, is glued to them (`xargs -i{}`, `-l1`). */
  gluedOptional?: readonly string[];
}

const runsText = 'runs its value as shell code';

/** The wrappers the analysis knows. A program not listed here is judged as itself. */
export const wrapperSpecs: Readonly<Record<string, WrapperSpec>> = {
  env: {
    role: 'transparent', hasAssignments: true, valued: ['-u', '--unset', '-C', '--chdir', '-S', '--split-string'],
    flags: ['-i', '-', '--ignore-environment', '-0', '--null', '-v', '--debug', '--default-signal', '--ignore-signal', '--block-signal', '--list-signal-handling'],
    askOptions: { '-S': 'splits its value into a command', '--split-string': 'splits its value into a command' },
  },
  nice: { role: 'transparent', valued: ['-n', '--adjustment'], hasNumericFlags: true },
  nohup: { role: 'transparent' },
  rlwrap: { role: 'transparent' },
  timeout: { role: 'transparent', valued: ['-s', '--signal', '-k', '--kill-after'], flags: ['--preserve-status', '--foreground', '-v', '--verbose'], positionals: 1 },
  stdbuf: { role: 'transparent', valued: ['-i', '-o', '-e', '--input', '--output', '--error'] },
  time: { role: 'transparent', valued: ['-f', '--format'], flags: ['-p', '-v', '--verbose', '-q', '--quiet', '--portability', '-a', '--append'], askOptions: { '-o': 'writes a file', '--output': 'writes a file' } },
  command: { role: 'transparent', flags: ['-p', '-v', '-V'] },
  builtin: { role: 'transparent' },
  exec: { role: 'transparent', valued: ['-a'], flags: ['-c', '-l'] },
  noglob: { role: 'transparent' },
  nocorrect: { role: 'transparent' },
  busybox: { role: 'transparent' },
  unbuffer: { role: 'transparent', flags: ['-p'] },
  setsid: { role: 'transparent', flags: ['-c', '--ctty', '-f', '--fork', '-w', '--wait'] },
  ionice: { role: 'transparent', valued: ['-c', '--class', '-n', '--classdata', '-p', '--pid', '-P', '--pgid', '-u', '--uid'], flags: ['-t', '--ignore'] },
  caffeinate: { role: 'transparent', valued: ['-t', '-w'], flags: ['-d', '-i', '-m', '-s', '-u'] },
  taskset: { role: 'transparent', flags: ['-a', '--all-tasks', '-c', '--cpu-list'], positionals: 1 },
  chrt: { role: 'transparent', valued: ['-T', '-P', '-D'], flags: ['-b', '-d', '-f', '-i', '-o', '-r', '-a', '-R', '-v'], positionals: 1 },
  flock: {
    role: 'transparent', valued: ['-w', '--timeout', '-E', '--conflict-exit-code'], positionals: 1,
    flags: ['-s', '--shared', '-x', '-e', '--exclusive', '-n', '--nb', '--nonblock', '-u', '--unlock', '-o', '--close', '-F', '--no-fork', '--verbose'],
    askOptions: { '-c': runsText, '--command': runsText },
  },
  strace: { role: 'transparent', valued: ['-o', '-e', '-p', '-s', '-u', '-E', '-P', '-a', '-b', '-I', '-O', '-S', '-X'], flags: ['-f', '-ff', '-c', '-C', '-d', '-D', '-i', '-q', '-r', '-t', '-tt', '-ttt', '-T', '-v', '-V', '-x', '-xx', '-y', '-yy', '-k', '-w', '-z', '-Z'] },
  ltrace: { role: 'transparent', valued: ['-o', '-e', '-p', '-s', '-u', '-a', '-l', '-n', '-x'], flags: ['-f', '-c', '-C', '-d', '-i', '-r', '-S', '-t', '-tt', '-ttt', '-T', '-b', '-w'] },
  xargs: {
    role: 'appending',
    valued: ['-I', '-L', '-n', '-P', '-s', '-d', '-E', '-a', '--arg-file', '--delimiter', '--max-args', '--max-lines', '--max-procs', '--max-chars', '--process-slot-var'],
    flags: ['-0', '--null', '-r', '--no-run-if-empty', '-t', '--verbose', '-p', '--interactive', '-x', '--exit', '-o', '--open-tty', '--replace', '--eof', '--show-limits'],
    gluedOptional: ['-i', '-l', '-e'],
  },
  sudo: {
    role: 'elevating', hasAssignments: true,
    valued: ['-u', '--user', '-g', '--group', '-C', '--close-from', '-D', '--chdir', '-h', '--host', '-p', '--prompt', '-r', '--role', '-t', '--type', '-T', '--command-timeout', '-U', '--other-user', '-R', '--chroot'],
    flags: ['-E', '--preserve-env', '-H', '--set-home', '-n', '--non-interactive', '-i', '--login', '-s', '--shell', '-b', '--background', '-k', '--reset-timestamp', '-K', '-P', '-S', '--stdin', '-A', '--askpass', '-B', '--bell', '-e', '--edit', '--'],
  },
  doas: { role: 'elevating', valued: ['-u', '-C'], flags: ['-n', '-s', '-L'] },
  pkexec: { role: 'elevating', valued: ['--user'], flags: ['--disable-internal-agent', '--keep-cwd'] },
  run0: { role: 'elevating', valued: ['-u', '--user', '-g', '--group', '-D', '--chdir'], flags: [] },
  chroot: { role: 'elevating', valued: ['--userspec', '--groups'], flags: ['--skip-chdir'], positionals: 1 },
  su: { role: 'elevating', valued: ['-s', '--shell', '-g', '--group', '-G', '--supp-group', '-w', '--whitelist-environment'], askOptions: { '-c': runsText, '--command': runsText, '-C': runsText, '--session-command': runsText } },
  runuser: { role: 'elevating', valued: ['-u', '--user', '-s', '--shell', '-g', '-G'], askOptions: { '-c': runsText, '--command': runsText } },
  'systemd-run': { role: 'elevating' },
  nsenter: { role: 'elevating' },
  unshare: { role: 'elevating' },
  watch: { role: 'shellText' },
  parallel: { role: 'shellText' },
  trap: { role: 'shellText' },
  script: { role: 'shellText' },
};

/** The layers of one simple command: the wrappers in front, the command that really runs, and what was found. */
export interface UnwrappedCommand {
  /** Wrapper names in order, outermost first. */
  wrappers: string[];
  /** The innermost command (the command itself when there is no wrapper); undefined when a wrapper runs nothing. */
  runs: SimpleCommand | undefined;
  /** False when a wrapper adds words the analysis cannot see (xargs) or runs with other rights: the allow-list cannot vouch. */
  isVouchable: boolean;
  findings: Finding[];
}

/** GNU coreutils under their macOS (Homebrew) names. */
for (const name of ['env', 'nice', 'nohup', 'timeout', 'stdbuf']) (wrapperSpecs as Record<string, WrapperSpec>)[`g${name}`] = wrapperSpecs[name];

/** Wrappers nested deeper than this always ask. */
const maxLayers = 8;

/** Peels every known wrapper off a simple command. */
export function unwrapCommand(command: SimpleCommand): UnwrappedCommand {
  const result: UnwrappedCommand = { wrappers: [], runs: command, isVouchable: true, findings: [] };
  let current: SimpleCommand | undefined = command;
  while (current) {
    const name = programName(current.words[0]);
    const spec = name === undefined ? undefined : wrapperSpecs[name];
    if (!spec || name === undefined) break;
    if (result.wrappers.length >= maxLayers) {
      result.findings.push({ level: 'ask', reason: `It nests more than ${maxLayers} wrappers, which hides what runs.` });
      break;
    }
    result.wrappers.push(name);
    current = peel(current, name, spec, result);
    result.runs = current;
  }
  return result;
}

/** The base name of a literal program word (`/usr/bin/env` is env); undefined when it is computed. */
export function programName(word: ShellWord | undefined): string | undefined {
  if (!word) return undefined;
  return (word.value ?? word.loose).split('/').pop();
}

function peel(command: SimpleCommand, name: string, spec: WrapperSpec, result: UnwrappedCommand): SimpleCommand | undefined {
  const ask = (reason: string): void => { result.findings.push({ level: 'ask', reason }); };
  if (spec.role === 'elevating') ask(`It runs a command with elevated privileges or other rights (${name}).`);
  if (spec.role === 'appending') {
    result.isVouchable = false;
    result.findings.push({ level: 'unlisted', reason: `${name} adds words read from its input to the command, which the allow-list cannot vouch for.` });
  }
  if (spec.role === 'shellText') {
    ask(`${name} runs its arguments as shell code, which the analysis cannot see into: ${clip(command.text)}.`);
    return undefined;
  }
  const words = command.words;
  let i = 1;
  const assignments: string[] = [];
  for (; i < words.length; i++) {
    const word = words[i].value ?? words[i].loose;
    if (word === '--') { i++; break; }
    if (!word.startsWith('-') || word === '-' && !spec.flags?.includes('-')) break;
    const option = readOption(word, spec);
    if (option.unknown) {
      ask(`It passes ${name} the option ${clip(word)}, which the analysis does not know, so it cannot tell which command ${name} runs.`);
      return undefined;
    }
    if (option.asks) ask(`It passes ${name} ${option.asks.flag}, which ${option.asks.why}: ${clip(command.text)}.`);
    if (option.takesNext) i++;
  }
  if (spec.hasAssignments) for (; i < words.length && /^[A-Za-z_]\w*(\[[^\]]*\])?\+?=/.test(words[i].loose); i++) assignments.push(words[i].loose);
  i += spec.positionals ?? 0;
  if (spec.role === 'elevating') result.isVouchable = false;
  if (i >= words.length) return undefined;
  const inner = words.slice(i);
  return { words: inner, assignments, text: inner.map((w) => w.text).join(' '), substitutions: command.substitutions };
}

interface OptionRead {
  unknown?: boolean;
  takesNext?: boolean;
  asks?: { flag: string; why: string };
}

/** Reads one option word against a wrapper's table: long (`--x`, `--x=v`) or a short cluster (`-oL`, `-sKILL`). */
function readOption(word: string, spec: WrapperSpec): OptionRead {
  const valued = spec.valued ?? [];
  const flags = spec.flags ?? [];
  const askOptions = spec.askOptions ?? {};
  const askFor = (flag: string): OptionRead['asks'] => (askOptions[flag] ? { flag, why: askOptions[flag] } : undefined);
  if (word.startsWith('--')) {
    const [flag, value] = [word.split('=')[0], word.includes('=') ? word.slice(word.indexOf('=') + 1) : undefined];
    const isKnown = valued.includes(flag) || flags.includes(flag) || flag in askOptions;
    return { unknown: !isKnown, takesNext: valued.includes(flag) && value === undefined, asks: askFor(flag) };
  }
  if (spec.hasNumericFlags && /^-\d+$/.test(word)) return {};
  if (flags.includes(word)) return { asks: askFor(word) };
  for (let k = 1; k < word.length; k++) {
    const flag = `-${word[k]}`;
    if (spec.gluedOptional?.includes(flag)) return {};
    if (flag in askOptions) return { asks: askFor(flag), takesNext: k === word.length - 1 && !flags.includes(flag) };
    if (valued.includes(flag)) return { takesNext: k === word.length - 1 };
    if (!flags.includes(flag)) return { unknown: true };
  }
  return {};
}
