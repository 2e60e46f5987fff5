/**
 * Static evaluation of shell words: a word is literal when its value is known before the shell runs (no
 * expansion, substitution, glob, tilde, brace or escape tricks). Anything else is "computed".
 */
import type { Node } from 'web-tree-sitter';

/** One word of a simple command. `value` is set only when the word is literal. `loose` strips quotes and escapes for deny-list matching. */
export interface ShellWord {
  text: string;
  value: string | undefined;
  loose: string;
}

const plainWord = /^[A-Za-z0-9._/=:@%+,^-]+$/;

/**
 * True when `arg` names the long option `option` as GNU getopt and git's parse-options read it: the whole name, or
 * any abbreviation of it (`--checkpoint-a=…` is `--checkpoint-action=…`), with or without `=value`. Abbreviations
 * of two letters or fewer (`--o`) are not counted; a real program refuses those as ambiguous or reads another option.
 */
export function namesLongOption(arg: string, option: string): boolean {
  if (!arg.startsWith('--')) return false;
  const name = arg.split('=')[0];
  return name === option || (name.length >= 4 && option.startsWith(name));
}

/** Evaluates one argument node. */
export function evaluateWord(node: Node): ShellWord {
  return { text: node.text, value: literalValue(node), loose: node.text.replace(/\\(.)/g, '$1').replace(/["']/g, '') };
}

function literalValue(node: Node): string | undefined {
  switch (node.type) {
    case 'word':
    case 'number':
      return plainWord.test(node.text) ? node.text : undefined;
    case 'raw_string':
      return node.text.slice(1, -1);
    case 'string':
      return node.namedChildren.every((c) => c.type === 'string_content') ? node.text.slice(1, -1).replace(/\\([$`"\\\n])/g, '$1') : undefined;
    case 'concatenation': {
      const parts = node.namedChildren.map(literalValue);
      return parts.every((p) => p !== undefined) ? parts.join('') : undefined;
    }
    case 'command_name':
      return node.namedChildren.length === 1 ? literalValue(node.namedChildren[0]) : undefined;
    default:
      return undefined;
  }
}
