/**
 * The Memory view: the notes of both scopes (this workspace's `.auto-agent/memory/`, the user's
 * `~/.config/auto-agent/memory/`) as a tree. A note opens as its Markdown file (edit it there); delete asks
 * first. The view refreshes when a note file changes and when a task ends.
 */
import { promises as fs } from 'node:fs';
import * as vscode from 'vscode';
import type { MemoryNote, MemoryScope } from '../core/memory/memoryNote';
import { MemoryStore } from '../core/memory/memoryStore';
import { memoryDirsFor } from '../node/memoryServices';
import { NodeFiles } from '../node/nodeFiles';
import { userConfigDir } from '../node/userConfigDir';

/** One row: a scope, or a note in it. */
export type MemoryItem = { kind: 'scope'; scope: MemoryScope; dir: string } | { kind: 'note'; note: MemoryNote; abs: string };

const scopeLabels: Record<MemoryScope, string> = { workspace: 'This workspace', user: 'You (all workspaces)' };

export class MemoryTreeProvider implements vscode.TreeDataProvider<MemoryItem>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly watchers: vscode.Disposable[] = [];

  constructor() {
    const watcher = vscode.workspace.createFileSystemWatcher('**/.auto-agent/memory/*.md');
    this.watchers.push(watcher, watcher.onDidCreate(() => this.refresh()), watcher.onDidChange(() => this.refresh()), watcher.onDidDelete(() => this.refresh()));
  }

  refresh(): void {
    this.changed.fire();
  }

  async getChildren(item?: MemoryItem): Promise<MemoryItem[]> {
    const store = await memoryStore();
    if (!store) return [];
    if (!item) return (['workspace', 'user'] as const).map((scope) => ({ kind: 'scope', scope, dir: store.dirs[scope] }));
    if (item.kind !== 'scope') return [];
    const notes = (await store.list()).filter((n) => n.scope === item.scope).sort((a, b) => b.updated.localeCompare(a.updated));
    return notes.map((note) => ({ kind: 'note', note, abs: store.pathOf(note.scope, note.id) }));
  }

  getTreeItem(item: MemoryItem): vscode.TreeItem {
    if (item.kind === 'scope') {
      const row = new vscode.TreeItem(scopeLabels[item.scope], vscode.TreeItemCollapsibleState.Expanded);
      row.tooltip = item.dir;
      row.contextValue = 'memoryScope';
      row.iconPath = new vscode.ThemeIcon(item.scope === 'workspace' ? 'folder' : 'account');
      return row;
    }
    const { note } = item;
    const row = new vscode.TreeItem(note.title, vscode.TreeItemCollapsibleState.None);
    row.description = `${note.updated.slice(0, 10)}${note.provenance.length ? ' · from untrusted content' : ''}`;
    row.tooltip = new vscode.MarkdownString().appendText(`${note.scope}/${note.id}\n${note.body}${note.provenance.length ? `\n\nProvenance: ${note.provenance.join(', ')}` : ''}`);
    row.resourceUri = vscode.Uri.file(item.abs);
    row.contextValue = 'memoryNote';
    row.iconPath = new vscode.ThemeIcon(note.provenance.length ? 'warning' : 'note');
    row.command = { command: 'autoAgent.openMemoryNote', title: 'Open', arguments: [item] };
    return row;
  }

  dispose(): void {
    for (const d of this.watchers.splice(0)) d.dispose();
    this.changed.dispose();
  }
}

/** The store of the first workspace folder and the user's config folder; undefined with no folder open. */
export async function memoryStore(): Promise<MemoryStore | undefined> {
  const folder = vscode.workspace.workspaceFolders?.find((f) => f.uri.scheme === 'file');
  if (!folder) return undefined;
  const root = await fs.realpath(folder.uri.fsPath).catch(() => folder.uri.fsPath);
  return new MemoryStore(new NodeFiles(), memoryDirsFor(root, userConfigDir(process.env)));
}

/** Opens a note's Markdown file in the editor (the user edits it there). */
export async function openMemoryNote(item: MemoryItem | undefined): Promise<void> {
  if (item?.kind !== 'note') return;
  await vscode.window.showTextDocument(vscode.Uri.file(item.abs), { preview: false });
}

/** Deletes a note after a modal confirmation. */
export async function deleteMemoryNote(item: MemoryItem | undefined, tree: MemoryTreeProvider): Promise<void> {
  if (item?.kind !== 'note') return;
  const choice = await vscode.window.showWarningMessage(`Delete the memory note "${item.note.title}"?`, { modal: true, detail: item.abs }, 'Delete');
  if (choice !== 'Delete') return;
  const store = await memoryStore();
  await store?.delete(item.note);
  tree.refresh();
}
