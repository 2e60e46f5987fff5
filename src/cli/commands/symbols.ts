/** `auto-agent symbols DIR NAME`: prints where NAME is defined in DIR, from the symbol index. Needs no model. */
import { resolveDir, withIndex, type CodebaseCommandIo } from './map';

export const symbolsHelp = `Usage: auto-agent symbols DIR NAME

Prints where NAME (a function, class, method, type... optionally qualified, e.g. Parser.parse) is defined in
the code in DIR: file, line range, kind and signature. Exits with 1 when there is no definition. No model is needed.`;

export async function runSymbolsCommand(args: string[], io: CodebaseCommandIo): Promise<number> {
  if (args.length !== 2 || args.some((a) => a.startsWith('-'))) {
    io.stderr(`auto-agent symbols: expected a folder and a name.\n\n${symbolsHelp}\n`);
    return 2;
  }
  const [dir, name] = args;
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
