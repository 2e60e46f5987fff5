// The sandbox's network: none by default, and allowed hosts only through the proxy. A server on the host's
// 127.0.0.1 stands in for "the internet" (and for the agent's own local services a command must not reach).
import { strict as assert } from 'node:assert';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ProcessOptions } from '../../../src/core/host';
import type { SandboxSpec } from '../../../src/core/policy/sandboxStatus';
import { NodeShell } from '../../../src/node/nodeShell';
import { CommandSandbox } from '../../../src/node/sandbox/commandSandbox';
import { makeTempDir } from '../../support/testHost';

describe('sandbox: network through the allow-list proxy', function () {
  this.timeout(60_000);
  const ws = makeTempDir('auto-agent-sandbox-net-');
  const shell = new NodeShell('/bin/bash', new CommandSandbox({ mode: 'on' }));
  let server: http.Server;
  let port = 0;
  const spec = (allowedHosts: string[]): SandboxSpec => ({ writableRoots: [ws.dir], protectedGlobs: [], allowedHosts });
  const options = (allowedHosts: string[]): ProcessOptions => ({ cwd: ws.dir, timeoutMs: 20_000, maxOutputBytes: 64 * 1024, sandbox: spec(allowedHosts) });
  // A direct connection (no proxy) and one through whatever proxy the environment names.
  const direct = (): string => `curl -sS --noproxy '*' --max-time 3 http://127.0.0.1:${port}/direct; echo " direct-exit=$?"`;
  const viaProxy = (host: string): string => `curl -sS --max-time 5 http://${host}:${port}/proxied; echo " proxied-exit=$?"`;

  before(async () => {
    server = http.createServer((req, res) => res.end(`reached ${req.url}`));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    port = (server.address() as AddressInfo).port;
  });
  after(() => {
    server.close();
    ws.cleanup();
  });

  it('the server is reachable unsandboxed (so the failures below are the sandbox)', async () => {
    const result = await shell.run(direct(), { ...options([]), sandbox: undefined });
    assert.match(result.output, /reached \/direct direct-exit=0/);
  });

  it('with no allowed host, a direct connection to 127.0.0.1 fails', async () => {
    const result = await shell.run(direct(), options([]));
    assert.doesNotMatch(result.output, /reached/);
    assert.match(result.output, /direct-exit=[1-9]/);
  });

  it('with 127.0.0.1 allowed, the proxy connects it, while a direct connection still fails', async () => {
    const result = await shell.run(`${direct()}; ${viaProxy('127.0.0.1')}`, options(['127.0.0.1']));
    assert.match(result.output, /direct-exit=[1-9]/);
    assert.doesNotMatch(result.output, /reached \/direct/);
    assert.match(result.output, /reached \/proxied proxied-exit=0/);
    assert.deepEqual(result.sandboxDeniedHosts, []);
  });

  it('a host off the list is refused at the proxy and reported (HTTP and HTTPS CONNECT)', async () => {
    const result = await shell.run(`${viaProxy('localhost')}; curl -sS --max-time 5 https://evil.example/ ; echo " https-exit=$?"`, options(['127.0.0.1']));
    assert.doesNotMatch(result.output, /reached/);
    assert.match(result.output, /Blocked by the Auto Agent sandbox: localhost/);
    assert.match(result.output, /https-exit=[1-9]/);
    assert.deepEqual(result.sandboxDeniedHosts, ['localhost', 'evil.example']);
  });
});
