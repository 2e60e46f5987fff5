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
const extractorRevision = 'tags-7';

/** Identifies the tag format; a cache written with another version is ignored. */
export const cacheVersion = createHash('sha1').update(extractorRevision).update(JSON.stringify(tagsQueries)).digest('hex').slice(0, 16);

/**
 * A file's tags with the references packed into one string: how the cache stores them (loading parses little
 * JSON) and how the index workers send them (one string is far cheaper to copy between threads than a map).
 */
export type PackedFileTags = Omit<FileTags, 'references'> & { refs: string };

interface CacheContent {
  version: string;
  root: string;
  files: PackedFileTags[];
}

const packed = Symbol('packed references');
type PackedTags = FileTags & { [packed]?: string };

/** `name\tline,line\nname\tline`: names never hold tabs or newlines. */
export function packReferences(tags: FileTags): string {
  const own = (tags as PackedTags)[packed];
  if (own !== undefined) return own;
  return Object.entries(tags.references).map(([name, lines]) => `${name}\t${lines.join(',')}`).join('\n');
}

function unpackReferences(refs: string): Record<string, number[]> {
  const references = Object.create(null) as Record<string, number[]>;
  if (!refs) return references;
  for (const entry of refs.split('\n')) {
    const tab = entry.indexOf('\t');
    references[entry.slice(0, tab)] = entry.slice(tab + 1).split(',').map(Number);
  }
  return references;
}

/** Each name of `name\tline,line\n…` with its number of lines, read straight from the packed string. */
function countPackedReferences(refs: string, visit: (key: string, count: number) => void): void {
  let start = 0;
  while (start < refs.length) {
    const tab = refs.indexOf('\t', start);
    let end = refs.indexOf('\n', tab);
    if (end < 0) end = refs.length;
    let count = 1;
    for (let i = tab + 1; i < end; i++) if (refs.charCodeAt(i) === 44) count++;
    visit(refs.slice(start, tab), count);
    start = end + 1;
  }
}

/** Packs a file's tags for the cache or for a thread boundary. */
export function packTags(tags: FileTags): PackedFileTags {
  return { path: tags.path, language: tags.language, mtimeMs: tags.mtimeMs, size: tags.size, definitions: tags.definitions, skipped: tags.skipped, refs: packReferences(tags) };
}

/** Tags whose references are unpacked on first use: a warm start then reads the cache without decoding them. */
export function unpackTags(cached: PackedFileTags): FileTags {
  const { refs, ...rest } = cached;
  const tags = rest as PackedTags;
  let references: Record<string, number[]> | undefined;
  Object.defineProperty(tags, 'references', {
    enumerable: true,
    get: () => (references ??= unpackReferences(refs)),
  });
  Object.defineProperty(tags, packed, { value: refs, enumerable: false });
  Object.defineProperty(tags, 'eachReferenceCount', { value: (visit: (key: string, count: number) => void) => countPackedReferences(refs, visit), enumerable: false });
  return tags;
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
      return content.files.map(unpackTags);
    } catch {
      return undefined;
    }
  }

  /** Writes atomically (temporary file, then rename), so a crash leaves the old cache or the new one. */
  async save(files: readonly FileTags[]): Promise<void> {
    await fs.mkdir(path.dirname(this.file), { recursive: true });
    const content: CacheContent = { version: cacheVersion, root: path.resolve(this.root), files: files.map(packTags) };
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
