/** run_tests: runs the workspace's test suite and reports counts and failing tests; a full run is the task's evidence. */
import { z } from 'zod';
import { defineTool, clipLabel as clip } from './tool';
import { detectTestCommand } from '../testing/detectTestCommand';
import { runWorkspaceTests } from '../testing/runWorkspaceTests';

const description = `Run the workspace's tests and get pass/fail counts and each failing test's name and message.
The command is detected (package.json "test" script with npm/pnpm/yarn by lockfile, cargo test, go test ./..., mvn test, gradle test, pytest, make test) unless the user configured one.
Run it after changing code and before calling finish: a green full run after your last edit is what lets the task finish.
Pass command only to run a subset (for example one test file) or when nothing is detected; such a run does not count as verification. The user may have to approve the run; it is killed on timeout like run_command.`;

export const runTestsTool = defineTool({
  name: 'run_tests',
  description,
  schema: z.object({
    command: z.string().min(1).optional().describe('A test command to run instead of the detected one, e.g. "npx mocha test/parser.test.js". Omit to run the full suite.'),
  }),
  risk: 'execute',
  label: (input) => (input.command ? `Ran ${clip(input.command)}` : 'Ran the tests'),
  async run({ command }, ctx) {
    const detected = await detectTestCommand(ctx.host.files, ctx.roots[0], ctx.settings.testCommand);
    // Only the project's own test command (or the user's setting) is evidence; a command the model picks is not,
    // or `true` would verify anything.
    const isOwnCommand = command === undefined || command.trim() === detected?.command;
    const run = await runWorkspaceTests(ctx, { command: isOwnCommand ? undefined : command, isVerification: isOwnCommand });
    if ('error' in run) return { output: run.error, isError: true };
    const why = detected ? `it is not the workspace's test command (${detected.command}); call run_tests without command before finishing` : 'no test command was detected or configured (a goal\'s own check, or the user\'s testCommand setting, can verify the task)';
    return { output: isOwnCommand ? run.output : `${run.output}\nNote: this run does not count as verification: ${why}.` };
  },
});
