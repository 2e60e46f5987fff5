/**
 * The commands that need no model (`map`, `symbols`): a bundle of their own (dist/cliCodebase.js), so that a warm
 * `auto-agent map` loads the index and nothing of the agent (LLM clients, MCP, HTML conversion).
 */
import type { CliCommand } from './cliCommand';
import { mapHelp, runMapCommand } from './commands/map';
import { runSymbolsCommand, symbolsHelp } from './commands/symbols';

export const codebaseCommands: Record<string, CliCommand> = {
  map: { run: runMapCommand, help: mapHelp },
  symbols: { run: runSymbolsCommand, help: symbolsHelp },
};
