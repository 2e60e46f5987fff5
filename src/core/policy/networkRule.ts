/**
 * The network allow-list: a request for a URL asks unless its host is allow-listed (`example.com` exactly,
 * `*.example.com` for its subdomains). Only http and https are let through; URLs with credentials are refused.
 */
import type { PermissionRequest, PermissionRule, RuleVerdict } from './permissionGate';

/** True when `host` (lower case, as the URL parser gives it) matches an allow-list entry. */
export function isHostAllowed(host: string, allowedHosts: readonly string[]): boolean {
  const name = host.toLowerCase().replace(/\.$/, '');
  return allowedHosts.some((raw) => {
    const entry = raw.trim().toLowerCase().replace(/\.$/, '');
    if (entry.startsWith('*.')) return name.endsWith(entry.slice(1)) && name.length > entry.length - 1;
    return entry !== '' && name === entry;
  });
}

/** True for loopback, private, link-local and metadata addresses, which a page could use to reach inside the network. */
export function isPrivateHost(host: string): boolean {
  const name = host.toLowerCase().replace(/^\[|\]$/g, '');
  return name === 'localhost' || name.endsWith('.localhost') || name.endsWith('.local') || name.endsWith('.internal')
    || /^(127\.|10\.|192\.168\.|169\.254\.|0\.|172\.(1[6-9]|2\d|3[01])\.)/.test(name)
    || name === '::1' || name === '::' || /^(fc|fd|fe80)/.test(name) || name.startsWith('::ffff:');
}

/** Builds the rule for requests that carry a `url`. */
export function networkRule(allowedHosts: readonly string[]): PermissionRule {
  return {
    name: 'network-allow-list',
    evaluate(request: PermissionRequest): RuleVerdict {
      if (request.url === undefined) return { kind: 'pass' };
      let url: URL;
      try {
        url = new URL(request.url);
      } catch {
        return { kind: 'deny', reason: `Refused: ${request.url} is not a valid URL.` };
      }
      if (url.protocol !== 'http:' && url.protocol !== 'https:') return { kind: 'deny', reason: `Refused: only http and https URLs can be fetched, not ${url.protocol}` };
      if (url.username || url.password) return { kind: 'deny', reason: 'Refused: the URL carries a user name or password.' };
      if (isHostAllowed(url.hostname, allowedHosts)) return { kind: 'allow', reason: `${url.hostname} is on the allowed hosts list.` };
      const privateNote = isPrivateHost(url.hostname) ? ' It is a local or private network address.' : '';
      const queryNote = url.search.length > 1 ? ' The URL carries a query string, which can send workspace data out.' : '';
      const reason = `${url.hostname} is not on the allowed hosts list (setting allowedHosts).${privateNote}${queryNote}`;
      // A private address is never offered for the allow-list: "always allow" there would open the local network.
      return privateNote ? { kind: 'ask', reason } : { kind: 'ask', reason, allowable: { kind: 'host', values: [url.hostname] } };
    },
  };
}
