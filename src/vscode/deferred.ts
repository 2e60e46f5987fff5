/**
 * The entry of the deferred bundle (dist/vscodeHost.js): the services and the command implementations, with the
 * whole engine behind them. src/extension.ts loads it on first use, so activation parses almost nothing.
 */
export { Services } from './services';
export { agentCommands } from './agentCommands';
