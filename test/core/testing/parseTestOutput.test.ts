// Each parser on real output. mocha, node:test (TAP and spec), jest, vitest, cargo test and Maven Surefire were
// captured from real runs of small projects (fixtures/), and go test (go 1.19) too; pytest and Gradle are not
// installed on the machine that wrote these, so their fixtures are written in those runners' documented formats.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { parseTestOutput } from '../../../src/core/testing/parseTestOutput';
import { cleanTerminalOutput } from '../../../src/core/text/stripAnsi';
import type { TestReport } from '../../../src/core/testing/testReport';

const fixture = (name: string): string => cleanTerminalOutput(readFileSync(path.join(__dirname, 'fixtures', name), 'utf8'));

function counts(report: TestReport | undefined): [string | undefined, number | undefined, number | undefined, number | undefined] {
  return [report?.framework, report?.passed, report?.failed, report?.skipped];
}

describe('test output parsers', () => {
  it('mocha (spec reporter): counts, nested failure names and messages', () => {
    const report = parseTestOutput(fixture('mocha.txt'));
    assert.deepEqual(counts(report), ['mocha', 2, 2, 1]);
    assert.deepEqual(report!.failures.map((f) => f.name), ['math > multiplies', 'math > nested > divides']);
    assert.match(report!.failures[0].message, /^AssertionError \[ERR_ASSERTION\]: Expected values to be strictly equal:/);
    assert.match(report!.failures[1].message, /^Error: boom: division failed$/);
  });

  it('node:test (TAP, the default when piped): counts without suites, failing tests with their error', () => {
    const report = parseTestOutput(fixture('node-test-tap.txt'));
    assert.deepEqual(counts(report), ['node:test', 2, 2, 1]);
    assert.deepEqual(report!.failures.map((f) => f.name), ['multiplies', 'inner fails']);
    assert.match(report!.failures[0].message, /Expected values to be strictly equal:[\s\S]*6 !== 7/);
    assert.equal(report!.failures[1].message, 'inner boom');
  });

  it('node:test (spec reporter): counts and the failing tests section', () => {
    const report = parseTestOutput(fixture('node-test-spec.txt'));
    assert.deepEqual(counts(report), ['node:test', 2, 2, 1]);
    assert.deepEqual(report!.failures.map((f) => f.name), ['multiplies', 'inner fails']);
    assert.match(report!.failures[0].message, /^AssertionError \[ERR_ASSERTION\]/);
    assert.equal(report!.failures[1].message, 'Error: inner boom');
  });

  it('jest: the Tests: line and the ● blocks', () => {
    const report = parseTestOutput(fixture('jest.txt'));
    assert.deepEqual(counts(report), ['jest', 1, 2, 1]);
    assert.deepEqual(report!.failures.map((f) => f.name), ['math > multiplies', 'math > nested > divides']);
    assert.match(report!.failures[0].message, /expect\(received\)\.toBe\(expected\)[\s\S]*Expected: 7\nReceived: 6/);
    assert.equal(report!.failures[1].message, 'boom: division failed');
  });

  it('jest: a test file that fails to load is named with its file and its error line', () => {
    const report = parseTestOutput(fixture('jest-suite-failed.txt'));
    assert.deepEqual(counts(report), ['jest', 1, 2, 1]);
    assert.deepEqual(report!.failures[2], { name: './broken.test.js: Test suite failed to run', message: 'SyntaxError: /tmp/fx/jest/broken.test.js: Unexpected token (2:0)' });
  });

  it('vitest: the Tests line and the FAIL blocks', () => {
    const report = parseTestOutput(fixture('vitest.txt'));
    assert.deepEqual(counts(report), ['vitest', 1, 2, 1]);
    assert.deepEqual(report!.failures.map((f) => f.name), ['math.test.js > math > multiplies', 'math.test.js > math > nested > divides']);
    assert.match(report!.failures[0].message, /^AssertionError: expected 6 to be 7/);
    assert.equal(report!.failures[1].message, 'Error: boom: division failed');
  });

  it('vitest: a test file that fails to load is listed with its error', () => {
    const report = parseTestOutput(fixture('vitest-suite-failed.txt'));
    assert.deepEqual(counts(report), ['vitest', 1, 2, 1]);
    assert.equal(report!.failures[0].name, 'broken.test.js: test file failed to load');
    assert.match(report!.failures[0].message, /^Error: Failed to parse source for import analysis/);
    assert.equal(report!.failures.length, 3);
  });

  it('cargo test: summed result lines, panic messages without the thread line', () => {
    const report = parseTestOutput(fixture('cargo.txt'), 'cargo');
    assert.deepEqual(counts(report), ['cargo test', 1, 2, 1]);
    assert.deepEqual(report!.failures.map((f) => f.name), ['tests::it_fails', 'tests::it_panics']);
    assert.match(report!.failures[0].message, /^assertion `left == right` failed: one plus one\n {2}left: 2\n right: 3$/);
    assert.equal(report!.failures[1].message, 'explicit panic here');
  });

  it('cargo test: several test binaries are summed', () => {
    const text = 'test result: ok. 3 passed; 0 failed; 0 ignored; 0 measured; 0 filtered out\n\n   Doc-tests x\n\ntest result: ok. 2 passed; 0 failed; 1 ignored; 0 measured; 0 filtered out\n';
    assert.deepEqual(counts(parseTestOutput(text)), ['cargo test', 5, 0, 1]);
  });

  it('Maven Surefire: the Results totals (failures plus errors) and the listed failures', () => {
    const report = parseTestOutput(fixture('maven-surefire.txt'), 'maven');
    assert.deepEqual(counts(report), ['maven surefire', 1, 2, 1]);
    assert.deepEqual(report!.failures, [
      { name: 'AppTest.multiplies', message: 'expected: <7> but was: <6>' },
      { name: 'AppTest.divides', message: 'IllegalState boom: division failed' },
    ]);
  });

  it('pytest (documented format): summary line, FAILED lines, E lines for messages', () => {
    const report = parseTestOutput(fixture('pytest.txt'));
    assert.deepEqual(counts(report), ['pytest', 2, 2, 1]);
    assert.deepEqual(report!.failures, [
      { name: 'tests/test_math.py::test_multiply', message: 'assert 6 == 7' },
      { name: 'tests/test_math.py::TestDivide::test_by_zero', message: 'ZeroDivisionError: division by zero' },
    ]);
  });

  it('pytest -q summary and errors count as failures', () => {
    const report = parseTestOutput('..E\nERROR tests/test_db.py::test_conn - ConnectionError\n2 passed, 1 error in 0.03s\n');
    assert.deepEqual(counts(report), ['pytest', 2, 1, 0]);
    assert.equal(report!.failures[0].name, 'tests/test_db.py::test_conn');
    assert.deepEqual(counts(parseTestOutput('===== 3 passed in 0.12 seconds =====\n')), ['pytest', 3, 0, 0], 'older pytest wording');
  });

  it('go test: failing tests and subtests with their log lines', () => {
    const report = parseTestOutput(fixture('go-test.txt'), 'go');
    assert.deepEqual(counts(report), ['go test', undefined, 2, 0]);
    assert.deepEqual(report!.failures.map((f) => f.name), ['TestMultiply', 'TestTable', 'TestTable/negative']);
    assert.equal(report!.failures[0].message, 'math_test.go:7: Multiply(2, 3) = 6; want 7');
    assert.equal(report!.failures[2].message, 'math_test.go:17: got -1, want 1');
  });

  it('go test -v: log lines before the FAIL line, passes and skips counted', () => {
    const report = parseTestOutput(fixture('go-test-verbose.txt'), 'go');
    assert.deepEqual(counts(report), ['go test', 3, 2, 1]);
    assert.equal(report!.failures[0].message, 'math_test.go:7: Multiply(2, 3) = 6; want 7');
    assert.equal(report!.failures.find((f) => f.name === 'TestTable/negative')!.message, 'math_test.go:17: got -1, want 1');
  });

  it('go test -v: passing tests are counted; a build failure counts as a failure', () => {
    const verbose = '=== RUN   TestA\n--- PASS: TestA (0.00s)\n=== RUN   TestB\n--- PASS: TestB (0.00s)\nPASS\nok  \texample.com/x\t0.002s\n';
    assert.deepEqual(counts(parseTestOutput(verbose, 'go')), ['go test', 2, 0, 0]);
    const build = '# example.com/x\n./x.go:3:1: syntax error: non-declaration statement outside function body\nFAIL\texample.com/x [build failed]\nFAIL\n';
    assert.deepEqual(counts(parseTestOutput(build, 'go')), ['go test', undefined, 1, 0]);
  });

  it('Gradle (documented format): failed tests with their exception line and the completed counts', () => {
    const report = parseTestOutput(fixture('gradle.txt'), 'gradle');
    assert.deepEqual(counts(report), ['gradle', 1, 2, 1]);
    assert.deepEqual(report!.failures, [
      { name: 'AppTest > multiplies()', message: 'org.opentest4j.AssertionFailedError at AppTest.java:7' },
      { name: 'AppTest > divides()', message: 'java.lang.IllegalStateException at AppTest.java:8' },
    ]);
  });

  it('generic TAP (tape-style) is parsed', () => {
    const tap = 'TAP version 13\n# adds\nok 1 should be equal\nnot ok 2 should be strictly equal\n  ---\n    operator: equal\n    expected: 3\n    actual:   2\n  ...\nok 3 skipped # SKIP\n\n1..3\n# tests 3\n# pass  1\n# fail  1\n';
    const report = parseTestOutput(tap);
    assert.equal(report?.framework, 'tap');
    assert.equal(report?.failures[0].name, 'should be strictly equal');
    assert.equal(report?.skipped, 1);
  });

  it('output of no known runner gives undefined (the caller falls back to the exit code)', () => {
    assert.equal(parseTestOutput('Compiling...\nerror: something broke\nmake: *** [test] Error 1\n'), undefined);
  });

  it('failure messages are kept short', () => {
    const long = `  1 passing (1ms)\n  1 failing\n\n  1) big:\n     Error: ${'x'.repeat(2000)}\n${'     more line\n'.repeat(20)}      at Context.<anonymous> (a.js:1:1)\n`;
    const report = parseTestOutput(long);
    assert.ok(report!.failures[0].message.length <= 501);
  });
});
