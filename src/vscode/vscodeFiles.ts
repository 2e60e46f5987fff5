/**
 * WorkspaceFiles for VS Code. Reads of an open, modified document return its unsaved buffer (so the engine's
 * stale checks see what the user sees). Text writes go through a WorkspaceEdit and are saved, so Ctrl+Z undoes
 * them; binary writes and everything else fall through to NodeFiles.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { DirEntry, Disposable, FileChange, FileStat, WorkspaceFiles } from '../core/host';

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

export class VscodeFiles implements WorkspaceFiles {
  /** `beforeWrite` sees every path about to change (the diagnostics baseline). */
  constructor(private readonly inner: WorkspaceFiles, private readonly beforeWrite: (file: string) => void = () => undefined) {}

  async readFile(file: string): Promise<Uint8Array> {
    const doc = openDocument(file);
    if (doc?.isDirty) return new TextEncoder().encode(doc.getText());
    return this.inner.readFile(file);
  }

  async writeFile(file: string, data: Uint8Array): Promise<void> {
    const text = decodeText(data);
    this.beforeWrite(file);
    if (text === undefined) return this.inner.writeFile(file, data);
    const uri = vscode.Uri.file(file);
    const edit = new vscode.WorkspaceEdit();
    if (!openDocument(file) && !(await this.inner.stat(file))) {
      await vscode.workspace.fs.createDirectory(vscode.Uri.file(path.dirname(file)));
      edit.createFile(uri, { contents: data, overwrite: false });
      await apply(edit, `create ${file}`);
      return;
    }
    const doc = await vscode.workspace.openTextDocument(uri);
    edit.replace(uri, new vscode.Range(doc.positionAt(0), doc.positionAt(doc.getText().length)), text);
    await apply(edit, `write ${file}`);
    if (!(await doc.save())) throw new Error(`VS Code could not save ${file}.`);
  }

  async deleteFile(file: string): Promise<void> {
    const edit = new vscode.WorkspaceEdit();
    edit.deleteFile(vscode.Uri.file(file), { ignoreIfNotExists: false });
    await apply(edit, `delete ${file}`);
  }

  async rename(from: string, to: string): Promise<void> {
    await vscode.workspace.fs.createDirectory(vscode.Uri.file(path.dirname(to)));
    const edit = new vscode.WorkspaceEdit();
    edit.renameFile(vscode.Uri.file(from), vscode.Uri.file(to), { overwrite: false });
    await apply(edit, `rename ${from}`);
    const moved = openDocument(to);
    if (moved?.isDirty) await moved.save();
  }

  stat(file: string): Promise<FileStat | undefined> { return this.inner.stat(file); }
  lstat(file: string): Promise<FileStat | undefined> { return this.inner.lstat(file); }
  realpath(file: string): Promise<string> { return this.inner.realpath(file); }
  readlink(file: string): Promise<string> { return this.inner.readlink(file); }
  list(dir: string): Promise<DirEntry[]> { return this.inner.list(dir); }

  watch(root: string, onChange: (change: FileChange) => void): Disposable {
    const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(vscode.Uri.file(root), '**/*'));
    watcher.onDidCreate((uri) => onChange({ kind: 'created', path: uri.fsPath }));
    watcher.onDidChange((uri) => onChange({ kind: 'changed', path: uri.fsPath }));
    watcher.onDidDelete((uri) => onChange({ kind: 'deleted', path: uri.fsPath }));
    return watcher;
  }
}

/** The open text document of a file path, if VS Code has one loaded. */
export function openDocument(file: string): vscode.TextDocument | undefined {
  return vscode.workspace.textDocuments.find((d) => d.uri.scheme === 'file' && d.uri.fsPath === file);
}

function decodeText(data: Uint8Array): string | undefined {
  try {
    const text = strictUtf8.decode(data);
    return text.includes('\u0000') ? undefined : text;
  } catch {
    return undefined;
  }
}

async function apply(edit: vscode.WorkspaceEdit, what: string): Promise<void> {
  if (!(await vscode.workspace.applyEdit(edit))) throw new Error(`VS Code refused the edit (${what}).`);
}
