/**
 * The VS Code composition root. Activation only registers the contributions; the services (engine, panel,
 * terminal, host implementations) live in a second bundle, dist/vscodeHost.js, loaded on first use, so
 * activating parses and runs almost nothing.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { AgentCommandId } from './vscode/agentCommands';
import { showAutoAgentError } from './vscode/errorNotice';
import type { Services } from './vscode/services';

type Deferred = typeof import('./vscode/deferred');

/** What `activate` returns: the in-host tests and the benchmark use it. */
export interface AutoAgentApi {
  /** Builds (once) and returns the services. */
  services(): Promise<Services>;
  /** Milliseconds `activate` took. */
  readonly activationMs: number;
}

const commandIds: AgentCommandId[] = [
  'autoAgent.start', 'autoAgent.startWithImages', 'autoAgent.stop', 'autoAgent.setApiKey', 'autoAgent.selectModel', 'autoAgent.showHistory',
  'autoAgent.openChat', 'autoAgent.restoreCheckpoint', 'autoAgent.showMemory', 'autoAgent.openMemoryNote', 'autoAgent.deleteMemoryNote', 'autoAgent.refreshMemory',
  'autoAgent.mcpServers', 'autoAgent.setWebSearchKey',
  'autoAgent.acceptProposedChange', 'autoAgent.rejectProposedChange',
];

/** Loads the deferred bundle beside this one (a runtime require, so esbuild keeps it a separate file). */
function loadDeferred(): Deferred {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a separate bundle, loaded on first use
  return require(path.join(__dirname, 'vscodeHost.js')) as Deferred;
}

export function activate(context: vscode.ExtensionContext): AutoAgentApi {
  const started = performance.now();
  const memoryEvents = new vscode.EventEmitter<void>();
  context.subscriptions.push(memoryEvents);
  // The Memory view asks the deferred services for its rows (loaded when the view is first shown); its badge
  // (on the activity bar) says when the agent waits for the user.
  const memoryTree = vscode.window.createTreeView<unknown>('autoAgent.memory', {
    treeDataProvider: {
      onDidChangeTreeData: (listener, thisArgs, disposables) => memoryEvents.event(listener, thisArgs, disposables),
      getChildren: async (item?: unknown) => (await load()).services.memory.getChildren(item as never),
      getTreeItem: async (item: unknown) => (await load()).services.memory.getTreeItem(item as never),
    },
  });
  let loaded: { services: Services; commands: Deferred['agentCommands'] } | undefined;
  const load = async (): Promise<NonNullable<typeof loaded>> => {
    if (!loaded) {
      const deferred = loadDeferred();
      const services = new deferred.Services(context, { setBadge: (badge) => { memoryTree.badge = badge; } });
      context.subscriptions.push(services, services.memory.onDidChangeTreeData(() => memoryEvents.fire()));
      loaded = { services, commands: deferred.agentCommands };
    }
    return loaded;
  };
  for (const id of commandIds) {
    context.subscriptions.push(vscode.commands.registerCommand(id, async (...args: unknown[]) => {
      try {
        const { services, commands } = await load();
        return await (commands[id] as (s: Services, ...a: unknown[]) => Promise<unknown>)(services, ...args);
      } catch (err) {
        void showAutoAgentError((err as Error).message, (err as { code?: string }).code);
        // From the palette (no arguments) the notification is the whole answer: a rethrow would make VS Code show a
        // second one. Code that runs the command (tests, other extensions) gets the error as its result.
        if (args.length > 0) throw err;
        return undefined;
      }
    }));
  }
  context.subscriptions.push(
    vscode.window.registerWebviewViewProvider('autoAgent.chat', {
      resolveWebviewView: async (view) => (await load()).services.chat.resolveWebviewView(view),
    }),
    memoryTree,
    vscode.window.registerWebviewPanelSerializer('autoAgent.panel', {
      // A task the reload interrupted is read back from its transcript first, so the panel comes back with it.
      deserializeWebviewPanel: async (panel) => {
        const { services } = await load();
        await services.recovered;
        services.panel.restore(panel);
      },
    }),
  );
  const activationMs = performance.now() - started;
  return { services: async () => (await load()).services, activationMs };
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
