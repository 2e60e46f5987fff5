/**
 * Edit benchmark: real hunks from git repositories' histories applied as search/replace edits, with and without
 * each kind of model damage. Prints per damage: placed byte-exact / wrong text at the right place / refused /
 * wrong place, the naive exact-match baseline (str_replace: the search text must occur exactly once) and the
 * time per edit. Usage: npx tsx bench/edits/index.ts [REPO...] [--commits N] [--seed S]
 * (REPO defaults to the current folder's repository; bench/edits/npmHistory.ts builds one from npm releases).
 */
import { execFileSync } from 'node:child_process';
import { applyBlocks } from '../../src/core/edits/searchReplace';
import { commitCases, listCommits, type EditCase, type FileCase } from './corpus';
import { damages, join, rng, type Damaged } from './damage';
import { detectIndent } from '../../src/core/edits/reindent';
import { splitText } from '../../src/core/edits/textLines';

interface Row {
  cases: number;
  correct: number;
  differs: number;
  refused: number;
  wrong: number;
  /** Cases where a refusal is the right answer, and how many of them were refused. */
  refusalExpected: number;
  naive: number;
  ms: number;
}
const emptyRow = (): Row => ({ cases: 0, correct: 0, differs: 0, refused: 0, wrong: 0, refusalExpected: 0, naive: 0, ms: 0 });

const args = process.argv.slice(2);
const flag = (name: string, fallback: number): number => {
  const at = args.indexOf(name);
  return at >= 0 ? Number(args[at + 1]) : fallback;
};
/** Default: this project's own history (the repository the benchmark is run from). */
const repos = args.filter((a, i) => !a.startsWith('--') && !args[i - 1]?.startsWith('--'));
const seed = flag('--seed', 20261123);
const maxCommits = flag('--commits', 400);
let debugged = 0;

/** What exact matching alone gives: the search text must occur once, and is replaced as text. */
function naiveExact(before: string, search: string, replace: string): string | undefined {
  if (search === '') return undefined;
  const at = before.indexOf(search);
  if (at < 0 || before.indexOf(search, at + 1) >= 0) return undefined;
  return before.slice(0, at) + replace + before.slice(at + search.length);
}

function classify(c: EditCase, damaged: Damaged, row: Row, name: string): boolean {
  const t0 = performance.now();
  const result = applyBlocks(c.before, [{ search: damaged.search, replace: damaged.replace, hintLine: damaged.hintLine }]);
  row.ms += performance.now() - t0;
  row.cases++;
  const isRefusalExpected = damaged.isRefusalExpected === true || name.includes('refusal expected');
  if (isRefusalExpected) row.refusalExpected++;
  if (!isRefusalExpected && naiveExact(c.before, damaged.search, damaged.replace) === c.expected) row.naive++;
  if (!result.isOk) {
    row.refused++;
    if (process.env.BENCH_DEBUG === 'refused' && !isRefusalExpected && debugged++ < 5) console.log(JSON.stringify({ name, search: damaged.search, errors: result.errors }, null, 1));
    return false;
  }
  if (result.content === c.expected) {
    row.correct++;
    return false;
  }
  const [m] = result.matches;
  if (m && m.start >= c.start && m.end <= c.end + 1) row.differs++;
  else row.wrong++;
  if (process.env.BENCH_DEBUG && process.env.BENCH_DEBUG !== 'refused' && debugged++ < 5) {
    console.log(JSON.stringify({ name, path: c.path, search: damaged.search, replace: damaged.replace, hint: damaged.hintLine, stage: m?.stage, got: m?.lines, want: c.replace }, null, 1));
  }
  return true;
}

function isUniqueOriginal(c: EditCase): boolean {
  const result = applyBlocks(c.before, [{ search: join(c.search), replace: join(c.replace) }]);
  return result.isOk && result.matches[0].start === c.start;
}

function multiBlock(file: FileCase, random: () => number, row: Row): void {
  const blocks = file.cases.map((c) => ({ search: join(c.search), replace: join(c.replace) })).sort(() => random() - 0.5);
  const t0 = performance.now();
  const result = applyBlocks(file.before, blocks);
  row.ms += performance.now() - t0;
  row.cases++;
  if (!result.isOk) row.refused++;
  else if (result.content === file.after) row.correct++;
  else row.wrong++;
}

/** A commit whose parent is missing (the edge of a shallow clone) gives no cases. */
function safeCases(repo: string, commit: string): FileCase[] {
  try {
    return commitCases(repo, commit);
  } catch {
    return [];
  }
}

interface RepoResult {
  header: string;
  rows: Map<string, Row>;
  multi: Row;
  wrongExamples: string[];
}

function benchRepo(repo: string, random: () => number): RepoResult {
  const commits = listCommits(repo, maxCommits);
  const rows = new Map<string, Row>(damages.map(([name]) => [name, emptyRow()]));
  const multi = emptyRow();
  let hunks = 0;
  let ambiguous = 0;
  const wrongExamples: string[] = [];
  const only = process.env.BENCH_DAMAGE;
  for (const commit of commits) {
    for (const file of safeCases(repo, commit)) {
      const usable = file.cases.filter(isUniqueOriginal);
      hunks += file.cases.length;
      ambiguous += file.cases.length - usable.length;
      if (usable.length === file.cases.length && file.cases.length > 1) multiBlock(file, random, multi);
      const texts = splitText(file.before).lines.map((l) => l.text);
      const indentWidth = detectIndent(texts).width;
      for (const c of usable) {
        for (const [name, damage] of damages) {
          if (only && name !== only) continue;
          const damaged = damage(c.search, c.replace, random, { file: texts, start: c.start, end: c.end, indentWidth });
          if (!damaged) continue;
          const isWrong = classify(c, damaged, rows.get(name) as Row, name);
          if (isWrong && wrongExamples.length < 5) wrongExamples.push(`${name}: ${c.commit.slice(0, 10)} ${c.path} lines ${c.start + 1}-${c.end}`);
        }
      }
    }
  }
  const range = commits.length ? `${commits[commits.length - 1].slice(0, 10)}..${commits[0].slice(0, 10)}` : '(none)';
  const name = execFileSync('git', ['-C', repo, 'rev-parse', '--show-toplevel'], { encoding: 'utf8' }).trim();
  const header = `${name}: ${commits.length} non-merge commits (${range}), ${hunks} hunks of modified text files; ${ambiguous} left out because their undamaged search text is not unique in the file.`;
  return { header, rows, multi, wrongExamples };
}

function add(a: Row, b: Row): Row {
  return {
    cases: a.cases + b.cases, correct: a.correct + b.correct, differs: a.differs + b.differs, refused: a.refused + b.refused,
    wrong: a.wrong + b.wrong, refusalExpected: a.refusalExpected + b.refusalExpected, naive: a.naive + b.naive, ms: a.ms + b.ms,
  };
}

function main(): void {
  const random = rng(seed);
  const results = (repos.length ? repos : [process.cwd()]).map((repo) => benchRepo(repo, random));
  const rows = new Map<string, Row>(damages.map(([name]) => [name, results.map((r) => r.rows.get(name) as Row).reduce(add, emptyRow())]));
  const multi = results.map((r) => r.multi).reduce(add, emptyRow());
  console.log(`Edit benchmark, seed ${seed}`);
  for (const r of results) console.log(`- ${r.header}`);
  console.log('');
  const total = [...rows.values()].reduce(add, emptyRow());
  console.log(table([...rows, ['all single blocks', total], ['multi-block (whole commit file, shuffled)', multi]]));
  const mustLand = total.cases - total.refusalExpected;
  console.log(`\nMust-land edits placed byte-exact: ${total.correct}/${mustLand} (${((100 * total.correct) / mustLand).toFixed(2)}%); naive exact match: ${total.naive}/${mustLand} (${((100 * total.naive) / mustLand).toFixed(2)}%).`);
  console.log(`Wrong results (wrong text or wrong place, any row): ${total.differs + total.wrong + multi.wrong}. Refusals where one was expected: ${total.refusalExpected}.`);
  const examples = results.flatMap((r) => r.wrongExamples);
  if (examples.length) console.log(`\nWrong results:\n${examples.join('\n')}`);
}

function table(rows: Array<[string, Row]>): string {
  const head = ['damage', 'cases', 'must land', 'placed exact', 'wrong text, right place', 'refused', 'wrong place', '% placed', 'naive exact %', 'ms/edit'];
  const percent = (n: number, d: number): string => (d ? ((100 * n) / d).toFixed(2) : '-');
  const body = rows.map(([name, r]) => [name, r.cases, r.cases - r.refusalExpected, r.correct, r.differs, r.refused, r.wrong,
    percent(r.correct, r.cases - r.refusalExpected), percent(r.naive, r.cases - r.refusalExpected), r.cases ? (r.ms / r.cases).toFixed(3) : '-'].map(String));
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
  const line = (cells: string[]): string => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
  return [line(head), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...body.map(line)].join('\n');
}

main();
