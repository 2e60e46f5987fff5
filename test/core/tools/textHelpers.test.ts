// The shared text helpers behind read_file, run_command and run_tests (src/core/text).
import { strict as assert } from 'node:assert';
import { AnsiStreamStripper, cleanTerminalOutput, stripAnsi } from '../../../src/core/text/stripAnsi';
import { trimMiddle } from '../../../src/core/text/trimMiddle';
import { decodeText } from '../../../src/core/text/decodeText';
import { revealInvisible, invisibleWarning } from '../../../src/core/text/revealInvisible';

describe('text helpers', () => {
  it('stripAnsi removes colours, cursor moves, OSC titles and hyperlinks, and stray escapes', () => {
    const text = '\x1b[1;32mok\x1b[0m \x1b[2K\x1b[1Gline \x1b]0;title\x07\x1b]8;;https://x.test\x1b\\link\x1b]8;;\x1b\\ \x1b(Bend\x1b';
    assert.equal(stripAnsi(text), 'ok line link end');
    assert.equal(stripAnsi('\x9b31mC1 CSI\x9b0m'), 'C1 CSI');
  });

  it('AnsiStreamStripper holds back a sequence split across chunks', () => {
    const stripper = new AnsiStreamStripper();
    const out = [stripper.push('red: \x1b[3'), stripper.push('1mRED\x1b'), stripper.push('[0m done'), stripper.flush()].join('');
    assert.equal(out, 'red: RED done');
  });

  it('cleanTerminalOutput resolves CRLF and carriage-return progress rewrites', () => {
    assert.equal(cleanTerminalOutput('a\r\nprogress 10%\rprogress 100%\nb'), 'a\nprogress 100%\nb');
    assert.equal(cleanTerminalOutput('abcdef\rXY'), 'XYcdef');
  });

  it('trimMiddle keeps head and tail at line boundaries and counts what it left out', () => {
    const text = Array.from({ length: 1000 }, (_, i) => `line ${i}`).join('\n');
    const trimmed = trimMiddle(text, 500, 0.3);
    assert.ok(trimmed.text.startsWith('line 0\nline 1\n'));
    assert.ok(trimmed.text.endsWith('line 999'));
    assert.match(trimmed.text, /\n… \[\d+ characters omitted\] …\nline \d+\n/);
    assert.equal(trimmed.omittedChars, text.length - trimmed.text.replace(/… \[\d+ characters omitted\] …\n/, '').length);
    assert.deepEqual(trimMiddle('short', 100), { text: 'short', omittedChars: 0 });
  });

  it('decodeText: UTF-8 that is cut in the middle of a character is not valid UTF-8', () => {
    const bytes = Buffer.from('é', 'utf8').subarray(0, 1);
    const decoded = decodeText(Buffer.concat([Buffer.from('abc'), bytes]));
    assert.equal(decoded.kind === 'text' && decoded.encoding, 'latin1');
  });

  it('decodeText: ANSI-coloured text is still text (ESC is not counted as binary)', () => {
    const decoded = decodeText(Buffer.from('\x1b[31merror\x1b[0m\n'.repeat(50)));
    assert.equal(decoded.kind, 'text');
  });

  it('revealInvisible leaves ordinary text, emoji and accents alone', () => {
    const text = 'naïve café — 日本語 👍🏽 e\u0301';
    const revealed = revealInvisible(text);
    assert.equal(revealed.text, text);
    assert.equal(invisibleWarning(revealed.found), undefined);
  });
});
