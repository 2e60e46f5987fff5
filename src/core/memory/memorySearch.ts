/**
 * Ranking over notes and past tasks: minisearch full text (BM25+, prefix and light fuzzy matching, titles
 * boosted), fused with embedding similarity when the user configured an embedding model (hybrid, by reciprocal
 * rank fusion). minisearch was measured against @orama/orama in bench/memory/engines.ts and was faster to
 * build, query and load, with a smaller saved index.
 */
import MiniSearch, { type SearchOptions } from 'minisearch';

/** One searchable document: a note (`note:<scope>/<id>`) or a past task (`task:<taskId>`). */
export interface MemoryDoc {
  id: string;
  kind: 'note' | 'task';
  title: string;
  text: string;
}

/** Turns texts into vectors (the endpoint's /v1/embeddings); absent means full text only. */
export interface Embedder {
  readonly model: string;
  embed(texts: string[], signal?: AbortSignal): Promise<number[][]>;
}

export interface SearchHit {
  id: string;
  kind: 'note' | 'task';
  title: string;
  score: number;
}

/** Words too common to say anything about relevance (without them, "the" would match every note). */
const stopWords = new Set(('a an and are as at be but by can do does for from has have how i if in into is it its last '
  + 'me my no not of on or our so that the their then there these this to was we were what when where which who why will with you your').split(' '));

function processTerm(term: string): string | null {
  const lower = term.toLowerCase();
  return lower.length < 2 || stopWords.has(lower) ? null : lower;
}

const indexOptions = { fields: ['title', 'text'], storeFields: ['kind', 'title'], idField: 'id', processTerm };

/** Prefix matching for words of 4+ letters, fuzzy (one edit in five) for 6+, so short words stay exact and fast. */
const searchOptions: SearchOptions = {
  boost: { title: 2 },
  prefix: (term) => term.length >= 4,
  fuzzy: (term) => (term.length >= 6 ? 0.2 : false),
  combineWith: 'OR',
};

const rrfK = 60;

export class MemorySearch {
  private readonly vectors = new Map<string, number[]>();

  private constructor(private readonly mini: MiniSearch<MemoryDoc>) {}

  static empty(): MemorySearch {
    return new MemorySearch(new MiniSearch<MemoryDoc>(indexOptions));
  }

  /** Restores a saved index (`toJSON`); vectors come back with it. */
  static fromJSON(saved: { text: string; vectors?: Record<string, number[]> }): MemorySearch {
    const search = new MemorySearch(MiniSearch.loadJSON<MemoryDoc>(saved.text, indexOptions));
    for (const [id, vector] of Object.entries(saved.vectors ?? {})) search.vectors.set(id, vector);
    return search;
  }

  toJSON(): { text: string; vectors: Record<string, number[]> } {
    return { text: JSON.stringify(this.mini), vectors: Object.fromEntries(this.vectors) };
  }

  get size(): number {
    return this.mini.documentCount;
  }

  has(id: string): boolean {
    return this.mini.has(id);
  }

  /** Adds or replaces a document (and its vector, when given). */
  put(doc: MemoryDoc, vector?: number[]): void {
    if (this.mini.has(doc.id)) this.mini.replace(doc);
    else this.mini.add(doc);
    if (vector) this.vectors.set(doc.id, vector);
    else this.vectors.delete(doc.id);
  }

  remove(id: string): void {
    if (this.mini.has(id)) this.mini.discard(id);
    this.vectors.delete(id);
  }

  hasVector(id: string): boolean {
    return this.vectors.has(id);
  }

  /** The best `limit` hits; with a query vector, full-text and vector ranks are fused (RRF). */
  search(query: string, options: { limit: number; kinds?: readonly ('note' | 'task')[]; queryVector?: number[] }): SearchHit[] {
    const kinds = options.kinds;
    const filter = kinds ? (r: { kind?: unknown; [key: string]: unknown }): boolean => kinds.includes(r.kind as MemoryDoc['kind']) : undefined;
    const text = this.mini.search(query, { ...searchOptions, ...(filter ? { filter } : {}) }).slice(0, Math.max(50, options.limit))
      .map((r) => ({ id: String(r.id), kind: r.kind as 'note' | 'task', title: String(r.title), score: r.score }));
    if (!options.queryVector || this.vectors.size === 0) return text.slice(0, options.limit);
    return this.fuse(text, this.nearest(options.queryVector, 50, filter), options.limit);
  }

  private nearest(query: number[], count: number, filter?: (r: { kind?: unknown; [key: string]: unknown }) => boolean): SearchHit[] {
    const scored: SearchHit[] = [];
    for (const [id, vector] of this.vectors) {
      const stored = this.mini.getStoredFields(id) as { kind?: unknown; title?: unknown } | undefined;
      if (!stored || (filter && !filter(stored))) continue;
      scored.push({ id, kind: stored.kind as 'note', title: String(stored.title), score: cosine(query, vector) });
    }
    return scored.sort((a, b) => b.score - a.score).slice(0, count);
  }

  private fuse(text: SearchHit[], vector: SearchHit[], limit: number): SearchHit[] {
    const fused = new Map<string, SearchHit>();
    for (const list of [text, vector]) {
      list.forEach((hit, rank) => {
        const known = fused.get(hit.id);
        fused.set(hit.id, { ...hit, score: (known?.score ?? 0) + 1 / (rrfK + rank + 1) });
      });
    }
    return [...fused.values()].sort((a, b) => b.score - a.score).slice(0, limit);
  }
}

function cosine(a: readonly number[], b: readonly number[]): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    dot += a[i] * b[i];
    na += a[i] * a[i];
    nb += b[i] * b[i];
  }
  return na && nb ? dot / Math.sqrt(na * nb) : 0;
}
