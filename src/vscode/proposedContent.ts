/**
 * "Open in diff editor": VS Code's native diff of a file against the content a pending change proposes, served
 * by a TextDocumentContentProvider under the `auto-agent-proposed` scheme. The view carries hunks only, so the
 * proposed text is rebuilt by applying them to what the file holds now (its unsaved buffer if open).
 */
import * as path from 'node:path';
import { applyPatch } from 'diff';
import * as vscode from 'vscode';
import type { ChangeView } from '../protocol/change';

export const proposedScheme = 'auto-agent-proposed';

export class ProposedContentProvider implements vscode.TextDocumentContentProvider {
  private readonly contents = new Map<string, string>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.contents.get(uri.toString()) ?? '';
  }

  /**
   * Opens the diff editor for one change whose current file content is `current` (null: no file yet), in
   * `viewColumn` (beside the agent panel, never over it). Its title bar has Accept and Reject (package.json menus).
   */
  async openDiff(options: { abs: string; change: ChangeView; current: string | null; approvalId: string; viewColumn: vscode.ViewColumn }): Promise<void> {
    const proposed = proposedText(options.current, options.change);
    if (proposed === undefined) throw new Error(`The file ${options.change.path} changed since the proposal; its diff no longer applies.`);
    const right = vscode.Uri.from({ scheme: proposedScheme, path: options.abs, query: `approval=${encodeURIComponent(options.approvalId)}` });
    this.contents.set(right.toString(), proposed);
    this.changed.fire(right);
    const left = options.current === null
      ? vscode.Uri.from({ scheme: proposedScheme, path: options.abs, query: 'empty' })
      : vscode.Uri.file(options.abs);
    const title = `${path.basename(options.abs)} ↔ proposed by Auto Agent`;
    await vscode.commands.executeCommand('vscode.diff', left, right, title, { preview: true, viewColumn: options.viewColumn });
  }

  /** Closes the diff tabs of a decided (or abandoned) approval: nothing is left to decide there. */
  async closeDiff(approvalId: string): Promise<void> {
    const tabs = vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => {
      const input = t.input;
      return input instanceof vscode.TabInputTextDiff && input.modified.scheme === proposedScheme && approvalIdOf(input.modified) === approvalId;
    });
    if (tabs.length) await vscode.window.tabGroups.close(tabs, true);
  }

  dispose(): void { this.changed.dispose(); }
}

/** The approval a proposed-content URI belongs to (its query), or undefined for another URI. */
export function approvalIdOf(uri: vscode.Uri): string | undefined {
  if (uri.scheme !== proposedScheme) return undefined;
  const value = new URLSearchParams(uri.query).get('approval');
  return value || undefined;
}

/** The proposed side of the active diff tab, if it is one of ours. */
export function activeProposedUri(): vscode.Uri | undefined {
  const input = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
  return input instanceof vscode.TabInputTextDiff && input.modified.scheme === proposedScheme ? input.modified : undefined;
}

/** The text a change proposes, or undefined when its hunks do not apply to `current` any more. */
export function proposedText(current: string | null, change: ChangeView): string | undefined {
  if (change.kind === 'delete') return '';
  const result = applyPatch(current ?? '', {
    oldFileName: change.path, newFileName: change.newPath ?? change.path, oldHeader: '', newHeader: '',
    hunks: change.hunks.map((h) => ({ oldStart: h.oldStart, oldLines: h.oldLines, newStart: h.newStart, newLines: h.newLines, lines: h.lines })),
  });
  return result === false ? undefined : result;
}
