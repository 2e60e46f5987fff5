import { strict as assert } from 'node:assert';
import { z } from 'zod';
import { ToolRegistry } from '../../src/core/tools/registry';
import { defineTool, ToolError } from '../../src/core/tools/tool';
import { createTestContext, makeTempDir } from '../support/testHost';

const echo = defineTool({
  name: 'echo_text',
  description: 'Echoes text.',
  schema: z.object({ text: z.string().describe('What to echo'), times: z.number().int().min(1).default(1).describe('Repetitions') }),
  risk: 'read',
  run: async ({ text, times }) => ({ output: text.repeat(times) }),
});
const failing = defineTool({
  name: 'fail_always', description: 'Fails.', schema: z.object({}), risk: 'read',
  run: async () => { throw new ToolError('it failed, try something else'); },
});

describe('ToolRegistry', () => {
  const registry = new ToolRegistry([echo, failing]);

  it('generates JSON Schema from zod for the tools array', () => {
    const [tool] = registry.toOpenAiTools();
    assert.equal(tool.function.name, 'echo_text');
    const params = tool.function.parameters as { properties: Record<string, { description?: string }>; required: string[] };
    assert.equal(params.properties.text.description, 'What to echo');
    assert.deepEqual(params.required, ['text']);
    assert.equal('$schema' in params, false);
  });

  it('reports an unknown tool with the list of available ones', () => {
    const result = registry.prepare('no_such_tool', '{}');
    assert.ok('error' in result && /Unknown tool "no_such_tool".*echo_text/.test(result.error));
  });

  it('truncates a very long unknown tool name in the error', () => {
    const result = registry.prepare('x'.repeat(5000), '{}');
    assert.ok('error' in result && result.error.length < 300);
  });

  it('reports malformed JSON arguments to the model', () => {
    const result = registry.prepare('echo_text', '{"text": "a"');
    assert.ok('error' in result && /not valid JSON/.test(result.error));
  });

  it('reports wrong-typed arguments with the field path', () => {
    const result = registry.prepare('echo_text', '{"text": 5}');
    assert.ok('error' in result && /text/.test(result.error));
  });

  it('runs a valid call and turns a ToolError into an error result', async () => {
    const tmp = makeTempDir();
    try {
      const { ctx } = createTestContext({ root: tmp.dir });
      const ok = registry.prepare('echo_text', '{"text":"ab","times":2}');
      assert.ok(!('error' in ok));
      assert.deepEqual(await registry.run(ok, ctx), { output: 'abab' });
      const bad = registry.prepare('fail_always', '');
      assert.ok(!('error' in bad));
      assert.deepEqual(await registry.run(bad, ctx), { output: 'it failed, try something else', isError: true });
    } finally {
      tmp.cleanup();
    }
  });
});
