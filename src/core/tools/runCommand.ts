/** run_command: one shell command in the workspace, after the permission gate, bounded in time and output. */
import { z } from 'zod';
import { defineTool, ToolError, type ToolContext, clipLabel as clip } from './tool';
import { describeProcessEnd, runGatedCommand } from '../testing/runGatedCommand';
import { trimMiddle } from '../text/trimMiddle';

/** Characters of command output the model sees; the rest is cut from the middle with a note. */
export const maxCommandOutputChars = 30_000;

const description = `Run one shell command (bash -c) in the workspace and get its exit code and output (stdout and stderr interleaved).
Use it to build, lint, run scripts, or inspect things no other tool covers. Prefer run_tests for the test suite, read_file/search_text/list_files to look at files, and the edit tools (not sed, echo > or mv) to change files: those show the user a diff.
Sandbox: where the machine has one, commands run in an OS sandbox: only the workspace is writable (its protected files are not), secrets in the home folder are hidden, and there is no network except the allowed hosts. When the result says the sandbox blocked something the command really needs, call it again with outsideSandbox: true or allowHosts; the user is asked.
Limits: the user may have to approve each command. stdin is closed (a prompt gets end-of-file: pass flags such as --yes instead). The command is killed with every process it started when it times out or the user presses Stop; background processes do not survive it, so do not start servers or watchers. Output is stripped of colour codes and cut in the middle when long.`;

export const runCommandTool = defineTool({
  name: 'run_command',
  description,
  schema: z.object({
    command: z.string().min(1).describe('The command line, run with bash -c. Non-interactive: add flags like --yes or CI=1 where a tool would prompt.'),
    cwd: z.string().optional().describe('Working directory relative to the workspace root; must be inside the workspace. Default: the root.'),
    timeoutSeconds: z.number().positive().optional().describe('Kill the command after this many seconds. Capped by the user\'s setting (default cap 300).'),
    outsideSandbox: z.boolean().optional().describe('Run outside the OS sandbox, with the user\'s full rights. Only after the sandbox blocked something this command needs; always asks the user.'),
    allowHosts: z.array(z.string().min(1)).max(10).optional().describe('Host names the command may reach from inside the sandbox (through its proxy), such as registry.npmjs.org. Asks the user.'),
  }),
  risk: 'execute',
  label: (input) => `Ran ${clip(input.command)}`,
  async run({ command, cwd, timeoutSeconds, outsideSandbox, allowHosts }, ctx) {
    const dir = await resolveWorkingDir(ctx, cwd);
    const outcome = await runGatedCommand(ctx, {
      command, cwd: dir, toolName: 'run_command', timeoutMs: timeoutSeconds === undefined ? undefined : timeoutSeconds * 1000,
      sandbox: { isOutsideSandbox: outsideSandbox, extraHosts: allowHosts },
    });
    if (outcome.isRefused) return { output: `Not run. ${outcome.reason}`, isError: true };
    const { result } = outcome;
    const status = [...describeProcessEnd(result, outcome.timeoutMs, ctx.settings.maxCommandOutputBytes), ...outcome.sandboxNotes];
    const trimmed = trimMiddle(outcome.output, maxCommandOutputChars);
    if (trimmed.omittedChars > 0) status.push(`Note: ${trimmed.omittedChars} characters from the middle of the output are not shown; redirect to a file and search it, or filter with grep/tail.`);
    const body = outcome.output.trim() === '' ? '(no output)' : trimmed.text.trimEnd();
    return { output: [`$ ${command}`, ...status, '--- output ---', body].join('\n'), isError: result.isTimedOut || result.isCancelled };
  },
});

/** The working directory: inside the workspace and an existing directory, or a clear error. */
export async function resolveWorkingDir(ctx: ToolContext, cwd: string | undefined): Promise<string> {
  if (cwd === undefined || cwd.trim() === '' || cwd.trim() === '.') return ctx.roots[0];
  let abs: string;
  try {
    abs = (await ctx.paths.resolve(cwd, 'write')).abs;
  } catch (err) {
    if (err instanceof ToolError && /outside/.test(err.message)) {
      throw new ToolError(`The working directory ${cwd} is outside the workspace; commands run only inside ${ctx.roots.join(', ')}.`);
    }
    throw err;
  }
  const stat = await ctx.host.files.stat(abs);
  if (!stat) throw new ToolError(`The working directory ${cwd} does not exist.`);
  if (!stat.isDirectory) throw new ToolError(`The working directory ${cwd} is a file, not a directory.`);
  return abs;
}
