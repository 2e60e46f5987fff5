/**
 * The persisted index: one file per workspace root in the cache folder the host gives (workspace storage in VS Code,
 * the user cache folder in the CLI), and beside it the maps rendered from those tags. Entries are reused while a
 * file's mtime and size are unchanged; the whole cache is dropped when the queries or the extractor change.
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

/** A file's record in the cache: `[definitions, packed references]`, one JSON line, decoded on first use. */
type CachedRecord = [FileTags['definitions'], string];

/**
 * Tags read from the cache whose definitions and references are decoded on first use: a warm start whose map is
 * remembered (see SymbolTable.repoMap) reads only the file list, and a save writes untouched records back as they
 * were. A class, not per-object accessors: 5,000 objects with defined properties each cost more than the decoding saves.
 */
class CachedTags implements FileTags {
  readonly path: string;
  readonly language: FileTags['language'];
  readonly mtimeMs: number;
  readonly size: number;
  readonly skipped?: string;
  private record: CachedRecord | undefined;
  private unpacked: Record<string, number[]> | undefined;

  constructor(entry: CacheEntry, readonly line: string) {
    [this.path, this.language, this.mtimeMs, this.size] = entry;
    if (entry[4]) this.skipped = entry[4];
  }

  get definitions(): FileTags['definitions'] {
    return this.decoded()[0];
  }

  get references(): Record<string, number[]> {
    return (this.unpacked ??= unpackReferences(this.decoded()[1]));
  }

  get [packed](): string {
    return this.decoded()[1];
  }

  eachReferenceCount(visit: (key: string, count: number) => void): void {
    countPackedReferences(this.decoded()[1], visit);
  }

  private decoded(): CachedRecord {
    return (this.record ??= JSON.parse(this.line) as CachedRecord);
  }
}

function recordLine(tags: FileTags): string {
  return tags instanceof CachedTags ? tags.line : JSON.stringify([tags.definitions, packReferences(tags)] satisfies CachedRecord);
}

/** `[path, language, mtimeMs, size, skipped or 0]`: what a warm start compares with the disk. */
type CacheEntry = [string, FileTags['language'], number, number, string | 0];

interface CacheHeader {
  version: string;
  root: string;
  /** Names this content; remembered maps (the `.maps.json` file) say which generation they were made from. */
  generation: string;
}

/** What {@link IndexCache.load} finds: the tags, and the maps remembered for exactly them. */
export interface CachedIndex {
  tags: FileTags[];
  generation: string;
  maps: [string, string][];
}

/**
 * Reads and writes the tags of one workspace root. The file is line-delimited: a header, the file list, then one
 * record per file, so that loading parses the list and leaves each record undecoded until it is used (8 MB of JSON
 * parsed as one document cost a warm start of a 5,000-file tree tens of milliseconds and as many MB).
 */
export class IndexCache {
  readonly file: string;
  private readonly mapsFile: string;
  private readonly legacyFile: string;

  constructor(cacheDir: string, private readonly root: string) {
    const key = createHash('sha1').update(path.resolve(root)).digest('hex').slice(0, 16);
    this.file = path.join(cacheDir, `codebase-index-${key}.tags`);
    this.mapsFile = path.join(cacheDir, `codebase-index-${key}.maps.json`);
    this.legacyFile = path.join(cacheDir, `codebase-index-${key}.json`);
  }

  /** The cached tags, or undefined when there is no usable cache. */
  async load(): Promise<CachedIndex | undefined> {
    try {
      const lines = (await fs.readFile(this.file, 'utf8')).split('\n');
      const header = JSON.parse(lines[0]) as CacheHeader;
      if (header.version !== cacheVersion || header.root !== path.resolve(this.root)) return undefined;
      const entries = JSON.parse(lines[1]) as CacheEntry[];
      if (!Array.isArray(entries) || lines.length < entries.length + 2) return undefined;
      const tags = entries.map((entry, i) => new CachedTags(entry, lines[i + 2]));
      return { tags, generation: header.generation, maps: await this.loadMaps(header.generation) };
    } catch {
      return undefined;
    }
  }

  /** Writes atomically; returns the generation written, which the maps saved for these tags must name. */
  async save(files: readonly FileTags[]): Promise<string> {
    const generation = createHash('sha1').update(`${process.pid}:${Date.now()}:${Math.random()}`).digest('hex').slice(0, 16);
    const header: CacheHeader = { version: cacheVersion, root: path.resolve(this.root), generation };
    const entries = files.map((t): CacheEntry => [t.path, t.language, t.mtimeMs, t.size, t.skipped ?? 0]);
    await this.writeAtomically(this.file, [JSON.stringify(header), JSON.stringify(entries), ...files.map(recordLine)].join('\n'));
    // The maps of the previous generation no longer apply; the cache of the JSON format before this one is dropped.
    await Promise.all([fs.rm(this.mapsFile, { force: true }), fs.rm(this.legacyFile, { force: true })]);
    return generation;
  }

  /** Remembers rendered maps for the tags of `generation` (the one the last save or load returned). */
  async saveMaps(generation: string, maps: readonly [string, string][]): Promise<void> {
    await this.writeAtomically(this.mapsFile, JSON.stringify({ generation, maps }));
  }

  private async loadMaps(generation: string): Promise<[string, string][]> {
    try {
      const content = JSON.parse(await fs.readFile(this.mapsFile, 'utf8')) as { generation?: string; maps?: [string, string][] };
      return content.generation === generation && Array.isArray(content.maps) ? content.maps : [];
    } catch {
      return [];
    }
  }

  /** A temporary file, then a rename, so a crash leaves the old file or the new one. */
  private async writeAtomically(file: string, content: string): Promise<void> {
    await fs.mkdir(path.dirname(file), { recursive: true });
    const temp = `${file}.${process.pid}.${Date.now()}.tmp`;
    try {
      await fs.writeFile(temp, content);
      await fs.rename(temp, file);
    } catch (err) {
      await fs.rm(temp, { force: true });
      throw err;
    }
  }
}
