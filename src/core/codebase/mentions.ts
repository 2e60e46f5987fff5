/**
 * What a goal or a conversation mentions, for the repo map's personalization: identifiers written the way code
 * names things (camelCase, PascalCase, snake_case, dotted members) and file paths. Plain words are left out so
 * that "test" or "file" in a sentence does not pull in every `test` function.
 */

const identifierPattern = /[A-Za-z_$][\w$]*(?:(?:\.|::|#)[A-Za-z_$][\w$]*)*/g;
const pathPattern = /(?:[\w.-]+\/)*[\w.-]+\.[A-Za-z0-9]{1,6}\b/g;

/** Identifiers in `text` that look like code names (each part of a dotted name is listed). */
export function mentionedIdentifiers(text: string): string[] {
  const found = new Set<string>();
  for (const match of text.matchAll(identifierPattern)) {
    for (const part of match[0].split(/\.|::|#/)) {
      if (looksLikeCode(part)) found.add(part);
    }
  }
  return [...found];
}

/** Known workspace files (relative paths) that `text` names by path or by file name. */
export function mentionedFiles(text: string, knownPaths: readonly string[]): string[] {
  const found = new Set<string>();
  for (const match of text.matchAll(pathPattern)) {
    const written = match[0].replace(/^\.\//, '');
    for (const known of knownPaths) {
      if (known === written || known.endsWith(`/${written}`)) found.add(known);
    }
  }
  return [...found];
}

function looksLikeCode(word: string): boolean {
  if (word.length < 3) return false;
  const hasInnerCapital = /[a-z0-9][A-Z]/.test(word);
  const isPascal = /^[A-Z][a-z0-9]+[A-Z]/.test(word) || /^[A-Z][a-z]+[A-Z0-9_]/.test(word);
  return hasInnerCapital || isPascal || /[a-z]_[a-z]/i.test(word) || /^_|\$/.test(word);
}
