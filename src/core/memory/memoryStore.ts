/**
 * The notes on disk: one Markdown file per note in the folder of its scope. The workspace's folder is
 * `<root>/.auto-agent/memory/` (it can be committed); the user's is `~/.config/auto-agent/memory/` (the host
 * decides). Only the memory tools write here: the permission rules refuse edit_file and friends.
 */
import * as path from 'node:path';
import type { WorkspaceFiles } from '../host';
import { isValidId, parseNote, renderNote, type MemoryNote, type MemoryScope } from './memoryNote';

/** The folder of each scope, absolute. */
export type MemoryDirs = Record<MemoryScope, string>;

/** The workspace scope's folder below a root. */
export function workspaceMemoryDir(root: string): string {
  return path.join(root, '.auto-agent', 'memory');
}

/** A note file as listed, with the mtime used to tell whether the index is current. */
export interface NoteFile {
  id: string;
  scope: MemoryScope;
  abs: string;
  mtimeMs: number;
}

export class MemoryStore {
  constructor(private readonly files: WorkspaceFiles, readonly dirs: MemoryDirs) {}

  pathOf(scope: MemoryScope, id: string): string {
    if (!isValidId(id)) throw new Error(`"${id}" is not a note id (lower-case letters, digits and dashes).`);
    return path.join(this.dirs[scope], `${id}.md`);
  }

  /** Every note file of both scopes (workspace first), without reading them. */
  async listFiles(): Promise<NoteFile[]> {
    const out: NoteFile[] = [];
    for (const scope of ['workspace', 'user'] as const) {
      const entries = await this.files.list(this.dirs[scope]).catch(() => []);
      for (const entry of entries) {
        const id = entry.name.replace(/\.md$/, '');
        if (!entry.isFile || !entry.name.endsWith('.md') || !isValidId(id)) continue;
        const abs = path.join(this.dirs[scope], entry.name);
        const stat = await this.files.stat(abs);
        if (stat) out.push({ id, scope, abs, mtimeMs: stat.mtimeMs });
      }
    }
    return out;
  }

  async read(file: NoteFile): Promise<MemoryNote> {
    const text = new TextDecoder('utf-8').decode(await this.files.readFile(file.abs));
    return parseNote(text, file.id, file.scope, new Date(file.mtimeMs).toISOString());
  }

  /** Every note, both scopes. */
  async list(): Promise<MemoryNote[]> {
    return Promise.all((await this.listFiles()).map((f) => this.read(f)));
  }

  /** A note by id (`user/` or `workspace/` prefix picks a scope; otherwise the workspace's wins). */
  async get(ref: string): Promise<MemoryNote | undefined> {
    const { scope, id } = splitRef(ref);
    for (const s of scope ? [scope] : (['workspace', 'user'] as const)) {
      if (!isValidId(id)) return undefined;
      const abs = this.pathOf(s, id);
      const stat = await this.files.stat(abs);
      if (stat?.isFile) return this.read({ id, scope: s, abs, mtimeMs: stat.mtimeMs });
    }
    return undefined;
  }

  /** The file text a note would have, and what is there now (null: a new note). */
  async textOf(note: MemoryNote): Promise<{ before: string | null; after: string }> {
    const abs = this.pathOf(note.scope, note.id);
    const stat = await this.files.stat(abs);
    const before = stat?.isFile ? new TextDecoder('utf-8').decode(await this.files.readFile(abs)) : null;
    return { before, after: renderNote(note) };
  }

  async write(note: MemoryNote): Promise<string> {
    const abs = this.pathOf(note.scope, note.id);
    await this.files.writeFile(abs, new TextEncoder().encode(renderNote(note)));
    return abs;
  }

  async delete(note: Pick<MemoryNote, 'scope' | 'id'>): Promise<void> {
    await this.files.deleteFile(this.pathOf(note.scope, note.id));
  }
}

/** `user/some-id` → the user scope; a bare id has no scope. */
export function splitRef(ref: string): { scope?: MemoryScope; id: string } {
  const match = /^(workspace|user)[/:](.+)$/.exec(ref.trim());
  return match ? { scope: match[1] as MemoryScope, id: match[2] } : { id: ref.trim() };
}
