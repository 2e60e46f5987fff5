/**
 * Reads a repository's own git config (local, worktree and every file they include) without running anything,
 * and finds what in it would run a program: the fixed keys (`core.fsmonitor`, `core.pager`, ...) that the
 * hardening already overrides, and the drivers defined by name (`filter.<name>.clean`, `diff.<name>.textconv`,
 * `merge.<name>.driver`), which it overrides here. It also names the files git's behaviour depends on
 * (`core.hooksPath`, included files), so that writes to them ask.
 */
import * as path from 'node:path';
import { runHardenedGit } from './hardenedGit';

/** One key of the repository's config that names a program or pulls in another file. */
export interface ConfigFinding {
  key: string;
  value: string;
  /** The config file that set it. */
  origin: string;
}

/** What the audit of one repository found. */
export interface ConfigAudit {
  /** `key=` overrides that switch off every driver the config defines. */
  overrides: string[];
  /** Keys that would run a program or read another file (shown to the model and the user as a note). */
  findings: ConfigFinding[];
  /** Absolute paths that change git's behaviour: the hooks folder core.hooksPath names, included config files. */
  behaviourPaths: string[];
}

/** Keys that name a program git may run, or another config file (lower case, as `git config --list` prints them). */
const programKeys = /^(core\.(fsmonitor|hookspath|pager|editor|askpass|sshcommand|gitproxy|alternaterefscommand)|sequence\.editor|diff\.external|diff\.[^\n]+\.(command|textconv)|filter\.[^\n]+\.(clean|smudge|process)|merge\.[^\n]+\.driver|credential(\.[^\n]+)?\.helper|gpg(\.[^\n]+)?\.program|remote\.[^\n]+\.(uploadpack|receivepack|vcs)|protocol\.[^\n]+\.allow|pager\.[^\n]+|include\.path|includeif\.[^\n]+\.path|uploadpack\.packobjectshook)$/;

/** Values that run nothing, so a key set to them is not worth a note. */
const harmlessValue = /^(|false|0|no|off|cat)$/i;

/** Submodules looked into (nested ones included) before the audit stops; git status recurses into each. */
const maxSubmodules = 64;

/**
 * Reads the config of the repository at `cwd` and of its submodules (git status runs git in them, and their
 * drivers must be switched off too: the overrides reach those gits through GIT_CONFIG_PARAMETERS). An empty
 * audit when `cwd` is not a repository.
 */
export async function auditRepoConfig(cwd: string, binary?: string): Promise<ConfigAudit> {
  const audit: ConfigAudit = { overrides: [], findings: [], behaviourPaths: [] };
  const queue = [cwd];
  for (let seen = 0; queue.length > 0 && seen < maxSubmodules; seen++) {
    const dir = queue.shift() as string;
    const entries = await readConfig(dir, ['--list', '--includes', '--show-origin', '-z'], binary);
    audit.overrides.push(...driverOverrides(entries));
    audit.findings.push(...entries.filter(isProgramFinding));
    if (dir === cwd) audit.behaviourPaths.push(...behaviourPaths(cwd, entries));
    const modules = await readConfig(dir, ['--file', '.gitmodules', '--get-regexp', '--show-origin', '-z', '^submodule\\..*\\.path$'], binary);
    queue.push(...modules.map((m) => path.resolve(dir, m.value)).filter((p) => p.startsWith(dir + path.sep)));
  }
  audit.overrides = [...new Set(audit.overrides)];
  return audit;
}

async function readConfig(cwd: string, args: string[], binary?: string): Promise<ConfigFinding[]> {
  const result = await runHardenedGit({ cwd, binary, args: ['config', ...args], isReadOnly: true });
  return result.exitCode === 0 ? parseConfigList(result.stdout.toString('utf8')) : [];
}

function isProgramFinding(e: ConfigFinding): boolean {
  if (!programKeys.test(e.key)) return false;
  if (e.key === 'core.fsmonitor' && harmlessValue.test(e.value)) return false;
  return !(e.key.startsWith('protocol.') && /^(never|user)$/i.test(e.value));
}

/**
 * Parses `git config --list --show-origin -z` (`file:<origin>\0<key>\n<value>\0` per entry), keeping the
 * entries read from files: the `command line:` ones are the hardening's own overrides.
 */
export function parseConfigList(text: string): ConfigFinding[] {
  const fields = text.split('\0');
  const entries: ConfigFinding[] = [];
  for (let i = 0; i + 1 < fields.length; i += 2) {
    if (!fields[i].startsWith('file:')) continue;
    const origin = fields[i].slice('file:'.length);
    const newline = fields[i + 1].indexOf('\n');
    const key = (newline < 0 ? fields[i + 1] : fields[i + 1].slice(0, newline)).toLowerCase();
    entries.push({ key, value: newline < 0 ? '' : fields[i + 1].slice(newline + 1), origin });
  }
  return entries;
}

/** Empty values for every filter, diff and merge driver the config defines: git then runs none of them. */
function driverOverrides(entries: readonly ConfigFinding[]): string[] {
  const overrides = new Set<string>();
  for (const { key } of entries) {
    const driver = /^(filter|diff|merge)\.(.+)\.([a-z]+)$/.exec(key);
    if (!driver) continue;
    const [, kind, name] = driver;
    if (kind === 'filter') for (const k of ['clean', 'smudge', 'process']) overrides.add(`filter.${name}.${k}=`);
    if (kind === 'filter') overrides.add(`filter.${name}.required=false`);
    if (kind === 'diff') for (const k of ['command', 'textconv']) overrides.add(`diff.${name}.${k}=`);
    if (kind === 'merge') overrides.add(`merge.${name}.driver=`);
  }
  return [...overrides];
}

/** The hooks folder (relative to the work tree, as git resolves it) and included files (relative to the including file). */
function behaviourPaths(cwd: string, entries: readonly ConfigFinding[]): string[] {
  const paths: string[] = [];
  for (const e of entries) {
    if (!e.value) continue;
    const value = e.value.replace(/^~(?=\/)/, process.env.HOME ?? '~');
    if (e.key === 'core.hookspath') paths.push(path.resolve(cwd, value));
    if (e.key === 'include.path' || (e.key.startsWith('includeif.') && e.key.endsWith('.path'))) paths.push(path.resolve(path.dirname(path.resolve(cwd, e.origin)), value));
  }
  return paths;
}

/** The note the model and the user get about a repository whose config names programs; empty when there is none. */
export function configNote(findings: readonly ConfigFinding[]): string {
  if (findings.length === 0) return '';
  const keys = [...new Set(findings.map((f) => f.key))];
  return `Note: this repository's git config sets ${keys.join(', ')}, which can make git run programs or read other files. Auto Agent runs git with all of them switched off, so nothing they name ran. Do not try to enable them; if they matter, tell the user.`;
}
