/**
 * The persisted index: one JSON file per workspace root in the cache folder the host gives (workspace storage in
 * VS Code, the user cache folder in the CLI). Entries are reused while a file's mtime and size are unchanged;
 * the whole cache is dropped when the queries or the extractor change.
 */
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { tagsQueries } from '../../core/codebase/languages';
import type { FileTags } from '../../core/codebase/types';

/** Bump when the extractor's output changes for the same source (prep rules, signature rules, filters). */
const extractorRevision = 'tags-3';

/** Identifies the tag format; a cache written with another version is ignored. */
export const cacheVersion = createHash('sha1').update(extractorRevision).update(JSON.stringify(tagsQueries)).digest('hex').slice(0, 16);

interface CacheContent {
  version: string;
  root: string;
  files: FileTags[];
}

/** Reads and writes the tags of one workspace root. */
export class IndexCache {
  readonly file: string;

  constructor(cacheDir: string, private readonly root: string) {
    const key = createHash('sha1').update(path.resolve(root)).digest('hex').slice(0, 16);
    this.file = path.join(cacheDir, `codebase-index-${key}.json`);
  }

  /** The cached tags, or undefined when there is no usable cache. */
  async load(): Promise<FileTags[] | undefined> {
    try {
      const content = JSON.parse(await fs.readFile(this.file, 'utf8')) as CacheContent;
      if (content.version !== cacheVersion || content.root !== path.resolve(this.root) || !Array.isArray(content.files)) return undefined;
      return content.files;
    } catch {
      return undefined;
    }
  }

  /** Writes atomically (temporary file, then rename), so a crash leaves the old cache or the new one. */
  async save(files: readonly FileTags[]): Promise<void> {
    await fs.mkdir(path.dirname(this.file), { recursive: true });
    const content: CacheContent = { version: cacheVersion, root: path.resolve(this.root), files: [...files] };
    const temp = `${this.file}.${process.pid}.${Date.now()}.tmp`;
    try {
      await fs.writeFile(temp, JSON.stringify(content));
      await fs.rename(temp, this.file);
    } catch (err) {
      await fs.rm(temp, { force: true });
      throw err;
    }
  }
}
