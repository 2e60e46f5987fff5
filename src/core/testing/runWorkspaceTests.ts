/**
 * Runs the workspace's tests: detects the command (or takes the given one), runs it through the permission gate
 * and the shell, parses counts and failures, and records the result as the task's verification. The run_tests
 * tool and the loop's verified-finish rule both call this.
 */
import type { ProcessResult } from '../host';
import type { ToolContext } from '../tools/tool';
import { trimMiddle } from '../text/trimMiddle';
import { detectTestCommand, type TestRunnerKind } from './detectTestCommand';
import { parseTestOutput } from './parseTestOutput';
import { describeProcessEnd, formatDuration, runGatedCommand } from './runGatedCommand';
import type { TestReport } from './testReport';

/** A finished test run: pass/fail, the command, a one-line summary, and the trimmed report for the model. */
export interface WorkspaceTestRun {
  isPassed: boolean;
  command: string;
  summary: string;
  output: string;
}

/** `command` replaces detection; `isVerification: false` runs without recording (a subset of the tests). */
export interface WorkspaceTestOptions {
  command?: string;
  isVerification?: boolean;
}

/** Budgets of the report the model sees. */
export const testReportLimits = { maxFailures: 20, maxOutputChars: 8000, maxSummaryNames: 5 };

/** Detects, asks, runs, parses and records. An error means no run happened (nothing detected, refused, Stop). */
export async function runWorkspaceTests(ctx: ToolContext, options: WorkspaceTestOptions = {}): Promise<WorkspaceTestRun | { error: string }> {
  const root = ctx.roots[0];
  const detected = options.command
    ? { command: options.command, runner: 'custom' as TestRunnerKind, reason: 'the given command' }
    : await detectTestCommand(ctx.host.files, root, ctx.settings.testCommand);
  if (!detected) {
    return { error: 'No test command found: no package.json "test" script, Cargo.toml, go.mod, pom.xml, Gradle build, pytest configuration or Makefile "test" target in the workspace root. Pass the command to run_tests explicitly, or ask the user to set the testCommand setting.' };
  }
  const outcome = await runGatedCommand(ctx, {
    command: detected.command, cwd: root, toolName: 'run_tests', purpose: `Run the workspace's tests (found from ${detected.reason}).`,
  });
  if (outcome.isRefused) return { error: `Tests not run. ${outcome.reason}` };
  if (outcome.result.isCancelled) return { error: 'The test run was cancelled by the user (Stop); nothing was verified.' };
  const report = parseTestOutput(outcome.output, detected.runner);
  const isPassed = outcome.result.exitCode === 0 && !outcome.result.isTimedOut && (report?.failed ?? 0) === 0;
  const summary = summarize(report, outcome.result, outcome.timeoutMs) + (report ? '' : firstErrorLine(outcome.output));
  const status = [...describeProcessEnd(outcome.result, outcome.timeoutMs, ctx.settings.maxCommandOutputBytes), ...outcome.sandboxNotes];
  const output = formatReport({ command: detected.command, isPassed, summary, status, report, rawOutput: outcome.output });
  if (options.isVerification !== false) ctx.task.recordVerification({ isPassed, command: detected.command, summary });
  return { isPassed, command: detected.command, summary, output };
}

/** One line: framework and counts, the first failing names, or why nothing could be parsed. */
function summarize(report: TestReport | undefined, result: ProcessResult, timeoutMs: number): string {
  const end = result.isTimedOut ? `timed out after ${formatDuration(timeoutMs)}` : `exit code ${result.exitCode ?? result.signal}`;
  if (!report) return `${end}; no test summary recognised in the output`;
  const counts = [
    report.passed !== undefined ? `${report.passed} passed` : undefined,
    `${report.failed ?? report.failures.length} failed`,
    report.skipped ? `${report.skipped} skipped` : undefined,
  ].filter(Boolean).join(', ');
  const names = report.failures.slice(0, testReportLimits.maxSummaryNames).map((f) => f.name);
  const more = report.failures.length > names.length ? ` and ${report.failures.length - names.length} more` : '';
  const failing = names.length > 0 ? `; failing: ${names.join('; ')}${more}` : '';
  const zero = report.passed === 0 && (report.failed ?? 0) === 0 ? ' (no tests ran)' : '';
  return `${report.framework}: ${counts}${zero} (${end})${failing}`;
}

/** When no runner was recognised, the first line that looks like an error says most about why it failed. */
function firstErrorLine(output: string): string {
  const line = output.split('\n').find((l) => /\b(?:\w*Error|error(?:\[\w+\])?|fatal|FAIL(?:ED)?)\b:?/.test(l) && !/^npm (?:warn|notice)/.test(l));
  return line ? `; first error: ${line.trim().slice(0, 200)}` : '';
}

interface ReportInput {
  command: string;
  isPassed: boolean;
  summary: string;
  status: string[];
  report: TestReport | undefined;
  rawOutput: string;
}

function formatReport(input: ReportInput): string {
  const lines = [`$ ${input.command}`, `Result: ${input.isPassed ? 'PASSED' : 'FAILED'}: ${input.summary}`, ...input.status];
  const failures = input.report?.failures ?? [];
  if (failures.length > 0) {
    lines.push('', 'Failing tests:');
    failures.slice(0, testReportLimits.maxFailures).forEach((f, i) => {
      lines.push(`${i + 1}. ${f.name}`);
      if (f.message) lines.push(...f.message.split('\n').map((l) => `   ${l}`));
    });
    if (failures.length > testReportLimits.maxFailures) lines.push(`… and ${failures.length - testReportLimits.maxFailures} more failing tests.`);
  }
  const trimmed = trimMiddle(input.rawOutput.trim(), testReportLimits.maxOutputChars, 0.25);
  lines.push('', trimmed.omittedChars > 0 ? '--- output (beginning and end) ---' : '--- output ---', trimmed.text || '(no output)');
  return lines.join('\n');
}
