/**
 * The parser the command analysis needs: a tree-sitter parser with the bash grammar. Core does not load WASM
 * itself; the composition root passes `await createParser('bash')` from src/node/grammars.ts.
 */
import type { Tree } from 'web-tree-sitter';

/** Parses shell text into a tree-sitter tree (the caller deletes the tree). Null means the parser gave up. */
export interface BashParser {
  parse(text: string): Tree | null;
  /** Clears the parser's state; needed after `parse` threw, or every later parse fails too. */
  reset(): void;
}
