/**
 * A refused finish quotes the failed check in full (a test run's report ends with its raw output). The panel
 * shows the part a person reads first (which check failed, the failing tests) and folds the raw output under it.
 */

/** Lines of a refusal with no output marker shown before the rest folds away. */
const summaryLines = 6;

/** Splits a refusal into its summary and the raw output to fold (absent when there is little to fold). */
export function splitRefusal(reason: string): { summary: string; output?: string } {
  const lines = reason.split('\n');
  // runWorkspaceTests' report: "$ cmd", "Result: …", the failing tests, then "--- output ---" and the raw output.
  const marker = lines.findIndex((l) => /^--- output(?: \(beginning and end\))? ---$/.test(l));
  if (marker >= 0) {
    const output = lines.slice(marker + 1).join('\n').replace(/^\n+/, '').trimEnd();
    return { summary: lines.slice(0, marker).join('\n').trim(), ...(output ? { output } : {}) };
  }
  if (lines.length <= summaryLines) return { summary: reason };
  return { summary: `${lines.slice(0, summaryLines).join('\n')}\n…`, output: reason };
}
