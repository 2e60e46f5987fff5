/**
 * Edit benchmark: real hunks from a git repository's history applied as search/replace edits, with and without
 * each kind of model damage. Prints correct / refused / wrong-place counts per damage and the time per edit.
 * Usage: npx tsx bench/edits/index.ts [REPO] [--commits N] [--seed S]   (REPO defaults to the current folder's repository)
 */
import { execFileSync } from 'node:child_process';
import { applyBlocks } from '../../src/core/edits/searchReplace';
import { commitCases, listCommits, type EditCase, type FileCase } from './corpus';
import { damages, join, rng } from './damage';
import { detectIndent } from '../../src/core/edits/reindent';

interface Row {
  cases: number;
  correct: number;
  differs: number;
  refused: number;
  wrong: number;
  ms: number;
}

const args = process.argv.slice(2);
const flag = (name: string, fallback: number): number => {
  const at = args.indexOf(name);
  return at >= 0 ? Number(args[at + 1]) : fallback;
};
/** Default: this project's own history (the repository the benchmark is run from). */
const repo = args.find((a, i) => !a.startsWith('--') && !args[i - 1]?.startsWith('--')) ?? process.cwd();
const seed = flag('--seed', 20261123);
const maxCommits = flag('--commits', 400);

function classify(c: EditCase, search: string, replace: string, row: Row): void {
  const t0 = performance.now();
  const result = applyBlocks(c.before, [{ search, replace }]);
  row.ms += performance.now() - t0;
  row.cases++;
  if (!result.isOk) row.refused++;
  else if (result.content === c.expected) row.correct++;
  else {
    const [m] = result.matches;
    if (m && m.start >= c.start && m.end <= c.end) row.differs++;
    else row.wrong++;
    if (process.env.BENCH_DEBUG === 'stages') console.log(`stage ${m?.stage}`);
    else if (process.env.BENCH_DEBUG && debugged++ < 3) console.log(JSON.stringify({ path: c.path, search, replace, stage: m?.stage, got: m?.lines, want: c.replace }, null, 1));
  }
  if (!result.isOk && process.env.BENCH_DEBUG === 'refused' && debugged++ < 3) console.log(JSON.stringify({ search, errors: result.errors }, null, 1));
}
let debugged = 0;

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

function main(): void {
  const random = rng(seed);
  const commits = listCommits(repo, maxCommits);
  const rows = new Map<string, Row>(damages.map(([name]) => [name, { cases: 0, correct: 0, differs: 0, refused: 0, wrong: 0, ms: 0 }]));
  const multi: Row = { cases: 0, correct: 0, differs: 0, refused: 0, wrong: 0, ms: 0 };
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
      const indentWidth = detectIndent(file.before.split('\n')).width;
      for (const c of usable) {
        for (const [name, damage] of damages) {
          if (only && name !== only) continue;
          const damaged = damage(c.search, c.replace, random, indentWidth);
          if (!damaged) continue;
          const row = rows.get(name) as Row;
          const wrongBefore = row.wrong;
          classify(c, damaged.search, damaged.replace, row);
          if (row.wrong > wrongBefore && wrongExamples.length < 5) wrongExamples.push(`${name}: ${c.commit.slice(0, 10)} ${c.path} lines ${c.start + 1}-${c.end}`);
        }
      }
    }
  }
  const range = commits.length ? `${commits[commits.length - 1].slice(0, 10)}..${commits[0].slice(0, 10)}` : '(none)';
  const name = execFileSync('git', ['-C', repo, 'rev-parse', '--show-toplevel'], { encoding: 'utf8' }).trim();
  console.log(`Edit benchmark: ${name}, ${commits.length} non-merge commits (${range}), seed ${seed}`);
  console.log(`${hunks} hunks of modified text files; ${ambiguous} left out because their undamaged search text is not unique in the file.\n`);
  const total = [...rows].filter(([name]) => !name.includes('refusal expected')).map(([, r]) => r).reduce((t, r) => ({ cases: t.cases + r.cases, correct: t.correct + r.correct, differs: t.differs + r.differs, refused: t.refused + r.refused, wrong: t.wrong + r.wrong, ms: t.ms + r.ms }));
  console.log(table([...rows, ['all single blocks (damage kinds above the dropped line)', total], ['multi-block (whole commit file, shuffled)', multi]]));
  if (wrongExamples.length) console.log(`\nWrong places:\n${wrongExamples.join('\n')}`);
}

function table(rows: Array<[string, Row]>): string {
  const head = ['damage', 'cases', 'correct', 'wrong text, right place', 'refused', 'wrong place', '% correct', 'ms/edit'];
  const body = rows.map(([name, r]) => [name, r.cases, r.correct, r.differs, r.refused, r.wrong,
    r.cases ? ((100 * r.correct) / r.cases).toFixed(2) : '-', r.cases ? (r.ms / r.cases).toFixed(3) : '-'].map(String));
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
  const line = (cells: string[]): string => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
  return [line(head), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...body.map(line)].join('\n');
}

main();
