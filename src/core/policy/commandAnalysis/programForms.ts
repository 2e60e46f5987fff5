/**
 * The table of dangerous forms: for each program that can run code or write files through its own arguments,
 * the forms that always ask, even when the program is on the allow-list or commands run on `auto` (allowing
 * `sed` allows `sed -n 1,5p`, not `sed 'e id'`). Judged on the command that really runs, after unwrapping.
 */
import { awkProgramRisk, sedScriptRisk } from './scriptForms';
import { gitRisks, npmRisks, packageRunnerRisks } from './toolForms';
import { namesLongOption } from './words';

/** How one program's arguments are judged. */
export interface ProgramForms {
  /**
   * Options that always ask, and why. Long options match `--x` and `--x=…`. Single-letter ones also match inside a
   * short cluster (`-rno` holds `-o`, `-pe` holds `-e`) unless `isExactOptions`; other single-dash ones match exactly.
   */
  options?: Readonly<Record<string, string>>;
  /** Match options exactly (find's `-exec`, `-delete`), never as clusters. */
  isExactOptions?: boolean;
  /** Match options case-insensitively and by any unambiguous prefix (PowerShell). */
  isPrefixOptions?: boolean;
  /** Words that, as the first argument that is not an option, always ask (`deno eval`). */
  subcommands?: Readonly<Record<string, string>>;
  /** Always asks, whatever the arguments. */
  always?: string;
  /** Checks that need more than options: sed scripts, awk programs, git's and npm's subcommands. */
  inspect?: (args: readonly string[]) => string[];
  /**
   * An interpreter: words after its script (`node cli.js -e`) or module (`python -m pip install -c x`) belong to that
   * script, not to the interpreter. A script only ends the options when no option word stands right before it.
   */
  isInterpreter?: boolean;
}

const inline = (program: string): string => `it runs inline code with ${program}`;

/** Inline-code options of the interpreters, in every spelling: `-e`, `-pe`, `-e'…'`, `--eval`, `--eval=…`. */
const interpreterOptions: Record<string, Record<string, string>> = {
  node: { '-e': inline('node'), '-p': inline('node'), '--eval': inline('node'), '--print': inline('node') },
  python: { '-c': inline('python') },
  perl: { '-e': inline('perl'), '-E': inline('perl'), '-M': 'it loads perl code given to -M', '-m': 'it loads perl code given to -m' },
  ruby: { '-e': inline('ruby') },
  php: { '-r': inline('php'), '-R': inline('php'), '-B': inline('php'), '-E': inline('php'), '-d': 'it sets php.ini options (auto_prepend_file runs any file)' },
  lua: { '-e': inline('lua'), '-l': 'it loads a lua module given to -l' },
  bun: { '-e': inline('bun'), '-p': inline('bun'), '--eval': inline('bun'), '--print': inline('bun') },
  deno: { '--eval': inline('deno'), '--eval-file': 'it runs code from a file or URL given to --eval-file' },
  shell: { '-c': 'it runs inline code with the shell', '--command': 'it runs inline code with the shell', '--init-file': 'it runs a startup file', '--rcfile': 'it runs a startup file' },
  fish: { '-c': 'it runs inline code with fish', '--command': 'it runs inline code with fish', '-C': 'it runs inline code with fish', '--init-command': 'it runs inline code with fish' },
  short: { '-e': 'it runs inline code given to -e' },
  julia: { '-e': inline('julia'), '-E': inline('julia'), '--eval': inline('julia'), '--print': inline('julia'), '-L': 'it loads a file given to -L' },
  R: { '-e': inline('R'), '--expr': inline('R') },
  vim: { '-c': 'it runs editor commands given to -c', '--cmd': 'it runs editor commands given to --cmd', '-S': 'it runs an editor script' },
  emacs: { '--eval': inline('emacs'), '-l': 'it loads lisp code', '--load': 'it loads lisp code', '-f': 'it calls a lisp function', '--funcall': 'it calls a lisp function', '-x': 'it runs a lisp script' },
};

const alias = (names: readonly string[], forms: ProgramForms): Record<string, ProgramForms> => Object.fromEntries(names.map((n) => [n, forms]));
const fromDataUrl = (args: readonly string[]): string[] =>
  args.some((a) => /^(data|https?):/i.test(a.replace(/^--?[\w-]+=/, ''))) ? ['it loads code from a data: or remote URL'] : [];
const fromRegistry = (args: readonly string[]): string[] => (args.some((a) => /^(npm|jsr):/.test(a)) ? ['it runs a package downloaded from the registry'] : []);
const findRisks = {
  '-exec': 'find -exec runs a command for each file', '-execdir': 'find -execdir runs a command for each file', '-ok': 'find -ok runs a command for each file',
  '-okdir': 'find -okdir runs a command for each file', '-delete': 'find -delete deletes every file it matches', '-fprint': 'find -fprint writes a file',
  '-fprint0': 'find -fprint0 writes a file', '-fprintf': 'find -fprintf writes a file', '-fls': 'find -fls writes a file',
};
const tarRisks = {
  '--checkpoint-action': 'tar --checkpoint-action runs a command', '--to-command': 'tar --to-command runs a command', '--use-compress-program': 'tar --use-compress-program runs a program',
  '-I': 'tar -I runs a compression program', '--info-script': 'tar --info-script runs a script', '-F': 'tar -F runs a script', '--new-volume-script': 'tar --new-volume-script runs a script',
  '--rsh-command': 'tar --rsh-command runs a program', '--rmt-command': 'tar --rmt-command runs a program', '-P': 'tar -P writes to absolute paths', '--absolute-names': 'tar --absolute-names writes to absolute paths',
  '-x': 'tar -x writes every file the archive names, which the analysis cannot see', '--extract': 'tar --extract writes every file the archive names', '--get': 'tar --get writes every file the archive names',
};

/** The table. A program not listed has no dangerous forms of its own (paths and the deny-list still apply). */
export const programForms: Readonly<Record<string, ProgramForms>> = {
  ...alias(['node', 'nodejs'], { options: interpreterOptions.node, inspect: fromDataUrl, isInterpreter: true }),
  ...alias(['python', 'python2', 'python3', 'pypy', 'pypy3'], { options: interpreterOptions.python, isInterpreter: true }),
  perl: { options: interpreterOptions.perl, isInterpreter: true },
  ruby: { options: interpreterOptions.ruby, isInterpreter: true },
  php: { options: interpreterOptions.php, isInterpreter: true },
  ...alias(['lua', 'luajit'], { options: interpreterOptions.lua, isInterpreter: true }),
  bun: { options: interpreterOptions.bun, inspect: (args) => packageRunnerRisks('bun', args) },
  deno: { options: interpreterOptions.deno, subcommands: { eval: 'deno eval runs inline code' }, inspect: (args) => (args[0] === 'run' || args[0] === 'x' ? [...fromDataUrl(args), ...fromRegistry(args)] : []) },
  ...alias(['sh', 'bash', 'zsh', 'dash', 'ksh', 'mksh', 'ash', 'yash', 'csh', 'tcsh'], { options: interpreterOptions.shell, isInterpreter: true }),
  fish: { options: interpreterOptions.fish, isInterpreter: true },
  ...alias(['pwsh', 'powershell'], { options: { '-command': 'it runs inline PowerShell code', '-encodedcommand': 'it runs encoded PowerShell code' }, isPrefixOptions: true }),
  ...alias(['osascript', 'Rscript'], { options: interpreterOptions.short }),
  julia: { options: interpreterOptions.julia },
  R: { options: interpreterOptions.R },
  ...alias(['vim', 'vi', 'nvim', 'view', 'ex', 'vimdiff'], { options: interpreterOptions.vim, inspect: (args) => (args.some((a) => a.startsWith('+')) ? ['it runs editor commands given with +'] : []) }),
  emacs: { options: interpreterOptions.emacs, isExactOptions: true },
  gdb: { options: { '-ex': 'gdb -ex runs debugger commands', '-x': 'gdb -x runs a command file', '-eval-command': 'gdb runs debugger commands', '--eval-command': 'gdb runs debugger commands', '-batch': 'gdb -batch runs commands' }, isExactOptions: true },
  ...alias(['awk', 'gawk', 'mawk', 'nawk'], { options: { '-W': 'it passes -W options, which can load a program (mawk -W exec)', '-f': 'it runs an awk program from a file', '--file': 'it runs an awk program from a file', '-E': 'it runs an awk program from a file', '--exec': 'it runs an awk program from a file', '-i': 'it includes awk code', '--include': 'it includes awk code', '-l': 'it loads an extension', '--load': 'it loads an extension' }, inspect: (args) => awkRisks(args) }),
  sed: { options: { '-f': 'it runs a sed script from a file the analysis cannot see', '--file': 'it runs a sed script from a file the analysis cannot see' }, inspect: (args) => sedRisks(args) },
  find: { options: findRisks, isExactOptions: true },
  ...alias(['tar', 'gtar', 'bsdtar'], { options: tarRisks, inspect: (args) => (/^[a-zA-Z]*x/.test(args[0] ?? '') && !args[0].startsWith('-') ? [tarRisks['-x']] : []) }),
  sort: { options: { '--compress-program': 'sort --compress-program runs a program' } },
  ...alias(['rg', 'ripgrep'], { options: { '--pre': 'rg --pre runs a program on every file', '--hostname-bin': 'rg --hostname-bin runs a program' }, isExactOptions: true }),
  git: { inspect: gitRisks },
  npm: { inspect: npmRisks },
  pnpm: { inspect: (args) => packageRunnerRisks('pnpm', args) },
  yarn: { inspect: (args) => packageRunnerRisks('yarn', args) },
  ...alias(['less', 'more'], { inspect: (args) => (args.some((a) => a.startsWith('+')) ? ['it runs pager commands given with + (!cmd runs a program)'] : []) }),
  alias: { inspect: (args) => (args.some((a) => a.includes('=')) ? ['it defines an alias, which changes what a later command name runs'] : []) },
  hash: { options: { '-p': 'hash -p makes a command name run another program' } },
  expect: { options: { '-c': 'it runs inline expect code' } },
  patch: { always: 'patch writes every file its patch names, which the analysis cannot see' },
  unzip: { inspect: (args) => (args.some((a) => /^-[a-zA-Z]*[ltvZ]/.test(a)) ? [] : ['unzip writes every file the archive names, which the analysis cannot see']) },
  rsync: { options: { '-e': 'rsync -e runs a program', '--rsh': 'rsync --rsh runs a program', '--rsync-path': 'rsync --rsync-path runs a program' } },
  ssh: { inspect: (args) => (args.some((a) => /(ProxyCommand|LocalCommand|KnownHostsCommand|PermitLocalCommand)/i.test(a)) ? ['it passes ssh an option that runs a local command'] : []) },
  zip: { options: { '-TT': 'zip -TT runs a program', '--unzip-command': 'zip --unzip-command runs a program' }, isExactOptions: true },
  man: { options: { '-P': 'man -P runs a pager program', '--pager': 'man --pager runs a program', '-H': 'man -H runs a browser' } },
  make: {
    options: { '--eval': 'make --eval runs make code, which can run shell commands', '-E': 'make -E runs make code' },
    inspect: (args) => (args.some((a) => /^(SHELL|MAKESHELL|\.SHELLFLAGS|MAKEFLAGS|MAKEFILES)=/.test(a)) ? ['it overrides the shell or flags make runs recipes with'] : []),
  },
  go: { options: { '-exec': 'go -exec runs a program', '-toolexec': 'go -toolexec runs a program' }, isExactOptions: true },
  cargo: { options: { '--config': 'cargo --config sets config that can run programs (rustc-wrapper)' } },
  ...alias(['scp', 'sftp'], { options: { '-S': 'it runs the program given to -S' }, inspect: (args) => (args.some((a) => /(ProxyCommand|LocalCommand|KnownHostsCommand)/i.test(a)) ? ['it passes an option that runs a local command'] : []) }),
  ...alias(['xdg-open', 'open', 'gio'], { always: 'it opens a file with whatever program is registered for it, which can run code' }),
  ...alias(['crontab', 'at', 'batch'], { always: 'it schedules a command to run later' }),
  enable: { options: { '-f': 'enable -f loads a shell builtin from a library' } },
};

/** Every reason the literal arguments of `program` make it run code or write anywhere. */
export function dangerousForms(program: string, words: readonly string[]): string[] {
  const forms = programForms[program];
  if (!forms) return [];
  const args = forms.isInterpreter ? interpreterOwnArgs(words) : words;
  const reasons: string[] = [];
  if (forms.always) reasons.push(forms.always);
  for (const [option, why] of Object.entries(forms.options ?? {})) if (args.some((a) => matchesOption(a, option, forms))) reasons.push(why);
  const sub = args.find((a) => !a.startsWith('-'));
  if (sub && forms.subcommands?.[sub]) reasons.push(forms.subcommands[sub]);
  if (forms.inspect) reasons.push(...forms.inspect(args));
  return [...new Set(reasons)];
}

const scriptFile = /\.(c?js|mjs|ts|mts|cts|jsx|tsx|py|pyw|rb|pl|pm|php|lua|sh|bash|zsh|fish|jl|r)$/i;

/** The interpreter's own words: up to its script file, or up to and including `-m module`. */
function interpreterOwnArgs(args: readonly string[]): readonly string[] {
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '-m' || args[i] === '--') return args.slice(0, i + 2);
    if (scriptFile.test(args[i]) && !args[i].startsWith('-') && !(args[i - 1] ?? '').startsWith('-')) return args.slice(0, i);
  }
  return args;
}

function matchesOption(arg: string, option: string, forms: ProgramForms): boolean {
  if (forms.isPrefixOptions) {
    const flag = arg.toLowerCase().replace(/^\//, '-').split(':')[0];
    return flag.length >= 2 && flag.startsWith('-') && option.startsWith(flag) || flag === '-ec' && option === '-encodedcommand' || flag === '-e' && option === '-encodedcommand';
  }
  if (option.startsWith('--')) return namesLongOption(arg, option);
  if (forms.isExactOptions || option.length !== 2) return arg === option;
  return arg === option || (/^-[A-Za-z0-9]/.test(arg) && !arg.startsWith('--') && clusterHas(arg, option[1]));
}

/** True when a short-option cluster (`-lne`, `-e'code'`, `-cprint(1)`) holds the letter before any non-letter. */
function clusterHas(arg: string, letter: string): boolean {
  const letters = /^-([A-Za-z0-9]+)/.exec(arg)?.[1] ?? '';
  return letters.includes(letter);
}

/** The scripts of a sed command line: `-e` values, `--expression=` values, or the first word that is not an option. */
function sedRisks(args: readonly string[]): string[] {
  const scripts: string[] = [];
  let sawExpression = false;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (namesLongOption(a, '--expression')) { sawExpression = true; scripts.push(a.includes('=') ? a.slice(a.indexOf('=') + 1) : (args[++i] ?? '')); continue; }
    if (/^-[a-zA-Z]*e/.test(a) && !/^-[a-zA-Z]*i/.test(a.slice(0, a.indexOf('e')))) {
      sawExpression = true;
      const glued = a.slice(a.indexOf('e') + 1);
      scripts.push(glued !== '' ? glued : (args[++i] ?? ''));
      continue;
    }
    if (a === '-l' || a === '--line-length' || a === '-f' || a === '--file') { sawExpression ||= a.endsWith('f') || a === '--file'; i++; }
    else if (!a.startsWith('-') && !sawExpression) { scripts.push(a); break; }
  }
  return scripts.map(sedScriptRisk).filter((r): r is string => !!r).map((r) => `the sed script is not plain text processing: ${r}`);
}

/** The program of an awk command line: `-e`/`--source` values or the first word that is not an option. */
function awkRisks(args: readonly string[]): string[] {
  const programs: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '-e' || (namesLongOption(a, '--source') && !a.includes('='))) { programs.push(args[++i] ?? ''); continue; }
    if (namesLongOption(a, '--source')) { programs.push(a.slice(a.indexOf('=') + 1)); continue; }
    if (a === '-F' || a === '-v' || a === '--assign' || a === '--field-separator') { i++; continue; }
    if (a === '--') { programs.push(args[i + 1] ?? ''); break; }
    if (!a.startsWith('-')) { if (programs.length === 0) programs.push(a); break; }
  }
  return programs.map(awkProgramRisk).filter((r): r is string => !!r).map((r) => `the awk program is not plain text processing: ${r}`);
}
