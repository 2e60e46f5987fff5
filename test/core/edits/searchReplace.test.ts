import { strict as assert } from 'node:assert';
import { applyBlocks } from '../../../src/core/edits/searchReplace';
import { parseUnifiedDiff } from '../../../src/core/edits/unifiedDiff';

const numbered = (n: number): string => Array.from({ length: n }, (_, i) => `line ${i + 1};`).join('\n') + '\n';

function ok(result: ReturnType<typeof applyBlocks>): string {
  assert.ok(result.isOk, result.isOk ? '' : result.errors.map((e) => e.message).join('\n'));
  return result.content;
}

describe('edits: search/replace blocks', () => {
  const file = 'function a() {\n  return 1;\n}\n\nfunction b() {\n  return 2;\n}\n';

  it('applies several blocks independently of their order', () => {
    const blocks = [{ search: 'function b() {\n  return 2;', replace: 'function b() {\n  return 20;' }, { search: '  return 1;', replace: '  return 10;' }];
    const expected = file.replace('return 1;', 'return 10;').replace('return 2;', 'return 20;');
    assert.equal(ok(applyBlocks(file, blocks)), expected);
    assert.equal(ok(applyBlocks(file, [...blocks].reverse())), expected);
  });

  it('refuses overlapping blocks and changes nothing', () => {
    const result = applyBlocks(file, [{ search: 'function a() {\n  return 1;', replace: 'x' }, { search: '  return 1;\n}', replace: 'y' }]);
    assert.equal(result.isOk, false);
    assert.match(result.isOk ? '' : result.errors[0].message, /overlap \(lines 1–2 and 2–3\)/);
  });

  it('refuses an ambiguous block and lists the places with line numbers', () => {
    const result = applyBlocks(file, [{ search: '}\n', replace: '};\n' }]);
    assert.equal(result.isOk, false);
    const message = result.isOk ? '' : result.errors[0].message;
    assert.match(message, /matches several places/);
    assert.match(message, /line 3/);
    assert.match(message, /line 7/);
  });

  it('answers a block that is not there with "did you mean lines N–M"', () => {
    const text = numbered(60);
    const result = applyBlocks(text, [{ search: 'line 40;\nline 41;\nline 42;\nsomething else entirely;\nline 44;', replace: 'gone' }]);
    if (result.isOk) assert.fail(`should not apply: ${result.content.slice(0, 40)}`);
    assert.match(result.errors[0].message, /Did you mean \n- lines 40–44 \(\d+% similar\):\n  40\| line 40;/);
  });

  it('re-indents the replacement to the place found ignoring indentation', () => {
    const text = 'class A {\n    run() {\n        go();\n    }\n}\n';
    const out = ok(applyBlocks(text, [{ search: 'run() {\n    go();\n}', replace: 'run() {\n    if (ready) {\n        go();\n    }\n}' }]));
    assert.equal(out, 'class A {\n    run() {\n        if (ready) {\n            go();\n        }\n    }\n}\n');
  });

  it('keeps a tab-indented file tab-indented when the model wrote spaces', () => {
    const text = 'func main() {\n\tif x {\n\t\ty()\n\t}\n}\n';
    const out = ok(applyBlocks(text, [{ search: '    if x {\n        y()\n    }', replace: '    if x {\n        y()\n        z()\n    }' }]));
    assert.equal(out, 'func main() {\n\tif x {\n\t\ty()\n\t\tz()\n\t}\n}\n');
  });

  it('places a block with an elided middle and puts the elided lines back for a marker in the replacement', () => {
    const text = 'function f() {\n  const a = 1;\n  const b = 2;\n  const c = 3;\n  return a + b + c;\n}\n\nf();\n';
    const out = ok(applyBlocks(text, [{ search: 'function f() {\n  // ... existing code ...\n  return a + b + c;\n}', replace: 'function f() {\n  // ... existing code ...\n  return a * b * c;\n}' }]));
    assert.equal(out, text.replace('a + b + c', 'a * b * c'));
  });

  it('replaces part of a line when the block is part of one line only', () => {
    assert.equal(ok(applyBlocks('const limit = 10; // max\n', [{ search: 'limit = 10', replace: 'limit = 20' }])), 'const limit = 20; // max\n');
  });

  it('refuses an empty search on a file with content, and writes a new file from an empty search', () => {
    assert.equal(applyBlocks('x\n', [{ search: '', replace: 'y' }]).isOk, false);
    assert.equal(ok(applyBlocks(null, [{ search: '', replace: 'new\n' }])), 'new\n');
  });

  it('places a block with a few wrong characters when one place is clearly the nearest', () => {
    const text = numbered(60);
    const out = ok(applyBlocks(text, [{ search: 'line 40;\nline 41;\nline 4X;\nline 43;\nXine 44;\n', replace: 'gone\n' }]));
    assert.equal(out, text.replace('line 40;\nline 41;\nline 42;\nline 43;\nline 44;\n', 'gone\n'));
  });

  it('fixes one wrong character in the search text and keeps the file\'s own context lines', () => {
    const text = 'const first = compute(alpha, beta);\nconst second = combine(first, gamma);\nexport default second;\n';
    const out = ok(applyBlocks(text, [{ search: 'const first = compute(alpha, bsta);\nconst second = combine(first, gamma);', replace: 'const first = compute(alpha, bsta);\nconst second = merge(first, gamma);' }]));
    assert.equal(out, 'const first = compute(alpha, beta);\nconst second = merge(first, gamma);\nexport default second;\n');
  });
});

describe('edits: unified diffs', () => {
  const text = numbered(30);

  it('applies hunks whose line numbers are wrong', () => {
    const parsed = parseUnifiedDiff('--- a/f\n+++ b/f\n@@ -3,3 +3,3 @@\n line 20;\n-line 21;\n+line twenty-one;\n line 22;\n');
    assert.ok(parsed.isOk);
    assert.equal(ok(applyBlocks(text, parsed.isOk ? parsed.blocks : [])), text.replace('line 21;', 'line twenty-one;'));
  });

  it('applies a diff without headers or context', () => {
    const parsed = parseUnifiedDiff('-line 7;\n+line seven;\n');
    assert.ok(parsed.isOk);
    assert.equal(ok(applyBlocks(text, parsed.isOk ? parsed.blocks : [])), text.replace('line 7;', 'line seven;'));
  });

  it('uses a hunk header to choose among identical places only when it points clearly at one', () => {
    const repeated = 'a\nx\nb\n'.repeat(1) + 'filler\n'.repeat(20) + 'a\nx\nb\n';
    const near = parseUnifiedDiff('@@ -24,1 +24,1 @@\n-x\n+y\n');
    assert.ok(near.isOk);
    assert.equal(ok(applyBlocks(repeated, near.isOk ? near.blocks : [])), repeated.replace(/x\nb\n$/, 'y\nb\n'));
    const none = parseUnifiedDiff('-x\n+y\n');
    assert.equal(applyBlocks(repeated, none.isOk ? none.blocks : []).isOk, false);
  });

  it('keeps blank context lines whose leading space was stripped', () => {
    const source = 'a\n\nb\nc\n';
    const parsed = parseUnifiedDiff('@@ -1,4 +1,4 @@\n a\n\n-b\n+B\n c\n');
    assert.equal(ok(applyBlocks(source, parsed.isOk ? parsed.blocks : [])), 'a\n\nB\nc\n');
  });
});

describe('edits: placeholders', () => {
  it('refuses a replacement that would write "// ... existing code ..." into the file', () => {
    const text = 'function f() {\n  a();\n  b();\n}\n';
    const result = applyBlocks(text, [{ search: 'function f() {\n  a();', replace: 'function f() {\n  // ... existing code ...\n  c();' }]);
    assert.equal(result.isOk, false);
    assert.match(result.isOk ? '' : result.errors[0].message, /written into the file literally/);
  });

  it('still writes a bare "..." line, which is code in some languages', () => {
    const text = 'class A:\n    pass\n';
    const result = applyBlocks(text, [{ search: '    pass', replace: '    ...' }]);
    assert.ok(result.isOk);
    assert.equal(result.content, 'class A:\n    ...\n');
  });
});
