/** The CLI's composition root: dispatches the subcommands. */
import { processIo, type CliIo } from './cliIo';
import { runAgentCommand } from './agentCommand';
import { mainHelp, runHelp } from './helpText';
import { createTextSearch } from '../node/textSearch';
import { mapHelp, runMapCommand } from './commands/map';
import { runSymbolsCommand, symbolsHelp } from './commands/symbols';
import { checkpointsHelp, runCheckpointsCommand } from './commands/checkpoints';
import { modelsHelp, runModelsCommand } from './commands/models';
import { runTasksCommand, tasksHelp } from './commands/tasks';
import { memoryHelp, runMemoryCommand } from './commands/memory';
import { mcpHelp, runMcpCommand } from './commands/mcp';
import { version } from '../../package.json';

/** Each subcommand: how it runs and its --help text. */
const commands: Record<string, { run(args: string[], io: CliIo): Promise<number>; help: string }> = {
  run: { run: async (args, io) => runAgentCommand(args, io, await createTextSearch({ env: io.env })), help: runHelp },
  map: { run: runMapCommand, help: mapHelp },
  symbols: { run: runSymbolsCommand, help: symbolsHelp },
  checkpoints: { run: runCheckpointsCommand, help: checkpointsHelp },
  models: { run: runModelsCommand, help: modelsHelp },
  tasks: { run: runTasksCommand, help: tasksHelp },
  memory: { run: runMemoryCommand, help: memoryHelp },
  mcp: { run: runMcpCommand, help: mcpHelp },
};

export async function main(argv: string[], io: CliIo): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
    const topic = command === 'help' && rest[0] ? commands[rest[0]] : undefined;
    io.stdout(`${topic?.help ?? mainHelp}\n`);
    return command === undefined ? 2 : 0;
  }
  if (command === '--version' || command === '-V') {
    io.stdout(`${version}\n`);
    return 0;
  }
  const found = Object.hasOwn(commands, command) ? commands[command] : undefined;
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
