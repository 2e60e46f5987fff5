/** The streams a CLI command works with; tests pass their own. */
export interface CliIo {
  stdout(s: string): void;
  stderr(s: string): void;
  cwd: string;
  env: NodeJS.ProcessEnv;
  stdin: NodeJS.ReadableStream;
  /** Whether stdout/stderr are terminals (colour, status line). */
  isStdoutTty: boolean;
  isStderrTty: boolean;
  /** Whether stdin is a terminal (a person can answer a follow-up prompt). */
  isStdinTty?: boolean;
}

/**
 * The process's own streams. A reader that stops early (`auto-agent symbols … | head -1`) closes the pipe:
 * that is a normal end of output, not a crash, so EPIPE ends the process quietly with exit 0.
 */
export function processIo(): CliIo {
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'EPIPE') process.exit(0);
      throw err;
    });
  }
  return {
    stdout: (s) => process.stdout.write(s),
    stderr: (s) => process.stderr.write(s),
    cwd: process.cwd(),
    env: process.env,
    stdin: process.stdin,
    isStdoutTty: Boolean(process.stdout.isTTY),
    isStderrTty: Boolean(process.stderr.isTTY),
    isStdinTty: Boolean(process.stdin.isTTY),
  };
}
