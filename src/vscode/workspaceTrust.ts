/** Workspace Trust: in Restricted Mode the agent neither edits nor runs anything, and the UI says why. */
import * as vscode from 'vscode';
import type { GitHost } from '../core/host';

export const restrictedModeMessage =
  'This workspace is in Restricted Mode, so Auto Agent will not edit files or run commands here, and its ' +
  'instruction files (AGENTS.md, CLAUDE.md, rules files) and memory notes are not loaded. ' +
  'Chat about the code still works, read-only. Trust the workspace to start the agent.';

/** Why the agent may not act in this window, or undefined when it may. */
export function restrictedReason(): string | undefined {
  return vscode.workspace.isTrusted ? undefined : restrictedModeMessage;
}

/** Why the chat's git tools answer nothing in Restricted Mode. */
export const restrictedGitMessage =
  'Git is off in Restricted Mode: running git would read this untrusted repository\'s own git config, which can name ' +
  'programs to run. Read the files instead, or ask the user to trust the workspace.';

/** The GitHost of an untrusted workspace: every call refuses, and no git process starts. */
export const restrictedModeGit: GitHost = {
  isRepo: () => Promise.reject(new Error(restrictedGitMessage)),
  status: () => Promise.reject(new Error(restrictedGitMessage)),
  diff: () => Promise.reject(new Error(restrictedGitMessage)),
  log: () => Promise.reject(new Error(restrictedGitMessage)),
  commit: () => Promise.reject(new Error(restrictedGitMessage)),
  behaviourPaths: () => Promise.resolve([]),
};
