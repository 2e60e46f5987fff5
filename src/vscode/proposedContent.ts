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

  /** Opens the diff editor for one change whose current file content is `current` (null: no file yet). */
  async openDiff(options: { abs: string; change: ChangeView; current: string | null; approvalId: string }): Promise<void> {
    const proposed = proposedText(options.current, options.change);
    if (proposed === undefined) throw new Error(`The file ${options.change.path} changed since the proposal; its diff no longer applies.`);
    const right = vscode.Uri.from({ scheme: proposedScheme, path: options.abs, query: `approval=${encodeURIComponent(options.approvalId)}` });
    this.contents.set(right.toString(), proposed);
    this.changed.fire(right);
    const left = options.current === null
      ? vscode.Uri.from({ scheme: proposedScheme, path: options.abs, query: 'empty' })
      : vscode.Uri.file(options.abs);
    const title = `${path.basename(options.abs)} ↔ proposed by Auto Agent`;
    await vscode.commands.executeCommand('vscode.diff', left, right, title, { preview: true });
  }

  dispose(): void { this.changed.dispose(); }
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
