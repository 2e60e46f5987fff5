/**
 * The in-host suite entry: `run()` is what @vscode/test-electron calls (extensionTestsPath) and what the
 * code-server test-runner extension calls. It runs every bundled `*.test.js` beside it in the extension host;
 * a workspace in Restricted Mode runs the `restricted*` files, a trusted one the others.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';
import * as vscode from 'vscode';

export interface SuiteReport {
  passed: number;
  failed: number;
  pending: number;
  failures: { title: string; error: string }[];
  titles: string[];
}

export function run(): Promise<SuiteReport> {
  // AUTO_AGENT_VSCODE_GREP (set for the outer runner, inherited by code-server) runs only the matching tests.
  const grep = process.env.AUTO_AGENT_VSCODE_GREP;
  const mocha = new Mocha({ ui: 'bdd', timeout: 60_000, color: false, reporter: 'spec', ...(grep ? { grep } : {}) });
  const isTrusted = vscode.workspace.isTrusted;
  for (const file of fs.readdirSync(__dirname).filter((f) => f.endsWith('.test.js')).sort()) {
    if (file.startsWith('restricted') === !isTrusted) mocha.addFile(path.join(__dirname, file));
  }
  const report: SuiteReport = { passed: 0, failed: 0, pending: 0, failures: [], titles: [] };
  // Progress for the outer runner (code-server), so a hang shows where it hangs.
  const progressFile = process.env.AUTO_AGENT_TEST_RESULT ? `${process.env.AUTO_AGENT_TEST_RESULT}.log` : undefined;
  const progress = (line: string): void => {
    if (progressFile) fs.appendFileSync(progressFile, `${new Date().toISOString()} ${line}\n`);
  };
  return new Promise((resolve, reject) => {
    const runner = mocha.run((failures) => {
      if (failures > 0) reject(Object.assign(new Error(`${failures} in-host test(s) failed`), { report }));
      else resolve(report);
    });
    runner.on('test', (test) => progress(`start ${test.fullTitle()}`));
    runner.on('pass', (test) => { report.passed++; report.titles.push(`✓ ${test.fullTitle()}`); progress('pass'); });
    runner.on('pending', (test) => { report.pending++; report.titles.push(`- ${test.fullTitle()}`); });
    runner.on('fail', (test, err: Error) => {
      report.failed++;
      report.titles.push(`✗ ${test.fullTitle()}`);
      report.failures.push({ title: test.fullTitle(), error: err.stack ?? err.message });
      progress(`FAIL ${test.fullTitle()}: ${err.message}`);
    });
  });
}
