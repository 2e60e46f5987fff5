/**
 * replace_all: every exact occurrence of a search text (CRLF and LF alike, occurrences taken left to right
 * without overlap), as line changes. Occurrences that share a line become one change of that line.
 */
import type { BlockMatch } from './blockMatcher';
import type { Line } from './textLines';

/** The changes replacing every occurrence of `search` by `replace` (both as text); empty when there is none. */
export function replaceEvery(lines: readonly Line[], search: string, replace: string): BlockMatch[] {
  const needle = normalize(search);
  if (needle === '') return [];
  const texts = lines.map((l) => l.text);
  // A virtual empty line after a final line break lets an occurrence end there.
  if (lines.length === 0 || lines[lines.length - 1].eol !== '') texts.push('');
  const starts: number[] = [0];
  for (const text of texts) starts.push(starts[starts.length - 1] + text.length + 1);
  const haystack = texts.join('\n');
  const lineOf = (pos: number): number => {
    let lo = 0;
    let hi = texts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= pos) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };
  const groups: Array<{ first: number; last: number; hits: number[] }> = [];
  for (let at = haystack.indexOf(needle); at >= 0; at = haystack.indexOf(needle, at + needle.length)) {
    const [first, last] = [lineOf(at), lineOf(at + needle.length)];
    const open = groups[groups.length - 1];
    if (open && first <= open.last) {
      open.last = last;
      open.hits.push(at);
    } else groups.push({ first, last, hits: [at] });
  }
  const replacement = normalize(replace);
  return groups.map(({ first, last, hits }) => {
    const from = starts[first];
    let text = '';
    let at = from;
    for (const hit of hits) {
      text += haystack.slice(at, hit) + replacement;
      at = hit + needle.length;
    }
    text += haystack.slice(at, starts[last] + texts[last].length);
    const segments = text.split('\n');
    const isVirtualEnd = last === lines.length;
    // What ends up on the virtual line is text after the final line break: nothing, or a new unterminated end.
    if (isVirtualEnd && segments[segments.length - 1] === '') segments.pop();
    const isOpenEnd = isVirtualEnd && segments.length > 0 && text.split('\n').length === segments.length;
    return { start: first, end: Math.min(last + 1, lines.length), stage: 'exact', lines: segments, count: hits.length, ...(isOpenEnd ? { isOpenEnd } : {}) };
  });
}

function normalize(text: string): string {
  return text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
}
