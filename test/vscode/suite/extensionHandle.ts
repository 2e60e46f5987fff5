/** Finds and activates Auto Agent in the extension host and returns its API (the services, activation time). */
import * as vscode from 'vscode';
import type { AutoAgentApi } from '../../../src/extension';

export const extensionId = 'auto-agent.auto-agent';

export async function activateAutoAgent(): Promise<AutoAgentApi> {
  const extension = vscode.extensions.getExtension<AutoAgentApi>(extensionId);
  if (!extension) throw new Error(`${extensionId} is not installed in this VS Code`);
  return extension.isActive ? extension.exports : extension.activate();
}

/** Resolves when `predicate` holds, checking on each VS Code event loop turn; rejects after `ms`. */
export async function waitFor<T>(what: string, probe: () => T | undefined | Promise<T | undefined>, ms = 30_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value as T;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
