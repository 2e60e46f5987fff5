import * as assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { createTextSearch, findOnPath, JsTextSearch, NodeTextSearch, RipgrepSearch, type SearchQuery } from '../../src/node/textSearch';
import { makeTempDir } from '../support/testHost';

describe('text search (ripgrep --json and the JavaScript fallback)', () => {
  let work: ReturnType<typeof makeTempDir>;
  let rgPath: string | undefined;

  before(async () => { rgPath = await findOnPath('rg', process.env.PATH); });

  beforeEach(() => {
    work = makeTempDir();
    const files: Record<string, string> = {
      '.gitignore': 'build/\n*.tmp\n',
      'a.ts': 'const alpha = 1;\n// TODO first\nconst beta = 2;\nconst gamma = 3;\nfunction todo() {}\n',
      'b/c.ts': 'line one\nTODO: second\nline three\n',
      'b/deep/d.py': 'x = 1\n# todo lower\ny = 2\nTODO again\nz = 3\n',
      'b/.hidden.txt': 'hidden TODO\n',
      'b/.gitignore': 'local.txt\n',
      'b/local.txt': 'TODO ignored by a nested .gitignore\n',
      'build/out.js': 'TODO ignored\n',
      'notes.tmp': 'TODO ignored too\n',
      'node_modules/pkg/index.js': 'TODO never\n',
      'a-b/e.md': 'TODO in a folder whose name sorts before "a/"\n',
      'regex.txt': 'foo(bar) and foo123\n',
    };
    for (const [rel, text] of Object.entries(files)) {
      mkdirSync(path.dirname(path.join(work.dir, rel)), { recursive: true });
      writeFileSync(path.join(work.dir, rel), text);
    }
    writeFileSync(path.join(work.dir, 'image.bin'), Buffer.from([0x54, 0x4f, 0x44, 0x4f, 0, 1, 2, 0x0a]));
  });
  afterEach(() => work.cleanup());

  const query = (extra: Partial<SearchQuery>): SearchQuery => ({ root: work.dir, pattern: 'TODO', isRegex: false, isCaseSensitive: true, contextLines: 1, maxMatches: 100, ...extra });
  const relative = (matches: { path: string; line: number }[]): string[] => matches.map((m) => `${path.relative(work.dir, m.path)}:${m.line}`);

  it('the fallback honours nested .gitignore files, skips binaries, .git and node_modules, and keeps context', async () => {
    const result = await new JsTextSearch().search(query({}));
    assert.equal(result.engine, 'js');
    assert.deepEqual(relative(result.matches), ['a-b/e.md:1', 'a.ts:2', 'b/.hidden.txt:1', 'b/c.ts:2', 'b/deep/d.py:4']);
    const c = result.matches.find((m) => m.path.endsWith('c.ts'));
    assert.deepEqual([c?.before, c?.text, c?.after], [['line one'], ['TODO: second'], ['line three']].flat().map((x, i) => (i === 1 ? x : [x])));
  });

  const cases: [string, Partial<SearchQuery>][] = [
    ['a literal', {}],
    ['case-insensitive', { isCaseSensitive: false }],
    ['a regex', { pattern: 'foo\\(\\w+\\)|const [a-z]+ = [23]', isRegex: true, contextLines: 2 }],
    ['a literal with regex characters', { pattern: 'foo(bar)' }],
    ['an include glob', { isCaseSensitive: false, include: ['*.py'] }],
    ['a path glob', { isCaseSensitive: false, include: ['b/**'] }],
    ['a cap', { isCaseSensitive: false, maxMatches: 3, contextLines: 0 }],
    ['no context', { contextLines: 0 }],
  ];

  for (const [name, extra] of cases) {
    it(`ripgrep and the fallback give the same grouped results for ${name}`, async function () {
      if (!rgPath) this.skip(); // needs ripgrep on PATH (apt-get install ripgrep)
      const rg = await new RipgrepSearch(rgPath!).search(query(extra));
      const js = await new JsTextSearch().search(query(extra));
      assert.equal(rg.engine, 'ripgrep');
      assert.ok(rg.matches.length > 0);
      assert.deepEqual(rg.matches, js.matches);
      assert.equal(rg.isTruncated, js.isTruncated);
    });
  }

  it('reports truncation at the cap', async () => {
    const result = await new JsTextSearch().search(query({ isCaseSensitive: false, maxMatches: 2 }));
    assert.equal(result.matches.length, 2);
    assert.equal(result.isTruncated, true);
  });

  it('falls back to JavaScript when the ripgrep binary is missing, and the CLI finds rg on PATH', async () => {
    const missing = new NodeTextSearch({ rgPath: path.join(work.dir, 'no-such-rg') });
    assert.equal((await missing.search(query({}))).engine, 'js');
    const cli = await createTextSearch({ env: { PATH: '' } });
    assert.equal((await cli.search(query({}))).engine, 'js');
    if (rgPath) assert.equal((await (await createTextSearch({ env: process.env })).search(query({}))).engine, 'ripgrep');
  });

  it('rejects a bad regex with ripgrep\'s or JavaScript\'s message', async () => {
    await assert.rejects(new JsTextSearch().search(query({ pattern: 'a(', isRegex: true })), /Invalid regular expression|Unterminated group/);
    if (rgPath) await assert.rejects(new RipgrepSearch(rgPath).search(query({ pattern: 'a(', isRegex: true })), /regex parse error|unclosed group/);
  });
});
