import type { CliIo } from './cliIo';

/** One subcommand: how it runs and its --help text. */
export interface CliCommand {
  run(args: string[], io: CliIo): Promise<number>;
  help: string;
}
