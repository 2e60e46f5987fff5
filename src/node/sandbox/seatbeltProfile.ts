/**
 * The macOS Seatbelt profile (for `sandbox-exec -p`) that mirrors the bubblewrap layout: reads allowed except the
 * secrets, writes only inside the workspace roots minus the protected globs (as regexes) and the temp folders, no
 * network but the forwarder's loopback port. Its generation is unit-tested; running it is untested here (no macOS).
 */

export interface SeatbeltLayout {
  writableRoots: readonly string[];
  /** Root-relative protected globs (the policy's list). */
  protectedGlobs?: readonly string[];
  secretPaths: readonly string[];
  /** The loopback port of the proxy forwarder, when the command may reach allowed hosts. */
  proxyPort?: number;
}

/** The profile text. Every path is quoted as an SBPL string; globs become anchored regexes under each root. */
export function seatbeltProfile(layout: SeatbeltLayout): string {
  const lines = [
    '(version 1)',
    '(deny default)',
    '(allow process-exec process-fork signal sysctl-read mach-lookup ipc-posix-shm iokit-open pseudo-tty)',
    '(allow file-read*)',
    ...layout.secretPaths.map((p) => `(deny file-read* file-write* (subpath ${quote(p)}))`),
    '(allow file-write* (literal "/dev/null") (literal "/dev/tty") (subpath "/private/tmp") (subpath "/private/var/folders"))',
    ...layout.writableRoots.map((root) => writableRootRule(root, layout.protectedGlobs ?? [])),
  ];
  lines.push(layout.proxyPort === undefined
    ? '(deny network*)'
    : `(allow network-outbound (remote ip ${quote(`localhost:${layout.proxyPort}`)}))\n(allow network-bind network-inbound (local ip ${quote(`localhost:${layout.proxyPort}`)}))`);
  return `${lines.join('\n')}\n`;
}

function writableRootRule(root: string, globs: readonly string[]): string {
  const exclusions = globs.map((glob) => `(require-not (regex ${quote(globRegex(root, glob))}))`);
  return `(allow file-write* (require-all (subpath ${quote(root)})${exclusions.map((e) => ` ${e}`).join('')}))`;
}

/** `**\/.git/**` under `/w` → `^/w(/.*)?/\.git(/.*)?$`: the glob and everything below what it names. */
export function globRegex(root: string, glob: string): string {
  let body = '';
  const source = glob.replace(/^\*\*\//, '').replace(/\/\*\*$/, '');
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (source.startsWith('**/', i)) {
      body += '(.*/)?';
      i += 2;
    } else if (c === '*') body += '[^/]*';
    else if (c === '?') body += '[^/]';
    else body += /[\\^$.|+()[\]{}]/.test(c) ? `\\${c}` : c;
  }
  const prefix = glob.startsWith('**/') ? '(/.*)?/' : '/';
  return `^${escapeRegex(root)}${prefix}${body}(/.*)?$`;
}

function escapeRegex(text: string): string {
  return text.replace(/[\\^$.|?*+()[\]{}]/g, '\\$&');
}

function quote(text: string): string {
  return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}
