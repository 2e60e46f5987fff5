/**
 * Ranking over notes and past tasks: minisearch full text (BM25+, prefix and light fuzzy matching, titles
 * boosted), fused with embedding similarity when the user configured an embedding model (hybrid, by reciprocal
 * rank fusion). minisearch was measured against @orama/orama in bench/memory/engines.ts and was faster to
 * build, query and load, with a smaller saved index.
 */
import MiniSearch, { type SearchOptions } from 'minisearch';
import stem from 'wink-porter2-stemmer';
import { packIndex, packVector, unpackIndex, unpackVector, type PackedIndex } from './packedIndex';

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

/** The saved form of a MemorySearch (packed: see packedIndex.ts). */
export interface SavedSearch {
  packed: PackedIndex;
  /** Vectors by document id, base64 float32. */
  vectors?: Record<string, string>;
}

export interface SearchHit {
  id: string;
  kind: 'note' | 'task';
  score: number;
}

function kindOf(id: string): MemoryDoc['kind'] {
  return id.startsWith('task:') ? 'task' : 'note';
}

/** Words too common to say anything about relevance (without them, "the" would match every note). */
const stopWords = new Set(('a an and are as at be but by can do does for from has have how i if in into is it its last '
  + 'me my no not of on or our so that the their then there these this to was we were what when where which who why will with you your').split(' '));

/** Lower case, stop words dropped, English stems (so "migrations" finds "migration", "failing" finds "fails"). */
function processTerm(term: string): string | null {
  const lower = term.toLowerCase();
  if (lower.length < 2 || stopWords.has(lower)) return null;
  return /^[a-z]+$/.test(lower) ? stem(lower) : lower;
}

/** Nothing is stored in the index but the ids (`note:…`, `task:…` say the kind): a smaller index loads faster. */
const indexOptions = { fields: ['title', 'text'], storeFields: [] as string[], idField: 'id', processTerm };

/** Titles weigh 3x (a title says what the note is about); prefix matching for stems of 5+ letters, fuzzy (about one edit in six) for 7+, so short words stay exact and fast. */
const searchOptions: SearchOptions = {
  boost: { title: 3 },
  prefix: (term) => term.length >= 5,
  fuzzy: (term) => (term.length >= 7 ? 0.15 : false),
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
  static fromJSON(saved: SavedSearch): MemorySearch {
    const search = new MemorySearch(unpackIndex<MemoryDoc>(saved.packed, indexOptions));
    for (const [id, vector] of Object.entries(saved.vectors ?? {})) search.vectors.set(id, unpackVector(vector));
    return search;
  }

  /** A plain object for JSON (one parse on load, not a JSON string inside JSON). */
  toJSON(): SavedSearch {
    return { packed: packIndex(this.mini), vectors: Object.fromEntries([...this.vectors].map(([id, v]) => [id, packVector(v)])) };
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

  /** Drops every vector (they came from another embedding model). */
  clearVectors(): void {
    this.vectors.clear();
  }

  hasVector(id: string): boolean {
    return this.vectors.has(id);
  }

  /** The best `limit` hits; with a query vector, full-text and vector ranks are fused (RRF). */
  search(query: string, options: { limit: number; kinds?: readonly ('note' | 'task')[]; queryVector?: number[] }): SearchHit[] {
    const kinds = options.kinds;
    const filter = kinds ? (id: string): boolean => kinds.includes(kindOf(id)) : undefined;
    const text = this.mini.search(query, { ...searchOptions, ...(filter ? { filter: (r) => filter(String(r.id)) } : {}) }).slice(0, Math.max(50, options.limit))
      .map((r) => ({ id: String(r.id), kind: kindOf(String(r.id)), score: r.score }));
    if (!options.queryVector || this.vectors.size === 0) return text.slice(0, options.limit);
    return this.fuse(text, this.nearest(options.queryVector, 50, filter), options.limit);
  }

  private nearest(query: number[], count: number, filter?: (id: string) => boolean): SearchHit[] {
    const scored: SearchHit[] = [];
    for (const [id, vector] of this.vectors) {
      if (!this.mini.has(id) || (filter && !filter(id))) continue;
      scored.push({ id, kind: kindOf(id), score: cosine(query, vector) });
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
