/** Deferring MCP tool definitions behind a search tool once they would take more than 10% of the context. */
import { strict as assert } from 'node:assert';
import { z } from 'zod';
import { deferIfLarge, definitionTokens } from '../../../src/core/mcp/deferredTools';
import { allTools } from '../../../src/core/tools';
import { defineTool, type ToolDefinition } from '../../../src/core/tools/tool';
import { createTestContext, makeTempDir } from '../../support/testHost';

function fakeMcpTool(i: number, ran: string[]): ToolDefinition {
  return defineTool({
    name: `srv__tool_${i}`, description: `Tool number ${i} ${i === 7 ? 'converts currencies' : 'does something else'}. ${'padding '.repeat(40)}`,
    schema: z.object({ amount: z.number() }), risk: 'network',
    async run(input) { ran.push(`${i}:${input.amount}`); return { output: `ran ${i}` }; },
  });
}

describe('MCP: deferred tool definitions', () => {
  const ran: string[] = [];
  const tools = Array.from({ length: 30 }, (_, i) => fakeMcpTool(i, ran));

  it('keeps the tools as they are while their definitions fit in 10% of the window, defers them beyond', () => {
    const total = definitionTokens([...allTools, ...tools]);
    const mcpOnly = definitionTokens(tools);
    assert.deepEqual(deferIfLarge(tools, mcpOnly * 10 + 10), tools);
    const deferred = deferIfLarge(tools, mcpOnly * 5);
    assert.deepEqual(deferred.map((t) => t.name), ['mcp_search_tools', 'mcp_call_tool']);
    assert.ok(definitionTokens([...allTools, ...deferred]) < total - definitionTokens(tools) / 2);
  });

  it('counts only the MCP definitions: one small server is not deferred in a 32k window, though the built-in tools alone exceed 10%', () => {
    const small = tools.slice(0, 2);
    assert.ok(definitionTokens(allTools) > 3_200, 'the built-in tools alone take more than 10% of 32k');
    assert.deepEqual(deferIfLarge(small, 32_000), small);
  });

  it('finds a tool by what it does and calls it through its own validation', async () => {
    const [search, call] = deferIfLarge(tools, 1000);
    const tmp = makeTempDir();
    try {
      const { ctx } = createTestContext({ root: tmp.dir });
      const found = await search.run({ query: 'convert currencies' }, ctx);
      assert.match(found.output.split('\n')[0], /^srv__tool_7$/);
      assert.match(found.output, /"amount":\{"type":"number"\}/);
      assert.equal((await call.run({ name: 'srv__tool_7', arguments: { amount: 3 } }, ctx)).output, 'ran 7');
      assert.deepEqual(ran, ['7:3']);
      await assert.rejects(call.run({ name: 'srv__tool_7', arguments: { amount: 'three' } }, ctx), /Invalid arguments for srv__tool_7/);
      await assert.rejects(call.run({ name: 'nope', arguments: {} }, ctx), /No MCP tool is named "nope"/);
      assert.deepEqual(ran, ['7:3'], 'nothing ran for the bad calls');
    } finally {
      tmp.cleanup();
    }
  });
});
