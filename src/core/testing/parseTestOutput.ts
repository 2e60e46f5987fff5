/** Picks the parser that recognises a test run's output; the detected runner's parsers are tried first. */
import type { TestRunnerKind } from './detectTestCommand';
import { parseJest, parseMocha, parseNodeTestSpec, parseTap, parseVitest } from './parseJsTestOutput';
import { parseCargoTest, parseGoTest, parseGradle, parseMavenSurefire, parsePytest } from './parseToolchainTestOutput';
import type { TestOutputParser, TestReport } from './testReport';

const jsParsers: TestOutputParser[] = [parseVitest, parseJest, parseMocha, parseNodeTestSpec, parseTap];

const preferred: Partial<Record<TestRunnerKind, TestOutputParser[]>> = {
  cargo: [parseCargoTest],
  go: [parseGoTest],
  maven: [parseMavenSurefire],
  gradle: [parseGradle],
  pytest: [parsePytest],
};

const allParsers: TestOutputParser[] = [...jsParsers, parsePytest, parseCargoTest, parseMavenSurefire, parseGradle, parseGoTest];

/** The report of the first parser that recognises `output` (already stripped of ANSI escapes), or undefined. */
export function parseTestOutput(output: string, runner?: TestRunnerKind): TestReport | undefined {
  const order = [...(runner ? preferred[runner] ?? [] : []), ...allParsers];
  for (const parse of order) {
    const report = parse(output);
    if (report) return report;
  }
  return undefined;
}
