/** The CLI's composition root: dispatches the subcommands. */
import { processIo, type CliIo } from './cliIo';
import { runAgentCommand } from './agentCommand';
import { mainHelp, runHelp } from './helpText';
import { createTextSearch } from '../node/textSearch';
import { mapHelp, runMapCommand } from './commands/map';
import { runSymbolsCommand, symbolsHelp } from './commands/symbols';
import { runCheckpointsCommand } from './commands/checkpoints';
import { memoryHelp, runMemoryCommand } from './commands/memory';
import { version } from '../../package.json';

export async function main(argv: string[], io: CliIo): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
    io.stdout(`${mainHelp}\n`);
    return command === undefined ? 2 : 0;
  }
  if (command === '--version' || command === '-V') {
    io.stdout(`${version}\n`);
    return 0;
  }
  if (command !== 'checkpoints' && (rest.includes('--help') || rest.includes('-h'))) return printCommandHelp(command, io);
  switch (command) {
    case 'run': return runAgentCommand(rest, io, await createTextSearch({ env: io.env }));
    case 'map': return runMapCommand(rest, io);
    case 'symbols': return runSymbolsCommand(rest, io);
    case 'checkpoints': return runCheckpointsCommand(rest, io);
    case 'memory': return runMemoryCommand(rest, io);
    default:
      io.stderr(`Unknown command "${command}".\n\n${mainHelp}\n`);
      return 2;
  }
}

function printCommandHelp(command: string, io: CliIo): number {
  const help: Record<string, string> = { run: runHelp, map: mapHelp, symbols: symbolsHelp, memory: memoryHelp };
  io.stdout(`${help[command] ?? mainHelp}\n`);
  return 0;
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
