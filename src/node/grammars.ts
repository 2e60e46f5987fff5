/**
 * Loads web-tree-sitter and its WASM grammars (from `tree-sitter-wasms`). In a bundle the files are copied to
 * `dist/grammars/` by the build; in development and tests they are read from node_modules.
 */
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { Language, Parser } from 'web-tree-sitter';
import { renameEnvImport, upgradeDylinkSection } from './wasmDylink';

/** Grammar names as the `tree-sitter-wasms` files spell them (`tree-sitter-<name>.wasm`). */
export type GrammarName =
  | 'bash' | 'c' | 'cpp' | 'c_sharp' | 'go' | 'java' | 'javascript' | 'php' | 'python' | 'ruby' | 'rust' | 'tsx' | 'typescript';

/** Where the runtime wasm and the grammar wasm files are. */
export interface GrammarLocation {
  runtimeWasm: string;
  grammarDir: string;
}

/** Finds the files beside the bundle (`dist/grammars`) or in node_modules, whichever exists. */
export function defaultGrammarLocation(): GrammarLocation {
  const bundled = path.join(__dirname, 'grammars');
  if (existsSync(path.join(bundled, 'web-tree-sitter.wasm'))) {
    return { runtimeWasm: path.join(bundled, 'web-tree-sitter.wasm'), grammarDir: bundled };
  }
  return {
    runtimeWasm: require.resolve('web-tree-sitter/web-tree-sitter.wasm'),
    grammarDir: path.join(path.dirname(require.resolve('tree-sitter-wasms/package.json')), 'out'),
  };
}

let runtimeReady: Promise<void> | undefined;
const languages = new Map<string, Promise<Language>>();

/** Initialises the runtime once per process (and per worker thread). */
export function initTreeSitter(location: GrammarLocation = defaultGrammarLocation()): Promise<void> {
  runtimeReady ??= Parser.init({ locateFile: () => location.runtimeWasm });
  return runtimeReady;
}

/** Loads a grammar once per process and caches it. */
export async function loadGrammar(name: GrammarName, location: GrammarLocation = defaultGrammarLocation()): Promise<Language> {
  await initTreeSitter(location);
  let language = languages.get(name);
  if (!language) {
    const wasm = readFileSync(path.join(location.grammarDir, `tree-sitter-${name}.wasm`));
    language = Language.load(renameEnvImport(upgradeDylinkSection(wasm), 'isalpha', 'iswalpha'));
    languages.set(name, language);
  }
  return language;
}

/** A parser for one grammar. Parsers are cheap; share a Language, not a Parser, across concurrent users. */
export async function createParser(name: GrammarName, location?: GrammarLocation): Promise<Parser> {
  const language = await loadGrammar(name, location);
  const parser = new Parser();
  parser.setLanguage(language);
  return parser;
}
