// run_tests and runWorkspaceTests on real projects run as real child processes: mocha and node:test through
// `npm test`, cargo test and go test when installed, python unittest through the testCommand setting.
import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { runTestsTool } from '../../../src/core/tools/runTests';
import { runWorkspaceTests } from '../../../src/core/testing/runWorkspaceTests';
import type { AgentSettings } from '../../../src/core/settings';
import type { AgentEvent } from '../../../src/protocol/events';
import { createTestContext, makeTempDir, ScriptedApprovals } from '../../support/testHost';
import { callTool } from './toolHarness';

const mochaBin = require.resolve('mocha/bin/mocha.js');
const auto = { policy: { read: 'auto', edit: 'ask', execute: 'auto', network: 'ask' } } as Partial<AgentSettings>;

function project(files: Record<string, string>): ReturnType<typeof makeTempDir> {
  const tmp = makeTempDir();
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(tmp.dir, name)), { recursive: true });
    writeFileSync(path.join(tmp.dir, name), text);
  }
  return tmp;
}

const verifications = (events: AgentEvent[]) => events.filter((e) => e.type === 'verificationRan') as Extract<AgentEvent, { type: 'verificationRan' }>[];

function hasProgram(name: string): boolean {
  try {
    execFileSync('sh', ['-c', 'command -v "$1"', 'sh', name], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

const failingMocha = {
  'package.json': JSON.stringify({ name: 'm', private: true, scripts: { test: `node ${mochaBin} test` } }),
  'test/math.test.js': `const assert = require('node:assert');
describe('math', () => {
  it('adds', () => assert.equal(1 + 1, 2));
  it('multiplies', () => assert.strictEqual(2 * 3, 7));
  it.skip('later', () => {});
});
`,
};

describe('run_tests', () => {
  it('detects npm test, runs mocha, reports counts and failures, records a failed verification', async () => {
    const tmp = project(failingMocha);
    try {
      const approvals = new ScriptedApprovals();
      const { ctx, events } = createTestContext({ root: tmp.dir, approvals });
      const result = await callTool(runTestsTool, {}, ctx);
      assert.equal(approvals.requests.length, 1, 'tests run only with execute permission');
      assert.equal(approvals.requests[0].risk, 'execute');
      assert.match(result.output, /^\$ npm test\nResult: FAILED: mocha: 1 passed, 1 failed, 1 skipped \(exit code 1\); failing: math > multiplies/);
      assert.match(result.output, /Failing tests:\n1\. math > multiplies\n {3}AssertionError \[ERR_ASSERTION\]/);
      assert.deepEqual(verifications(events).map((v) => [v.passed, v.command]), [[false, 'npm test']]);
    } finally {
      tmp.cleanup();
    }
  });

  it('node:test through npm (TAP when piped): a green run records a passed verification', async () => {
    const tmp = project({
      'package.json': JSON.stringify({ name: 'n', private: true, scripts: { test: 'node --test' } }),
      'a.test.js': "const test = require('node:test');\nconst assert = require('node:assert');\ntest('one', () => assert.ok(true));\ntest('two', () => assert.equal(2, 2));\n",
    });
    try {
      const { ctx, events } = createTestContext({ root: tmp.dir, settings: auto });
      const result = await callTool(runTestsTool, {}, ctx);
      assert.match(result.output, /Result: PASSED: node:test: 2 passed, 0 failed \(exit code 0\)/);
      assert.deepEqual(verifications(events).map((v) => v.passed), [true]);
    } finally {
      tmp.cleanup();
    }
  });

  it('runWorkspaceTests returns the run for the verified-finish rule', async () => {
    const tmp = project(failingMocha);
    try {
      const { ctx } = createTestContext({ root: tmp.dir, settings: auto });
      const run = await runWorkspaceTests(ctx);
      assert.ok(!('error' in run));
      assert.equal(run.isPassed, false);
      assert.equal(run.command, 'npm test');
      assert.match(run.summary, /^mocha: 1 passed, 1 failed, 1 skipped/);
      assert.match(run.output, /Failing tests:/);
    } finally {
      tmp.cleanup();
    }
  });

  it('a rejected test run is not run, and nothing is recorded', async () => {
    const tmp = project(failingMocha);
    try {
      const approvals = new ScriptedApprovals([{ isApproved: false, reason: 'not now' }]);
      const { ctx, events } = createTestContext({ root: tmp.dir, approvals });
      const result = await callTool(runTestsTool, {}, ctx);
      assert.equal(result.isError, true);
      assert.match(result.output, /Tests not run\. The user rejected this: not now/);
      assert.equal(verifications(events).length, 0);
    } finally {
      tmp.cleanup();
    }
  });

  it('no test command found: a clear error; a command the model passes runs but is not evidence', async () => {
    const tmp = project({ 'README.md': '# nothing\n', 'check.sh': 'echo "all good"\n' });
    try {
      const { ctx, events } = createTestContext({ root: tmp.dir, settings: auto });
      const missing = await callTool(runTestsTool, {}, ctx);
      assert.equal(missing.isError, true);
      assert.match(missing.output, /No test command found/);
      const given = await callTool(runTestsTool, { command: 'sh check.sh' }, ctx);
      assert.match(given.output, /Result: PASSED: exit code 0; no test summary recognised/);
      assert.match(given.output, /does not count as verification: no test command was detected or configured/);
      assert.equal(verifications(events).length, 0);
    } finally {
      tmp.cleanup();
    }
  });

  it('a subset command does not count as verification', async () => {
    const tmp = project(failingMocha);
    try {
      const { ctx, events } = createTestContext({ root: tmp.dir, settings: auto });
      const result = await callTool(runTestsTool, { command: `node ${mochaBin} test --grep adds` }, ctx);
      assert.match(result.output, /Result: PASSED: mocha: 1 passed, 0 failed/);
      assert.match(result.output, /does not count as verification: it is not the workspace's test command \(npm test\)/);
      assert.equal(verifications(events).length, 0);
      await callTool(runTestsTool, { command: 'npm test' }, ctx);
      assert.deepEqual(verifications(events).map((v) => [v.passed, v.command]), [[false, 'npm test']], 'the detected command itself counts');
    } finally {
      tmp.cleanup();
    }
  });

  it('the testCommand setting overrides detection; unparsed output falls back to the exit code (python unittest)', async function () {
    if (!hasProgram('python3')) this.skip();
    const tmp = project({
      'package.json': JSON.stringify({ scripts: { test: 'exit 7' } }),
      'test_calc.py': 'import unittest\nclass T(unittest.TestCase):\n    def test_ok(self):\n        self.assertEqual(1, 1)\n    def test_bad(self):\n        self.assertEqual(1, 2)\n',
    });
    try {
      const { ctx } = createTestContext({ root: tmp.dir, settings: { ...auto, testCommand: 'python3 -m unittest' } });
      const result = await callTool(runTestsTool, {}, ctx);
      assert.match(result.output, /^\$ python3 -m unittest\nResult: FAILED: exit code 1; no test summary recognised in the output; first error: (?:ERROR|FAIL): test_bad/);
      assert.match(result.output, /FAILED \(failures=1\)/);
    } finally {
      tmp.cleanup();
    }
  });

  it('a test run that hangs is killed at the timeout and counts as failed', async () => {
    const tmp = project({
      'package.json': JSON.stringify({ scripts: { test: 'node --test' } }),
      'hang.test.js': "require('node:test')('hangs', () => new Promise(() => setInterval(() => {}, 1000)));\n",
    });
    try {
      const { ctx, events } = createTestContext({ root: tmp.dir, settings: { ...auto, commandTimeoutMs: 1500 } });
      const result = await callTool(runTestsTool, {}, ctx);
      assert.match(result.output, /Result: FAILED: .*timed out after 1\.5 s/);
      assert.deepEqual(verifications(events).map((v) => v.passed), [false]);
    } finally {
      tmp.cleanup();
    }
  });

  it('cargo test on a real crate (skipped without cargo)', async function () {
    if (!hasProgram('cargo')) this.skip();
    this.timeout(180_000);
    const tmp = project({
      'Cargo.toml': '[package]\nname = "fx"\nversion = "0.1.0"\nedition = "2021"\n\n[dependencies]\n',
      'src/lib.rs': 'pub fn add(a: i32, b: i32) -> i32 { a + b }\n#[cfg(test)]\nmod tests {\n    use super::*;\n    #[test] fn adds() { assert_eq!(add(1, 2), 3); }\n    #[test] fn fails() { assert_eq!(add(1, 1), 3, "one plus one"); }\n}\n',
    });
    try {
      const { ctx } = createTestContext({ root: tmp.dir, settings: auto });
      const result = await callTool(runTestsTool, {}, ctx);
      assert.match(result.output, /^\$ cargo test\nResult: FAILED: cargo test: 1 passed, 1 failed \(exit code 101\); failing: tests::fails/);
      assert.match(result.output, /one plus one/);
    } finally {
      tmp.cleanup();
    }
  });

  it('go test ./... on a real module (skipped without go)', async function () {
    if (!hasProgram('go')) this.skip();
    this.timeout(180_000);
    const tmp = project({
      'go.mod': 'module example.com/fx\n\ngo 1.19\n',
      'calc/calc.go': 'package calc\n\nfunc Add(a, b int) int { return a + b }\n',
      'calc/calc_test.go': 'package calc\n\nimport "testing"\n\nfunc TestAdd(t *testing.T) {\n\tif Add(1, 1) != 3 {\n\t\tt.Errorf("Add(1, 1) = %d; want 3", Add(1, 1))\n\t}\n}\n\nfunc TestFine(t *testing.T) {}\n',
    });
    try {
      const { ctx } = createTestContext({ root: tmp.dir, settings: auto });
      const result = await callTool(runTestsTool, {}, ctx);
      assert.match(result.output, /^\$ go test \.\/\.\.\.\nResult: FAILED: go test: 1 failed \(exit code 1\); failing: TestAdd/);
      assert.match(result.output, /calc_test\.go:7: Add\(1, 1\) = 2; want 3/);
    } finally {
      tmp.cleanup();
    }
  });
});
