/**
 * Renders ranked definitions as a repo map: per file, the signatures of the chosen definitions (and of the
 * definitions enclosing them) in source order, with `⋮` where code is left out. The number of definitions is
 * fitted to a token budget by binary search, and only a rendering measured within budget is ever returned.
 */
import type { RankedDefinition } from './rankDefinitions';
import type { Definition, FileTags } from './types';

/** Counts tokens of a text; hosts may pass the model's tokenizer. */
export type TokenCounter = (text: string) => number;

/** A conservative estimate for code (about 3.5 characters per token). */
export const estimateTokens: TokenCounter = (text) => Math.ceil(text.length / 3.5);

/** Renders the given definitions, grouped by file in order of each file's first (best) definition. */
export function renderMap(selected: readonly RankedDefinition[], tagsByPath: ReadonlyMap<string, FileTags>, enclosing = new Map<Definition, Definition[]>()): string {
  const byFile = new Map<string, Set<Definition>>();
  for (const item of selected) {
    let set = byFile.get(item.path);
    if (!set) byFile.set(item.path, (set = new Set()));
    set.add(item.definition);
  }
  const parts: string[] = [];
  for (const [file, chosen] of byFile) {
    const all = tagsByPath.get(file)?.definitions ?? [];
    parts.push(renderFile(file, withEnclosing(chosen, all, enclosing)));
  }
  return parts.join('');
}

/** The chosen definitions and those enclosing them; `enclosing` remembers the latter per definition across renders. */
function withEnclosing(chosen: Set<Definition>, all: readonly Definition[], enclosing: Map<Definition, Definition[]>): Definition[] {
  const shown = new Set(chosen);
  for (const def of chosen) {
    let outers = enclosing.get(def);
    if (!outers) enclosing.set(def, (outers = all.filter((outer) => outer !== def && outer.line < def.line && outer.endLine >= def.endLine)));
    for (const outer of outers) shown.add(outer);
  }
  return [...shown].sort((a, b) => a.line - b.line || b.endLine - a.endLine);
}

function renderFile(file: string, defs: readonly Definition[]): string {
  const lines = [`${file}:`];
  let nextLine = 1;
  for (const def of defs) {
    if (def.line < nextLine) continue;
    if (def.line > nextLine) lines.push('⋮');
    const signature = def.signature.split('\n');
    for (const text of signature) lines.push(`│${text}`);
    nextLine = def.line + signature.length;
  }
  lines.push('⋮');
  return `${lines.join('\n')}\n`;
}

/** The largest prefix of `ranked` whose rendering fits `tokens`; an empty string when nothing fits. */
export function fitMap(
  ranked: readonly RankedDefinition[],
  tagsByPath: ReadonlyMap<string, FileTags>,
  budget: { tokens: number; count?: TokenCounter },
): string {
  const count = budget.count ?? estimateTokens;
  // The binary search renders a dozen prefixes of the same list; what encloses each definition is found once.
  const enclosing = new Map<Definition, Definition[]>();
  let best = '';
  let low = 1;
  let high = Math.min(ranked.length, Math.max(0, Math.floor(budget.tokens)));
  while (low <= high) {
    const middle = Math.floor((low + high) / 2);
    const text = renderMap(ranked.slice(0, middle), tagsByPath, enclosing);
    if (count(text) <= budget.tokens) {
      best = text;
      low = middle + 1;
    } else {
      high = middle - 1;
    }
  }
  return best;
}
