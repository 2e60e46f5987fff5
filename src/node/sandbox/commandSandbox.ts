/**
 * The seam between the spawn path and the OS sandbox: `wrap` turns one launch ({file, args, cwd, env}) into the
 * sandboxed launch (bubblewrap on Linux, sandbox-exec on macOS), starting the network proxy when the command may
 * reach allowed hosts. `status` says once per process whether this machine can sandbox, and why not.
 */
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { SandboxMode, SandboxSpec, SandboxStatus } from '../../core/policy/sandboxStatus';
import { bubblewrapArgs } from './bubblewrapArgs';
import { SandboxProxy } from './networkProxy';
import { forwarderPort, forwarderSource } from './proxyForwarder';
import { protectedMountsIn, protectedRootEntries } from './protectedMounts';
import { probeSandbox, type SandboxProbeResult } from './sandboxProbe';
import { seatbeltProfile } from './seatbeltProfile';
import { secretPathsFor } from './secretPaths';
import { isWithin } from '../../core/policy/pathGuard';

/** One child process as the spawn helper would start it. */
export interface ProcessLaunch {
  file: string;
  args: string[];
  cwd: string;
  env: Record<string, string | undefined>;
}

/** What a finished sandboxed run leaves to report: hosts the proxy refused, protected files it created in a root. */
export interface SandboxRunReport {
  deniedHosts: string[];
  createdProtected: string[];
}

/** The launch to spawn instead, and what to call when the child has ended. */
export interface SandboxedLaunch extends ProcessLaunch {
  finish(): Promise<SandboxRunReport>;
}

export interface CommandSandboxOptions {
  mode: SandboxMode;
  homeDir?: string;
  platform?: string;
  /** PATH searched for bubblewrap; default this process's. */
  searchPath?: string;
  /** More folders to hide (the host's own storage folder). */
  hiddenPaths?: readonly string[];
  /** The Node binary that runs the in-sandbox forwarder; default this process's. */
  nodePath?: string;
}

export class CommandSandbox {
  private probed?: Promise<SandboxProbeResult>;

  constructor(private readonly options: CommandSandboxOptions) {}

  /** Probed once, then cached: a machine does not gain or lose bubblewrap while the agent runs. */
  async status(): Promise<SandboxStatus> {
    return (await this.probe()).status;
  }

  /** The sandboxed launch; rejects when the sandbox is not available here. */
  async wrap(launch: ProcessLaunch, spec: SandboxSpec): Promise<SandboxedLaunch> {
    const { status, program } = await this.probe();
    if (!status.isActive || !program) throw new Error(`The command was not run: the sandbox is not available (${status.reason ?? 'unknown'}).`);
    const proxy = spec.allowedHosts.length > 0 ? await startProxy(spec.allowedHosts) : undefined;
    const inner = proxy ? this.throughForwarder(launch, proxy) : launch;
    const env = { ...inner.env, TMPDIR: '/tmp' };
    const rootProtected = (): Promise<string[]> => Promise.all(spec.writableRoots.map((r) => protectedRootEntries(r, spec.protectedGlobs))).then((lists) => lists.flat());
    const before = new Set(await rootProtected());
    const finish = async (): Promise<SandboxRunReport> => {
      const createdProtected = (await rootProtected()).filter((p) => !before.has(p));
      if (!proxy) return { deniedHosts: [], createdProtected };
      await proxy.proxy.close();
      await fs.rm(proxy.dir, { recursive: true, force: true });
      return { deniedHosts: proxy.proxy.deniedHosts, createdProtected };
    };
    try {
      const args = status.engine === 'seatbelt'
        ? ['-p', seatbeltProfile({ ...this.layout(spec), protectedGlobs: spec.protectedGlobs, proxyPort: proxy ? forwarderPort : undefined }), inner.file, ...inner.args]
        : bubblewrapArgs({ bwrapPath: program, ...(await this.mounts(spec)), proxyDir: proxy?.dir, cwd: launch.cwd }, inner.file, inner.args);
      return { file: program, args, cwd: launch.cwd, env, finish };
    } catch (err) {
      await finish();
      throw err;
    }
  }

  private probe(): Promise<SandboxProbeResult> {
    this.probed ??= probeSandbox({
      mode: this.options.mode, platform: this.options.platform ?? process.platform, searchPath: this.options.searchPath ?? process.env.PATH ?? '',
    });
    return this.probed;
  }

  private layout(spec: SandboxSpec): { writableRoots: readonly string[]; secretPaths: string[] } {
    const homeDir = this.options.homeDir ?? os.homedir();
    const secrets = secretPathsFor(homeDir, this.options.hiddenPaths).filter((s) => !spec.writableRoots.some((root) => isWithin(s, root)));
    return { writableRoots: spec.writableRoots, secretPaths: secrets };
  }

  private async mounts(spec: SandboxSpec): Promise<{ writableRoots: readonly string[]; visiblePaths: readonly string[]; readOnlyPaths: string[]; hiddenFolders: string[]; hiddenFiles: string[] }> {
    const { writableRoots, secretPaths } = this.layout(spec);
    // All at once: this runs before every command, and the file system answers in parallel.
    const [readOnly, stats] = await Promise.all([
      Promise.all(writableRoots.map((root) => protectedMountsIn(root, spec.protectedGlobs))),
      Promise.all(secretPaths.map((secret) => fs.stat(secret).catch(() => undefined))),
    ]);
    const hiddenFolders = secretPaths.filter((_, i) => stats[i]?.isDirectory());
    const hiddenFiles = secretPaths.filter((_, i) => stats[i] && !stats[i]?.isDirectory());
    // A visible path inside a root is already there (and writable); one that is a secret stays hidden.
    const visiblePaths = (spec.visiblePaths ?? []).filter((v) => !writableRoots.some((r) => isWithin(r, v)) && !secretPaths.some((s) => isWithin(s, v) || isWithin(v, s)));
    return { writableRoots, visiblePaths, readOnlyPaths: readOnly.flat(), hiddenFolders, hiddenFiles };
  }

  /** Runs the command under the forwarder, with every common proxy variable pointing at it. */
  private throughForwarder(launch: ProcessLaunch, proxy: StartedProxy): ProcessLaunch {
    const url = `http://127.0.0.1:${forwarderPort}`;
    const proxyEnv = { HTTP_PROXY: url, HTTPS_PROXY: url, http_proxy: url, https_proxy: url, ALL_PROXY: url, all_proxy: url, NO_PROXY: '', no_proxy: '' };
    return {
      file: this.options.nodePath ?? process.execPath,
      args: [path.join(proxy.dir, 'forwarder.cjs'), proxy.proxy.socketPath, launch.file, ...launch.args],
      cwd: launch.cwd,
      env: { ...launch.env, ...proxyEnv, ELECTRON_RUN_AS_NODE: '1' },
    };
  }
}

interface StartedProxy {
  dir: string;
  proxy: SandboxProxy;
}

/** A fresh folder under /tmp (bound into the sandbox's private /tmp at the same path) with the socket and forwarder. */
async function startProxy(allowedHosts: readonly string[]): Promise<StartedProxy> {
  const dir = await fs.mkdtemp(path.join('/tmp', 'auto-agent-proxy-'));
  await fs.writeFile(path.join(dir, 'forwarder.cjs'), forwarderSource);
  return { dir, proxy: await SandboxProxy.start(dir, allowedHosts) };
}

