/**
 * Loads web-tree-sitter and its WASM grammars. Where each grammar comes from is one list, grammarFiles.json
 * (also read by the build). TypeScript/TSX, JavaScript, C, C++ and Ruby come from the grammars' own npm
 * packages: their lexers are table-driven, and V8 compiles them in a fraction of the time it spent on the
 * `tree-sitter-wasms` builds (~60 ms instead of ~800 ms for TypeScript). The rest, and bash, whose command
 * analysis is tested against it, still come from `tree-sitter-wasms`. In a bundle the files are copied flat to
 * `dist/grammars/`; in development and tests they are read from node_modules.
 */
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { Language, Parser } from 'web-tree-sitter';
import grammarFiles from './grammarFiles.json';
import { renameEnvImport, upgradeDylinkSection } from './wasmDylink';

/** Grammar names as the grammar files spell them (`tree-sitter-<name>.wasm`). */
export type GrammarName = keyof typeof grammarFiles;

/** Where the runtime wasm and each grammar wasm file are. */
export interface GrammarLocation {
  runtimeWasm: string;
  grammarFile(name: GrammarName): string;
}

/**
 * The runtime's wasm in node_modules, resolved when the program runs (development and tests). Held in a constant
 * so that esbuild leaves the lookup to run time without a warning: a bundle finds its copy in `dist/grammars`.
 */
const installedRuntimeWasm = 'web-tree-sitter/web-tree-sitter.wasm';

/** Finds the files beside the bundle (`dist/grammars`) or in node_modules, whichever exists. */
export function defaultGrammarLocation(): GrammarLocation {
  const bundled = path.join(__dirname, 'grammars');
  if (existsSync(path.join(bundled, 'web-tree-sitter.wasm'))) {
    return { runtimeWasm: path.join(bundled, 'web-tree-sitter.wasm'), grammarFile: (name) => path.join(bundled, path.basename(grammarFiles[name])) };
  }
  return { runtimeWasm: require.resolve(installedRuntimeWasm), grammarFile: (name) => installedGrammarFile(grammarFiles[name]) };
}

/** `package/inner/path.wasm` resolved through the package's folder (packages need not export their wasm files). */
function installedGrammarFile(spec: string): string {
  const [pkg, ...inner] = spec.split('/');
  return path.join(path.dirname(require.resolve(`${pkg}/package.json`)), ...inner);
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
    const wasm = readFileSync(location.grammarFile(name));
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
