/** Parsers for non-JavaScript runners: pytest, go test, cargo test, Maven Surefire and Gradle. */
import { compactMessage, sumMatches, type TestFailure, type TestReport } from './testReport';

/** pytest: "== 1 failed, 2 passed in 0.1s ==" and the "FAILED file::test - message" summary lines. */
export function parsePytest(output: string): TestReport | undefined {
  const summaries = [...output.matchAll(/^=*\s*((?:\d+ (?:passed|failed|skipped|errors?|xfailed|xpassed|deselected|warnings?)(?:, )?)+) in [\d.]+ ?s(?:econds)?\b.*$/gm)];
  if (summaries.length === 0 && !/^=+ no tests ran in/m.test(output)) return undefined;
  const summary = summaries.length > 0 ? summaries[summaries.length - 1][1] : '';
  const count = (pattern: RegExp): number => sumMatches(summary, pattern) ?? 0;
  const failures: TestFailure[] = [];
  for (const match of output.matchAll(/^(FAILED|ERROR) (\S+)(?: - (.*))?$/gm)) {
    failures.push({ name: match[2], message: match[3] ?? (match[1] === 'ERROR' ? 'error during collection or setup' : '') });
  }
  fillPytestMessages(output, failures);
  return {
    framework: 'pytest', passed: count(/(\d+) passed/g), failed: count(/(\d+) failed/g) + count(/(\d+) errors?\b/g),
    skipped: count(/(\d+) (?:skipped|xfailed|deselected)/g), failures,
  };
}

/** Fills empty messages from the "E   ..." lines of each "____ test_name ____" section. */
function fillPytestMessages(output: string, failures: TestFailure[]): void {
  const parts = output.split(/^_{3,} (.+?) _{3,}$/m);
  for (let i = 1; i + 1 < parts.length; i += 2) {
    const testPath = `::${parts[i].replace(/\./g, '::')}`;
    const failure = failures.find((f) => f.message === '' && f.name.endsWith(testPath));
    const errors = parts[i + 1].split('\n').filter((l) => l.startsWith('E ')).map((l) => l.slice(1));
    if (failure && errors.length > 0) failure.message = compactMessage(errors);
  }
}

/** go test: "--- FAIL: TestX (0.00s)" with indented log lines, "ok pkg" and "FAIL pkg" package lines. */
export function parseGoTest(output: string): TestReport | undefined {
  const packageOk = (output.match(/^ok\s+\S+\s+(?:[\d.]+s|\(cached\))/gm) ?? []).length;
  const packageFail = (output.match(/^FAIL\s+\S+\s+(?:[\d.]+s|\[)/gm) ?? []).length;
  if (packageOk + packageFail === 0 && !/^--- (?:FAIL|PASS)/m.test(output)) return undefined;
  const failures: TestFailure[] = [];
  const lines = output.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const header = /^\s*--- FAIL: (\S+) \(/.exec(lines[i]);
    if (!header) continue;
    const message: string[] = [];
    while (i + 1 < lines.length && /^\s{4,}\S/.test(lines[i + 1]) && !/^\s*--- (?:FAIL|PASS|SKIP)/.test(lines[i + 1])) message.push(lines[++i]);
    failures.push({ name: header[1], message: compactMessage(message.length > 0 ? message : verboseLog(lines, i, header[1])) });
  }
  const passedTests = (output.match(/^\s*--- PASS: \S+/gm) ?? []).length;
  const topLevelFailed = failures.filter((f) => !f.name.includes('/')).length;
  const buildFailed = (output.match(/^FAIL\s+\S+\s+\[(?:build|setup) failed\]/gm) ?? []).length;
  return {
    framework: 'go test',
    passed: passedTests > 0 ? passedTests : undefined,
    failed: topLevelFailed + buildFailed,
    skipped: (output.match(/^\s*--- SKIP: \S+/gm) ?? []).length,
    failures,
  };
}

/** With -v, a test's log lines come between its "=== RUN" line and its "--- FAIL" line. */
function verboseLog(lines: readonly string[], failAt: number, name: string): string[] {
  const start = lines.lastIndexOf(`=== RUN   ${name}`, failAt);
  if (start < 0) return [];
  return lines.slice(start + 1, failAt).filter((l) => /^\s{4,}\S/.test(l) && !/^\s*--- /.test(l));
}

/** cargo test: one "test result:" line per test binary (summed), "---- name stdout ----" panic blocks. */
export function parseCargoTest(output: string): TestReport | undefined {
  const results = [...output.matchAll(/^test result: \w+\. (\d+) passed; (\d+) failed; (\d+) ignored/gm)];
  if (results.length === 0) return undefined;
  const failures: TestFailure[] = [];
  const lines = output.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const header = /^---- (\S+) stdout ----$/.exec(lines[i]);
    if (!header) continue;
    const message: string[] = [];
    while (i + 1 < lines.length && !/^(---- |stack backtrace:|note: |failures:$)/.test(lines[i + 1])) message.push(lines[++i]);
    failures.push({ name: header[1], message: compactMessage(message.filter((l) => !/^thread '.*' (?:\(\d+\) )?panicked at/.test(l) || message.length === 1)) });
  }
  const sum = (index: number): number => results.reduce((total, match) => total + Number(match[index]), 0);
  return { framework: 'cargo test', passed: sum(1), failed: sum(2), skipped: sum(3), failures };
}

/** Maven Surefire: "Tests run: N, Failures: F, Errors: E, Skipped: S" and the "[ERROR] Failures:" list. */
export function parseMavenSurefire(output: string): TestReport | undefined {
  const all = [...output.matchAll(/Tests run: (\d+), Failures: (\d+), Errors: (\d+), Skipped: (\d+)(.*)$/gm)];
  if (all.length === 0) return undefined;
  const totals = all.filter((m) => !/Time elapsed/.test(m[5]));
  const rows = totals.length > 0 ? totals : all;
  const sum = (index: number): number => rows.reduce((total, match) => total + Number(match[index]), 0);
  const failures: TestFailure[] = [];
  const lines = output.split('\n');
  for (let i = 0; i < lines.length; i++) {
    if (!/^\[ERROR\] (?:Failures|Errors):\s*$/.test(lines[i])) continue;
    while (i + 1 < lines.length && /^\[ERROR\] {2,}\S/.test(lines[i + 1])) {
      const entry = /^\[ERROR\]\s+(\S+?)(?::\d+)?(?:\s+(.*))?$/.exec(lines[++i]);
      if (entry && !/^Run \d+:/.test(entry[1])) failures.push({ name: entry[1], message: compactMessage([entry[2] ?? '']) });
    }
  }
  const run = sum(1);
  const failed = sum(2) + sum(3);
  const skipped = sum(4);
  return { framework: 'maven surefire', passed: run - failed - skipped, failed, skipped, failures };
}

/** Gradle: "Class > method() FAILED" with indented exception lines, and "N tests completed, F failed". */
export function parseGradle(output: string): TestReport | undefined {
  const completed = /^(\d+) tests? completed(?:, (\d+) failed)?(?:, (\d+) skipped)?/m.exec(output);
  const hasFailureLines = /^\S.* > .+ FAILED$/m.test(output);
  if (!completed && !(hasFailureLines && /\bgradle|BUILD (?:FAILED|SUCCESSFUL)/i.test(output))) return undefined;
  const failures: TestFailure[] = [];
  const lines = output.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const header = /^(\S.* > .+) FAILED$/.exec(lines[i]);
    if (!header) continue;
    const message: string[] = [];
    while (i + 1 < lines.length && /^\s{4}\S/.test(lines[i + 1])) message.push(lines[++i]);
    failures.push({ name: header[1], message: compactMessage(message) });
  }
  const total = completed ? Number(completed[1]) : undefined;
  const failed = completed ? Number(completed[2] ?? 0) : failures.length;
  const skipped = completed ? Number(completed[3] ?? 0) : undefined;
  return { framework: 'gradle', passed: total === undefined ? undefined : total - failed - (skipped ?? 0), failed, skipped, failures };
}
