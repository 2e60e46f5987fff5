/**
 * Neutralises anything in untrusted text that a model could read as the opening or closing tag of the fence it
 * sits in: the exact `</tool_result>`, and its look-alikes (case variants, spaces, zero-width or other invisible
 * characters inside, revealed `\u{…}` escapes of them, fullwidth and mathematical letters, Cyrillic and Greek
 * homoglyphs, HTML entity forms of `<`). The `<` (in whatever form) of each becomes `‹`, which is not a tag.
 */

/** The spellings of `<` a model may read as one: ASCII, fullwidth, small form, and HTML entities. */
const opener = /<|\uFF1C|\uFE64|&(?:lt|LT);?|&#0*60;?|&#[xX]0*3[cC];?/g;
/** How far after an opener a disguised tag name can reach (invisible characters and escapes pad it out). */
const windowChars = 240;
const entity = /&(?:#(\d{1,7})|#[xX]([0-9a-fA-F]{1,6})|(lt|LT|sol|lowbar|UnderBar|hyphen|dash|tab|nbsp));?/g;
const namedEntities: Record<string, string> = { lt: '<', LT: '<', sol: '/', lowbar: '_', UnderBar: '_', hyphen: '-', dash: '-', tab: ' ', nbsp: ' ' };
const invisibleOrEscape = /[\p{Default_Ignorable_Code_Point}]|\\u\{[0-9A-Fa-f]{1,6}\}/gu;
/** Letters that look like the Latin ones of the tag name, folded to them (NFKC already folds fullwidth forms). */
const homoglyphs: Record<string, string> = {
  'о': 'o', 'ο': 'o', 'օ': 'o', 'е': 'e', 'ѕ': 's', 'ӏ': 'l', 'ι': 'l', 'ǀ': 'l', 'υ': 'u', 'ս': 'u', 'т': 't', 'τ': 't', 'г': 'r',
};

/** Replaces the `<` of every tag-like occurrence of `tagName` (letters only are compared) with `‹`. */
export function neutraliseFenceTags(text: string, tagName = 'tool_result'): string {
  const wanted = `<${tagName.toLowerCase().replace(/[^a-z]/g, '')}`;
  return text.replace(opener, (match: string, offset: number) => (looksLikeTag(text, offset, wanted) ? '‹' : match));
}

/**
 * Whether the text at `offset` reads as `wanted`. Plain ASCII is compared letter by letter and gives up at the
 * first other letter (most `<` in code and HTML end there); anything else goes through the full skeleton.
 */
function looksLikeTag(text: string, offset: number, wanted: string): boolean {
  let seen = '';
  for (let i = offset; i < text.length && i < offset + windowChars; i++) {
    const code = text.charCodeAt(i);
    if (code > 0x7F || code === 0x26 || code === 0x5C) return skeleton(text.slice(offset, offset + windowChars)).startsWith(wanted);
    const ch = text[i].toLowerCase();
    if (ch !== '<' && (ch < 'a' || ch > 'z')) continue;
    seen += ch;
    if (!wanted.startsWith(seen)) return false;
    if (seen === wanted) return true;
  }
  return false;
}

/** What a reader would take the text for: entities decoded, invisibles dropped, forms folded, letters and `<` kept. */
function skeleton(window: string): string {
  const decoded = window.replace(entity, (all: string, dec?: string, hex?: string, name?: string) => {
    const code = dec !== undefined ? Number(dec) : hex !== undefined ? parseInt(hex, 16) : undefined;
    if (code !== undefined) return code <= 0x10FFFF ? String.fromCodePoint(code) : all;
    return namedEntities[name ?? ''] ?? all;
  });
  const folded = decoded.replace(invisibleOrEscape, '').normalize('NFKC').toLowerCase();
  return [...folded].map((ch) => homoglyphs[ch] ?? ch).join('').replace(/[^a-z<]/g, '');
}
