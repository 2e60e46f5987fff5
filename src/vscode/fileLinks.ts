/** Opens a file reference from model text ("src/a.ts:12") in the editor, only inside the workspace folders. */
import * as path from 'node:path';
import * as vscode from 'vscode';

/** Opens `reference` at `line`: in the editor already showing it, else in `column` (one without the agent panel). */
export async function openFileReference(reference: string, line?: number, column: vscode.ViewColumn = vscode.ViewColumn.One): Promise<void> {
  const target = await resolveReference(reference);
  if (!target) {
    void vscode.window.showWarningMessage(`Auto Agent: ${reference} is not a file in this workspace.`);
    return;
  }
  const doc = await vscode.workspace.openTextDocument(target);
  const at = Math.max(0, Math.min((line ?? 1) - 1, doc.lineCount - 1));
  const range = new vscode.Range(at, 0, at, 0);
  const shown = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === doc.uri.toString());
  await vscode.window.showTextDocument(doc, { selection: range, preview: false, viewColumn: shown?.viewColumn ?? column });
}

/** The workspace file a reference names (absolute inside a folder, or relative to one), or undefined. */
export async function resolveReference(reference: string): Promise<vscode.Uri | undefined> {
  const folders = vscode.workspace.workspaceFolders ?? [];
  const clean = reference.replace(/^\.\//, '');
  for (const folder of folders) {
    const root = folder.uri.fsPath;
    const abs = path.isAbsolute(clean) ? path.normalize(clean) : path.join(root, clean);
    const rel = path.relative(root, abs);
    if (rel.startsWith('..') || path.isAbsolute(rel)) continue;
    const uri = vscode.Uri.file(abs);
    const stat = await vscode.workspace.fs.stat(uri).then((s) => s, () => undefined);
    if (stat && stat.type & vscode.FileType.File) return uri;
  }
  return undefined;
}
