/** Builds the edit corpus from real commits of a git repository: one case per diff hunk of a modified text file. */
import { execFileSync } from 'node:child_process';
import { structuredPatch } from 'diff';
import { splitText } from '../../src/core/edits/textLines';

/** One real change: the file before, the hunk as search/replace, and the file with only that hunk applied. */
export interface EditCase {
  commit: string;
  path: string;
  before: string;
  search: string[];
  replace: string[];
  /** 0-based range of the search block in `before`. */
  start: number;
  end: number;
  expected: string;
}

/** All hunks of one file change, for the multi-block row. */
export interface FileCase {
  before: string;
  after: string;
  cases: EditCase[];
}

const MAX_FILE_BYTES = 400_000;

function git(repo: string, args: string[]): string {
  return execFileSync('git', ['-C', repo, ...args], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, stdio: ['ignore', 'pipe', 'ignore'] });
}

/** The commits used, newest first, and the range they span. */
export function listCommits(repo: string, maxCommits: number): string[] {
  return git(repo, ['log', '--no-merges', '--format=%H', `-n${maxCommits}`, 'HEAD']).split('\n').filter(Boolean).filter((c) => {
    return git(repo, ['rev-list', '--parents', '-n1', c]).trim().split(' ').length === 2;
  });
}

/** The cases of one commit (modified text files only). */
export function commitCases(repo: string, commit: string): FileCase[] {
  const changed = git(repo, ['diff-tree', '--no-commit-id', '-r', '--no-renames', '--diff-filter=M', '--numstat', `${commit}^`, commit]);
  const files: FileCase[] = [];
  for (const row of changed.split('\n').filter(Boolean)) {
    const [added, removed, path] = row.split('\t');
    if (added === '-' || removed === '-') continue;
    const before = git(repo, ['show', `${commit}^:${path}`]);
    const after = git(repo, ['show', `${commit}:${path}`]);
    if (before.length > MAX_FILE_BYTES || after.length > MAX_FILE_BYTES || before.includes('\0')) continue;
    files.push({ before, after, cases: hunkCases(commit, path, before, after) });
  }
  return files;
}

function hunkCases(commit: string, path: string, before: string, after: string): EditCase[] {
  const oldLines = splitText(before).lines;
  const newLines = splitText(after).lines;
  const patch = structuredPatch(path, path, before, after, '', '', { context: 3 });
  const out: EditCase[] = [];
  for (const hunk of patch.hunks) {
    if (hunk.oldLines === 0) continue;
    const start = hunk.oldStart - 1;
    const end = start + hunk.oldLines;
    const newStart = hunk.newLines === 0 ? hunk.newStart : hunk.newStart - 1;
    const replaced = newLines.slice(newStart, newStart + hunk.newLines);
    const expectedLines = [...oldLines.slice(0, start), ...replaced, ...oldLines.slice(end)];
    const expected = (before.startsWith('\uFEFF') ? '\uFEFF' : '') + expectedLines.map((l) => l.text + l.eol).join('');
    out.push({
      commit, path, before, start, end, expected,
      search: oldLines.slice(start, end).map((l) => l.text),
      replace: replaced.map((l) => l.text),
    });
  }
  return out;
}
