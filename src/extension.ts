/**
 * The VS Code composition root. Activation only registers the contributions; the services (engine, panel,
 * terminal, host implementations) are built on first use, so activating costs almost nothing.
 */
import * as vscode from 'vscode';
import type { AgentCommandId } from './vscode/agentCommands';
import type { Services } from './vscode/services';

/** What `activate` returns: the in-host tests and the benchmark use it. */
export interface AutoAgentApi {
  /** Builds (once) and returns the services. */
  services(): Promise<Services>;
  /** Milliseconds `activate` took. */
  readonly activationMs: number;
}

const commandIds: AgentCommandId[] = [
  'autoAgent.start', 'autoAgent.stop', 'autoAgent.setApiKey', 'autoAgent.selectModel', 'autoAgent.showHistory',
  'autoAgent.openChat', 'autoAgent.restoreCheckpoint',
];

export function activate(context: vscode.ExtensionContext): AutoAgentApi {
  const started = performance.now();
  let loading: Promise<{ services: Services; commands: typeof import('./vscode/agentCommands').agentCommands }> | undefined;
  const load = () => (loading ??= Promise.all([import('./vscode/services'), import('./vscode/agentCommands')]).then(([s, c]) => {
    const services = new s.Services(context);
    context.subscriptions.push(services);
    return { services, commands: c.agentCommands };
  }));
  for (const id of commandIds) {
    context.subscriptions.push(vscode.commands.registerCommand(id, async (...args: unknown[]) => {
      try {
        const { services, commands } = await load();
        return await (commands[id] as (s: Services, ...a: unknown[]) => Promise<unknown>)(services, ...args);
      } catch (err) {
        void vscode.window.showErrorMessage(`Auto Agent: ${(err as Error).message}`);
        throw err;
      }
    }));
  }
  context.subscriptions.push(
    vscode.window.registerWebviewViewProvider('autoAgent.chat', {
      resolveWebviewView: async (view) => (await load()).services.chat.resolveWebviewView(view),
    }),
    vscode.window.registerWebviewPanelSerializer('autoAgent.panel', {
      deserializeWebviewPanel: async (panel) => (await load()).services.panel.restore(panel),
    }),
  );
  const activationMs = performance.now() - started;
  return { services: async () => (await load()).services, activationMs };
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
