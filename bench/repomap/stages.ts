/**
 * Where the cold index's time goes: each stage of tag extraction on one thread, over the files the index would
 * parse, measured as CPU time. `npx tsx bench/repomap/stages.ts DIR`. The index itself runs these stages in
 * worker threads (bench/repomap/index.ts); this separates what tree-sitter costs (parse, query walk) from what
 * our code costs (prep, capture handling) and from V8's one-time compilation (first pass minus second pass).
 */
import { readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import type { Parser } from 'web-tree-sitter';
import { walkFiles } from '../../src/core/codebase/fileWalker';
import { languageOf, tagsQueries, type LanguageId } from '../../src/core/codebase/languages';
import { createParser } from '../../src/node/grammars';
import { sizeSkipReason, skipReason } from '../../src/node/indexer/fileFilters';
import { prepareSource } from '../../src/node/indexer/sourcePrep';
import { compileTagsQueries, TagExtractor, tagsMatches, type TagsQueries } from '../../src/node/indexer/tagExtractor';
import { NodeFiles } from '../../src/node/nodeFiles';

interface SourceFile { path: string; language: LanguageId; bytes: Buffer; text: string; prepared: string }

const cpuMs = (): number => { const c = process.cpuUsage(); return (c.user + c.system) / 1000; };

/** CPU time of `run`, the lowest of `rounds` (the first rounds pay for V8's compilation). */
async function measure(run: () => unknown, rounds = 2): Promise<number> {
  let best = Infinity;
  for (let i = 0; i < rounds; i++) {
    const started = cpuMs();
    await run();
    best = Math.min(best, cpuMs() - started);
  }
  return best;
}

async function indexedFiles(root: string): Promise<SourceFile[]> {
  const { files } = await walkFiles({ files: new NodeFiles(), root });
  const out: SourceFile[] = [];
  for (const rel of files) {
    const language = languageOf(rel);
    const abs = path.join(root, rel);
    // The index's own filters: huge files by size before reading, then generated, minified and binary ones.
    if (!language || sizeSkipReason(statSync(abs).size)) continue;
    const bytes = readFileSync(abs);
    if (skipReason(rel, bytes)) continue;
    const text = new TextDecoder().decode(bytes);
    out.push({ path: rel, language, bytes, text, prepared: prepareSource(language, text) });
  }
  return out;
}

async function toolsByLanguage(files: SourceFile[]): Promise<Map<LanguageId, { parser: Parser; queries: TagsQueries }>> {
  const tools = new Map<LanguageId, { parser: Parser; queries: TagsQueries }>();
  for (const language of new Set(files.map((f) => f.language))) {
    const parser = await createParser(language);
    tools.set(language, { parser, queries: compileTagsQueries(parser.language!, tagsQueries[language]) });
  }
  return tools;
}

async function main(): Promise<void> {
  const root = path.resolve(process.argv[2] ?? '.');
  const files = await indexedFiles(root);
  const extractor = new TagExtractor();
  const extractAll = async (): Promise<void> => {
    for (const f of files) await extractor.extract({ path: f.path, absPath: '', language: f.language, mtimeMs: 0, size: f.bytes.length }, f.bytes);
  };
  // Measured before anything else runs tree-sitter code, so that this pass pays V8's compilation as the index does.
  const firstExtract = await measure(extractAll, 1);
  const tools = await toolsByLanguage(files);
  const parseAll = (withQuery: boolean) => (): void => {
    for (const f of files) {
      const { parser, queries } = tools.get(f.language)!;
      const tree = parser.parse(f.prepared)!;
      if (withQuery) tagsMatches(queries, tree.rootNode);
      tree.delete();
    }
  };
  const rows: [string, number][] = [
    ['decode UTF-8', await measure(() => files.forEach((f) => new TextDecoder().decode(f.bytes)))],
    ['prepare source (sourcePrep)', await measure(() => files.forEach((f) => prepareSource(f.language, f.text)))],
    ['tree-sitter parse', await measure(parseAll(false))],
    ['parse + tags queries (matches, captures untouched)', await measure(parseAll(true))],
    ['whole extraction, warm code', await measure(extractAll)],
    ['whole extraction, first pass (includes V8 compiling)', firstExtract],
  ];
  const bytes = files.reduce((sum, f) => sum + f.bytes.length, 0);
  console.log(`stages: ${root}\n${files.length} files, ${(bytes / 1e6).toFixed(1)} MB; CPU ms on one thread (best of 2, first pass once)\n`);
  for (const [label, ms] of rows) console.log(`${label.padEnd(56)} ${ms.toFixed(0).padStart(7)} ms`);
}

void main();
