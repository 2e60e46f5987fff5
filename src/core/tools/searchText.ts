/** search_text: ripgrep (or its JavaScript fallback) over the workspace, results grouped per file with context. */
import { z } from 'zod';
import type { SearchMatch } from '../host';
import { defineTool, ToolError, clipLabel as clip } from './tool';

const defaultMaxMatches = 100;

export const searchTextTool = defineTool({
  name: 'search_text',
  description: `Search the text of the workspace's files (ripgrep; .gitignore honoured, binary files skipped). Results are grouped per file: "12:" marks a matching line, "11-" a context line.
Plain text by default; set isRegex for a regular expression (Rust/JavaScript syntax). Case-insensitive unless caseSensitive is true.
Use it to find every use of a string, an error message or a config key. For where a symbol is defined use find_symbol; for its uses, find_references.`,
  schema: z.object({
    pattern: z.string().min(1).describe('Text to find, or a regular expression when isRegex is true.'),
    isRegex: z.boolean().optional().describe('Treat pattern as a regular expression. Default false.'),
    caseSensitive: z.boolean().optional().describe('Match case exactly. Default false.'),
    path: z.string().optional().describe('Folder to search, relative to the workspace root. Default: the root.'),
    include: z.array(z.string()).optional().describe('Globs that limit the files searched, e.g. ["*.ts"] or ["src/**"]; "!glob" excludes.'),
    contextLines: z.number().int().min(0).max(5).optional().describe('Lines of context before and after each match. Default 1.'),
    maxMatches: z.number().int().min(1).max(500).optional().describe(`At most this many matching lines. Default ${defaultMaxMatches}.`),
  }),
  risk: 'read',
  label: (input) => `Searched for "${clip(input.pattern)}"${input.path ? ` in ${clip(input.path)}` : ''}`,
  async run(input, ctx) {
    const target = await ctx.paths.resolve(input.path ?? '.', 'read');
    const stat = await ctx.host.files.stat(target.abs);
    if (!stat?.isDirectory) throw new ToolError(`${input.path} is not a folder of the workspace. Pass a folder (or nothing for the whole workspace).`);
    const maxMatches = input.maxMatches ?? defaultMaxMatches;
    let result;
    try {
      result = await ctx.host.search.search({
        root: target.abs, pattern: input.pattern, isRegex: input.isRegex ?? false, isCaseSensitive: input.caseSensitive ?? false,
        include: input.include, contextLines: input.contextLines ?? 1, maxMatches, signal: ctx.signal,
      });
    } catch (err) {
      if ((err as Error).name === 'AbortError') throw err;
      throw new ToolError(`The search failed: ${(err as Error).message}. If the pattern is a regular expression, check its syntax, or search for plain text with isRegex=false.`);
    }
    if (result.matches.length === 0) return { output: `No matches for ${JSON.stringify(input.pattern)}${input.include ? ` in ${input.include.join(', ')}` : ''}.` };
    const files = groupByFile(result.matches);
    const header = `${result.matches.length} matching lines in ${files.size} files:`;
    const body = [...files].map(([file, matches]) => renderFile(ctx.paths.display(file), matches));
    const note = result.isTruncated ? `\n(Stopped at ${maxMatches} matches. Narrow the search with path or include, or raise maxMatches.)` : '';
    return { output: `${header}\n\n${body.join('\n')}${note}` };
  },
});

function groupByFile(matches: readonly SearchMatch[]): Map<string, SearchMatch[]> {
  const files = new Map<string, SearchMatch[]>();
  for (const match of matches) {
    const list = files.get(match.path);
    if (list) list.push(match);
    else files.set(match.path, [match]);
  }
  return files;
}

/** One file's matches with their context merged, so that overlapping context lines appear once. */
function renderFile(file: string, matches: readonly SearchMatch[]): string {
  const lines = new Map<number, { text: string; isMatch: boolean }>();
  for (const m of matches) {
    m.before.forEach((text, i) => { const n = m.line - m.before.length + i; if (!lines.has(n)) lines.set(n, { text, isMatch: false }); });
    lines.set(m.line, { text: m.text, isMatch: true });
    m.after.forEach((text, i) => { const n = m.line + 1 + i; if (!lines.get(n)?.isMatch) lines.set(n, { text, isMatch: false }); });
  }
  const out = [file];
  let previous = 0;
  for (const n of [...lines.keys()].sort((a, b) => a - b)) {
    if (previous && n > previous + 1) out.push('  --');
    const { text, isMatch } = lines.get(n)!;
    out.push(`  ${n}${isMatch ? ':' : '-'} ${text}`);
    previous = n;
  }
  return out.join('\n');
}
