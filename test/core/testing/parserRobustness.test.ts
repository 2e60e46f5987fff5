// Test output is untrusted text: parsers and the terminal cleaner must not throw or leave escapes on any input.
import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { parseTestOutput } from '../../../src/core/testing/parseTestOutput';
import { cleanTerminalOutput, AnsiStreamStripper } from '../../../src/core/text/stripAnsi';

const pieces = [
  '  3 passing (5ms)\n', '  1 failing\n', '  1) suite\n', '       name:\n', '     Error: x\n', '      at f (a.js:1:1)\n',
  'Tests:       1 failed, 1 total\n', '  ● a › b\n', ' FAIL  a.test.ts > b\n', '      Tests  1 failed (1)\n', 'ℹ pass 1\n',
  '✖ failing tests:\n', 'not ok 1 - x\n', '  ---\n', "  error: 'e'\n", '  ...\n', '1..1\n', 'TAP version 13\n',
  'FAILED t.py::x - y\n', '== 1 failed in 0.1s ==\n', '--- FAIL: TestX (0.00s)\n', 'ok  \tpkg\t0.1s\n',
  'test result: FAILED. 0 passed; 1 failed; 0 ignored\n', '---- t stdout ----\n', '[ERROR] Failures: \n', '[ERROR]   A.b:1 c\n',
  'Tests run: 1, Failures: 1, Errors: 0, Skipped: 0\n', 'A > b() FAILED\n', '1 tests completed, 1 failed\n', '\x1b[31m', '\r', '\n',
];

describe('parser robustness', () => {
  it('parseTestOutput never throws on mixtures of runner lines and noise', () => {
    fc.assert(fc.property(fc.array(fc.oneof(fc.constantFrom(...pieces), fc.string()), { maxLength: 60 }), (parts) => {
      const report = parseTestOutput(cleanTerminalOutput(parts.join('')));
      if (report) assert.ok(Array.isArray(report.failures));
    }), { numRuns: 2000, seed: 20261123 });
  });

  it('cleaned output and streamed output contain no ESC or C1 control introducers', () => {
    const escapey = fc.array(fc.oneof(fc.constantFrom('\x1b', '[', ']', '0;', '31m', '\x07', '\\', '\x9b', 'P', 'text', '\n', '\r'), fc.string()), { maxLength: 40 });
    fc.assert(fc.property(escapey, fc.integer({ min: 1, max: 7 }), (parts, chunkSize) => {
      const text = parts.join('');
      assert.ok(!/[\x1b\x9b\x9d]/.test(cleanTerminalOutput(text)));
      const stripper = new AnsiStreamStripper();
      let streamed = '';
      for (let i = 0; i < text.length; i += chunkSize) streamed += stripper.push(text.slice(i, i + chunkSize));
      streamed += stripper.flush();
      assert.ok(!/[\x1b\x9b\x9d]/.test(streamed), JSON.stringify(streamed));
    }), { numRuns: 3000, seed: 20261124 });
  });
});
