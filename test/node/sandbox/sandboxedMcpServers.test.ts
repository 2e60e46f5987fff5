// Stdio MCP servers in the OS sandbox (--sandbox-mcp), with the real bubblewrap: a server started there writes only
// the workspace (not its protected paths), cannot read the user's secrets or the agent's environment through
// /proc, reaches no network, and still runs from its own folder under /tmp, which the sandbox's private /tmp
// would otherwise hide. The same probe run unsandboxed does all of it, so each assertion can fail.
import { strict as assert } from 'node:assert';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import type { McpServerConfig } from '../../../src/core/mcp/mcpConfig';
import { defaultProtectedGlobs } from '../../../src/core/policy/protectedFiles';
import { NodeMcpHost } from '../../../src/node/mcp/nodeMcpHost';
import { confineServers } from '../../../src/node/mcp/sandboxedServers';
import { serverVisiblePaths } from '../../../src/node/mcp/serverFiles';
import { CommandSandbox } from '../../../src/node/sandbox/commandSandbox';
import { makeTempDir, silentLogger } from '../../support/testHost';

/**
 * A dependency-free stdio MCP server (newline-delimited JSON-RPC) with one tool, `probe`: it tries to write,
 * read and connect as asked and answers what happened. Written by hand so that it needs nothing from the
 * project's node_modules: only its own folder has to be visible.
 */
const probeServer = String.raw`
import { readFileSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { createInterface } from 'node:readline';
const send = (m) => process.stdout.write(JSON.stringify({ jsonrpc: '2.0', ...m }) + '\n');
const attempt = (f) => { try { f(); return 'ok'; } catch (e) { return 'failed: ' + e.code; } };
const reach = (port) => new Promise((r) => { const s = connect(port, '127.0.0.1', () => { s.end(); r('ok'); }); s.on('error', (e) => r('failed: ' + e.code)); });
async function probe(a) {
  const out = {};
  if (a.write) out.write = attempt(() => writeFileSync(a.write, 'written by the MCP server'));
  if (a.read) out.read = attempt(() => readFileSync(a.read));
  if (a.connect) out.connect = await reach(a.connect);
  return out;
}
createInterface({ input: process.stdin }).on('line', async (line) => {
  const m = JSON.parse(line);
  if (m.id === undefined) return;
  if (m.method === 'initialize') return send({ id: m.id, result: { protocolVersion: m.params.protocolVersion, capabilities: { tools: {} }, serverInfo: { name: 'probe', version: '1.0.0' } } });
  if (m.method === 'tools/list') return send({ id: m.id, result: { tools: [{ name: 'probe', description: 'Tries things.', inputSchema: { type: 'object' } }] } });
  if (m.method === 'tools/call') return send({ id: m.id, result: { content: [{ type: 'text', text: JSON.stringify(await probe(m.params.arguments)) }] } });
  send({ id: m.id, error: { code: -32601, message: 'no such method' } });
});
`;

describe('sandbox: stdio MCP servers under bubblewrap (--sandbox-mcp)', function () {
  this.timeout(60_000);
  const ws = makeTempDir('auto-agent-mcp-sandbox-ws-');
  // The server's own package, under /tmp like a project checked out there, and outside the workspace.
  const serverPackage = makeTempDir('auto-agent-mcp-server-');
  // A fake home outside /tmp, so that hiding the secrets is shown to be specific.
  const home = realpathSync(mkdtempSync('/var/tmp/auto-agent-mcp-home-'));
  const outside = realpathSync(mkdtempSync('/var/tmp/auto-agent-mcp-outside-'));
  const sandbox = new CommandSandbox({ mode: 'on', homeDir: home });
  const spec = { writableRoots: [ws.dir], protectedGlobs: defaultProtectedGlobs, allowedHosts: [] };
  let web: http.Server;
  let port = 0;

  before(async () => {
    assert.equal((await sandbox.status()).isActive, true, 'bubblewrap must work on this machine (.ci/run installs it)');
    mkdirSync(path.join(serverPackage.dir, 'dist'));
    writeFileSync(path.join(serverPackage.dir, 'package.json'), '{ "name": "probe-server", "type": "module" }');
    writeFileSync(path.join(serverPackage.dir, 'dist', 'server.mjs'), probeServer);
    mkdirSync(path.join(home, '.ssh'));
    writeFileSync(path.join(home, '.ssh', 'id_rsa'), 'PRIVATE-KEY-MATERIAL');
    mkdirSync(path.join(ws.dir, '.git', 'hooks'), { recursive: true });
    web = http.createServer((_req, res) => res.end('home'));
    await new Promise<void>((resolve) => web.listen(0, '127.0.0.1', resolve));
    port = (web.address() as AddressInfo).port;
  });
  after(() => {
    web.close();
    ws.cleanup();
    serverPackage.cleanup();
    rmSync(home, { recursive: true, force: true });
    rmSync(outside, { recursive: true, force: true });
  });

  function hostFor(isSandboxed: boolean): NodeMcpHost {
    const server: McpServerConfig = {
      name: 'probe', origin: 'cli', source: 'test', timeoutMs: 20_000,
      transport: { kind: 'stdio', command: process.execPath, args: [path.join(serverPackage.dir, 'dist', 'server.mjs')], env: {} },
    };
    return new NodeMcpHost({
      servers: [server], cwd: ws.dir, homeDir: home, env: process.env, logger: silentLogger, canStart: async () => true,
      confine: isSandboxed ? confineServers({ sandbox, spec, logger: silentLogger }) : undefined,
    });
  }

  async function probe(isSandboxed: boolean, args: Record<string, unknown>): Promise<Record<string, string>> {
    const host = hostFor(isSandboxed);
    try {
      const outcome = await host.callTool('probe', 'probe', args, new AbortController().signal);
      const block = outcome.content[0];
      assert.equal(block.type, 'text');
      return JSON.parse((block as { text: string }).text) as Record<string, string>;
    } finally {
      await host.dispose();
    }
  }

  it('starts from its own folder under /tmp and writes inside the workspace', async () => {
    const result = await probe(true, { write: path.join(ws.dir, 'from-server.txt') });
    assert.equal(result.write, 'ok');
    assert.equal(readFileSync(path.join(ws.dir, 'from-server.txt'), 'utf8'), 'written by the MCP server');
  });

  it('cannot write outside the workspace, into the home folder, or into a protected path', async () => {
    const targets = { outside: path.join(outside, 'x.txt'), bashrc: path.join(home, '.bashrc'), hook: path.join(ws.dir, '.git', 'hooks', 'pre-commit') };
    for (const [what, file] of Object.entries(targets)) {
      const result = await probe(true, { write: file });
      assert.match(result.write, /^failed/, `${what}: ${result.write}`);
      assert.equal(existsSync(file), false, what);
    }
  });

  it('cannot read the user\'s keys or the agent\'s environment through /proc', async () => {
    assert.match((await probe(true, { read: path.join(home, '.ssh', 'id_rsa') })).read, /^failed/);
    assert.match((await probe(true, { read: `/proc/${process.pid}/environ` })).read, /^failed/);
  });

  it('reaches no server on 127.0.0.1', async () => {
    assert.match((await probe(true, { connect: port })).connect, /^failed/);
  });

  it('unsandboxed, the same probe does all of it (the assertions above can fail)', async () => {
    const file = path.join(outside, 'unsandboxed.txt');
    const result = await probe(false, { write: file, read: path.join(home, '.ssh', 'id_rsa'), connect: port });
    assert.deepEqual(result, { write: 'ok', read: 'ok', connect: 'ok' });
  });

  it('keeps visible only the server\'s package under /tmp, or the node_modules it runs from', async () => {
    const script = path.join(serverPackage.dir, 'dist', 'server.mjs');
    assert.deepEqual(await serverVisiblePaths(process.execPath, [script], ws.dir, ''), [serverPackage.dir]);
    const modules = path.join(serverPackage.dir, 'node_modules', '@scope', 'srv', 'bin');
    mkdirSync(modules, { recursive: true });
    writeFileSync(path.join(modules, 'cli.js'), '');
    assert.deepEqual(await serverVisiblePaths('node', [path.join(modules, 'cli.js'), '--flag', 'https://x.example/a'], ws.dir, path.dirname(process.execPath)), [path.join(serverPackage.dir, 'node_modules')]);
    assert.deepEqual(await serverVisiblePaths('/usr/bin/env', ['node', '/opt/none.js'], ws.dir, ''), []);
  });
});
