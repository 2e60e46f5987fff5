/**
 * Turns one source file into tags with the project's tags queries (src/core/codebase/queries). Runs inside the
 * index worker threads; also usable directly (tests, the single-file path).
 */
import { Query, type Language, type Node, type Parser, type QueryMatch } from 'web-tree-sitter';
import { tagsQueries, type LanguageId } from '../../core/codebase/languages';
import { memberPrefix, type Definition, type FileTags, type ParseRequest, type SymbolKind } from '../../core/codebase/types';
import { createParser, type GrammarLocation } from '../grammars';
import { skipReason } from './fileFilters';
import { prepareSource } from './sourcePrep';

const utf8 = new TextDecoder();
const maxSignatureLines = 4;
const maxSignatureChars = 200;

/** A language's tags query, compiled as two (see compileTagsQueries). */
export interface TagsQueries {
  /** The query's patterns without `@top`, run over the whole tree. */
  query: Query;
  /** Its `@top` patterns, run over the top levels only (see topLevelDepth); absent when it has none. */
  topQuery?: Query;
}

interface LanguageTools extends TagsQueries {
  parser: Parser;
}

/**
 * How deep a match of a `@top` pattern can start: a node that `isAtTopLevel` accepts sits at depth 1 (under the
 * root) or 2 (under an export there), and `@top` is on its pattern's root. Searching only that deep spares the
 * query walk from matching every local `const` of every function body, only for the extractor to drop it.
 */
const topLevelDepth = 2;

/** Extracts definitions and references; one instance per thread, parsers and queries cached per language. */
export class TagExtractor {
  private readonly tools = new Map<LanguageId, Promise<LanguageTools>>();

  constructor(private readonly location?: GrammarLocation) {}

  /** Tags of one file from its bytes; never throws (a failure becomes `skipped`). */
  async extract(request: ParseRequest, bytes: Uint8Array): Promise<FileTags> {
    const empty: FileTags = { path: request.path, language: request.language, mtimeMs: request.mtimeMs, size: request.size, definitions: [], references: {} };
    const skipped = skipReason(request.path, bytes);
    if (skipped) return { ...empty, skipped };
    try {
      const source = utf8.decode(bytes);
      const { definitions, references } = await this.extractSource(request.language, source);
      return { ...empty, definitions, references };
    } catch (err) {
      return { ...empty, skipped: `parse error: ${(err as Error).message}` };
    }
  }

  /** Definitions and references of a source text. */
  async extractSource(language: LanguageId, source: string): Promise<Pick<FileTags, 'definitions' | 'references'>> {
    const tools = await this.toolsFor(language);
    const tree = tools.parser.parse(prepareSource(language, source));
    if (!tree) throw new Error('tree-sitter returned no tree');
    try {
      const lines = new SourceLines(source);
      const definitions: Definition[] = [];
      const references: Record<string, number[]> = Object.create(null) as Record<string, number[]>;
      for (const match of tagsMatches(tools, tree.rootNode)) collectMatch(match.captures, lines, definitions, references);
      definitions.sort((a, b) => a.line - b.line || b.endLine - a.endLine);
      return { definitions: dedupe(definitions), references };
    } finally {
      tree.delete();
    }
  }

  private toolsFor(language: LanguageId): Promise<LanguageTools> {
    let tools = this.tools.get(language);
    if (!tools) {
      tools = createParser(language, this.location).then((parser) => ({ parser, ...compileTagsQueries(parser.language!, tagsQueries[language]) }));
      this.tools.set(language, tools);
    }
    return tools;
  }
}

/**
 * The tags query as two: the `@top` patterns disabled in the whole query, and compiled again on their own. Built
 * from their source text rather than as a second whole query with the rest disabled: compiling a query analyses
 * every pattern against the grammar, which for TypeScript took ~30 ms more per worker, at the start of the index.
 */
export function compileTagsQueries(language: Language, source: string): TagsQueries {
  const query = new Query(language, source);
  const topSources: string[] = [];
  for (let i = 0; i < query.patternCount(); i++) {
    const pattern = source.slice(query.startIndexForPattern(i), query.endIndexForPattern(i));
    if (!/@top\b/.test(pattern)) continue;
    query.disablePattern(i);
    topSources.push(pattern);
  }
  return topSources.length > 0 ? { query, topQuery: new Query(language, topSources.join('\n')) } : { query };
}

/** Every match of the tags queries in a tree: the main query's over the whole tree, then the `@top` ones near its root. */
export function tagsMatches({ query, topQuery }: TagsQueries, root: Node): QueryMatch[] {
  const matches = query.matches(root);
  // Appended rather than concatenated: the main query's array can hold tens of thousands of matches, these a few.
  for (const match of topQuery?.matches(root, { maxStartDepth: topLevelDepth }) ?? []) matches.push(match);
  return matches;
}

/**
 * What `@top` in a tags query means, for every language: the node sits directly under the file's root node, or
 * under a JS/TS `export` there.
 */
function isAtTopLevel(node: Node): boolean {
  let parent = node.parent;
  if (parent?.type === 'export_statement') parent = parent.parent;
  return parent !== null && parent.parent === null;
}

function collectMatch(
  captures: readonly { name: string; node: Node }[],
  lines: SourceLines,
  definitions: Definition[],
  references: Record<string, number[]>,
): void {
  let nameNode: Node | undefined;
  let defNode: Node | undefined;
  let kind: string | undefined;
  let topNode: Node | undefined;
  for (const capture of captures) {
    const name = capture.name;
    if (name.startsWith('name.reference.')) {
      const text = name === 'name.reference.member' ? `${memberPrefix}${capture.node.text}` : capture.node.text;
      (references[text] ??= []).push(capture.node.startPosition.row + 1);
    } else if (name.startsWith('name.definition.')) {
      nameNode = capture.node;
      kind = name.slice('name.definition.'.length);
    } else if (name.startsWith('definition.')) {
      defNode = capture.node;
      kind ??= name.slice('definition.'.length);
    } else if (name === 'top') {
      topNode = capture.node;
    }
  }
  if (!nameNode || !kind || (topNode && !isAtTopLevel(topNode))) return;
  const outer = defNode ?? nameNode;
  const name = nameNode.text.replace(/^['"`]|['"`]$/g, '');
  const line = declarationRow(lines, outer.startPosition.row, nameNode.startPosition.row) + 1;
  const maxLines = kind === 'function' || kind === 'method' || kind === 'class' ? maxSignatureLines : 1;
  definitions.push({ name, kind: kind as SymbolKind, line, endLine: outer.endPosition.row + 1, signature: signatureAt(lines, line - 1, maxLines) });
}

/** The first row of a definition after its annotations and attributes (`@Override`, `[Serializable]`). */
function declarationRow(lines: SourceLines, startRow: number, nameRow: number): number {
  let row = startRow;
  while (row < nameRow && /^\s*(@|\[)/.test(lines.at(row))) row++;
  return row;
}

/** The definition's first line; for functions and classes continued while a parenthesis is open (long parameter lists). */
function signatureAt(lines: SourceLines, row: number, maxLines: number): string {
  const taken: string[] = [];
  let depth = 0;
  for (let i = row; i < lines.count && taken.length < maxLines; i++) {
    const text = lines.at(i).replace(/\s+$/, '');
    taken.push(text.length > maxSignatureChars ? `${text.slice(0, maxSignatureChars)}…` : text);
    for (const ch of text) {
      if (ch === '(' || ch === '[') depth++;
      else if (ch === ')' || ch === ']') depth--;
    }
    if (depth <= 0) break;
  }
  return taken.join('\n');
}

/**
 * The lines of a source, found on demand: only the few rows that definitions start on are ever read, so
 * splitting the whole file into strings was wasted work (and garbage).
 */
class SourceLines {
  private readonly starts: number[] = [0];

  constructor(private readonly source: string) {
    for (let i = source.indexOf('\n'); i >= 0; i = source.indexOf('\n', i + 1)) this.starts.push(i + 1);
  }

  get count(): number {
    return this.starts.length;
  }

  /** The text of a row without its line break; empty past the end. */
  at(row: number): string {
    if (row < 0 || row >= this.starts.length) return '';
    const end = row + 1 < this.starts.length ? this.starts[row + 1] - 1 : this.source.length;
    return this.source.slice(this.starts[row], end);
  }
}

function dedupe(definitions: Definition[]): Definition[] {
  const seen = new Set<string>();
  return definitions.filter((d) => {
    const key = `${d.name}:${d.line}:${d.endLine}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
