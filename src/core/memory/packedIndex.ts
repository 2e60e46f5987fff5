/**
 * The saved form of the full-text index, packed for a fast load. minisearch's own form keeps each posting list
 * as an object keyed by document number, which costs a JSON parse of every key and a string-to-number
 * conversion on load; at 10,000 notes that was about half the load time. Here each term's postings are two
 * number arrays (documents, frequencies), and vectors are float32 in base64 instead of JSON numbers (about a
 * quarter of the size; the platform's byte order, little-endian wherever the extension runs).
 */
import MiniSearch, { type AsPlainObject, type Options } from 'minisearch';

/** The packed index: minisearch's plain form without its `index`, plus the postings as arrays. */
export interface PackedIndex {
  meta: Omit<AsPlainObject, 'index'>;
  /** Per term: the term, then for each field: field id, document numbers, frequencies. */
  postings: (string | number | number[])[][];
}

/** The part of minisearch's private state a packed load fills (checked by the round-trip test). */
interface MiniSearchInternals {
  _index: { set(term: string, data: Map<number, Map<number, number>>): void };
}

/** Packs an index from minisearch's public plain form. */
export function packIndex<T>(mini: MiniSearch<T>): PackedIndex {
  const { index, ...meta } = mini.toJSON();
  const postings = index.map(([term, data]) => {
    const row: (string | number | number[])[] = [term];
    for (const [fieldId, freqs] of Object.entries(data)) row.push(Number(fieldId), Object.keys(freqs).map(Number), Object.values(freqs));
    return row;
  });
  return { meta, postings };
}

/** Restores a packed index: minisearch loads the document tables, the postings go straight into its term map. */
export function unpackIndex<T>(packed: PackedIndex, options: Options<T>): MiniSearch<T> {
  const mini = MiniSearch.loadJS<T>({ ...packed.meta, index: [] }, options);
  const terms = (mini as unknown as MiniSearchInternals)._index;
  for (const row of packed.postings) {
    const fields = new Map<number, Map<number, number>>();
    for (let i = 1; i + 2 < row.length; i += 3) {
      const docs = row[i + 1] as number[];
      const freqs = row[i + 2] as number[];
      const postings = new Map<number, number>();
      for (let j = 0; j < docs.length; j++) postings.set(docs[j], freqs[j]);
      fields.set(row[i] as number, postings);
    }
    terms.set(row[0] as string, fields);
  }
  return mini;
}

/** A vector as base64 of float32. */
export function packVector(vector: readonly number[]): string {
  const bytes = new Uint8Array(new Float32Array(vector).buffer);
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** The vector `packVector` saved (float32 precision). */
export function unpackVector(text: string): number[] {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return Array.from(new Float32Array(bytes.buffer, 0, Math.floor(bytes.length / 4)));
}
