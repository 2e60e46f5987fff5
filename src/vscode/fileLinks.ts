/** Opens a file reference from model text ("src/a.ts:12") in the editor, only inside the workspace folders. */
import * as path from 'node:path';
import * as vscode from 'vscode';

export async function openFileReference(reference: string, line?: number): Promise<void> {
  const target = await resolveReference(reference);
  if (!target) {
    void vscode.window.showWarningMessage(`Auto Agent: ${reference} is not a file in this workspace.`);
    return;
  }
  const doc = await vscode.workspace.openTextDocument(target);
  const at = Math.max(0, Math.min((line ?? 1) - 1, doc.lineCount - 1));
  const range = new vscode.Range(at, 0, at, 0);
  await vscode.window.showTextDocument(doc, { selection: range, preview: false, viewColumn: vscode.ViewColumn.One });
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
