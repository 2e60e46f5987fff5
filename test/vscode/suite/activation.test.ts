/** Activation and contributions: the extension activates, registers every command, and stays light. */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateAutoAgent, extensionId } from './extensionHandle';

describe('activation', () => {
  it('activates and exposes its API', async () => {
    const api = await activateAutoAgent();
    assert.ok(vscode.extensions.getExtension(extensionId)?.isActive);
    assert.equal(typeof api.services, 'function');
    assert.ok(Number.isFinite(api.activationMs));
  });

  it('registers every command of the manifest', async () => {
    await activateAutoAgent();
    const manifest = vscode.extensions.getExtension(extensionId)?.packageJSON as { contributes: { commands: { command: string; category: string }[] } };
    const declared = manifest.contributes.commands.map((c) => c.command);
    assert.deepEqual(declared.sort(), [
      'autoAgent.acceptProposedChange', 'autoAgent.deleteMemoryNote', 'autoAgent.mcpServers', 'autoAgent.openChat', 'autoAgent.openMemoryNote', 'autoAgent.refreshMemory',
      'autoAgent.rejectProposedChange', 'autoAgent.restoreCheckpoint', 'autoAgent.selectModel', 'autoAgent.setApiKey', 'autoAgent.setWebSearchKey', 'autoAgent.showHistory',
      'autoAgent.showMemory', 'autoAgent.start', 'autoAgent.startWithImages', 'autoAgent.stop',
    ]);
    assert.ok(manifest.contributes.commands.every((c) => c.category === 'Auto Agent'));
    const registered = new Set(await vscode.commands.getCommands(true));
    for (const id of declared) assert.ok(registered.has(id), `${id} is not registered`);
  });

  it('does not build the engine at activation (heavy work waits for first use)', async () => {
    const api = await activateAutoAgent();
    // No command has run yet in this suite, so the Auto Agent terminal and output channel must not exist.
    assert.ok(!vscode.window.terminals.some((t) => t.name === 'Auto Agent'));
    const services = await api.services();
    assert.ok(services.session);
  });
});
