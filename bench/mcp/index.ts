/**
 * bench/mcp: the cost of one MCP tool call through the registry, beyond the server's own work, and what the
 * MCP tool definitions add to the prompt. Real servers over stdio (the fake server of the tests, plus
 * server-everything and server-filesystem for the token count), the real adapter, registry, gate and fence.
 * Overhead = median(call through the registry) − median(the same call straight through the MCP host), measured
 * interleaved in the same run. Target: ≤ 5 ms. Run: node --import tsx bench/mcp/index.ts
 */
import * as path from 'node:path';
import { loadMcpTools } from '../../src/core/mcp/mcpTools';
import { deferIfLarge } from '../../src/core/mcp/deferredTools';
import type { McpServerConfig } from '../../src/core/mcp/mcpConfig';
import { estimateTokens } from '../../src/core/codebase/mapRenderer';
import { runToolCall, toolResultMessage } from '../../src/core/loop/toolDispatch';
import { allTools } from '../../src/core/tools';
import { ToolRegistry } from '../../src/core/tools/registry';
import { NodeMcpHost } from '../../src/node/mcp/nodeMcpHost';
import { NodeLogger } from '../../src/node/nodeLogger';
import { createTestContext, makeTempDir, MemoryStore } from '../../test/support/testHost';

const root = path.resolve(__dirname, '../..');
const stdio = (name: string, args: string[]): McpServerConfig => ({ name, origin: 'cli', source: 'bench', timeoutMs: 30_000, transport: { kind: 'stdio', command: process.execPath, args, env: {} } });
const calls = 400;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

async function main(): Promise<void> {
  const tmp = makeTempDir();
  const servers = [
    stdio('fake', [path.join(root, 'test/support/fakeMcpServer.mjs')]),
    stdio('everything', [path.join(root, 'node_modules/@modelcontextprotocol/server-everything/dist/index.js')]),
    stdio('files', [path.join(root, 'node_modules/@modelcontextprotocol/server-filesystem/dist/index.js'), tmp.dir]),
  ];
  const logger = new NodeLogger({ level: 'error', secrets: [] });
  const host = new NodeMcpHost({ servers, cwd: tmp.dir, homeDir: tmp.dir, env: process.env, logger, canStart: async () => true });
  try {
    const mcpTools = await loadMcpTools({ host, store: new MemoryStore(), logger, reserved: allTools.map((t) => t.name) });
    const registry = new ToolRegistry([...allTools, ...mcpTools]);
    const { ctx } = createTestContext({ root: tmp.dir, settings: { policy: { read: 'auto', edit: 'ask', execute: 'ask', network: 'auto' } } });
    const direct: number[] = [];
    const viaRegistry: number[] = [];
    for (let i = 0; i < calls + 50; i++) {
      const args = { text: `call ${i}` };
      let t = performance.now();
      await host.callTool('fake', 'note', args, ctx.signal);
      const d = performance.now() - t;
      t = performance.now();
      const call = { id: `c${i}`, name: 'fake__note', arguments: JSON.stringify(args) };
      toolResultMessage(call, await runToolCall(registry, call, ctx), []);
      const r = performance.now() - t;
      if (i >= 50) { direct.push(d); viaRegistry.push(r); }
    }
    const builtIn = estimateTokens(JSON.stringify(new ToolRegistry(allTools).toOpenAiTools()));
    const withMcp = estimateTokens(JSON.stringify(registry.toOpenAiTools()));
    console.log(`MCP call overhead through the registry (${calls} interleaved calls, fake__note over stdio):`);
    console.log(`  straight through the MCP host   median ${median(direct).toFixed(3)} ms`);
    console.log(`  through registry, gate, fence   median ${median(viaRegistry).toFixed(3)} ms`);
    console.log(`  overhead                        ${(median(viaRegistry) - median(direct)).toFixed(3)} ms (target ≤ 5 ms)`);
    console.log(`Tool definitions in the prompt (estimated tokens, chars/3.5):`);
    console.log(`  built-in tools only             ${builtIn}`);
    console.log(`  + 3 MCP servers (${mcpTools.length} tools)       ${withMcp} (+${withMcp - builtIn})`);
    const deferred = deferIfLarge(mcpTools, 32_000);
    const withDeferred = estimateTokens(JSON.stringify(new ToolRegistry([...allTools, ...deferred]).toOpenAiTools()));
    console.log(`  + the same, deferred (a 32k window: ${deferred.map((t) => t.name).join(', ')})  ${withDeferred} (+${withDeferred - builtIn}; saves ${withMcp - withDeferred})`);
  } finally {
    await host.dispose();
    tmp.cleanup();
  }
}

void main();
