// Files cases of shared/SECURITY-CASES.md: huge files, very long lines, binary, non-UTF-8, UTF-16, BOM, CRLF and
// mixed endings, empty and missing files, invisible or bidirectional Unicode.
import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { readFileTool, readLimits } from '../../../src/core/tools/readFile';
import { createTestContext, makeTempDir } from '../../support/testHost';
import { callTool } from './toolHarness';

describe('read_file', () => {
  const tmp = makeTempDir();
  after(() => tmp.cleanup());
  const write = (name: string, data: string | Buffer): void => writeFileSync(path.join(tmp.dir, name), data);
  const read = async (args: object) => callTool(readFileTool, args, createTestContext({ root: tmp.dir }).ctx);

  it('shows numbered lines with a header', async () => {
    write('a.txt', 'alpha\nbeta\ngamma\n');
    const result = await read({ path: 'a.txt' });
    assert.equal(result.isError, undefined);
    assert.equal(result.output, 'a.txt (all 3 lines)\n1\talpha\n2\tbeta\n3\tgamma');
  });

  it('reads a 1-based inclusive line range, and says when the start is past the end', async () => {
    write('r.txt', Array.from({ length: 20 }, (_, i) => `line ${i + 1}`).join('\n'));
    const result = await read({ path: 'r.txt', startLine: 9, endLine: 11 });
    assert.equal(result.output, 'r.txt (lines 9-11 of 20)\n 9\tline 9\n10\tline 10\n11\tline 11');
    const past = await read({ path: 'r.txt', startLine: 21 });
    assert.equal(past.isError, true);
    assert.match(past.output, /past the end .* 20 lines/);
    assert.match((await read({ path: 'r.txt', startLine: 5, endLine: 2 })).output, /before startLine/);
  });

  it('Files: huge file by lines — caps the lines and says how to read on', async () => {
    write('many.txt', Array.from({ length: readLimits.maxLines + 500 }, (_, i) => `row ${i + 1}`).join('\n'));
    const result = await read({ path: 'many.txt' });
    const lines = result.output.split('\n');
    assert.match(lines[0], new RegExp(`lines 1-${readLimits.maxLines} of ${readLimits.maxLines + 500}`));
    assert.match(lines[lines.length - 1], new RegExp(`startLine ${readLimits.maxLines + 1}`));
    assert.ok(!result.output.includes(`row ${readLimits.maxLines + 1}\n`));
  });

  it('Files: huge file by bytes — caps the characters and says how to read on', async () => {
    write('wide.txt', Array.from({ length: 200 }, (_, i) => `${i + 1}:${'x'.repeat(1000)}`).join('\n'));
    const result = await read({ path: 'wide.txt' });
    assert.ok(result.output.length < readLimits.maxChars + 1000);
    const next = /startLine (\d+)/.exec(result.output);
    assert.ok(next && Number(next[1]) > 1 && Number(next[1]) < 200);
  });

  it('Files: a file over the size limit is refused with its size and alternatives', async () => {
    write('big.log', Buffer.alloc(readLimits.maxFileBytes + 1, 0x61));
    const result = await read({ path: 'big.log' });
    assert.equal(result.isError, true);
    assert.match(result.output, /too large to read \(10\.0 MB.*search_text/);
  });

  it('Files: very long lines are cut with a marker and a note', async () => {
    write('long.txt', `short\n${'y'.repeat(readLimits.maxLineChars + 123)}\n`);
    const result = await read({ path: 'long.txt' });
    assert.match(result.output, /1 line was longer than/);
    assert.match(result.output, /… \[line cut: 123 more characters\]/);
  });

  it('Files: binary (NUL bytes) is refused with the size', async () => {
    // An ELF header: binary, and no image (a PNG header is now read as an image, below).
    write('img.bin', Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01, 0x00, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]));
    const result = await read({ path: 'img.bin' });
    assert.equal(result.isError, true);
    assert.match(result.output, /binary file \(16 bytes\): it contains NUL bytes/);
  });

  it('Files: an image (by its bytes, whatever its name) is described to a model without vision, not refused', async () => {
    write('img.bin', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]));
    const result = await read({ path: 'img.bin' });
    assert.equal(result.isError, undefined);
    assert.equal(result.images, undefined);
    assert.match(result.output, /img\.bin is an image \(image\/png, 16 bytes\)\. \[An image \(img\.bin\) cannot be shown: the model .* does not take images/);
  });

  it('Files: binary (many control characters, no NUL) is refused', async () => {
    write('ctl.bin', Buffer.from(Array.from({ length: 400 }, (_, i) => (i % 3 === 0 ? 0x01 + (i % 7) : 0x41))));
    const result = await read({ path: 'ctl.bin' });
    assert.equal(result.isError, true);
    assert.match(result.output, /control characters/);
  });

  it('Files: UTF-8 with BOM — decoded, the BOM is not shown, the encoding is named', async () => {
    write('bom.txt', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('héllo\n')]));
    const result = await read({ path: 'bom.txt' });
    assert.equal(result.output, 'bom.txt (all 1 lines, encoding utf-8-bom)\n1\théllo');
  });

  it('Files: UTF-16 LE and BE with BOM are decoded', async () => {
    write('le.txt', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('naïve\r\nline two\r\n', 'utf16le')]));
    const le = await read({ path: 'le.txt' });
    assert.equal(le.output, 'le.txt (all 2 lines, encoding utf-16le, CRLF line endings)\n1\tnaïve\n2\tline two');
    const be = Buffer.from('grüße\n', 'utf16le').swap16();
    write('be.txt', Buffer.concat([Buffer.from([0xfe, 0xff]), be]));
    assert.equal((await read({ path: 'be.txt' })).output, 'be.txt (all 1 lines, encoding utf-16be)\n1\tgrüße');
  });

  it('Files: UTF-16 LE without a BOM is recognised by its NUL pattern instead of called binary', async () => {
    write('nobom.txt', Buffer.from('plain ascii text\nsecond\n', 'utf16le'));
    const result = await read({ path: 'nobom.txt' });
    assert.equal(result.isError, undefined);
    assert.match(result.output, /encoding utf-16le/);
    assert.match(result.output, /without a byte-order mark/);
    assert.match(result.output, /1\tplain ascii text\n2\tsecond$/);
  });

  it('Files: non-UTF-8 (latin1) falls back with a note', async () => {
    write('latin.txt', Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x0a, 0x6e, 0x61, 0xef, 0x76, 0x65, 0x0a]));
    const result = await read({ path: 'latin.txt' });
    assert.match(result.output, /encoding latin1/);
    assert.match(result.output, /not valid UTF-8/);
    assert.match(result.output, /1\tcafé\n2\tnaïve$/);
  });

  it('Files: CRLF and mixed line endings are reported and the CRs not shown', async () => {
    write('crlf.txt', 'a\r\nb\r\n');
    assert.equal((await read({ path: 'crlf.txt' })).output, 'crlf.txt (all 2 lines, CRLF line endings)\n1\ta\n2\tb');
    write('mixed.txt', 'a\r\nb\nc\r\n');
    assert.match((await read({ path: 'mixed.txt' })).output, /mixed CRLF and LF line endings/);
  });

  it('Files: empty and missing files and folders get clear messages', async () => {
    write('empty.txt', '');
    assert.equal((await read({ path: 'empty.txt' })).output, 'empty.txt is empty (0 bytes).');
    const missing = await read({ path: 'nope/missing.ts' });
    assert.equal(missing.isError, true);
    assert.match(missing.output, /File not found: nope\/missing\.ts.*list_files/);
    mkdirSync(path.join(tmp.dir, 'dir'), { recursive: true });
    assert.match((await read({ path: 'dir' })).output, /is a directory/);
  });

  it('Files: invisible and bidirectional Unicode is shown as escapes with a warning', async () => {
    write('trojan.js', 'const isAdmin = false;\n/*\u202E } \u2066if (isAdmin)\u2069 \u2066 begin admins only */\nlet a\u200B = 1;\n');
    const result = await read({ path: 'trojan.js' });
    assert.match(result.output, /Warning: invisible or bidirectional Unicode/);
    assert.match(result.output, /\\u\{202E\}×1/);
    assert.match(result.output, /\\u\{2066\}×2/);
    assert.ok(result.output.includes('let a\\u{200B} = 1;'));
    assert.ok(!/[\u202E\u2066\u2069\u200B]/.test(result.output), 'no raw invisible characters remain');
  });

  it('Unicode tag characters (invisible ASCII smuggling) are revealed too', async () => {
    write('tags.md', `hello${String.fromCodePoint(0xe0049, 0xe0047)}\n`);
    assert.match((await read({ path: 'tags.md' })).output, /hello\\u\{E0049\}\\u\{E0047\}/);
  });

  it('a path outside the workspace asks before reading, and a rejection refuses', async () => {
    const outside = makeTempDir();
    try {
      writeFileSync(path.join(outside.dir, 'secret.txt'), 'secret\n');
      const { ctx, host } = createTestContext({ root: tmp.dir });
      const approvals = host.approvals as unknown as { decisions: { isApproved: boolean }[]; requests: unknown[] };
      approvals.decisions.push({ isApproved: false });
      const result = await callTool(readFileTool, { path: path.join(outside.dir, 'secret.txt') }, ctx);
      assert.equal(result.isError, true);
      assert.match(result.output, /not approved/);
      assert.equal(approvals.requests.length, 1);
    } finally {
      outside.cleanup();
    }
  });
});

describe('read_file on special files', () => {
  it('a named pipe is refused instead of blocking forever', async function () {
    const tmp = makeTempDir();
    try {
      try {
        execFileSync('mkfifo', [path.join(tmp.dir, 'pipe')]);
      } catch {
        this.skip();
      }
      const result = await callTool(readFileTool, { path: 'pipe' }, createTestContext({ root: tmp.dir }).ctx);
      assert.equal(result.isError, true);
      assert.match(result.output, /not a regular file/);
    } finally {
      tmp.cleanup();
    }
  });
});
