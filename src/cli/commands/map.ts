/**
 * `auto-agent map [DIR] [--tokens N] [--focus FILE_OR_SYMBOL]`: prints the ranked repo map of a folder. Needs
 * no model. The index is cached under the user cache folder, so the second run only parses what changed.
 */
import { statSync } from 'node:fs';
import * as path from 'node:path';
import type { IndexProgress } from '../../core/codebase/types';
import { WorkspaceIndexer } from '../../node/indexer/workspaceIndexer';
import { indexCacheDir, userCacheDir } from '../../node/userCacheDir';

/** What the codebase commands need from the CLI's io. */
export interface CodebaseCommandIo {
  stdout(s: string): void;
  stderr(s: string): void;
  cwd: string;
  env?: Record<string, string | undefined>;
  isStderrTty?: boolean;
}

export const mapHelp = `Usage: auto-agent map [DIR] [--tokens N] [--focus FILE_OR_SYMBOL]

Prints a map of the code in DIR (default: the current folder): the most used files and their definitions as
signatures, ranked by how the rest of the code refers to them, fitted to N tokens (default 4000).
--focus centres the map on a file (path relative to DIR) or a symbol name. No model is needed.
The index is cached (in $XDG_CACHE_HOME/auto-agent or ~/.cache/auto-agent), so later runs are fast.`;

export async function runMapCommand(args: string[], io: CodebaseCommandIo): Promise<number> {
  const parsed = parseMapArgs(args);
  if ('error' in parsed) {
    io.stderr(`auto-agent map: ${parsed.error}\n\n${mapHelp}\n`);
    return 2;
  }
  const root = resolveDir(parsed.dir ?? '.', io);
  if (!root) return 2;
  return withIndex(root, io, async (index) => {
    if (parsed.focus !== undefined && !index.table.isKnownFocus(parsed.focus)) {
      io.stderr(`auto-agent map: --focus ${parsed.focus}: no indexed file or definition of that name in ${root}.\n`);
      return 2;
    }
    const map = await index.repoMap({ tokens: parsed.tokens, focus: parsed.focus });
    if (!map) {
      io.stderr(`No definitions found in ${root} (supported: TypeScript, JavaScript, Python, Go, Rust, Java, C, C++, C#, Ruby, PHP).\n`);
      return 1;
    }
    io.stdout(map);
    return 0;
  });
}

function parseMapArgs(args: string[]): { dir?: string; tokens: number; focus?: string } | { error: string } {
  const result: { dir?: string; tokens: number; focus?: string } = { tokens: 4000 };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--tokens') {
      const value = Number(args[++i]);
      if (!Number.isInteger(value) || value < 1) return { error: '--tokens needs a positive whole number.' };
      result.tokens = value;
    } else if (arg === '--focus') {
      const value = args[++i];
      if (!value) return { error: '--focus needs a file path or a symbol name.' };
      result.focus = value;
    } else if (arg.startsWith('-')) {
      return { error: `unknown option ${arg}.` };
    } else if (result.dir === undefined) {
      result.dir = arg;
    } else {
      return { error: `unexpected argument ${arg}.` };
    }
  }
  return result;
}

/** The absolute folder, or undefined after telling the user why not. */
export function resolveDir(dir: string, io: CodebaseCommandIo): string | undefined {
  const root = path.resolve(io.cwd, dir);
  const isDir = (() => { try { return statSync(root).isDirectory(); } catch { return false; } })();
  if (!isDir) {
    io.stderr(`auto-agent: ${dir} is not a folder.\n`);
    return undefined;
  }
  return root;
}

/** Runs `use` with an up-to-date index of `root`, showing a progress line on stderr while parsing. */
export async function withIndex(root: string, io: CodebaseCommandIo, use: (index: WorkspaceIndexer) => Promise<number>): Promise<number> {
  const progress = progressLine(io);
  const index = new WorkspaceIndexer({
    root, cacheDir: indexCacheDir(userCacheDir(io.env ?? process.env)), onProgress: progress.update, warmUp: false,
    logger: { warn: (message) => io.stderr(`auto-agent: ${message}\n`) },
  });
  try {
    await index.refresh();
    progress.finish();
    return await use(index);
  } finally {
    await index.dispose();
  }
}

/** A progress line: redrawn in place on a terminal, a few plain lines otherwise; silent for quick runs. */
function progressLine(io: CodebaseCommandIo): { update(p: IndexProgress): void; finish(): void } {
  const started = Date.now();
  let lastShown = 0;
  let isShown = false;
  return {
    update(p) {
      const now = Date.now();
      if (p.phase !== 'parsing' || now - started < 300 || now - lastShown < (io.isStderrTty ? 100 : 2000)) return;
      lastShown = now;
      isShown = true;
      const line = `Indexing: ${p.done}/${p.total} files parsed`;
      io.stderr(io.isStderrTty ? `\r${line}\u001b[K` : `${line}\n`);
    },
    finish() {
      if (isShown) io.stderr(`${io.isStderrTty ? '\r\u001b[K' : ''}Indexed in ${((Date.now() - started) / 1000).toFixed(1)} s.\n`);
    },
  };
}
