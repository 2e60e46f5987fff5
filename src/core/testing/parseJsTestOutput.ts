/** Parsers for JavaScript test runners: mocha (spec reporter), jest, vitest, node:test (spec) and TAP. */
import { compactMessage, isStackLine, sumMatches, type TestFailure, type TestReport } from './testReport';

/** mocha's spec reporter: "N passing", "N failing", "N pending", then numbered failure blocks. */
export function parseMocha(output: string): TestReport | undefined {
  const passed = sumMatches(output, /^\s*(\d+) passing \(/gm);
  if (passed === undefined && !/^\s*\d+ failing$/m.test(output)) return undefined;
  const failures: TestFailure[] = [];
  const lines = output.split('\n');
  let inFailures = false;
  for (let i = 0; i < lines.length; i++) {
    if (/^\s*\d+ failing$/.test(lines[i])) inFailures = true;
    const header = inFailures ? /^ {2}(\d+)\) (.*)$/.exec(lines[i]) : null;
    if (!header) continue;
    const title = [header[2]];
    while (!title[title.length - 1].endsWith(':') && i + 1 < lines.length && lines[i + 1].trim() !== '') title.push(lines[++i].trim());
    const message: string[] = [];
    while (i + 1 < lines.length && !isStackLine(lines[i + 1]) && !/^ {2}\d+\) /.test(lines[i + 1])) message.push(lines[++i]);
    failures.push({ name: title.join(' > ').replace(/:$/, ''), message: compactMessage(message) });
  }
  return {
    framework: 'mocha', passed: passed ?? 0, failed: sumMatches(output, /^\s*(\d+) failing$/gm) ?? 0,
    skipped: sumMatches(output, /^\s*(\d+) pending$/gm) ?? 0, failures,
  };
}

/** Counts from "Tests: 1 failed, 2 passed, 3 total" (jest) or "Tests  1 failed | 2 passed (3)" (vitest). */
function countWords(summary: string): { passed: number; failed: number; skipped: number } {
  const count = (pattern: RegExp): number => sumMatches(summary, pattern) ?? 0;
  return {
    passed: count(/(\d+) passed/g),
    failed: count(/(\d+) failed/g),
    skipped: count(/(\d+) (?:skipped|todo|pending)/g),
  };
}

/** jest: "Tests: ..." summary and "● Suite › test" failure blocks. */
export function parseJest(output: string): TestReport | undefined {
  const summaries = [...output.matchAll(/^Tests:\s+(.*\d+ total.*)$/gm)];
  if (summaries.length === 0) return undefined;
  const failures: TestFailure[] = [];
  const lines = output.split('\n');
  let file = '';
  for (let i = 0; i < lines.length; i++) {
    file = /^FAIL (\S+)/.exec(lines[i])?.[1] ?? file;
    const header = /^\s*● (.+)$/.exec(lines[i]);
    if (!header || /^Console$/.test(header[1].trim())) continue;
    const message: string[] = [];
    while (i + 1 < lines.length && !isStackLine(lines[i + 1]) && !/^\s*>?\s*\d+ \|/.test(lines[i + 1]) && !/^\s*● /.test(lines[i + 1])) message.push(lines[++i]);
    const isSuiteFailure = header[1].trim() === 'Test suite failed to run';
    // A suite that cannot load explains itself at length; its actual error line is what matters.
    const errorLine = isSuiteFailure ? message.find((l) => /^\s*\w*Error: /.test(l)) : undefined;
    failures.push({
      name: isSuiteFailure && file ? `${file}: Test suite failed to run` : header[1].replace(/ › /g, ' > ').trim(),
      message: compactMessage(errorLine ? [errorLine] : message),
    });
  }
  return { framework: 'jest', ...countWords(summaries[summaries.length - 1][1]), failures };
}

/** vitest: " Tests  1 failed | 2 passed (3)" and " FAIL  file > suite > test" blocks. */
export function parseVitest(output: string): TestReport | undefined {
  const summaries = [...output.matchAll(/^\s*Tests\s{2,}(.*\(\d+\).*)$/gm)];
  if (summaries.length === 0) return undefined;
  const failures: TestFailure[] = [];
  const lines = output.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const header = /^\s*FAIL\s+(.+? > .+?|\S+ \[ .+ \])\s*$/.exec(lines[i]);
    if (!header) continue;
    const message: string[] = [];
    while (i + 1 < lines.length && lines[i + 1].trim() === '') i++;
    while (i + 1 < lines.length && !/^\s*❯ /.test(lines[i + 1]) && !/^\s*FAIL\s/.test(lines[i + 1]) && !/⎯{3}/.test(lines[i + 1]) && !isStackLine(lines[i + 1])) message.push(lines[++i]);
    const isSuiteFailure = !header[1].includes(' > ');
    const name = isSuiteFailure ? `${header[1].replace(/\s+\[.*\]$/, '')}: test file failed to load` : header[1].replace(/\s+\[.*?\]$/, '');
    failures.push({ name, message: compactMessage(isSuiteFailure ? message.slice(0, 1) : message) });
  }
  return { framework: 'vitest', ...countWords(summaries[summaries.length - 1][1]), failures };
}

/** node:test's spec reporter: "ℹ pass N" counts and the "✖ failing tests:" section. */
export function parseNodeTestSpec(output: string): TestReport | undefined {
  const passed = sumMatches(output, /^ℹ pass (\d+)$/gm);
  if (passed === undefined) return undefined;
  const failures: TestFailure[] = [];
  const section = output.lastIndexOf('✖ failing tests:');
  const lines = (section >= 0 ? output.slice(section) : '').split('\n');
  for (let i = 1; i < lines.length; i++) {
    const header = /^\s*✖ (.+?)(?: \([\d.]+m?s\))?$/.exec(lines[i]);
    if (!header) continue;
    const message: string[] = [];
    while (i + 1 < lines.length && !isStackLine(lines[i + 1]) && !/^test at /.test(lines[i + 1]) && !/^\s*✖ /.test(lines[i + 1])) message.push(lines[++i]);
    failures.push({ name: header[1], message: compactMessage(message) });
  }
  return {
    framework: 'node:test', passed, failed: sumMatches(output, /^ℹ fail (\d+)$/gm) ?? 0,
    skipped: (sumMatches(output, /^ℹ skipped (\d+)$/gm) ?? 0) + (sumMatches(output, /^ℹ todo (\d+)$/gm) ?? 0), failures,
  };
}

/** TAP (node:test's default when piped, tape, node-tap): "not ok" lines with YAML diagnostics, "# pass N" counts. */
export function parseTap(output: string): TestReport | undefined {
  if (!/^\s*(?:not )?ok \d+/m.test(output) || !(/^TAP version/m.test(output) || /^\s*1\.\.\d+/m.test(output))) return undefined;
  const failures: TestFailure[] = [];
  const lines = output.split('\n');
  let okCount = 0;
  let skipCount = 0;
  for (let i = 0; i < lines.length; i++) {
    const result = /^(\s*)(not )?ok \d+(?: -)? ?(.*?)(?:\s+# (SKIP|TODO)\b.*)?$/i.exec(lines[i]);
    if (!result) continue;
    const yaml = readYamlBlock(lines, i + 1, result[1].length);
    if (/failureType: 'subtestsFailed'|type: 'suite'/.test(yaml.join('\n'))) continue;
    if (result[4]) skipCount++;
    else if (!result[2]) okCount++;
    else failures.push({ name: result[3], message: compactMessage(yamlError(yaml)) });
  }
  return {
    framework: /^# Subtest:/m.test(output) ? 'node:test' : 'tap',
    passed: sumMatches(output, /^# pass (\d+)$/gm) ?? okCount,
    failed: sumMatches(output, /^# fail (\d+)$/gm) ?? failures.length,
    skipped: sumMatches(output, /^# skip(?:ped)? (\d+)$/gm) ?? skipCount,
    failures,
  };
}

/** The indented "---" … "..." block after a TAP result line. */
function readYamlBlock(lines: readonly string[], start: number, indent: number): string[] {
  if (!lines[start] || lines[start].trim() !== '---' || lines[start].length - lines[start].trimStart().length <= indent) return [];
  const block: string[] = [];
  for (let i = start + 1; i < lines.length && lines[i].trim() !== '...'; i++) block.push(lines[i]);
  return block;
}

/** The `error:` field of a YAML diagnostic (inline or a `|-` block), or its first lines. */
function yamlError(yaml: readonly string[]): string[] {
  const at = yaml.findIndex((l) => /^\s*(error|message):/.test(l));
  if (at < 0) return yaml.filter((l) => !/duration_ms|location:|stack:/.test(l)).slice(0, 3);
  const inline = /^\s*(?:error|message):\s*(.*)$/.exec(yaml[at])![1];
  if (!/^[|>]-?$/.test(inline)) return [inline.replace(/^'(.*)'$/, '$1')];
  const indent = yaml[at].length - yaml[at].trimStart().length;
  const block: string[] = [];
  for (let i = at + 1; i < yaml.length && (yaml[i].trim() === '' || yaml[i].length - yaml[i].trimStart().length > indent); i++) block.push(yaml[i]);
  return block;
}
