/** WorkspaceFiles on Node's fs. Writes go to a temporary file beside the target and are renamed over it. */
import { promises as fs, watch as fsWatch, type Stats } from 'node:fs';
import * as path from 'node:path';
import { randomBytes } from 'node:crypto';
import type { DirEntry, Disposable, FileChange, FileStat, WorkspaceFiles } from '../core/host';

export class NodeFiles implements WorkspaceFiles {
  async readFile(file: string): Promise<Uint8Array> {
    return fs.readFile(file);
  }

  async writeFile(file: string, data: Uint8Array): Promise<void> {
    await fs.mkdir(path.dirname(file), { recursive: true });
    const temp = path.join(path.dirname(file), `.${path.basename(file)}.${randomBytes(6).toString('hex')}.tmp`);
    const mode = await fs.stat(file).then((s) => s.mode, () => undefined);
    try {
      await fs.writeFile(temp, data, { mode });
      await fs.rename(temp, file);
    } catch (err) {
      await fs.rm(temp, { force: true });
      throw err;
    }
  }

  async deleteFile(file: string): Promise<void> {
    await fs.rm(file);
  }

  async rename(from: string, to: string): Promise<void> {
    await fs.mkdir(path.dirname(to), { recursive: true });
    await fs.rename(from, to);
  }

  async stat(file: string): Promise<FileStat | undefined> {
    return fs.stat(file).then(toFileStat, () => undefined);
  }

  async lstat(file: string): Promise<FileStat | undefined> {
    return fs.lstat(file).then(toFileStat, () => undefined);
  }

  realpath(file: string): Promise<string> {
    return fs.realpath(file);
  }

  readlink(file: string): Promise<string> {
    return fs.readlink(file);
  }

  async list(dir: string): Promise<DirEntry[]> {
    const entries = await fs.readdir(dir, { withFileTypes: true });
    return entries.map((e) => ({ name: e.name, isFile: e.isFile(), isDirectory: e.isDirectory(), isSymbolicLink: e.isSymbolicLink() }));
  }

  watch(root: string, onChange: (change: FileChange) => void): Disposable {
    const watcher = fsWatch(root, { recursive: true }, (_event, name) => {
      if (!name) return;
      const full = path.join(root, name.toString());
      void fs.stat(full).then(() => onChange({ kind: 'changed', path: full }), () => onChange({ kind: 'deleted', path: full }));
    });
    watcher.on('error', () => watcher.close());
    return { dispose: () => watcher.close() };
  }
}

function toFileStat(s: Stats): FileStat {
  return { isFile: s.isFile(), isDirectory: s.isDirectory(), isSymbolicLink: s.isSymbolicLink(), size: s.size, mtimeMs: s.mtimeMs };
}
