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
}

/** The process's own streams. */
export function processIo(): CliIo {
  return {
    stdout: (s) => process.stdout.write(s),
    stderr: (s) => process.stderr.write(s),
    cwd: process.cwd(),
    env: process.env,
    stdin: process.stdin,
    isStdoutTty: Boolean(process.stdout.isTTY),
    isStderrTty: Boolean(process.stderr.isTTY),
  };
}
