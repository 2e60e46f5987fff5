/** What a test-output parser extracts: counts and the failing tests with their messages. */

/** One failing test: its full name and the first lines of its error. */
export interface TestFailure {
  name: string;
  message: string;
}

/** Counts are undefined when the runner's output does not say them. */
export interface TestReport {
  framework: string;
  passed?: number;
  failed?: number;
  skipped?: number;
  failures: TestFailure[];
}

/** A parser returns undefined when the output is not from its runner. */
export type TestOutputParser = (output: string) => TestReport | undefined;

const maxMessageLines = 6;
const maxMessageChars = 500;

/** Joins message lines, dedented and capped, so each failure stays short in the model's context. */
export function compactMessage(lines: readonly string[]): string {
  const kept = lines.map((l) => l.trimEnd()).filter((l, i, all) => l.trim() !== '' || (i > 0 && all[i - 1].trim() !== ''));
  while (kept.length > 0 && kept[kept.length - 1].trim() === '') kept.pop();
  // Dedent by the first line's indent; lines indented less (runners print some flush left) lose what they have.
  const first = kept.find((l) => l.trim() !== '') ?? '';
  const indent = first.length - first.trimStart().length;
  const dedented = kept.map((l) => l.slice(Math.min(indent, l.length - l.trimStart().length)));
  let text = dedented.slice(0, maxMessageLines).join('\n');
  if (dedented.length > maxMessageLines) text += '\n…';
  return text.length > maxMessageChars ? `${text.slice(0, maxMessageChars)}…` : text;
}

/** All matches of a global regex's first capture, as numbers, summed; undefined when none matched. */
export function sumMatches(text: string, pattern: RegExp): number | undefined {
  let total: number | undefined;
  for (const match of text.matchAll(pattern)) total = (total ?? 0) + Number(match[1]);
  return total;
}

/** True for a stack frame line ("    at foo (file:1:2)"). */
export function isStackLine(line: string): boolean {
  return /^\s+at\s/.test(line);
}
