/**
 * What the sandbox blocked in one run, read from the command's output (a read-only file system error names the
 * path) and from the proxy's refusals (the host). The agent tells the model, which may ask for an explicit re-run
 * outside the sandbox or with a host allowed: that approval shows exactly what was blocked.
 */

/** Paths a write was refused for, hosts a connection was refused to, and whether the network was simply off. */
export interface SandboxBlocks {
  paths: string[];
  hosts: string[];
  /** Name resolution or a connection failed in a sandbox with no allowed host at all. */
  isNetworkOff: boolean;
}

const readOnlyPatterns: readonly RegExp[] = [
  /EROFS[^'"\n]*['"]([^'"\n]+)['"]/g,
  /Read-only file system: ['"]([^'"\n]+)['"]/gi,
  /['‘"]([^'’"\n]+)['’"]: Read-only file system/gi,
  /(?:^|[\s:])(\/[^\s:'"‘’]+): Read-only file system/gm,
];

const offlineHostPatterns: readonly RegExp[] = [
  /Could not resolve host: ([\w.-]+)/g,
  /getaddrinfo (?:ENOTFOUND|EAI_AGAIN) ([\w.-]+)/g,
];

/** Reads the blocks out of a run's output; `deniedHosts` are the proxy's refusals. */
export function findSandboxBlocks(output: string, deniedHosts: readonly string[], hasAllowedHosts: boolean): SandboxBlocks {
  const paths = matchesOf(output, readOnlyPatterns);
  const offlineHosts = hasAllowedHosts ? [] : matchesOf(output, offlineHostPatterns);
  const isNetworkOff = !hasAllowedHosts && (offlineHosts.length > 0 || /Network is unreachable|ENETUNREACH|Could not resolve|EAI_AGAIN|ENOTFOUND/.test(output));
  return { paths, hosts: unique([...deniedHosts, ...offlineHosts]), isNetworkOff };
}

/** The line about protected files a sandboxed run created in a root (which the sandbox cannot stop), or none. */
export function describeCreatedProtected(paths: readonly string[]): string[] {
  if (paths.length === 0) return [];
  return [`Sandbox: the command created ${paths.join(', ')} at the top of the workspace: ${paths.length === 1 ? 'it is a protected path' : 'they are protected paths'} (it can change what runs), which the sandbox cannot keep from being created there. Tell the user about it in your summary.`];
}

/** The lines for the model: what was blocked and how to ask for more. Empty when nothing was. */
export function describeSandboxBlocks(blocks: SandboxBlocks): string[] {
  const lines: string[] = [];
  if (blocks.paths.length > 0) lines.push(`Sandbox: writing ${blocks.paths.slice(0, 5).join(', ')} was blocked (inside the sandbox only the workspace is writable, and its protected files are read-only).`);
  if (blocks.hosts.length > 0) lines.push(`Sandbox: the connection to ${blocks.hosts.slice(0, 5).join(', ')} was blocked (the host is not on the sandbox's allowed hosts).`);
  else if (blocks.isNetworkOff) lines.push('Sandbox: the network is off inside the sandbox (no allowed hosts).');
  if (lines.length === 0) return lines;
  const hostHint = blocks.hosts.length > 0 || blocks.isNetworkOff ? ' or with allowHosts: [the host] to reach one host through the sandbox\'s proxy' : '';
  lines.push(`If the command really needs this, call run_command again with outsideSandbox: true${hostHint}; the user is asked and sees exactly what was blocked. Do not work around the sandbox.`);
  return lines;
}

function matchesOf(text: string, patterns: readonly RegExp[]): string[] {
  const found: string[] = [];
  for (const pattern of patterns) {
    for (const match of text.matchAll(pattern)) if (match[1]) found.push(match[1]);
  }
  return unique(found);
}

function unique(items: readonly string[]): string[] {
  return [...new Set(items)];
}
