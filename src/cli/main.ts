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
// A require, not import(): Node would load the bundle through its ES module loader, which first scans all of a
// CommonJS file for its exports (over a second for the agent's 4.6 MB on a busy machine).
/* eslint-disable @typescript-eslint/no-require-imports -- separate bundles, loaded on use */
const groups: Record<string, () => Record<string, CliCommand>> = {
  codebase: () => (require('./codebaseCommands') as typeof import('./codebaseCommands')).codebaseCommands,
  agent: () => (require('./agentCommands') as typeof import('./agentCommands')).agentCommands,
};
/* eslint-enable @typescript-eslint/no-require-imports */
const groupOf: Record<string, keyof typeof groups> = {
  run: 'agent', map: 'codebase', symbols: 'codebase', checkpoints: 'agent', models: 'agent', tasks: 'agent', memory: 'agent', mcp: 'agent',
};

function loadCommand(name: string | undefined): CliCommand | undefined {
  if (name === undefined || !Object.hasOwn(groupOf, name)) return undefined;
  return groups[groupOf[name]]()[name];
}

export async function main(argv: string[], io: CliIo): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
    const topic = command === 'help' ? loadCommand(rest[0]) : undefined;
    io.stdout(`${topic?.help ?? mainHelp}\n`);
    return command === undefined ? 2 : 0;
  }
  if (command === '--version' || command === '-V') {
    io.stdout(`${version}\n`);
    return 0;
  }
  const found = loadCommand(command);
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
