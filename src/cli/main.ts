/** The CLI's composition root: dispatches the subcommands. */
import { processIo, type CliIo } from './cliIo';
import type { CliCommand } from './cliCommand';
import { mainHelp } from './helpText';
import { version } from '../../package.json';

/**
 * Which group each subcommand is in. A group is loaded only when one of its commands runs (the build makes each a
 * bundle of its own, see esbuild.js): parsing and running all of the agent's modules cost a warm `auto-agent map`
 * about 0.2 s of CPU before it did anything.
 */
const groups: Record<string, () => Promise<Record<string, CliCommand>>> = {
  codebase: async () => (await import('./codebaseCommands')).codebaseCommands,
  agent: async () => (await import('./agentCommands')).agentCommands,
};
const groupOf: Record<string, keyof typeof groups> = {
  run: 'agent', map: 'codebase', symbols: 'codebase', checkpoints: 'agent', models: 'agent', tasks: 'agent', memory: 'agent', mcp: 'agent',
};

async function loadCommand(name: string | undefined): Promise<CliCommand | undefined> {
  if (name === undefined || !Object.hasOwn(groupOf, name)) return undefined;
  return (await groups[groupOf[name]]())[name];
}

export async function main(argv: string[], io: CliIo): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
    const topic = command === 'help' ? await loadCommand(rest[0]) : undefined;
    io.stdout(`${topic?.help ?? mainHelp}\n`);
    return command === undefined ? 2 : 0;
  }
  if (command === '--version' || command === '-V') {
    io.stdout(`${version}\n`);
    return 0;
  }
  const found = await loadCommand(command);
  if (!found) {
    io.stderr(`Unknown command "${command}".\n\n${mainHelp}\n`);
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.stdout(`${found.help}\n`);
    return 0;
  }
  return found.run(rest, io);
}

if (require.main === module) {
  main(process.argv.slice(2), processIo()).then(
    (code) => process.exit(code),
    (err: unknown) => {
      process.stderr.write(`auto-agent: ${(err as Error).stack ?? String(err)}\n`);
      process.exit(1);
    },
  );
}
