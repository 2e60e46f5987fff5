/**
 * TextSearch for Node hosts: ripgrep's `--json` output when a ripgrep binary is known (VS Code ships one; the
 * CLI looks on PATH), and a JavaScript fallback over the same gitignore-aware file walk otherwise. Both give
 * the same results: files in ripgrep's `--sort path` order, lines in order, context lines from the file itself,
 * binary files skipped, `.gitignore` honoured, `.git` and `node_modules` skipped, capped at `maxMatches`.
 */
import { existsSync, promises as fs } from 'node:fs';
import * as path from 'node:path';
import picomatch from 'picomatch';
import { alwaysSkipped, walkFiles } from '../core/codebase/fileWalker';
import type { SearchMatch, TextSearch, WorkspaceFiles } from '../core/host';
import { NodeFiles } from './nodeFiles';
import { spawnChild } from './childProcess';

/** The query TextSearch takes. */
export type SearchQuery = Parameters<TextSearch['search']>[0];
/** What TextSearch returns. */
export type SearchResult = Awaited<ReturnType<TextSearch['search']>>;

const maxLineChars = 500;
const maxFileBytes = 50 * 1024 * 1024;

/** Where VS Code keeps its ripgrep, newest layout first (see shared/VSCODE-IN-CI.md). */
export function vscodeRipgrepCandidates(appRoot: string): string[] {
  const exe = process.platform === 'win32' ? 'rg.exe' : 'rg';
  const platformDir = `${process.platform}-${process.arch}`;
  return [
    path.join(appRoot, 'node_modules', '@vscode', 'ripgrep-universal', 'bin', platformDir, exe),
    path.join(appRoot, 'node_modules', '@vscode', 'ripgrep', 'bin', exe),
    path.join(appRoot, 'node_modules.asar.unpacked', '@vscode', 'ripgrep', 'bin', exe),
  ];
}

/** The first candidate that exists, if any. */
export function firstExisting(candidates: readonly string[]): string | undefined {
  return candidates.find((candidate) => existsSync(candidate));
}

/** Finds a program on a PATH string (as the CLI does for `rg`), or undefined. */
export async function findOnPath(program: string, pathValue: string | undefined): Promise<string | undefined> {
  const names = process.platform === 'win32' ? [`${program}.exe`, program] : [program];
  for (const dir of (pathValue ?? '').split(path.delimiter).filter(Boolean)) {
    for (const name of names) {
      const candidate = path.join(dir, name);
      const isRunnable = await fs.access(candidate, fs.constants.X_OK).then(() => true, () => false);
      if (isRunnable) return candidate;
    }
  }
  return undefined;
}

/**
 * The search a host uses: ripgrep at `rgPath` if given, else `rg` on the PATH of `env` (the CLI), else the
 * JavaScript fallback. VS Code passes `firstExisting(vscodeRipgrepCandidates(vscode.env.appRoot))`.
 */
export async function createTextSearch(options: { env?: Record<string, string | undefined>; rgPath?: string; files?: WorkspaceFiles } = {}): Promise<NodeTextSearch> {
  const rgPath = options.rgPath ?? (await findOnPath('rg', (options.env ?? process.env).PATH));
  return new NodeTextSearch({ rgPath, files: options.files });
}

/** Ripgrep when `rgPath` is given and runs; the JavaScript search otherwise (or when ripgrep cannot start). */
export class NodeTextSearch implements TextSearch {
  private readonly js: JsTextSearch;
  private readonly rg: RipgrepSearch | undefined;

  constructor(options: { rgPath?: string; files?: WorkspaceFiles } = {}) {
    this.js = new JsTextSearch(options.files);
    this.rg = options.rgPath ? new RipgrepSearch(options.rgPath) : undefined;
  }

  async search(query: SearchQuery): Promise<SearchResult> {
    if (!this.rg) return this.js.search(query);
    try {
      return await this.rg.search(query);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT' || (err as NodeJS.ErrnoException).code === 'EACCES') return this.js.search(query);
      throw err;
    }
  }
}

/** Collects the lines of one file as ripgrep reports them, then turns its matches into SearchMatch values. */
class FileLines {
  readonly lines = new Map<number, string>();
  readonly matchLines: number[] = [];

  toMatches(file: string, contextLines: number): SearchMatch[] {
    return this.matchLines.map((line) => ({
      path: file,
      line,
      text: this.lines.get(line) ?? '',
      before: this.range(line - contextLines, line - 1),
      after: this.range(line + 1, line + contextLines),
    }));
  }

  private range(from: number, to: number): string[] {
    const out: string[] = [];
    for (let n = Math.max(1, from); n <= to; n++) {
      const text = this.lines.get(n);
      if (text !== undefined) out.push(text);
    }
    return out;
  }
}

interface RgMessage {
  type: 'begin' | 'match' | 'context' | 'end' | 'summary';
  data: { path?: { text?: string; bytes?: string }; lines?: { text?: string; bytes?: string }; line_number?: number };
}

/** TextSearch on `rg --json`. */
export class RipgrepSearch implements TextSearch {
  constructor(private readonly rgPath: string) {}

  search(query: SearchQuery): Promise<SearchResult> {
    return new Promise((resolve, reject) => {
      const child = spawnChild({ file: this.rgPath, args: ripgrepArgs(query), cwd: query.root, env: process.env, stdin: 'ignore' });
      const matches: SearchMatch[] = [];
      const isIncluded = includeMatcher(query.include);
      let current: FileLines | undefined;
      let count = 0;
      let isTruncated = false;
      let buffered = '';
      let stderr = '';
      const onAbort = (): void => { child.kill(); };
      query.signal?.addEventListener('abort', onAbort, { once: true });
      const handle = (message: RgMessage): void => {
        if (message.type === 'begin') current = isIncluded(path.relative(query.root, path.resolve(query.root, decodeRg(message.data.path))).split(path.sep).join('/')) ? new FileLines() : undefined;
        else if ((message.type === 'match' || message.type === 'context') && current && message.data.line_number) {
          const n = message.data.line_number;
          current.lines.set(n, clip(decodeRg(message.data.lines)));
          if (message.type === 'match' && !isTruncated) {
            if (count >= query.maxMatches) isTruncated = true;
            else { current.matchLines.push(n); count++; }
          }
        } else if (message.type === 'end' && current) {
          matches.push(...current.toMatches(path.resolve(query.root, decodeRg(message.data.path)), query.contextLines));
          current = undefined;
          if (isTruncated || count >= query.maxMatches) child.kill();
        }
      };
      child.stdout.setEncoding('utf8');
      child.stdout.on('data', (chunk: string) => {
        buffered += chunk;
        let newline: number;
        while ((newline = buffered.indexOf('\n')) >= 0) {
          const line = buffered.slice(0, newline);
          buffered = buffered.slice(newline + 1);
          if (line) handle(JSON.parse(line) as RgMessage);
        }
      });
      child.stderr.on('data', (chunk: Buffer) => { stderr += chunk.toString(); });
      child.on('error', reject);
      child.on('close', (code) => {
        query.signal?.removeEventListener('abort', onAbort);
        if (query.signal?.aborted) reject(Object.assign(new Error('The search was cancelled.'), { name: 'AbortError' }));
        else if (code === 2 && matches.length === 0 && !isTruncated) reject(new Error(stderr.trim() || 'ripgrep failed'));
        else resolve({ matches, isTruncated: isTruncated || count > query.maxMatches, engine: 'ripgrep' });
      });
    });
  }
}

/** The ripgrep command line for a query; the ignore options match the JavaScript walker's rules. */
export function ripgrepArgs(query: SearchQuery): string[] {
  const args = ['--json', '--no-config', '--hidden', '--no-require-git', '--no-ignore-dot', '--no-ignore-global', '--no-ignore-parent'];
  args.push('--sort', 'path', '--no-follow', '-C', String(query.contextLines));
  args.push(query.isCaseSensitive ? '--case-sensitive' : '--ignore-case');
  if (!query.isRegex) args.push('--fixed-strings');
  for (const skipped of alwaysSkipped) args.push('--glob', `!${skipped}`);
  // A positive --glob would override .gitignore in ripgrep, so includes are applied to its output instead
  // (see isIncluded); name-only globs also narrow the walk through a file type, which respects ignore files.
  const positive = (query.include ?? []).filter((g) => !g.startsWith('!'));
  const byName = positive.filter((g) => !g.includes('/'));
  if (byName.length > 0 && byName.length === positive.length) {
    for (const glob of byName) args.push('--type-add', `included:${glob}`);
    args.push('--type', 'included');
  }
  for (const exclude of (query.include ?? []).filter((g) => g.startsWith('!'))) args.push('--glob', exclude);
  args.push('--regexp', query.pattern, '--', '.');
  return args;
}

function decodeRg(value: { text?: string; bytes?: string } | undefined): string {
  if (!value) return '';
  if (value.text !== undefined) return value.text.replace(/\r?\n$/, '');
  return Buffer.from(value.bytes ?? '', 'base64').toString('utf8').replace(/\r?\n$/, '');
}

function clip(line: string): string {
  return line.length > maxLineChars ? `${line.slice(0, maxLineChars)}…` : line;
}

/** The fallback: the gitignore-aware walk, then a line-by-line JavaScript RegExp match. */
export class JsTextSearch implements TextSearch {
  constructor(private readonly files: WorkspaceFiles = new NodeFiles()) {}

  async search(query: SearchQuery): Promise<SearchResult> {
    const regex = toRegExp(query);
    const isIncluded = includeMatcher(query.include);
    const { files } = await walkFiles({ files: this.files, root: query.root, signal: query.signal });
    const matches: SearchMatch[] = [];
    let isTruncated = false;
    for (const rel of files) {
      if (query.signal?.aborted) throw Object.assign(new Error('The search was cancelled.'), { name: 'AbortError' });
      if (!isIncluded(rel)) continue;
      const found = await searchFile(path.join(query.root, rel), regex, query.contextLines);
      const room = query.maxMatches - matches.length;
      if (found.length > room) isTruncated = true;
      matches.push(...found.slice(0, room));
      if (isTruncated) break;
    }
    return { matches, isTruncated, engine: 'js' };
  }
}

function toRegExp(query: SearchQuery): RegExp {
  const source = query.isRegex ? query.pattern : query.pattern.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(source, query.isCaseSensitive ? 'u' : 'iu');
}

function includeMatcher(include: readonly string[] | undefined): (rel: string) => boolean {
  if (!include || include.length === 0) return () => true;
  const positive = include.filter((g) => !g.startsWith('!')).map((g) => picomatch(g, { dot: true, basename: !g.includes('/') }));
  const negative = include.filter((g) => g.startsWith('!')).map((g) => picomatch(g.slice(1), { dot: true, basename: !g.includes('/') }));
  return (rel) => (positive.length === 0 || positive.some((m) => m(rel))) && !negative.some((m) => m(rel));
}

async function searchFile(abs: string, regex: RegExp, contextLines: number): Promise<SearchMatch[]> {
  const stat = await fs.stat(abs).catch(() => undefined);
  if (!stat || stat.size > maxFileBytes) return [];
  const bytes = await fs.readFile(abs).catch(() => undefined);
  if (!bytes || bytes.includes(0)) return [];
  const lines = bytes.toString('utf8').split(/\r?\n/);
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  const out: SearchMatch[] = [];
  lines.forEach((text, index) => {
    if (!regex.test(text)) return;
    out.push({
      path: abs,
      line: index + 1,
      text: clip(text),
      before: lines.slice(Math.max(0, index - contextLines), index).map(clip),
      after: lines.slice(index + 1, index + 1 + contextLines).map(clip),
    });
  });
  return out;
}
