/**
 * The memory index of one workspace: both scopes' notes and this workspace's past tasks in one MemorySearch,
 * saved to a cache file (loaded in milliseconds) and brought up to date by mtime on every refresh, so a note
 * edited by hand or a new transcript is found at the next task.
 *
 * Checking every note file is one stat each (about 50–500 ms at 10,000 notes), so a refresh checks the two
 * note folders first: when neither folder's mtime moved, no note file was added, deleted or renamed, and the
 * cached index is used at once while the per-file check (edits made inside a file) runs in the background after
 * the first search. The text the model reads is always the file's own (hits are read from disk).
 */
import type { Logger, Store, WorkspaceFiles } from '../host';
import { readPastTasks, type TaskDigest } from './pastTasks';
import { MemorySearch, type Embedder, type MemoryDoc, type SavedSearch } from './memorySearch';
import type { MemoryStore, NoteFile } from './memoryStore';
import { noteEntry, taskEntry, type RecalledEntry } from './recallFormat';
import type { MemoryNote } from './memoryNote';

const cacheVersion = 3;

interface CacheFile {
  version: number;
  root: string;
  embeddingModel?: string;
  index: SavedSearch;
  notes: Record<string, number>;
  /** Each note folder's mtime when its files were last all checked (-1: it did not exist). */
  folders: Record<string, number>;
  tasks: Record<string, { mtimeMs: number; digest: TaskDigest }>;
}

export interface MemoryIndexOptions {
  files: WorkspaceFiles;
  notes: MemoryStore;
  /** Where the transcripts are (past tasks). */
  tasks: Store;
  /** The workspace root whose past tasks count. */
  root: string;
  /** The cache file (absolute), below the host's storage folder. */
  cacheFile: string;
  embedder?: Embedder;
  logger?: Logger;
}

export class MemoryIndex {
  private search_ = MemorySearch.empty();
  private noteTimes = new Map<string, number>();
  private taskDigests = new Map<string, { mtimeMs: number; digest: TaskDigest }>();
  private folderTimes = new Map<string, number>();
  private isLoaded = false;
  private isCheckDue = false;
  /** The model of the vectors in the index (the embedder's, or the cache's when this index has none). */
  private vectorModel: string | undefined;
  /** Note syncs and single-note updates run one at a time, so a listing taken before a save cannot undo it. */
  private queue: Promise<unknown> = Promise.resolve();
  private background: Promise<void> | undefined;

  constructor(private readonly options: MemoryIndexOptions) {}

  /**
   * Loads the cache (once), then indexes what changed on disk since; saves the cache when anything did. When the
   * note folders are as the cache saw them, the check of each note file runs in the background (see `settled`).
   */
  async refresh(signal?: AbortSignal): Promise<void> {
    if (!this.isLoaded) await this.load();
    this.isLoaded = true;
    let changed = 0;
    if (await this.foldersMoved()) changed += await this.exclusive(() => this.syncNotes());
    else this.isCheckDue = true;
    changed += await this.syncTasks();
    const embedded = await this.embedMissing(signal);
    if (changed + embedded > 0) await this.save();
  }

  /** Resolves once the background check of the note files (started now if it is still due) has finished. */
  async settled(): Promise<void> {
    this.checkInBackground();
    await this.background;
  }

  /** The best entries for a query, notes and past tasks mixed, as the model reads them. */
  async search(query: string, options: { limit?: number; kinds?: ('note' | 'task')[]; signal?: AbortSignal } = {}): Promise<RecalledEntry[]> {
    const queryVector = await this.embedQuery(query, options.signal);
    const hits = this.search_.search(query, { limit: options.limit ?? 5, kinds: options.kinds, queryVector });
    const out: RecalledEntry[] = [];
    for (const hit of hits) {
      const entry = hit.kind === 'note' ? await this.noteById(hit.id) : this.taskById(hit.id);
      if (entry) out.push(entry);
    }
    // The check of every file starts after the first answer, so that answer does not wait behind it.
    this.checkInBackground();
    return out;
  }

  /** Indexes one note now (after remember), without waiting for the next refresh. */
  async noteChanged(note: MemoryNote, mtimeMs: number): Promise<void> {
    const vector = await this.vectorFor(noteDoc(note));
    await this.exclusive(async () => {
      this.search_.put(noteDoc(note), vector);
      this.noteTimes.set(noteDocId(note.scope, note.id), mtimeMs);
      await this.save();
    });
  }

  async noteRemoved(scope: MemoryNote['scope'], noteId: string): Promise<void> {
    await this.exclusive(async () => {
      this.search_.remove(noteDocId(scope, noteId));
      this.noteTimes.delete(noteDocId(scope, noteId));
      await this.save();
    });
  }

  get size(): number {
    return this.search_.size;
  }

  private async load(): Promise<void> {
    try {
      const cache = JSON.parse(new TextDecoder().decode(await this.options.files.readFile(this.options.cacheFile))) as CacheFile;
      if (cache.version !== cacheVersion || cache.root !== this.options.root) return;
      this.search_ = MemorySearch.fromJSON(cache.index);
      // Vectors of another model do not compare with this one's: they are embedded again. Without an embedder
      // (`auto-agent memory search`, memory settings differing) they are kept for the next task that has one.
      const model = this.options.embedder?.model;
      if (model !== undefined && cache.embeddingModel !== model) this.search_.clearVectors();
      this.vectorModel = model ?? cache.embeddingModel;
      this.noteTimes = new Map(Object.entries(cache.notes));
      this.folderTimes = new Map(Object.entries(cache.folders));
      this.taskDigests = new Map(Object.entries(cache.tasks));
    } catch {
      // No cache yet, or an unreadable one: everything is indexed again from the files.
    }
  }

  private async save(): Promise<void> {
    const cache: CacheFile = {
      version: cacheVersion, root: this.options.root, embeddingModel: this.options.embedder?.model ?? this.vectorModel, index: this.search_.toJSON(),
      notes: Object.fromEntries(this.noteTimes), folders: Object.fromEntries(this.folderTimes), tasks: Object.fromEntries(this.taskDigests),
    };
    try {
      await this.options.files.writeFile(this.options.cacheFile, new TextEncoder().encode(JSON.stringify(cache)));
    } catch (err) {
      this.options.logger?.warn(`The memory index cache could not be written: ${(err as Error).message}`);
    }
  }

  /** True when a note folder's mtime differs from the one the cache recorded (or there is no cache). */
  private async foldersMoved(): Promise<boolean> {
    const now = await this.folderMtimes();
    return Object.keys(now).some((dir) => this.folderTimes.get(dir) !== now[dir]);
  }

  private async folderMtimes(): Promise<Record<string, number>> {
    const out: Record<string, number> = {};
    for (const dir of Object.values(this.options.notes.dirs)) out[dir] = (await this.options.files.stat(dir))?.mtimeMs ?? -1;
    return out;
  }

  private checkInBackground(): void {
    if (!this.isCheckDue) return;
    this.isCheckDue = false;
    this.background = this.exclusive(() => this.syncNotes())
      .then(async (changed) => { if (changed > 0) await this.save(); })
      .catch((err: Error) => this.options.logger?.warn(`The memory notes could not be checked: ${err.message}`))
      .finally(() => { this.background = undefined; });
  }

  private exclusive<T>(work: () => Promise<T>): Promise<T> {
    const run = this.queue.then(work, work);
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** Adds new and changed note files, drops deleted ones; returns how many changed. */
  private async syncNotes(): Promise<number> {
    // The folders' mtimes are taken before the listing, so a file added meanwhile moves them past the record.
    const folders = await this.folderMtimes();
    const listed = await this.options.notes.listFiles();
    const seen = new Set<string>();
    let changed = 0;
    for (const file of listed) {
      const id = noteDocId(file.scope, file.id);
      seen.add(id);
      if (this.noteTimes.get(id) === file.mtimeMs && this.search_.has(id)) continue;
      const note = await this.readNote(file);
      if (note) this.search_.put(noteDoc(note));
      this.noteTimes.set(id, file.mtimeMs);
      changed++;
    }
    for (const id of [...this.noteTimes.keys()].filter((k) => !seen.has(k))) {
      this.search_.remove(id);
      this.noteTimes.delete(id);
      changed++;
    }
    const isFolderNew = Object.keys(folders).some((dir) => this.folderTimes.get(dir) !== folders[dir]);
    this.folderTimes = new Map(Object.entries(folders));
    return changed + (isFolderNew ? 1 : 0);
  }

  private async syncTasks(): Promise<number> {
    let changed = 0;
    const known = (taskId: string, mtimeMs: number): TaskDigest | undefined => {
      const cached = this.taskDigests.get(taskId);
      return cached?.mtimeMs === mtimeMs ? cached.digest : undefined;
    };
    for (const { digest, mtimeMs } of await readPastTasks(this.options.tasks, this.options.root, { skip: known })) {
      if (this.taskDigests.get(digest.taskId)?.mtimeMs === mtimeMs) continue;
      this.taskDigests.set(digest.taskId, { mtimeMs, digest });
      this.search_.put(taskDoc(digest));
      changed++;
    }
    return changed;
  }

  private async readNote(file: NoteFile): Promise<MemoryNote | undefined> {
    return this.options.notes.read(file).catch(() => undefined);
  }

  private async noteById(docId: string): Promise<RecalledEntry | undefined> {
    const note = await this.options.notes.get(docId.slice('note:'.length));
    return note ? noteEntry(note) : undefined;
  }

  private taskById(docId: string): RecalledEntry | undefined {
    const cached = this.taskDigests.get(docId.slice('task:'.length));
    return cached ? taskEntry(cached.digest) : undefined;
  }

  /** Embeds documents that have no vector yet (when an embedder is configured); returns how many. */
  private async embedMissing(signal?: AbortSignal): Promise<number> {
    const embedder = this.options.embedder;
    if (!embedder) return 0;
    const docs: MemoryDoc[] = [];
    for (const id of this.noteTimes.keys()) {
      if (this.search_.hasVector(id) || !this.search_.has(id)) continue;
      const note = await this.options.notes.get(id.slice('note:'.length)).catch(() => undefined);
      if (note) docs.push(noteDoc(note));
    }
    for (const { digest } of this.taskDigests.values()) if (!this.search_.hasVector(`task:${digest.taskId}`)) docs.push(taskDoc(digest));
    try {
      for (let i = 0; i < docs.length; i += 64) {
        const batch = docs.slice(i, i + 64);
        const vectors = await embedder.embed(batch.map(embeddingText), signal);
        batch.forEach((doc, j) => this.search_.put(doc, vectors[j]));
      }
      return docs.length;
    } catch (err) {
      this.options.logger?.warn(`Embeddings failed (${(err as Error).message}); memory search uses full text only for now.`);
      return 0;
    }
  }

  private async vectorFor(doc: MemoryDoc): Promise<number[] | undefined> {
    if (!this.options.embedder) return undefined;
    return (await this.options.embedder.embed([embeddingText(doc)]).catch(() => undefined))?.[0];
  }

  private async embedQuery(query: string, signal?: AbortSignal): Promise<number[] | undefined> {
    if (!this.options.embedder) return undefined;
    return (await this.options.embedder.embed([query], signal).catch(() => undefined))?.[0];
  }
}

export function noteDocId(scope: MemoryNote['scope'], id: string): string {
  return `note:${scope}/${id}`;
}

export function noteDoc(note: MemoryNote): MemoryDoc {
  return { id: noteDocId(note.scope, note.id), kind: 'note', title: note.title, text: `${note.body}\n${note.tags.join(' ')}` };
}

export function taskDoc(task: TaskDigest): MemoryDoc {
  return { id: `task:${task.taskId}`, kind: 'task', title: task.goals.join(' | '), text: [task.plan.join('\n'), task.outcome, task.files.join(' '), task.checks.join('\n')].join('\n') };
}

function embeddingText(doc: MemoryDoc): string {
  return `${doc.title}\n${doc.text}`.slice(0, 4000);
}

