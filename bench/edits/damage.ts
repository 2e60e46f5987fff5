/** The kinds of damage models typically do to a search block, applied reproducibly with a seeded generator. */
import { indentOf } from '../../src/core/edits/textLines';

/** A search/replace pair as a model would send it; undefined when the damage does not apply to this case. */
export interface Damaged {
  search: string;
  replace: string;
}

/** A tiny deterministic generator (mulberry32). */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Damage = (search: string[], replace: string[], random: () => number, indentWidth: number) => Damaged | undefined;
/** Blocks end with a newline, as models write them, so that a last blank line survives. */
export const join = (lines: string[], eol = '\n'): string => (lines.length ? lines.join(eol) + eol : '');

function commonIndent(lines: string[]): string {
  const indents = lines.filter((l) => l.trim() !== '').map(indentOf);
  if (indents.length === 0) return '';
  return indents.reduce((a, b) => {
    let i = 0;
    while (i < a.length && i < b.length && a[i] === b[i]) i++;
    return a.slice(0, i);
  });
}

const shift: Damage = (search, replace) => {
  const common = commonIndent([...search, ...replace]);
  const move = (l: string): string => (l.trim() === '' ? l : common ? l.slice(common.length) : `    ${l}`);
  return { search: join(search.map(move)), replace: join(replace.map(move)) };
};

/** One tab per indentation level of the file, as a model that prefers tabs writes it. */
const tabs: Damage = (search, replace, _random, width) => {
  if (!search.some((l) => /^ {2,}\S/.test(l))) return undefined;
  const toTabs = (l: string): string => l.replace(/^ +/, (s) => '\t'.repeat(Math.floor(s.length / width)) + ' '.repeat(s.length % width));
  return { search: join(search.map(toTabs)), replace: join(replace.map(toTabs)) };
};

const elide: Damage = (search, replace) => {
  if (search.length < 8) return undefined;
  return { search: join([...search.slice(0, 3), '...', ...search.slice(-3)]), replace: join(replace) };
};

const wrongChar: Damage = (search, replace, random) => {
  const lines = search.map((l, i) => [l, i] as const).filter(([l]) => /[A-Za-z0-9]/.test(l));
  if (lines.length === 0) return undefined;
  const [line, index] = lines[Math.floor(random() * lines.length)];
  const spots = [...line].map((c, i) => [c, i] as const).filter(([c]) => /[A-Za-z0-9]/.test(c));
  const [ch, at] = spots[Math.floor(random() * spots.length)];
  const pool = /[0-9]/.test(ch) ? '0123456789' : 'abcdefghijklmnopqrstuvwxyz';
  let other = ch;
  while (other.toLowerCase() === ch.toLowerCase()) other = pool[Math.floor(random() * pool.length)];
  const damaged = [...search];
  damaged[index] = line.slice(0, at) + other + line.slice(at + 1);
  return { search: join(damaged), replace: join(replace) };
};

/** A line of the search left out (not elided): the engine should refuse, never guess. */
const dropLine: Damage = (search, replace, random) => {
  const inner = search.map((l, i) => [l, i] as const).slice(1, -1).filter(([l]) => l.trim() !== '');
  if (inner.length === 0) return undefined;
  const [, index] = inner[Math.floor(random() * inner.length)];
  return { search: join(search.filter((_, i) => i !== index)), replace: join(replace) };
};

/** Every kind of damage the benchmark measures, by name. */
export const damages: ReadonlyArray<readonly [string, Damage]> = [
  ['none', (s, r) => ({ search: join(s), replace: join(r) })],
  ['indent shift', shift],
  ['tabs for spaces', tabs],
  ['CRLF', (s, r) => ({ search: join(s, '\r\n'), replace: join(r) })],
  ['trailing spaces', (s, r) => ({ search: join(s.map((l) => `${l}  `)), replace: join(r) })],
  ['elided middle', elide],
  ['one wrong char', wrongChar],
  ['dropped line (refusal expected)', dropLine],
];
