// git_status, git_diff, git_log and git_commit on real repositories through NodeGit, including the Git cases of
// shared/SECURITY-CASES.md: no repository, detached HEAD, merge in progress, conflicts, no git binary.
import { strict as assert } from 'node:assert';
import { gitStatusTool } from '../../../src/core/tools/gitStatus';
import { gitDiffTool } from '../../../src/core/tools/gitDiff';
import { gitLogTool } from '../../../src/core/tools/gitLog';
import { gitCommitTool } from '../../../src/core/tools/gitCommit';
import { NodeGit } from '../../../src/node/nodeGit';
import type { AgentSettings } from '../../../src/core/settings';
import { createTestContext, makeTempDir, ScriptedApprovals } from '../../support/testHost';
import { callTool } from './toolHarness';
import { git, initRepo, makeConflict, writeFiles } from './gitRepo';

const allAuto = { policy: { read: 'auto', edit: 'auto', execute: 'auto', network: 'auto' } } as Partial<AgentSettings>;

describe('git tools', () => {
  let tmp: ReturnType<typeof makeTempDir>;
  beforeEach(() => { tmp = makeTempDir(); });
  afterEach(() => tmp.cleanup());
  const context = (approvals = new ScriptedApprovals(), gitHost = new NodeGit()) =>
    createTestContext({ root: tmp.dir, approvals, git: gitHost, settings: allAuto });

  it('Git: no repository — every git tool says so clearly', async () => {
    const { ctx } = context();
    for (const [tool, args] of [[gitStatusTool, {}], [gitDiffTool, {}], [gitLogTool, {}], [gitCommitTool, { message: 'x' }]] as const) {
      const result = await callTool(tool, args, ctx);
      assert.equal(result.isError, true, tool.name);
      assert.match(result.output, /not a git repository/, tool.name);
    }
  });

  it('Git: no git binary — a clear message instead of a crash', async () => {
    initRepo(tmp.dir);
    const { ctx } = context(undefined, new NodeGit({ binary: '/nonexistent/bin/git' }));
    const result = await callTool(gitStatusTool, {}, ctx);
    assert.equal(result.isError, true);
    assert.match(result.output, /git is not available: the program "\/nonexistent\/bin\/git" was not found/);
  });

  it('git_status shows the branch, modified, staged and untracked files', async () => {
    initRepo(tmp.dir, { 'a.txt': 'a\n', 'b.txt': 'b\n' });
    writeFiles(tmp.dir, { 'a.txt': 'changed\n', 'b.txt': 'staged\n', 'new.txt': 'new\n' });
    git(tmp.dir, 'add', 'b.txt');
    const result = await callTool(gitStatusTool, {}, context().ctx);
    assert.match(result.output, /^On branch main/);
    assert.match(result.output, /Changes to be committed:[\s\S]*modified: {3}b\.txt/);
    assert.match(result.output, /Changes not staged for commit:[\s\S]*modified: {3}a\.txt/);
    assert.match(result.output, /Untracked files:[\s\S]*new\.txt/);
  });

  it('Git: detached HEAD — status says so, and a commit says it is on no branch', async () => {
    initRepo(tmp.dir);
    git(tmp.dir, 'checkout', '-q', '--detach', 'HEAD');
    writeFiles(tmp.dir, { 'x.txt': 'x\n' });
    const approvals = new ScriptedApprovals();
    const { ctx } = context(approvals);
    assert.match((await callTool(gitStatusTool, {}, ctx)).output, /HEAD detached at [0-9a-f]{7}/);
    const result = await callTool(gitCommitTool, { message: 'on detached', paths: ['x.txt'] }, ctx);
    assert.match(result.output, /^Committed on a detached HEAD \(the commit is on no branch; create one to keep it\): [0-9a-f]{7} on detached/);
    assert.match(approvals.requests[0].detail, /HEAD detached at/);
  });

  it('Git: merge in progress with conflicts — status shows it and git_commit refuses without asking', async () => {
    initRepo(tmp.dir);
    makeConflict(tmp.dir);
    const approvals = new ScriptedApprovals();
    const { ctx } = context(approvals);
    assert.match((await callTool(gitStatusTool, {}, ctx)).output, /You have unmerged paths[\s\S]*both modified: {3}conflict\.txt/);
    const result = await callTool(gitCommitTool, { message: 'try' }, ctx);
    assert.equal(result.isError, true);
    assert.match(result.output, /merge conflicts are unresolved/);
    assert.equal(approvals.requests.length, 0);
  });

  it('git_diff: unstaged, staged, limited to paths, and clear when empty', async () => {
    initRepo(tmp.dir, { 'a.txt': 'one\n', 'b.txt': 'two\n' });
    const { ctx } = context();
    assert.match((await callTool(gitDiffTool, {}, ctx)).output, /^No unstaged changes\. \(Untracked files/);
    writeFiles(tmp.dir, { 'a.txt': 'one!\n', 'b.txt': 'two!\n' });
    git(tmp.dir, 'add', 'b.txt');
    const unstaged = await callTool(gitDiffTool, {}, ctx);
    assert.match(unstaged.output, /^diff --git a\/a\.txt b\/a\.txt[\s\S]*-one\n\+one!\n$/);
    assert.doesNotMatch(unstaged.output, /b\.txt/);
    const staged = await callTool(gitDiffTool, { staged: true }, ctx);
    assert.match(staged.output, /diff --git a\/b\.txt[\s\S]*\+two!/);
    assert.match((await callTool(gitDiffTool, { staged: true, paths: ['a.txt'] }, ctx)).output, /^No staged changes in a\.txt\.$/);
  });

  it('git_diff refuses paths outside the workspace and reveals bidi characters in changes', async () => {
    initRepo(tmp.dir, { 'a.js': 'let x = 1;\n' });
    writeFiles(tmp.dir, { 'a.js': 'let x = 1; /*\u202E evil */\n' });
    const { ctx } = context();
    const outside = await callTool(gitDiffTool, { paths: ['../elsewhere'] }, ctx);
    assert.equal(outside.isError, true);
    const diff = await callTool(gitDiffTool, {}, ctx);
    assert.match(diff.output, /^Warning: invisible or bidirectional Unicode/);
    assert.match(diff.output, /\\u\{202E\}/);
  });

  it('git_log: newest first, maxCount, path filter, and an empty repository', async () => {
    git(tmp.dir, 'init', '-q', '-b', 'main');
    const { ctx } = context();
    assert.equal((await callTool(gitLogTool, {}, ctx)).output, 'No commits yet: the repository is empty.');
    initRepo(tmp.dir, { 'a.txt': '1\n' });
    for (const n of [2, 3]) {
      writeFiles(tmp.dir, { [n === 2 ? 'a.txt' : 'b.txt']: `${n}\n` });
      git(tmp.dir, 'add', '-A');
      git(tmp.dir, 'commit', '-q', '-m', `change ${n}`);
    }
    const two = (await callTool(gitLogTool, { maxCount: 2 }, ctx)).output.split('\n');
    assert.equal(two.length, 4);
    assert.match(two[0], /^[0-9a-f]{7} \d{4}-\d{2}-\d{2} Test User \(HEAD -> main\)$/);
    assert.equal(two[1], '    change 3');
    assert.equal(two[3], '    change 2');
    const forA = (await callTool(gitLogTool, { path: 'a.txt' }, ctx)).output;
    assert.match(forA, /change 2[\s\S]*initial/);
    assert.doesNotMatch(forA, /change 3/);
    assert.equal((await callTool(gitLogTool, { path: 'none.txt' }, ctx)).output, 'No commits touch none.txt.');
  });

  it('git_commit always asks, even when every risk class is on auto, with the reason "commits always ask"', async () => {
    initRepo(tmp.dir);
    writeFiles(tmp.dir, { 'feature.ts': 'export const x = 1;\n' });
    const approvals = new ScriptedApprovals();
    const { ctx } = context(approvals);
    const result = await callTool(gitCommitTool, { message: 'Add feature\n\nWith a body.', paths: ['feature.ts'] }, ctx);
    assert.equal(approvals.requests.length, 1);
    assert.deepEqual(approvals.requests[0].reasons, ['commits always ask (the repository\'s git hooks run for a commit you approve)']);
    assert.equal(approvals.requests[0].title, 'Commit: Add feature');
    assert.match(approvals.requests[0].detail, /Stage and commit: feature\.ts/);
    assert.match(result.output, /^Committed on branch main: [0-9a-f]{7} Add feature\n[\s\S]*feature\.ts \| 1 \+/);
    assert.equal(git(tmp.dir, 'log', '-1', '--format=%B').trim(), 'Add feature\n\nWith a body.');
    assert.equal(git(tmp.dir, 'status', '--porcelain'), '');
  });

  it('git_commit rejected: nothing is committed or staged and the reason goes back', async () => {
    initRepo(tmp.dir);
    writeFiles(tmp.dir, { 'feature.ts': 'x\n' });
    const approvals = new ScriptedApprovals([{ isApproved: false, reason: 'I will commit myself' }]);
    const { ctx } = context(approvals);
    const before = git(tmp.dir, 'rev-parse', 'HEAD');
    const result = await callTool(gitCommitTool, { message: 'm', paths: ['feature.ts'] }, ctx);
    assert.equal(result.isError, true);
    assert.match(result.output, /Not committed\. The user rejected this: I will commit myself/);
    assert.equal(git(tmp.dir, 'rev-parse', 'HEAD'), before);
    assert.equal(git(tmp.dir, 'status', '--porcelain'), '?? feature.ts\n');
  });

  it('git_commit with paths commits only those; without paths only what is staged', async () => {
    initRepo(tmp.dir, { 'a.txt': 'a\n', 'b.txt': 'b\n', 'gone.txt': 'g\n' });
    writeFiles(tmp.dir, { 'a.txt': 'a2\n', 'b.txt': 'b2\n' });
    git(tmp.dir, 'rm', '-q', 'gone.txt');
    const { ctx } = context();
    await callTool(gitCommitTool, { message: 'only a', paths: ['a.txt'] }, ctx);
    assert.equal(git(tmp.dir, 'show', '--name-only', '--format=', 'HEAD').trim(), 'a.txt');
    const staged = await callTool(gitCommitTool, { message: 'staged deletion' }, ctx);
    assert.match(staged.output, /gone\.txt/);
    assert.equal(git(tmp.dir, 'status', '--porcelain'), ' M b.txt\n');
  });

  it('git_commit: nothing to commit is refused without asking', async () => {
    initRepo(tmp.dir);
    const approvals = new ScriptedApprovals();
    const result = await callTool(gitCommitTool, { message: 'empty' }, context(approvals).ctx);
    assert.equal(result.isError, true);
    assert.match(result.output, /Nothing to commit: the working tree is clean/);
    assert.equal(approvals.requests.length, 0);
  });

  it('git_commit: nothing staged (only unstaged or untracked changes) says how to commit them, without asking', async () => {
    initRepo(tmp.dir, { 'a.txt': 'a\n' });
    writeFiles(tmp.dir, { 'a.txt': 'changed\n', 'new.txt': 'n\n' });
    const approvals = new ScriptedApprovals();
    const result = await callTool(gitCommitTool, { message: 'nothing staged' }, context(approvals).ctx);
    assert.equal(result.isError, true);
    assert.match(result.output, /Nothing is staged.*Pass the files to commit as paths/);
    assert.equal(approvals.requests.length, 0);
  });

  it('git_commit: paths that match nothing git knows are explained after approval', async () => {
    initRepo(tmp.dir, { 'a.txt': 'a\n' });
    writeFiles(tmp.dir, { 'a.txt': 'changed\n' });
    const result = await callTool(gitCommitTool, { message: 'm', paths: ['missing.txt'] }, context().ctx);
    assert.equal(result.isError, true);
    assert.match(result.output, /missing\.txt/);
    assert.equal(git(tmp.dir, 'rev-list', '--count', 'HEAD').trim(), '1');
  });
});
