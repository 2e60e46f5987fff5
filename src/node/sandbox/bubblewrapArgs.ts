/**
 * The bubblewrap argument vector for one sandboxed command. Mounts apply in order, so later ones win: the whole
 * system read-only, a fresh /dev, /proc (of a new PID namespace) and /tmp, the paths that must stay visible in
 * that /tmp (read-only), the workspace roots read-write, the
 * protected paths inside them read-only again, the user's secrets hidden, and the proxy's folder last.
 */

/** Everything the argument vector depends on; all paths absolute. */
export interface BubblewrapPlan {
  bwrapPath: string;
  /** Existing paths bound read-only after the private /tmp, so that it does not hide them. */
  visiblePaths?: readonly string[];
  /** Folders bound read-write (the workspace roots). */
  writableRoots: readonly string[];
  /** Existing paths inside the roots bound read-only over themselves (protected files and folders). */
  readOnlyPaths: readonly string[];
  /** Existing folders replaced by an empty private folder (`~/.ssh`...). */
  hiddenFolders: readonly string[];
  /** Existing files replaced by an empty one (`~/.netrc`...). */
  hiddenFiles: readonly string[];
  /** The proxy's folder (socket and forwarder), bound read-only when the command may reach allowed hosts. */
  proxyDir?: string;
  cwd: string;
}

/**
 * `--unshare-all` gives new user (when it can), PID, network, IPC, UTS and cgroup namespaces, so /proc shows only
 * the sandbox and no socket reaches the host. `--cap-drop ALL` matters when the agent runs as root: bubblewrap
 * keeps root's capabilities otherwise, and CAP_SYS_ADMIN could unmount the read-only binds. `--new-session` stops
 * TIOCSTI keystroke injection; `--die-with-parent` tears the sandbox down when its bubblewrap parent is killed, so
 * killing the process group from outside still ends everything inside.
 */
export function bubblewrapArgs(plan: BubblewrapPlan, file: string, args: readonly string[]): string[] {
  const argv = ['--unshare-all', '--die-with-parent', '--new-session', '--cap-drop', 'ALL'];
  argv.push('--ro-bind', '/', '/', '--dev', '/dev', '--proc', '/proc', '--tmpfs', '/tmp');
  for (const p of plan.visiblePaths ?? []) argv.push('--ro-bind', p, p);
  for (const root of plan.writableRoots) argv.push('--bind', root, root);
  for (const p of plan.readOnlyPaths) argv.push('--ro-bind', p, p);
  for (const dir of plan.hiddenFolders) argv.push('--tmpfs', dir);
  for (const f of plan.hiddenFiles) argv.push('--ro-bind', '/dev/null', f);
  if (plan.proxyDir) argv.push('--ro-bind', plan.proxyDir, plan.proxyDir);
  argv.push('--chdir', plan.cwd, '--', file, ...args);
  return argv;
}
