/** The kinds of damage models typically do to a search block, applied reproducibly with a seeded generator. */
import { diffArrays } from 'diff';
import { indentOf } from '../../src/core/edits/textLines';
import { findAll, isMuchNearer } from '../../src/core/edits/blockMatcher';

/** A search/replace pair as a model would send it; undefined when the damage does not apply to this case. */
export interface Damaged {
  search: string;
  replace: string;
  /** The block's `line` (0-based here). */
  hintLine?: number;
  /** No engine can know the place (e.g. a line hint that is not much nearer one place than another). */
  isRefusalExpected?: boolean;
}

/** The case a damage works on: the file's line texts and the 0-based range the search came from. */
export interface DamageContext {
  file: readonly string[];
  start: number;
  end: number;
  indentWidth: number;
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

type Damage = (search: string[], replace: string[], random: () => number, ctx: DamageContext) => Damaged | undefined;
/** Blocks end with a newline, as models write them, so that a last blank line survives. */
export const join = (lines: string[], eol = '\n'): string => (lines.length ? lines.join(eol) + eol : '');
const pick = <T>(items: readonly T[], random: () => number): T => items[Math.floor(random() * items.length)];

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
const tabs: Damage = (search, replace, _random, { indentWidth: width }) => {
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
  const [line, index] = pick(lines, random);
  const spots = [...line].map((c, i) => [c, i] as const).filter(([c]) => /[A-Za-z0-9]/.test(c));
  const [ch, at] = pick(spots, random);
  const pool = /[0-9]/.test(ch) ? '0123456789' : 'abcdefghijklmnopqrstuvwxyz';
  let other = ch;
  while (other.toLowerCase() === ch.toLowerCase()) other = pool[Math.floor(random() * pool.length)];
  const damaged = [...search];
  damaged[index] = line.slice(0, at) + other + line.slice(at + 1);
  return { search: join(damaged), replace: join(replace) };
};

/** A line of the search left out (not elided): the engine should refuse, never guess. */
const dropLine: Damage = (search, replace, random, ctx) => {
  const inner = search.map((l, i) => [l, i] as const).slice(1, -1).filter(([l]) => l.trim() !== '');
  if (inner.length === 0) return undefined;
  const [, index] = pick(inner, random);
  const damaged = search.filter((_, i) => i !== index);
  // Lines that are in the file as they are (a repeated line was dropped) are a faithful search, not a damaged one.
  if (findAll(ctx.file, damaged).length > 0) return undefined;
  return { search: join(damaged), replace: join(replace) };
};

/** For each replacement line that repeats a search line unchanged (by a line diff), the index of that line. */
function keptFrom(search: readonly string[], replace: readonly string[]): Array<number | undefined> {
  const out: Array<number | undefined> = [];
  let si = 0;
  for (const part of diffArrays([...search], [...replace])) {
    const n = part.count ?? part.value.length;
    if (part.removed) si += n;
    else if (part.added) out.push(...new Array<undefined>(n).fill(undefined));
    else for (let k = 0; k < n; k++) out.push(si++);
  }
  return out;
}

/**
 * Damages some search lines and, the way a model copies its own context, the replacement's copies of them.
 * Undefined when a damaged line becomes equal to a changed line of the replacement: the block then says that
 * line stays, and no engine can tell it was meant to change.
 */
function damageLines(search: string[], replace: string[], damaged: Map<number, string>): Damaged | undefined {
  const kept = keptFrom(search, replace);
  const s = search.map((l, i) => damaged.get(i) ?? l);
  const r = replace.map((l, i) => (kept[i] === undefined ? l : damaged.get(kept[i] as number) ?? l));
  if (keptFrom(s, r).some((k, i) => k !== kept[i])) return undefined;
  return { search: join(s), replace: join(r) };
}

/** A minority of the lines (at least one) off by their own amount: four spaces short, one extra, a tab for spaces. */
const uneven: Damage = (search, replace, random, { indentWidth }) => {
  // Only lines that say what they are: a lone closing bracket off by its own amount could close another block.
  const indented = search.map((l, i) => [l, i] as const).filter(([l]) => /\w/.test(l));
  if (indented.length < 3) return undefined;
  const damaged = new Map<number, string>();
  const count = 1 + Math.floor(random() * Math.floor((indented.length - 1) / 2));
  for (let n = 0; n < count; n++) {
    const [line, i] = pick(indented, random);
    const way = Math.floor(random() * 3);
    if (way === 0 && line.startsWith(' '.repeat(indentWidth))) damaged.set(i, line.slice(indentWidth));
    else if (way === 1 && line.startsWith(' '.repeat(indentWidth))) damaged.set(i, line.replace(' '.repeat(indentWidth), '\t'));
    else damaged.set(i, ` ${line}`);
  }
  const lines = search.filter((l) => l.trim() !== '').length;
  return damaged.size * 2 < lines ? damageLines(search, replace, damaged) : undefined;
};

/** Runs of extra spaces inside some lines ("function   sum(a,   b)"). */
const innerSpaces: Damage = (search, replace, random) => {
  const candidates = search.map((l, i) => [l, i] as const).filter(([l]) => / \S/.test(l.trim()));
  if (candidates.length === 0) return undefined;
  const damaged = new Map<number, string>();
  for (let n = 0; n < 1 + Math.floor(random() * 3); n++) {
    const [line, i] = pick(candidates, random);
    const indent = indentOf(line);
    damaged.set(i, indent + line.slice(indent.length).replace(/ (?=\S)/g, (m) => (random() < 0.5 ? '   ' : m)));
  }
  return damageLines(search, replace, damaged);
};

/** Line numbers copied from read_file ("  12\t"), or another common form, on the search (and maybe the replacement). */
function numbered(form: (n: number, width: number) => string, isReplaceNumbered: boolean): Damage {
  return (search, replace, _random, { start }) => {
    const width = String(start + search.length).length;
    const s = search.map((l, i) => form(start + 1 + i, width) + l);
    const r = isReplaceNumbered ? replace.map((l, i) => form(start + 1 + i, width) + l) : replace;
    return { search: join(s), replace: join(r) };
  };
}

/** Spaces after the search's last line break (an editor's indentation left on the empty last line). */
const trailingSegment: Damage = (search, replace) => ({ search: `${join(search)}    `, replace: join(replace) });

/** Blank lines at the search's edges that the file does not have there (aider issue 25), maybe in the replacement too. */
const edgeBlanks: Damage = (search, replace, random, { file, start, end }) => {
  const isBlank = (l: string | undefined): boolean => l !== undefined && l.trim() === '';
  if (isBlank(file[start - 1]) || isBlank(file[end])) return undefined;
  const lead = random() < 0.7 ? '\n' : '';
  const trail = lead === '' || random() < 0.5 ? '  \n' : '';
  const both = random() < 0.5;
  return { search: lead + join(search) + trail, replace: both && replace.length ? lead + join(replace) + trail : join(replace) };
};

/**
 * Only the changed lines, without the context that made them unique, and the line they start at (sometimes off by
 * a few lines): placed when the hint is much nearer one place than any other, else a refusal is expected.
 */
const hinted: Damage = (search, replace, random, { file, start }) => {
  let head = 0;
  while (head < search.length - 1 && head < replace.length && search[head] === replace[head]) head++;
  let tail = 0;
  while (tail < search.length - head - 1 && tail < replace.length - head && search[search.length - 1 - tail] === replace[replace.length - 1 - tail]) tail++;
  const core = search.slice(head, search.length - tail);
  const places = findAll(file, core);
  if (places.length < 2) return undefined;
  const at = start + head;
  const hint = Math.max(0, at + Math.floor(random() * 7) - 3);
  const d1 = Math.abs(at - hint);
  const d2 = Math.min(...places.filter((p) => p !== at).map((p) => Math.abs(p - hint)));
  return { search: join(core), replace: join(replace.slice(head, replace.length - tail)), hintLine: hint, isRefusalExpected: !isMuchNearer(d1, d2) };
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
  ['spaces after the last line break', trailingSegment],
  ['edge blank lines the file lacks', edgeBlanks],
  ['line numbers "  N\\t" (read_file)', numbered((n, w) => `${String(n).padStart(w)}\t`, false)],
  ['line numbers "N | " on both', numbered((n) => `${n} | `, true)],
  ['line numbers "N:"', numbered((n) => `${n}:`, false)],
  ['uneven indentation', uneven],
  ['runs of spaces inside lines', innerSpaces],
  ['changed lines only + line hint', hinted],
  ['dropped line (refusal expected)', dropLine],
];
