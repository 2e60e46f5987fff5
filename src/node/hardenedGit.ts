/**
 * The one way the agent runs git (its git tools, the shadow-git checkpoints, anything else): no program a
 * repository names in its config can run. Command-line `-c` values outrank every config file, so each key that
 * names a program is overridden with a value that runs nothing; system and global config are not read; ambient
 * `GIT_*` variables are dropped; bare repositories are used only when named explicitly (`safe.bareRepository`).
 * Drivers that the config defines by name (filters, diff and merge drivers) are overridden by `gitConfigAudit`.
 */
import { spawnChild } from './childProcess';

/** Overrides for every git call. Empty values switch a program off (git skips an empty command). */
const hardenedConfig: readonly string[] = [
  'core.fsmonitor=false', 'core.pager=cat', 'core.editor=:', 'sequence.editor=:', 'core.askPass=', 'core.sshCommand=',
  'core.gitProxy=', 'diff.external=', 'credential.helper=', 'protocol.allow=never', 'safe.bareRepository=explicit',
  'commit.gpgSign=false', 'tag.gpgSign=false', 'log.showSignature=false', 'uploadpack.packObjectsHook=',
  'core.alternateRefsCommand=', 'color.ui=false', 'core.quotePath=false',
];

/** Ambient variables git reads that could point it at other programs or configs; git gets none of them. */
const droppedAmbient = /^(GIT_.*|EDITOR|VISUAL|PAGER|LESS|SSH_ASKPASS|XDG_CONFIG_HOME|PREFIX)$/i;

/** One git call. */
export interface GitCall {
  cwd: string;
  args: readonly string[];
  /** Variables git needs for this call (GIT_DIR of the shadow repository, an author); added after the hardening. */
  env?: Record<string, string | undefined>;
  /** More `key=value` overrides (the drivers the audit found). */
  overrides?: readonly string[];
  /** Hooks run only for a commit the user approved; everything else points core.hooksPath at /dev/null. */
  isHooksAllowed?: boolean;
  /** Do not take optional locks (read-only commands: status must not rewrite the index). */
  isReadOnly?: boolean;
  input?: string | Buffer;
  /** Kill git when it prints nothing for this long. */
  silenceTimeoutMs?: number;
  binary?: string;
}

/** What one git call produced. `exitCode` is null when git was killed or could not start. */
export interface GitCallResult {
  exitCode: number | null;
  stdout: Buffer;
  stderr: string;
  /** The spawn itself failed (no git binary). */
  spawnError?: Error;
  isTimedOut: boolean;
}

/** The `-c` arguments of a call: the fixed hardening, hooks off unless allowed, then the call's own overrides. */
export function hardenedGitArgs(call: Pick<GitCall, 'overrides' | 'isHooksAllowed'>): string[] {
  const config = [...hardenedConfig, ...(call.isHooksAllowed ? [] : ['core.hooksPath=/dev/null']), ...(call.overrides ?? [])];
  return config.flatMap((c) => ['-c', c]);
}

/** The environment of a git call: this process's without ambient git variables, then git's fixed settings. */
export function hardenedGitEnv(extra: Record<string, string | undefined> = {}): Record<string, string | undefined> {
  const env: Record<string, string | undefined> = {};
  for (const [key, value] of Object.entries(process.env)) if (!droppedAmbient.test(key)) env[key] = value;
  return {
    ...env,
    // Git 2.32+: GIT_CONFIG_GLOBAL replaces ~/.gitconfig and $XDG_CONFIG_HOME/git/config; /dev/null reads as empty.
    GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_SYSTEM: '/dev/null',
    GIT_TERMINAL_PROMPT: '0', GIT_ASKPASS: '', GIT_PAGER: 'cat', GIT_EDITOR: ':', GIT_ATTR_NOSYSTEM: '1',
    LC_ALL: 'C', LANG: 'C',
    ...extra,
  };
}

/** Runs git once through the spawn helper; resolves whatever the exit code (callers decide what failure means). */
export function runHardenedGit(call: GitCall): Promise<GitCallResult> {
  return new Promise((resolve) => {
    const env = hardenedGitEnv({ ...(call.isReadOnly ? { GIT_OPTIONAL_LOCKS: '0' } : {}), ...call.env });
    const child = spawnChild({ file: call.binary ?? 'git', args: ['--no-pager', ...hardenedGitArgs(call), ...call.args], cwd: call.cwd, env });
    const stdout: Buffer[] = [];
    let stderr = '';
    let spawnError: Error | undefined;
    let isTimedOut = false;
    let timer: NodeJS.Timeout | undefined;
    const arm = (): void => {
      if (!call.silenceTimeoutMs) return;
      clearTimeout(timer);
      timer = setTimeout(() => { isTimedOut = true; child.kill('SIGKILL'); }, call.silenceTimeoutMs);
    };
    arm();
    child.stdout.on('data', (d: Buffer) => { stdout.push(d); arm(); });
    child.stderr.on('data', (d: Buffer) => { stderr += d.toString('utf8'); arm(); });
    // git may exit before reading its input (an error, or a command that takes none): that is not a crash.
    child.stdin?.on('error', () => undefined);
    child.stdin?.end(call.input ?? '');
    child.on('error', (err) => { spawnError = err; });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ exitCode: spawnError ? null : code, stdout: Buffer.concat(stdout), stderr, spawnError, isTimedOut });
    });
  });
}
