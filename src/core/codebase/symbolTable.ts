/**
 * The in-memory tags of a workspace and everything computed from them: definition and reference lookups and the
 * ranked repo map. Host-free; the host keeps it filled (from its cache and its parser) and up to date.
 */
import { buildReferenceGraph, type ReferenceGraph } from './referenceGraph';
import { fitMap, type TokenCounter } from './mapRenderer';
import { rankDefinitions } from './rankDefinitions';
import { isTestPath } from './testPaths';
import { memberPrefix, type Definition, type FileTags, type ReferenceLocation, type RepoMapOptions, type SymbolLocation } from './types';

/** Teleport weights: a focused file or symbol counts more than a file that is merely open or edited. */
const focusBoost = 10;
const fileBoost = 1;
const maxLocations = 200;
/** Maps remembered per table state; each is at most a few tens of KB. */
const maxMemoizedMaps = 16;

/** Tags of every indexed file, keyed by workspace-relative path. */
export class SymbolTable {
  private readonly files = new Map<string, FileTags>();
  private graph: { files: FileTags[]; graph: ReferenceGraph } | undefined;
  /** Files sorted by path and definitions by name, rebuilt after a change on first use. */
  private lookup: { byName: Map<string, { file: FileTags; def: Definition }[]> } | undefined;
  /** Apart from `lookup`: an unfocused map needs the order but not the names (on effect's sources, 70 ms). */
  private sorted: FileTags[] | undefined;
  /**
   * Rendered maps of the current tags by options: a map depends on nothing else, so until a file changes the same
   * question has the same answer. The host persists them beside the tags, and a warm start that finds nothing
   * changed prints its map without building the graph, ranking, or even decoding the tags.
   */
  private readonly maps = new Map<string, string>();
  private changes = 0;

  get size(): number {
    return this.files.size;
  }

  get(path: string): FileTags | undefined {
    return this.files.get(path);
  }

  paths(): string[] {
    return [...this.files.keys()];
  }

  all(): FileTags[] {
    return [...this.files.values()];
  }

  /** Counts the changes to the tags: equal counts mean equal tags (the host compares it with the one it saved). */
  get revision(): number {
    return this.changes;
  }

  set(tags: FileTags): void {
    this.files.set(tags.path, tags);
    this.invalidate();
  }

  delete(path: string): boolean {
    this.invalidate();
    return this.files.delete(path);
  }

  /** The maps rendered from the current tags (see `maps`), keyed by their options. */
  memoizedMaps(): [string, string][] {
    return [...this.maps];
  }

  /** Maps the host kept for exactly these tags (it checks that the tags are the ones they were made from). */
  restoreMaps(entries: readonly [string, string][]): void {
    for (const [key, map] of entries.slice(-maxMemoizedMaps)) this.maps.set(key, map);
  }

  private invalidate(): void {
    this.graph = undefined;
    this.lookup = undefined;
    this.sorted = undefined;
    this.maps.clear();
    this.changes++;
  }

  /** Definition sites of `name` (or of `Outer.name`), sorted by path and line. */
  findSymbol(name: string): SymbolLocation[] {
    const [outer, inner] = splitQualified(name);
    const found: SymbolLocation[] = [];
    for (const { file, def } of this.currentLookup().byName.get(inner) ?? []) {
      if (outer && !file.definitions.some((o) => o.name === outer && encloses(o, def))) continue;
      found.push({ path: file.path, line: def.line, endLine: def.endLine, kind: def.kind, name: def.name, signature: def.signature });
      if (found.length >= maxLocations) break;
    }
    return found;
  }

  /** Reference sites of `name`, without the lines that define it, sorted by path and line. */
  findReferences(name: string): ReferenceLocation[] {
    const [, inner] = splitQualified(name);
    const found: ReferenceLocation[] = [];
    for (const file of this.sortedFiles()) {
      const lines = usesOf(file, inner);
      if (lines.length === 0) continue;
      const defining = new Set(file.definitions.filter((d) => d.name === inner).map((d) => d.line));
      for (const line of new Set(lines.sort((a, b) => a - b))) {
        if (defining.has(line)) continue;
        found.push({ path: file.path, line });
        if (found.length >= maxLocations) return found;
      }
    }
    return found;
  }

  /**
   * The ranked map within `options.tokens` (see RepoMapOptions); empty when nothing is indexed. Remembered while
   * the tags stay the same, unless a host's own token counter measures it (the memo assumes the default estimate).
   */
  repoMap(options: RepoMapOptions, count?: TokenCounter): string {
    if (count) return this.renderRepoMap(options, count);
    const key = mapKey(options);
    let map = this.maps.get(key);
    if (map === undefined) {
      map = this.renderRepoMap(options);
      this.maps.delete(key);
      this.maps.set(key, map);
      if (this.maps.size > maxMemoizedMaps) this.maps.delete(this.maps.keys().next().value!);
    }
    return map;
  }

  private renderRepoMap(options: RepoMapOptions, count?: TokenCounter): string {
    const { files, graph } = this.currentGraph();
    const mentioned = new Set(options.mentioned ?? []);
    const boosts = new Map<number, number>();
    const indexOf = new Map(files.map((f, i) => [f.path, i]));
    const boost = (path: string, weight: number): void => {
      const index = indexOf.get(path);
      if (index !== undefined) boosts.set(index, (boosts.get(index) ?? 0) + weight);
    };
    for (const path of options.boostFiles ?? []) boost(path, fileBoost);
    for (const name of mentioned) for (const site of this.findSymbol(name)) boost(site.path, fileBoost);
    const focus = this.resolveFocus(options.focus);
    for (const path of focus.files) boost(path, focusBoost);
    if (focus.symbol) mentioned.add(focus.symbol);
    const demoteTests = !options.aboutTests && !(focus.file && isTestPath(focus.file));
    const ranked = rankDefinitions({ graph, tags: files, mentioned, personalization: boosts, pinnedRank: focus.pinnedRank, demoteTests });
    return fitMap(ranked, this.files, { tokens: options.tokens, count });
  }

  /** Whether a focus names an indexed file or a defined symbol (otherwise the map would not be centred at all). */
  isKnownFocus(focus: string): boolean {
    return this.focusFile(focus) !== undefined || this.findSymbol(focus).length > 0;
  }

  private focusFile(focus: string): string | undefined {
    const asPath = focus.replace(/\\/g, '/').replace(/^\.\//, '');
    return this.files.has(asPath) ? asPath : this.paths().find((p) => p.endsWith(`/${asPath}`));
  }

  /**
   * What a focus means: a file (its top-level definitions first) or a symbol (its definitions first). Either
   * way the definitions that enclose a use of it come next, and the files on both sides get the teleport boost.
   */
  private resolveFocus(focus: string | undefined): { files: string[]; file?: string; symbol?: string; pinnedRank?: (path: string, def: Definition) => number } {
    if (!focus) return { files: [] };
    const file = this.focusFile(focus);
    const [, inner] = splitQualified(focus);
    const focused = new Set<Definition>();
    if (file) {
      for (const def of this.files.get(file)?.definitions ?? []) if (!this.isNested(file, def)) focused.add(def);
    } else {
      const sites = new Set(this.findSymbol(focus).map((s) => `${s.path}:${s.line}`));
      for (const tags of this.files.values()) for (const def of tags.definitions) if (sites.has(`${tags.path}:${def.line}`)) focused.add(def);
    }
    const names = new Set([...focused].map((d) => d.name));
    const users = this.enclosingUses(names, file);
    const files = [...new Set([...(file ? [file] : []), ...this.findSymbol(focus).map((s) => s.path), ...users.keys()])];
    const pinnedRank = (path: string, def: Definition): number => (focused.has(def) ? 1e6 : users.get(path)?.has(def) ? 1e3 : 0);
    return { files, file, symbol: file ? undefined : inner, pinnedRank };
  }

  /** Per file (other than `except`), the innermost definitions that contain a use of one of `names`. */
  private enclosingUses(names: ReadonlySet<string>, except: string | undefined): Map<string, Set<Definition>> {
    const found = new Map<string, Set<Definition>>();
    for (const tags of this.files.values()) {
      if (tags.path === except) continue;
      for (const name of names) {
        const lines = usesOf(tags, name);
        if (lines.length === 0) continue;
        const set = found.get(tags.path) ?? new Set<Definition>();
        for (const line of lines) {
          const inner = innermostAt(tags.definitions, line);
          if (inner && inner.name !== name) set.add(inner);
        }
        found.set(tags.path, set);
      }
    }
    return found;
  }

  private isNested(path: string, def: Definition): boolean {
    return this.files.get(path)?.definitions.some((o) => o !== def && encloses(o, def)) ?? false;
  }

  private currentGraph(): { files: FileTags[]; graph: ReferenceGraph } {
    if (!this.graph) {
      const files = this.sortedFiles();
      this.graph = { files, graph: buildReferenceGraph(files) };
    }
    return this.graph;
  }

  private sortedFiles(): FileTags[] {
    this.sorted ??= [...this.files.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    return this.sorted;
  }

  private currentLookup(): NonNullable<SymbolTable['lookup']> {
    if (!this.lookup) {
      const byName = new Map<string, { file: FileTags; def: Definition }[]>();
      for (const file of this.sortedFiles()) {
        for (const def of file.definitions) {
          const list = byName.get(def.name);
          if (list) list.push({ file, def });
          else byName.set(def.name, [{ file, def }]);
        }
      }
      this.lookup = { byName };
    }
    return this.lookup;
  }
}

/** The options that decide a map, in a canonical order (mentions and boosted files are sets). */
function mapKey(options: RepoMapOptions): string {
  const sorted = (list: readonly string[] | undefined): string[] => [...new Set(list ?? [])].sort();
  return JSON.stringify([options.tokens, options.focus ?? null, sorted(options.mentioned), sorted(options.boostFiles), options.aboutTests === true]);
}

/** Lines using `name`, bare or as a member (`x.name`). */
function usesOf(tags: FileTags, name: string): number[] {
  const own = (key: string): number[] => (Object.hasOwn(tags.references, key) ? tags.references[key] : []);
  return [...own(name), ...own(`${memberPrefix}${name}`)];
}

function innermostAt(definitions: readonly Definition[], line: number): Definition | undefined {
  let best: Definition | undefined;
  for (const def of definitions) {
    if (def.line <= line && def.endLine >= line && (!best || def.endLine - def.line < best.endLine - best.line)) best = def;
  }
  return best;
}

function encloses(outer: Definition, inner: Definition): boolean {
  return outer.line <= inner.line && outer.endLine >= inner.endLine && (outer.line < inner.line || outer.endLine > inner.endLine);
}

function splitQualified(name: string): [string | undefined, string] {
  const parts = name.split(/\.|::|#/).filter(Boolean);
  if (parts.length < 2) return [undefined, name];
  return [parts[parts.length - 2], parts[parts.length - 1]];
}
