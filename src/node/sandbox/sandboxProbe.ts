/**
 * Finds out whether commands can be sandboxed on this machine, and if not why and how to fix it: bubblewrap
 * missing, user namespaces disabled (Ubuntu's AppArmor restriction, a zero namespace limit, Debian's old
 * switch), macOS without sandbox-exec, or Windows, which has no sandbox here.
 */
import { promises as fs, constants as fsConstants } from 'node:fs';
import * as path from 'node:path';
import { runChildToEnd } from '../childProcess';
import type { SandboxMode, SandboxStatus } from '../../core/policy/sandboxStatus';

export interface SandboxProbeOptions {
  mode: SandboxMode;
  platform: string;
  /** The PATH searched for `bwrap` (the tests leave it out to simulate a machine without bubblewrap). */
  searchPath: string;
  /** Reads a sysctl file; overridable so the reasons can be tested on any machine. */
  readSysctl?: (name: string) => Promise<string | undefined>;
}

/** What the probe found: the status, and the program that confines commands when it is active. */
export interface SandboxProbeResult {
  status: SandboxStatus;
  program?: string;
}

export async function probeSandbox(options: SandboxProbeOptions): Promise<SandboxProbeResult> {
  const { mode } = options;
  const off = (reason: string, fix?: string): SandboxProbeResult => ({ status: { mode, isActive: false, engine: 'none', reason, fix } });
  if (mode === 'off') return off('turned off by the sandbox setting', 'set the sandbox setting (or --sandbox) to auto or on');
  if (options.platform === 'win32') return off('Windows has no command sandbox in Auto Agent', 'none on Windows itself; run the agent in WSL to get the Linux sandbox');
  if (options.platform === 'darwin') return probeSeatbelt(mode);
  if (options.platform !== 'linux') return off(`no command sandbox for ${options.platform}`);
  const bwrap = await findProgram('bwrap', options.searchPath);
  if (!bwrap) return off('bubblewrap is not installed', 'install it: sudo apt install bubblewrap (Fedora: sudo dnf install bubblewrap)');
  const trial = await runQuietly(bwrap, ['--unshare-all', '--cap-drop', 'ALL', '--ro-bind', '/', '/', '--dev', '/dev', '--proc', '/proc', '--', '/bin/true']);
  if (!trial.isOk) {
    const why = await userNamespaceProblem(options.readSysctl ?? readSysctl);
    return off(why?.reason ?? `bubblewrap cannot start a sandbox here (${firstLine(trial.output)})`, why?.fix);
  }
  const version = (await runQuietly(bwrap, ['--version'])).output.trim() || 'bubblewrap';
  return { status: { mode, isActive: true, engine: 'bubblewrap', detail: version }, program: bwrap };
}

/** The known switches that turn unprivileged user namespaces off, with the command that turns them on. */
export async function userNamespaceProblem(read: (name: string) => Promise<string | undefined>): Promise<{ reason: string; fix: string } | undefined> {
  if ((await read('kernel/apparmor_restrict_unprivileged_userns')) === '1') {
    return {
      reason: 'user namespaces are restricted by AppArmor (kernel.apparmor_restrict_unprivileged_userns=1, the Ubuntu 24.04 default)',
      fix: 'allow bubblewrap an AppArmor profile with "userns," (see /etc/apparmor.d/bwrap-userns-restrict on Ubuntu), or run sudo sysctl -w kernel.apparmor_restrict_unprivileged_userns=0',
    };
  }
  if ((await read('user/max_user_namespaces')) === '0') {
    return { reason: 'user namespaces are disabled (user.max_user_namespaces=0)', fix: 'sudo sysctl -w user.max_user_namespaces=15000' };
  }
  if ((await read('kernel/unprivileged_userns_clone')) === '0') {
    return { reason: 'unprivileged user namespaces are disabled (kernel.unprivileged_userns_clone=0)', fix: 'sudo sysctl -w kernel.unprivileged_userns_clone=1' };
  }
  return undefined;
}

async function probeSeatbelt(mode: SandboxMode): Promise<SandboxProbeResult> {
  const program = '/usr/bin/sandbox-exec';
  const isThere = await fs.access(program, fsConstants.X_OK).then(() => true, () => false);
  if (!isThere) return { status: { mode, isActive: false, engine: 'none', reason: 'sandbox-exec is missing', fix: 'none known; approvals apply' } };
  return { status: { mode, isActive: true, engine: 'seatbelt', detail: 'sandbox-exec (Seatbelt)' }, program };
}

async function findProgram(name: string, searchPath: string): Promise<string | undefined> {
  for (const dir of searchPath.split(path.delimiter)) {
    if (!dir) continue;
    const candidate = path.join(dir, name);
    if (await fs.access(candidate, fsConstants.X_OK).then(() => true, () => false)) return candidate;
  }
  return undefined;
}

function runQuietly(file: string, args: string[]): Promise<{ isOk: boolean; output: string }> {
  return runChildToEnd(file, args, 10_000);
}

async function readSysctl(name: string): Promise<string | undefined> {
  return fs.readFile(`/proc/sys/${name}`, 'utf8').then((s) => s.trim(), () => undefined);
}

function firstLine(text: string): string {
  return text.trim().split('\n')[0] || 'no message';
}
