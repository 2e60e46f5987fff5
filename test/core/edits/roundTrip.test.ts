import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { joinText, splitText } from '../../../src/core/edits/textLines';
import { applyBlocks } from '../../../src/core/edits/searchReplace';
import { blocksFromChange } from '../../../src/core/edits/blocksFromChange';
import { fcParams } from './seed';

/** Lines from a small alphabet, so that repeated lines (the hard case for placing) are common. */
const line = fc.constantFrom('', '}', '  return x;', 'if (a) {', '    b();', '\tc = 1;', 'const y = 2;', '// note', '  }', 'end');
const lines = fc.array(line, { maxLength: 30 });
const style = fc.record({ eol: fc.constantFrom('\n', '\r\n'), hasBom: fc.boolean(), hasFinalNewline: fc.boolean() });

function render(body: string[], s: { eol: string; hasBom: boolean; hasFinalNewline: boolean }): string {
  const text = body.join(s.eol) + (s.hasFinalNewline && body.length > 0 ? s.eol : '');
  return (s.hasBom ? '\uFEFF' : '') + text;
}

describe('edits: round trips', () => {
  it('splitText/joinText reproduce any string byte for byte', () => {
    fc.assert(fc.property(fc.string({ unit: fc.constantFrom('a', ' ', '\t', '\r', '\n', '\uFEFF', 'é') }), (text) => {
      assert.equal(joinText(splitText(text)), text);
    }), fcParams(500));
  });

  it('an edit computed from any (before, after) pair reproduces after exactly', () => {
    fc.assert(fc.property(lines, lines, style, (a, b, s) => {
      // Without a final newline a trailing blank line would itself end the file with one: another style.
      fc.pre(s.hasFinalNewline || (a.at(-1) !== '' && b.at(-1) !== ''));
      const before = render(a, s);
      const after = render(b, s);
      // A file without any line break does not say which ending new lines should get; LF is used then.
      fc.pre(before.includes('\n') || s.eol === '\n');
      const blocks = blocksFromChange(before, after);
      if (blocks.length === 0) return assert.equal(before, after);
      const result = applyBlocks(before, blocks);
      assert.ok(result.isOk, result.isOk ? '' : result.errors.map((e) => e.message).join('\n'));
      assert.equal(JSON.stringify(result.content), JSON.stringify(after));
    }), fcParams(400));
  });

  it('keeps CRLF, BOM and a missing final newline byte for byte around an edit', () => {
    const before = '\uFEFFfirst\r\nsecond\r\nthird';
    const result = applyBlocks(before, [{ search: 'second\n', replace: 'SECOND\nadded\n' }]);
    assert.ok(result.isOk);
    assert.equal(result.content, '\uFEFFfirst\r\nSECOND\r\nadded\r\nthird');
    const atEnd = applyBlocks(before, [{ search: 'third', replace: 'THIRD\nfourth' }]);
    assert.ok(atEnd.isOk);
    assert.equal(atEnd.content, '\uFEFFfirst\r\nsecond\r\nTHIRD\r\nfourth');
  });

  it('keeps each line ending of a mixed file where lines are replaced one for one', () => {
    const before = 'a\r\nb\nc\r\nd\n';
    const result = applyBlocks(before, [{ search: 'b\nc', replace: 'B\nC' }]);
    assert.ok(result.isOk);
    assert.equal(result.content, 'a\r\nB\nC\r\nd\n');
  });

  it('deleting the unterminated last line keeps the file without a final newline', () => {
    const result = applyBlocks('a\nb\nc', [{ search: 'b\nc', replace: 'b' }]);
    assert.ok(result.isOk);
    assert.equal(result.content, 'a\nb');
  });
});
