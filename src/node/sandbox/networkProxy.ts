/**
 * The sandbox's only way out: an HTTP proxy on a unix socket that connects to allow-listed hosts and refuses the
 * rest (HTTPS through CONNECT, plain HTTP by absolute URL). A command's network namespace has no route to the
 * host, so it reaches this socket only through the forwarder bound into the sandbox; every refusal is recorded
 * so the agent can say which host was blocked.
 */
import * as http from 'node:http';
import * as net from 'node:net';
import * as path from 'node:path';
import type { Duplex } from 'node:stream';
import { isHostAllowed } from '../../core/policy/networkRule';

export class SandboxProxy {
  /** Hosts refused since the proxy started, in order. */
  readonly deniedHosts: string[] = [];
  private readonly server: http.Server;

  private constructor(readonly socketPath: string, private readonly allowedHosts: readonly string[]) {
    this.server = http.createServer((req, res) => this.forwardPlain(req, res));
    this.server.on('connect', (req: http.IncomingMessage, client: Duplex, head: Buffer) => this.tunnel(req, client, head));
  }

  /** Listens on `dir/proxy.sock`. */
  static async start(dir: string, allowedHosts: readonly string[]): Promise<SandboxProxy> {
    const proxy = new SandboxProxy(path.join(dir, 'proxy.sock'), allowedHosts);
    await new Promise<void>((resolve, reject) => {
      proxy.server.once('error', reject);
      proxy.server.listen(proxy.socketPath, () => resolve());
    });
    return proxy;
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private isAllowed(host: string): boolean {
    if (isHostAllowed(host, this.allowedHosts)) return true;
    if (!this.deniedHosts.includes(host)) this.deniedHosts.push(host);
    return false;
  }

  private tunnel(req: http.IncomingMessage, client: Duplex, head: Buffer): void {
    const { host, port } = splitHostPort(req.url ?? '', 443);
    client.on('error', () => undefined);
    if (!host || !this.isAllowed(host)) {
      client.end(`HTTP/1.1 403 Forbidden\r\nContent-Type: text/plain\r\nConnection: close\r\n\r\n${refusal(host)}\n`);
      return;
    }
    const upstream = net.connect(port, host, () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head.length > 0) upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    upstream.on('error', (err) => client.end(`HTTP/1.1 502 Bad Gateway\r\nConnection: close\r\n\r\n${err.message}\n`));
  }

  private forwardPlain(req: http.IncomingMessage, res: http.ServerResponse): void {
    let url: URL;
    try {
      url = new URL(req.url ?? '');
    } catch {
      res.writeHead(400).end('The sandbox proxy needs an absolute URL.\n');
      return;
    }
    if (url.protocol !== 'http:' || !this.isAllowed(url.hostname)) {
      res.writeHead(403, { 'content-type': 'text/plain' }).end(`${refusal(url.hostname)}\n`);
      return;
    }
    const upstream = http.request(url, { method: req.method, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    upstream.on('error', (err) => res.writeHead(502).end(`${err.message}\n`));
    req.pipe(upstream);
  }
}

/** The text a refused client sees; the agent matches it in the output too. */
export function refusal(host: string): string {
  return `Blocked by the Auto Agent sandbox: ${host || 'this host'} is not on the sandbox's allowed hosts.`;
}

function splitHostPort(authority: string, defaultPort: number): { host: string; port: number } {
  const match = /^\[?([^\]]*?)\]?(?::(\d+))?$/.exec(authority);
  return { host: (match?.[1] ?? '').toLowerCase(), port: match?.[2] ? Number(match[2]) : defaultPort };
}
