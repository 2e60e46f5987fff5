import * as assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { createTestContext, makeTempDir } from '../../support/testHost';
import { callTool } from '../tools/toolHarness';
import { listFilesTool } from '../../../src/core/tools/listFiles';
import { searchTextTool } from '../../../src/core/tools/searchText';
import { repoMapTool } from '../../../src/core/tools/repoMap';
import { findSymbolTool } from '../../../src/core/tools/findSymbol';
import { findReferencesTool } from '../../../src/core/tools/findReferences';
import { allTools } from '../../../src/core/tools';
import { WorkspaceIndexer } from '../../../src/node/indexer/workspaceIndexer';
import { WorkerTagParser } from '../../../src/node/indexer/workerTagParser';
import { JsTextSearch } from '../../../src/node/textSearch';

describe('codebase tools (list_files, search_text, repo_map, find_symbol, find_references)', function () {
  this.timeout(30_000);
  let work: ReturnType<typeof makeTempDir>;
  let parser: WorkerTagParser;
  let index: WorkspaceIndexer;

  before(() => { parser = new WorkerTagParser({ threads: 1 }); });
  after(async () => { await parser.dispose(); });

  beforeEach(() => {
    work = makeTempDir();
    const files: Record<string, string> = {
      '.gitignore': 'out/\n',
      'src/logger.ts': 'export class Logger {\n  log(message: string): void {\n    console.log(message);\n  }\n}\n',
      'src/app.ts': "import { Logger } from './logger';\nexport function startApp(): void {\n  const logger = new Logger();\n  logger.log('start');\n}\n",
      'src/cli.ts': "import { startApp } from './app';\nexport function main(): void {\n  startApp();\n}\n",
      'out/bundle.js': 'function startApp() {}\n',
    };
    for (const [rel, text] of Object.entries(files)) {
      mkdirSync(path.dirname(path.join(work.dir, rel)), { recursive: true });
      writeFileSync(path.join(work.dir, rel), text);
    }
    index = new WorkspaceIndexer({ root: work.dir, parser });
  });
  afterEach(async () => { await index.dispose(); work.cleanup(); });

  function context(withIndex = true) {
    const { ctx } = createTestContext({ root: work.dir, search: new JsTextSearch() });
    if (withIndex) ctx.codebase = index;
    return ctx;
  }

  it('are all in the one tool list', () => {
    const names = allTools.map((t) => t.name);
    for (const name of ['list_files', 'search_text', 'repo_map', 'find_symbol', 'find_references']) assert.ok(names.includes(name), name);
  });

  it('list_files lists a tree without ignored files, or one folder', async () => {
    const tree = await callTool(listFilesTool, {}, context());
    assert.equal(tree.isError, undefined);
    assert.match(tree.output, /^4 entries in \.:\n\.gitignore\nsrc\/app\.ts\nsrc\/cli\.ts\nsrc\/logger\.ts$/);
    const folder = await callTool(listFilesTool, { recursive: false }, context());
    assert.match(folder.output, /\.gitignore\nsrc\/$/);
    const capped = await callTool(listFilesTool, { maxEntries: 2 }, context());
    assert.match(capped.output, /Only the first 2 entries/);
    const missing = await callTool(listFilesTool, { path: 'nope' }, context());
    assert.equal(missing.isError, true);
  });

  it('search_text groups matches per file with line numbers and context', async () => {
    const result = await callTool(searchTextTool, { pattern: 'startApp', contextLines: 1 }, context());
    assert.equal(result.output, [
      '3 matching lines in 2 files:', '',
      'src/app.ts', '  1- import { Logger } from \'./logger\';', '  2: export function startApp(): void {', '  3-   const logger = new Logger();',
      'src/cli.ts', '  1: import { startApp } from \'./app\';', '  2- export function main(): void {', '  3:   startApp();', '  4- }',
    ].join('\n'));
    const none = await callTool(searchTextTool, { pattern: 'nothing-like-this' }, context());
    assert.match(none.output, /^No matches/);
    const bad = await callTool(searchTextTool, { pattern: 'a(', isRegex: true }, context());
    assert.equal(bad.isError, true);
    assert.match(bad.output, /check its syntax/);
  });

  it('repo_map, find_symbol and find_references answer from the index', async () => {
    const map = await callTool(repoMapTool, { tokens: 500 }, context());
    assert.match(map.output, /src\/logger\.ts:\n│export class Logger \{\n│  log\(message: string\): void \{/);
    const focused = await callTool(repoMapTool, { tokens: 256, focus: 'startApp' }, context());
    assert.match(focused.output, /^src\/app\.ts:\n⋮\n│export function startApp/);
    assert.match(focused.output, /src\/cli\.ts:\n⋮\n│export function main/);
    const defs = await callTool(findSymbolTool, { name: 'Logger.log' }, context());
    assert.equal(defs.output, '1 definition of Logger.log:\nsrc/logger.ts:2-4 method log\n    log(message: string): void {');
    const refs = await callTool(findReferencesTool, { name: 'startApp' }, context());
    assert.equal(refs.output, "2 references to startApp in 1 files:\nsrc/cli.ts\n  1: import { startApp } from './app';\n  3: startApp();");
  });

  it('say the index is unavailable when the host has none', async () => {
    for (const tool of [repoMapTool, findSymbolTool, findReferencesTool]) {
      const result = await callTool(tool, tool === repoMapTool ? {} : { name: 'x' }, context(false));
      assert.equal(result.isError, true);
      assert.match(result.output, /symbol index is unavailable.*search_text/);
    }
  });
});
