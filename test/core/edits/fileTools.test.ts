import { strict as assert } from 'node:assert';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { ToolRegistry } from '../../../src/core/tools/registry';
import { editFileTool } from '../../../src/core/tools/editFile';
import { createFileTool } from '../../../src/core/tools/createFile';
import { deleteFileTool } from '../../../src/core/tools/deleteFile';
import { renameFileTool } from '../../../src/core/tools/renameFile';
import type { ToolDefinition } from '../../../src/core/tools/tool';
import { createTestContext, makeTempDir } from '../../support/testHost';

async function call(tool: ToolDefinition, input: unknown, root: string): Promise<{ output: string; isError?: boolean }> {
  const { ctx } = createTestContext({ root });
  try {
    return await tool.run(tool.schema.parse(input), ctx);
  } catch (err) {
    return { output: (err as Error).message, isError: true };
  }
}

describe('file tools', () => {
  let temp: ReturnType<typeof makeTempDir>;
  beforeEach(() => { temp = makeTempDir(); });
  afterEach(() => temp.cleanup());
  const at = (rel: string): string => path.join(temp.dir, rel);

  it('are in the one tool list', async () => {
    const { allTools } = await import('../../../src/core/tools/index');
    const names = new ToolRegistry(allTools).toOpenAiTools().map((t) => t.function.name);
    for (const name of ['edit_file', 'create_file', 'delete_file', 'rename_file']) assert.ok(names.includes(name), name);
  });

  it('edit_file applies several blocks to a CRLF file with a BOM and keeps both', async () => {
    writeFileSync(at('a.ts'), '\uFEFFconst a = 1;\r\nconst b = 2;\r\nconst c = 3;\r\n');
    const result = await call(editFileTool, { path: 'a.ts', edits: [{ search: 'const c = 3;', replace: 'const c = 30;' }, { search: 'const a = 1;', replace: 'const a = 10;' }] }, temp.dir);
    assert.equal(result.isError, undefined, result.output);
    assert.equal(readFileSync(at('a.ts'), 'utf8'), '\uFEFFconst a = 10;\r\nconst b = 2;\r\nconst c = 30;\r\n');
  });

  it('edit_file accepts a unified diff', async () => {
    writeFileSync(at('b.txt'), 'one\ntwo\nthree\n');
    const result = await call(editFileTool, { path: 'b.txt', diff: '@@ -9,3 +9,3 @@\n one\n-two\n+TWO\n three\n' }, temp.dir);
    assert.equal(result.isError, undefined, result.output);
    assert.equal(readFileSync(at('b.txt'), 'utf8'), 'one\nTWO\nthree\n');
  });

  it('edit_file explains an ambiguous block to the model and changes nothing', async () => {
    writeFileSync(at('c.txt'), 'x\ny\nx\n');
    const result = await call(editFileTool, { path: 'c.txt', edits: [{ search: 'x', replace: 'z' }] }, temp.dir);
    assert.equal(result.isError, true);
    assert.match(result.output, /Nothing was changed in c\.txt/);
    assert.match(result.output, /line 1[\s\S]*line 3/);
    assert.equal(readFileSync(at('c.txt'), 'utf8'), 'x\ny\nx\n');
  });

  it('edit_file takes replace_all, reports the count, and settles an ambiguous block with its line', async () => {
    writeFileSync(at('r.txt'), 'x\ny\nx\nx x\n');
    const all = await call(editFileTool, { path: 'r.txt', edits: [{ search: 'x', replace: 'z', replace_all: true }] }, temp.dir);
    assert.equal(all.isError, undefined, all.output);
    assert.match(all.output, /4 replacement\(s\)/);
    assert.equal(readFileSync(at('r.txt'), 'utf8'), 'z\ny\nz\nz z\n');
    writeFileSync(at('h.txt'), `a\n${'pad\n'.repeat(10)}a\n`);
    const hinted = await call(editFileTool, { path: 'h.txt', edits: [{ search: 'a\n', replace: 'b\n', line: 12 }] }, temp.dir);
    assert.equal(hinted.isError, undefined, hinted.output);
    assert.equal(readFileSync(at('h.txt'), 'utf8'), `a\n${'pad\n'.repeat(10)}b\n`);
  });

  it('create_file refuses to overwrite unless asked, and then keeps the file\'s line endings', async () => {
    writeFileSync(at('d.txt'), 'old\r\n');
    const refused = await call(createFileTool, { path: 'd.txt', content: 'new\n' }, temp.dir);
    assert.equal(refused.isError, true);
    assert.match(refused.output, /already exists/);
    const replaced = await call(createFileTool, { path: 'd.txt', content: 'new\nlines\n', overwrite: true }, temp.dir);
    assert.equal(replaced.isError, undefined, replaced.output);
    assert.equal(readFileSync(at('d.txt'), 'utf8'), 'new\r\nlines\r\n');
    const created = await call(createFileTool, { path: 'sub/e.txt', content: 'hello' }, temp.dir);
    assert.equal(created.isError, undefined, created.output);
    assert.equal(readFileSync(at('sub/e.txt'), 'utf8'), 'hello');
  });

  it('delete_file and rename_file change one file each, and rename never overwrites', async () => {
    writeFileSync(at('f.txt'), 'f');
    writeFileSync(at('g.txt'), 'g');
    assert.equal((await call(renameFileTool, { from: 'f.txt', to: 'g.txt' }, temp.dir)).isError, true);
    assert.equal((await call(renameFileTool, { from: 'f.txt', to: 'moved/h.txt' }, temp.dir)).isError, undefined);
    assert.equal(readFileSync(at('moved/h.txt'), 'utf8'), 'f');
    assert.equal(existsSync(at('f.txt')), false);
    assert.equal((await call(deleteFileTool, { path: 'g.txt' }, temp.dir)).isError, undefined);
    assert.equal(existsSync(at('g.txt')), false);
    assert.equal((await call(deleteFileTool, { path: 'g.txt' }, temp.dir)).isError, true);
  });

  it('refuses to write outside the workspace', async () => {
    const result = await call(createFileTool, { path: '../outside.txt', content: 'x' }, temp.dir);
    assert.equal(result.isError, true);
  });
});
