/** The examples of issue 14, one test each: wrong results made impossible, and certain refusals turned into edits. */
import { strict as assert } from 'node:assert';
import { applyBlocks, type ApplyResult, type EditBlock } from '../../../src/core/edits/searchReplace';
import { parseUnifiedDiff } from '../../../src/core/edits/unifiedDiff';

function ok(result: ApplyResult): string {
  assert.ok(result.isOk, result.isOk ? '' : result.errors.map((e) => e.message).join('\n'));
  return result.content;
}
const apply = (file: string, ...blocks: EditBlock[]): ApplyResult => applyBlocks(file, blocks);
function fromDiff(file: string, diff: string): ApplyResult {
  const parsed = parseUnifiedDiff(diff);
  assert.ok(parsed.isOk, parsed.isOk ? '' : parsed.message);
  return applyBlocks(file, parsed.blocks);
}

describe('edits: block ends (str_replace semantics)', () => {
  const file = 'a();\n\nb();\n';

  it('ignores spaces after the last line break of the search, keeping the blank line', () => {
    assert.equal(ok(apply(file, { search: 'a();\n ', replace: 'a();\n' })), 'a();\n\nb();\n');
  });

  it('adds the line break a replacement has beyond its search', () => {
    assert.equal(ok(apply(file, { search: 'a();', replace: 'a();\n' })), 'a();\n\n\nb();\n');
  });

  it('joins the next line when the replacement lacks the line break its search has', () => {
    assert.equal(ok(apply('a();\nb();\n', { search: 'a();\n', replace: 'x(' })), 'x(b();\n');
  });

  it('reads a search that starts with a line break as a blank line, dropped when the file has none there', () => {
    assert.equal(ok(apply(file, { search: '\nb();', replace: '\nc();' })), 'a();\n\nc();\n');
    assert.equal(ok(apply('a();\nb();\n', { search: '\nb();\n', replace: '\nc();\n' })), 'a();\nc();\n');
  });

  it('deletes whole lines with an empty replacement, with or without the final line break', () => {
    assert.equal(ok(apply('a\nb\nc\n', { search: 'b', replace: '' })), 'a\nc\n');
    assert.equal(ok(apply('a\nb\nc\n', { search: 'b\n', replace: '' })), 'a\nc\n');
  });

  it('follows the same ends at the indentation and fuzzy stages', () => {
    const code = 'function f() {\n    const first = compute(alpha, beta);\n    return first;\n}\n\nf();\n';
    // Indentation stage: the search is off by four spaces; its last line has no break, the replacement's has.
    assert.equal(ok(apply(code, { search: 'const first = compute(alpha, beta);\nreturn first;', replace: 'const first = compute(alpha, beta);\nreturn first;\n' })),
      code.replace('return first;\n', 'return first;\n\n'));
    // Fuzzy stage (one wrong character), with spaces after the last line break.
    assert.equal(ok(apply(code, { search: '    const first = compute(alpha, bxta);\n    return first;\n   ', replace: '    const first = compute(alpha, beta);\n    return second;\n' })),
      code.replace('return first;', 'return second;'));
  });
});

describe('edits: unified diffs', () => {
  it('keeps the final line break of lines added to an empty file', () => {
    assert.equal(ok(fromDiff('', '@@ -0,0 +1,2 @@\n+a\n+b\n')), 'a\nb\n');
  });

  it('reads "---a/file" and "+++b/file" without a space as headers', () => {
    assert.equal(ok(fromDiff('x\ny\nz\n', '---a/f.txt\n+++b/f.txt\n@@ -1,3 +1,3 @@\n x\n-y\n+Y\n z\n')), 'x\nY\nz\n');
  });

  it('honours "\\ No newline at end of file" on the old side (the edit adds the final line break)', () => {
    assert.equal(ok(fromDiff('a\nb', '@@ -1,2 +1,2 @@\n a\n-b\n\\ No newline at end of file\n+b\n')), 'a\nb\n');
  });

  it('honours "\\ No newline at end of file" on the new side (the edit removes the final line break)', () => {
    assert.equal(ok(fromDiff('a\nb\n', '@@ -1,2 +1,2 @@\n a\n-b\n+b\n\\ No newline at end of file\n')), 'a\nb');
  });

  it('keeps a removed "-- comment" line inside a counted hunk', () => {
    assert.equal(ok(fromDiff('select 1;\n-- old\n++x\n', '@@ -1,3 +1,2 @@\n select 1;\n--- old\n+++x\n-++x\n')), 'select 1;\n++x\n');
  });
});

describe('edits: mixed line endings', () => {
  it('keeps every untouched line ending and gives a new line the ending of the line before it', () => {
    const file = 'a\r\nb\nc\r\nd\n';
    assert.equal(ok(apply(file, { search: 'b\nc\n', replace: 'b\nnew\nc\n' })), 'a\r\nb\nnew\nc\r\nd\n');
    assert.equal(ok(apply(file, { search: 'c\nd\n', replace: 'c\nnew\nd\n' })), 'a\r\nb\nc\r\nnew\r\nd\n');
  });
});

describe('edits: refusals turned into certain edits', () => {
  const code = 'function sum(a, b) {\n    const total = a + b;\n    return total;\n}\n\nmodule.exports = sum;\n';

  it('strips line numbers copied from read_file ("  N\\t"), "N | " and "N:", and uses them as a hint', () => {
    const want = code.replace('return total;', 'return total * 1;');
    assert.equal(ok(apply(code, { search: '2\t    const total = a + b;\n3\t    return total;\n', replace: '    const total = a + b;\n    return total * 1;\n' })), want);
    assert.equal(ok(apply(code, { search: '2 |     const total = a + b;\n3 |     return total;\n', replace: '2 |     const total = a + b;\n3 |     return total * 1;\n' })), want);
    assert.equal(ok(apply(code, { search: '2:    const total = a + b;\n3:    return total;\n', replace: '    const total = a + b;\n    return total * 1;\n' })), want);
  });

  it('applies a search whose lines are off by different amounts when only one place fits, re-indenting by the common offset', () => {
    const search = 'function sum(a, b) {\n    const total = a + b;\n     return total;\n}\n';
    const replace = 'function sum(a, b) {\n    const total = a + b;\n    if (total < 0) throw new Error("negative");\n     return total;\n}\n';
    assert.equal(ok(apply(code, { search, replace })), code.replace('    return total;', '    if (total < 0) throw new Error("negative");\n    return total;'));
  });

  it('matches runs of extra spaces inside lines', () => {
    assert.equal(ok(apply(code, { search: 'function   sum(a,   b) {\n', replace: 'function sum(a, b, c) {\n' })), code.replace('sum(a, b) {', 'sum(a, b, c) {'));
  });

  it('drops leading and trailing blank lines of the search that the file lacks (aider issue 25)', () => {
    const tight = code.replace('}\n\n', '}\n');
    assert.equal(ok(apply(tight, { search: '\n    return total;\n}\n  \n', replace: '    return total;\n};\n' })), tight.replace('}\n', '};\n'));
    assert.equal(ok(apply(tight, { search: '\n    return total;\n}\n\n', replace: '\n    return total * 2;\n}\n\n' })), tight.replace('total;\n}', 'total * 2;\n}'));
  });

  it('resolves an ambiguous search with a line hint only when it is much nearer one place', () => {
    const file = `${'x = 1;\n'.repeat(3)}${'pad;\n'.repeat(30)}${'x = 1;\n'}`;
    assert.equal(ok(apply(file, { search: 'x = 1;\n', replace: 'x = 2;\n', hintLine: 33 })), file.replace(/x = 1;\n$/, 'x = 2;\n'));
    const far = apply(file, { search: 'x = 1;\n', replace: 'x = 2;\n', hintLine: 1 });
    assert.equal(far.isOk, false, 'lines 1–3 are equally near');
    assert.match(far.isOk ? '' : far.errors[0].message, /line 1:[\s\S]*line 2:/);
  });

  it('replaces every occurrence with replace_all, inside lines and across them', () => {
    const result = apply('let count = 0;\ncount += count;\nreturn count;\n', { search: 'count', replace: 'total', isReplaceAll: true });
    assert.equal(ok(result), 'let total = 0;\ntotal += total;\nreturn total;\n');
    assert.equal(result.isOk && result.matches.reduce((n, m) => n + (m.count ?? 1), 0), 4);
  });

  it('inserts at a line with an empty search, and appends after the last line', () => {
    assert.equal(ok(apply('a\nb\n', { search: '', replace: 'x\n', hintLine: 1 })), 'a\nx\nb\n');
    assert.equal(ok(apply('a\nb', { search: '', replace: 'c', hintLine: 2 })), 'a\nb\nc');
    assert.equal(apply('a\nb\n', { search: '', replace: 'x\n' }).isOk, false);
  });

  it('names line and column when one line holds several matches', () => {
    const result = apply('call(a); call(a);\n', { search: 'call(a)', replace: 'call(b)' });
    assert.equal(result.isOk, false);
    assert.match(result.isOk ? '' : result.errors[0].message, /line 1, column 1[\s\S]*line 1, column 10/);
  });
});
