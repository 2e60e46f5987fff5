/** One error notification, with the actions that fix it (Set API Key, Open Settings) when it is about the endpoint. */
import * as vscode from 'vscode';
import { errorActionsFor } from './endpointGuard';

export async function showAutoAgentError(message: string, code?: string): Promise<void> {
  const actions = errorActionsFor(message, code);
  const choice = await vscode.window.showErrorMessage(`Auto Agent: ${message}`, ...actions);
  if (choice === 'Set API Key') await vscode.commands.executeCommand('autoAgent.setApiKey');
  // The Settings editor shows the User and (in a remote window) Remote tabs, where machine settings live.
  if (choice === 'Open Settings') await vscode.commands.executeCommand('workbench.action.openSettings', 'autoAgent.baseUrl');
}
