/**
 * The dangerous forms of git and the JavaScript package managers, which live in subcommands and in options that
 * may sit before or after them. Each function takes the literal arguments (without the program name) and returns
 * the reasons the form always asks.
 */
import { namesLongOption } from './words';

const gitGlobalValued = new Set(['-C', '--git-dir', '--work-tree', '--namespace', '--super-prefix', '--list-cmds', '--attr-source']);
const gitGlobalRisks: Record<string, string> = {
  '-c': 'git -c sets config (core.pager, core.fsmonitor, alias.*) that can run arbitrary programs',
  '--config-env': 'git --config-env sets config that can run any program',
  '--exec-path': 'git --exec-path runs git subcommands from another folder',
  '--git-dir': 'git --git-dir uses another repository, whose config can run programs',
  '-p': 'git -p runs the configured pager, a program the repository can choose',
  '--paginate': 'git --paginate runs the configured pager, a program the repository can choose',
};
const gitAnywhereRisks: Record<string, string> = {
  '--upload-pack': 'it runs the program named by --upload-pack', '--receive-pack': 'it runs the program named by --receive-pack',
  '--exec': 'it runs the program named by --exec', '--output': 'it writes its output to a file named by --output',
  '--template': 'it copies hooks from a template folder', '--extcmd': 'it runs the program named by --extcmd',
  '--open-files-in-pager': 'it runs a pager program', '--config': 'it sets config that can run any program',
  '--ext-diff': 'it runs the external diff program the config names', '--textconv': 'it runs the textconv programs the config names',
};
const gitSubcommandRisks: Record<string, string> = {
  am: 'git am writes every file its patches name', 'filter-branch': 'git filter-branch runs shell code', 'filter-repo': 'git filter-repo runs code',
  difftool: 'git difftool runs an external diff program', mergetool: 'git mergetool runs an external merge program',
  instaweb: 'git instaweb starts a web server', maintenance: 'git maintenance schedules background jobs', hook: 'git hook runs repository hooks', 'send-email': 'git send-email sends mail and can run programs',
};
const gitShortRisks: Record<string, Record<string, string>> = {
  clone: { '-u': 'it runs the program named by -u (--upload-pack)', '-c': 'it sets config that can run any program' },
  'ls-remote': { '-u': 'it runs the program named by -u (--upload-pack)' },
  rebase: { '-x': 'it runs shell code after each commit (-x)' },
  grep: { '-O': 'it runs a pager program (-O)' },
};

/** Reasons a git command line always asks: config that runs code, programs named by options, writes anywhere. */
export function gitRisks(args: readonly string[]): string[] {
  const risks: string[] = [];
  let i = 0;
  for (; i < args.length && args[i].startsWith('-'); i++) {
    const flag = args[i].split('=')[0];
    if (gitGlobalRisks[flag]) risks.push(gitGlobalRisks[flag]);
    if (gitGlobalValued.has(flag) && !args[i].includes('=') || flag === '-c' || flag === '--config-env') i++;
  }
  const sub = args[i] ?? '';
  const rest = args.slice(i + 1);
  if (gitSubcommandRisks[sub]) risks.push(gitSubcommandRisks[sub]);
  for (const arg of rest) {
    const flag = arg.split('=')[0];
    for (const [option, why] of Object.entries(gitAnywhereRisks)) if (namesLongOption(arg, option)) risks.push(why);
    const short = gitShortRisks[sub]?.[flag];
    if (short) risks.push(short);
  }
  if (sub === 'config' && isGitConfigWrite(rest)) risks.push('git config changes config, which can make git run any program');
  if (sub === 'apply' && !rest.some((a) => ['--check', '--stat', '--numstat', '--summary'].includes(a)) || sub === 'apply' && rest.includes('--apply')) {
    risks.push('git apply writes every file its patch names, which the analysis cannot see');
  }
  if (sub === 'submodule' && rest.includes('foreach')) risks.push('git submodule foreach runs shell code');
  if (sub === 'bisect' && rest[0] === 'run') risks.push('git bisect run runs a program');
  return risks;
}

const configReads = new Set(['--get', '--get-all', '--get-regexp', '--get-urlmatch', '-l', '--list', 'get', 'list', '--get-color', '--get-colorbool']);
const configScopes = /^(--(global|system|local|worktree|show-origin|show-scope|null|name-only|includes|no-includes|type=.*|bool|int|path|default=.*)|-z|--file=.*|--blob=.*)$/;

/** True unless the git config arguments are one of its read forms (`--get x`, `-l`, `get x`, or a lone name). */
function isGitConfigWrite(args: readonly string[]): boolean {
  if (args.some((a) => configReads.has(a))) return false;
  const words = args.filter((a, i) => !configScopes.test(a) && !(['-f', '--file', '--blob'].includes(args[i - 1] ?? '')) && !['-f', '--file', '--blob'].includes(a));
  return !(words.length === 1 && !words[0].startsWith('-'));
}

const npmSubcommands: Record<string, string> = {
  explore: 'npm explore runs a shell in a package', edit: 'npm edit runs an editor', set: 'npm set changes npm config',
};
const npmOptionRisks: Record<string, string> = {
  '--node-options': 'it passes options to node (--require can load any code)', '--script-shell': 'it chooses the shell that runs scripts',
  '--userconfig': 'it reads npm config from another file', '--globalconfig': 'it reads npm config from another file',
  '--call': 'it runs the code given to --call', '-c': 'it runs the code given to -c',
};

/** Reasons an npm command line always asks: running packages or code, changing config or package.json, global writes. */
export function npmRisks(args: readonly string[]): string[] {
  const risks = Object.entries(npmOptionRisks).filter(([option]) => args.some((a) => a === option || namesLongOption(a, option))).map(([, why]) => why);
  const positionals = args.filter((a) => !a.startsWith('-'));
  const [sub, action] = positionals;
  if (sub && npmSubcommands[sub]) risks.push(npmSubcommands[sub]);
  if (sub === 'pkg' && ['set', 'delete', 'fix'].includes(action ?? '')) risks.push(`npm pkg ${action} changes package.json, whose scripts run code`);
  if ((sub === 'config' || sub === 'c') && ['set', 'delete', 'edit', 'fix'].includes(action ?? '')) risks.push(`npm config ${action} changes npm config`);
  if ((sub === 'init' || sub === 'create') && positionals.length > 1) risks.push(`npm ${sub} <initializer> downloads and runs a package`);
  if (args.some((a) => a === '-g' || a === '--global' || a === '--location=global')) risks.push('it changes the global install, outside the workspace');
  if (['install', 'i', 'add', 'isntall', 'in'].includes(sub ?? '') && positionals.length > 1 && !args.includes('--ignore-scripts')) {
    risks.push(`npm ${sub} <package> downloads a package and runs its install scripts`);
  }
  return risks;
}

/** pnpm, yarn and bun: the subcommands that download and run a package. */
export function packageRunnerRisks(program: string, args: readonly string[]): string[] {
  const sub = args.find((a) => !a.startsWith('-'));
  const runners = program === 'bun' ? ['x', 'create'] : ['dlx', 'create'];
  const risks = sub && runners.includes(sub) ? [`${program} ${sub} downloads and runs a package`] : [];
  const positionals = args.filter((a) => !a.startsWith('-'));
  if (sub === 'add' && positionals.length > 1 && !args.includes('--ignore-scripts')) risks.push(`${program} add <package> downloads a package and runs its install scripts`);
  if (args.some((a) => /^--(config\.)?node-options/.test(a))) risks.push('it passes options to node (--require can load any code)');
  return risks;
}
