/**
 * `auto-agent symbols NAME [DIR]`: prints where NAME is defined in DIR (default: the current folder, as for
 * `map`), from the symbol index. Needs no model. The older order, `symbols DIR NAME`, still works when DIR is
 * a folder.
 */
import { statSync } from 'node:fs';
import * as path from 'node:path';
import { resolveDir, withIndex, type CodebaseCommandIo } from './map';

export const symbolsHelp = `Usage: auto-agent symbols NAME [DIR]

Prints where NAME (a function, class, method, type... optionally qualified, e.g. Parser.parse) is defined in
the code in DIR (default: the current folder): file, line range, kind and signature. Exits with 1 when there
is no definition. No model is needed.`;

export async function runSymbolsCommand(args: string[], io: CodebaseCommandIo): Promise<number> {
  if (args.length < 1 || args.length > 2 || args.some((a) => a.startsWith('-'))) {
    io.stderr(`auto-agent symbols: expected a name, and optionally a folder.\n\n${symbolsHelp}\n`);
    return 2;
  }
  const [dir, name] = folderAndName(args, io.cwd);
  const root = resolveDir(dir, io);
  if (!root) return 2;
  return withIndex(root, io, async (index) => {
    const found = await index.findSymbol(name);
    if (found.length === 0) {
      io.stderr(`No definition of ${name} in ${root}.\n`);
      return 1;
    }
    for (const s of found) {
      io.stdout(`${s.path}:${s.line}-${s.endLine} ${s.kind} ${s.name}\n${s.signature.split('\n').map((l) => `    ${l.trim()}`).join('\n')}\n`);
    }
    return 0;
  });
}

/** `NAME`, `NAME DIR`, or the older `DIR NAME` (when the first is a folder and the second is not). */
function folderAndName(args: string[], cwd: string): [string, string] {
  if (args.length === 1) return ['.', args[0]];
  const isOldOrder = isFolder(path.resolve(cwd, args[0])) && !isFolder(path.resolve(cwd, args[1]));
  return isOldOrder ? [args[0], args[1]] : [args[1], args[0]];
}

function isFolder(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}
