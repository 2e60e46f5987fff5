/**
 * The languages the index understands, by file extension, and the tags query written for each. The ids are the
 * grammar names of `tree-sitter-wasms`, so a Node parser can load `tree-sitter-<id>.wasm` directly.
 */
import * as path from 'node:path';
import { cTags } from './queries/c';
import { cppTags } from './queries/cpp';
import { cSharpTags } from './queries/cSharp';
import { goTags } from './queries/go';
import { javaTags } from './queries/java';
import { javascriptTags } from './queries/javascript';
import { phpTags } from './queries/php';
import { pythonTags } from './queries/python';
import { rubyTags } from './queries/ruby';
import { rustTags } from './queries/rust';
import { tsxTags } from './queries/tsx';
import { typescriptTags } from './queries/typescript';

/** A language the index parses; equal to its tree-sitter grammar name. */
export type LanguageId =
  | 'typescript' | 'tsx' | 'javascript' | 'python' | 'go' | 'rust' | 'java' | 'c' | 'cpp' | 'c_sharp' | 'ruby' | 'php';

/** The tags query source of each language (captures `@name.definition.*`, `@definition.*`, `@name.reference.*`). */
export const tagsQueries: Readonly<Record<LanguageId, string>> = {
  typescript: typescriptTags,
  tsx: tsxTags,
  javascript: javascriptTags,
  python: pythonTags,
  go: goTags,
  rust: rustTags,
  java: javaTags,
  c: cTags,
  cpp: cppTags,
  c_sharp: cSharpTags,
  ruby: rubyTags,
  php: phpTags,
};

const byExtension: Readonly<Record<string, LanguageId>> = {
  '.ts': 'typescript', '.mts': 'typescript', '.cts': 'typescript',
  '.tsx': 'tsx',
  '.js': 'javascript', '.mjs': 'javascript', '.cjs': 'javascript', '.jsx': 'javascript',
  '.py': 'python', '.pyi': 'python',
  '.go': 'go',
  '.rs': 'rust',
  '.java': 'java',
  '.c': 'c', '.h': 'c',
  '.cc': 'cpp', '.cpp': 'cpp', '.cxx': 'cpp', '.hpp': 'cpp', '.hh': 'cpp', '.hxx': 'cpp',
  '.cs': 'c_sharp',
  '.rb': 'ruby',
  '.php': 'php',
};

/** The language of a file by its extension, or undefined when the index does not parse it. */
export function languageOf(file: string): LanguageId | undefined {
  if (file.endsWith('.d.ts')) return 'typescript';
  return byExtension[path.extname(file).toLowerCase()];
}
