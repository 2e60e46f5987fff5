/** Workspace Trust: in Restricted Mode the agent neither edits nor runs anything, and the UI says why. */
import * as vscode from 'vscode';

export const restrictedModeMessage =
  'This workspace is in Restricted Mode, so Auto Agent will not edit files or run commands here. ' +
  'Chat about the code still works, read-only. Trust the workspace to start the agent.';

/** Why the agent may not act in this window, or undefined when it may. */
export function restrictedReason(): string | undefined {
  return vscode.workspace.isTrusted ? undefined : restrictedModeMessage;
}
