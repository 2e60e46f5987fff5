/**
 * The data the codebase index keeps per file, and the interfaces between the host-free engine (ranking, maps,
 * lookups) and the host that parses files with tree-sitter (in Node worker threads).
 */
import type { FileChange } from '../host';
import type { LanguageId } from './languages';

/** What a definition declares. */
export type SymbolKind =
  | 'class' | 'function' | 'method' | 'interface' | 'type' | 'enum' | 'module' | 'constant' | 'variable' | 'field' | 'macro';

/** One definition in a file. Lines are 1-based; `signature` is its first source line(s) with indentation kept. */
export interface Definition {
  name: string;
  kind: SymbolKind;
  line: number;
  endLine: number;
  signature: string;
}

/**
 * Key prefix of member uses (`obj.name()`) in `FileTags.references`. They are weaker evidence than a bare
 * `name()`: `list.push()` says nothing about which `push` is meant.
 */
export const memberPrefix = '.';

/**
 * The tags of one file, keyed in the cache by path, mtime and size. `references` maps a name (or
 * `memberPrefix` + name for a member use) to the lines using it.
 */
export interface FileTags {
  /** Workspace-relative, with forward slashes. */
  path: string;
  language: LanguageId;
  mtimeMs: number;
  size: number;
  definitions: Definition[];
  references: Record<string, number[]>;
  /**
   * Visits each reference key with its number of uses, when the tags can say so without building `references`
   * (the cache keeps them packed; the graph needs only the counts, and a warm start then unpacks nothing).
   */
  eachReferenceCount?: (visit: (key: string, count: number) => void) => void;
  /** Why the file was not parsed (binary, huge, generated, unreadable, parse error); its tags are then empty. */
  skipped?: string;
}

/** One file the host is asked to parse. */
export interface ParseRequest {
  path: string;
  absPath: string;
  language: LanguageId;
  mtimeMs: number;
  size: number;
  /**
   * Higher is parsed first (default 0): a first index parses the files the goals name before the rest, so that a
   * partial map already shows them. Within one priority the parser picks its own order.
   */
  priority?: number;
}

/** Parses files into tags. The Node host runs tree-sitter in worker threads behind this. */
export interface TagParser {
  /** Parses every request; `onParsed` is told after each batch how many are done and that batch's tags. */
  parse(requests: readonly ParseRequest[], onParsed?: (done: number, batch: readonly FileTags[]) => void): Promise<FileTags[]>;
  /**
   * Gets ready for the next edit: starts a worker and parses these sample files a few times (results dropped),
   * so that grammars are loaded and the WebAssembly is compiled by the optimising tier before it matters.
   */
  warmUp?(samples: readonly ParseRequest[]): Promise<void>;
  /** Starts the parser's threads ahead of a large parse (a first index), so that they boot while files are listed. */
  prepare?(): void;
  dispose(): Promise<void>;
}

/** Progress of a (re)index, for a window progress (VS Code) or a progress line (CLI). */
export interface IndexProgress {
  phase: 'scanning' | 'parsing' | 'done';
  done: number;
  total: number;
}

/** The outcome of a refresh. */
export interface IndexStats {
  files: number;
  parsed: number;
  reused: number;
  removed: number;
  skipped: number;
  durationMs: number;
}

/** Options of a repo map. */
export interface RepoMapOptions {
  /** The token budget; the map never exceeds it. */
  tokens: number;
  /** A file (workspace-relative) or a symbol name the map centres on. */
  focus?: string;
  /** Identifiers the goal or conversation mentions; references to them weigh more. */
  mentioned?: readonly string[];
  /** Files (workspace-relative) that are open, edited or mentioned; they and their neighbours rank higher. */
  boostFiles?: readonly string[];
  /** The goal is about tests: tests, fixtures and test helpers rank like other code instead of below it. */
  aboutTests?: boolean;
}

/** A definition site. */
export interface SymbolLocation {
  path: string;
  line: number;
  endLine: number;
  kind: SymbolKind;
  name: string;
  signature: string;
}

/** A reference site. */
export interface ReferenceLocation {
  path: string;
  line: number;
}

/** The codebase index the agent, the chat and the tools use. Every method waits for the first index to finish. */
export interface CodebaseIndex {
  /** Brings the index up to date with the files on disk (cheap when nothing changed). */
  refresh(): Promise<IndexStats>;
  /** Applies file-change events (from a watcher or from the agent's own edits). */
  update(changes: readonly FileChange[]): Promise<void>;
  /** A ranked map of the repository as signatures, within `options.tokens`. */
  repoMap(options: RepoMapOptions): Promise<string>;
  findSymbol(name: string): Promise<SymbolLocation[]>;
  findReferences(name: string): Promise<ReferenceLocation[]>;
}
