/** The commands of the agent itself and its stores: a bundle of their own (dist/cliAgent.js), loaded on use. */
import type { CliCommand } from './cliCommand';
import { runAgentCommand } from './agentCommand';
import { runHelp } from './helpText';
import { createTextSearch } from '../node/textSearch';
import { checkpointsHelp, runCheckpointsCommand } from './commands/checkpoints';
import { modelsHelp, runModelsCommand } from './commands/models';
import { runTasksCommand, tasksHelp } from './commands/tasks';
import { memoryHelp, runMemoryCommand } from './commands/memory';
import { mcpHelp, runMcpCommand } from './commands/mcp';

export const agentCommands: Record<string, CliCommand> = {
  run: { run: async (args, io) => runAgentCommand(args, io, await createTextSearch({ env: io.env })), help: runHelp },
  checkpoints: { run: runCheckpointsCommand, help: checkpointsHelp },
  models: { run: runModelsCommand, help: modelsHelp },
  tasks: { run: runTasksCommand, help: tasksHelp },
  memory: { run: runMemoryCommand, help: memoryHelp },
  mcp: { run: runMcpCommand, help: mcpHelp },
};
