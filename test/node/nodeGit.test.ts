// NodeGit on real repositories made with the git CLI: the Git cases of shared/SECURITY-CASES.md that sit below
// the tools (merge in progress, stale index.lock, nested folders, no git binary) and environment isolation.
import { strict as assert } from 'node:assert';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { NodeGit, GitHostError } from '../../src/node/nodeGit';
import { makeTempDir } from '../support/testHost';
import { git, initRepo, makeConflict, writeFiles } from '../core/tools/gitRepo';

describe('NodeGit', () => {
  const nodeGit = new NodeGit();
  let tmp: ReturnType<typeof makeTempDir>;
  beforeEach(() => { tmp = makeTempDir(); });
  afterEach(() => tmp.cleanup());

  it('isRepo: true in a work tree and in a folder below it, false outside', async () => {
    const plain = makeTempDir();
    try {
      assert.equal(await nodeGit.isRepo(plain.dir), false);
      initRepo(tmp.dir);
      mkdirSync(path.join(tmp.dir, 'src', 'deep'), { recursive: true });
      assert.equal(await nodeGit.isRepo(tmp.dir), true);
      assert.equal(await nodeGit.isRepo(path.join(tmp.dir, 'src', 'deep')), true);
    } finally {
      plain.cleanup();
    }
  });

  it('Git: no git binary — GitHostError saying git is not available', async () => {
    await assert.rejects(new NodeGit({ binary: '/nonexistent/git' }).isRepo(tmp.dir), (err: Error) => err instanceof GitHostError && /git is not available/.test(err.message));
  });

  it('Git: stale index.lock — status still reads, a commit explains the lock', async () => {
    initRepo(tmp.dir, { 'a.txt': 'a\n' });
    writeFiles(tmp.dir, { 'a.txt': 'b\n' });
    writeFileSync(path.join(tmp.dir, '.git', 'index.lock'), '');
    assert.match(await nodeGit.status(tmp.dir), /modified: {3}a\.txt/);
    await assert.rejects(nodeGit.commit(tmp.dir, 'm', ['a.txt']), /Another git process holds the index lock.*stale/s);
  });

  it('Git: merge in progress — a partial commit is refused; after resolving, a commit concludes the merge', async () => {
    initRepo(tmp.dir);
    makeConflict(tmp.dir);
    await assert.rejects(nodeGit.commit(tmp.dir, 'merge'), /unresolved merge conflicts in conflict\.txt/);
    writeFiles(tmp.dir, { 'conflict.txt': 'resolved\n' });
    git(tmp.dir, 'add', 'conflict.txt');
    await assert.rejects(nodeGit.commit(tmp.dir, 'merge', ['conflict.txt']), /while a merge is in progress/);
    const done = await nodeGit.commit(tmp.dir, 'Merge other');
    assert.match(done, /^Committed on branch main: [0-9a-f]{7} Merge other/);
    assert.equal(git(tmp.dir, 'rev-list', '--parents', '-n', '1', 'HEAD').trim().split(' ').length, 3, 'a merge commit has two parents');
  });

  it('Git: rebase in progress is recognised before a partial commit', async () => {
    initRepo(tmp.dir);
    makeConflict(tmp.dir);
    git(tmp.dir, 'merge', '--abort');
    git(tmp.dir, 'checkout', '-q', 'other');
    try {
      git(tmp.dir, 'rebase', 'main');
    } catch {
      // conflict expected
    }
    writeFiles(tmp.dir, { 'conflict.txt': 'resolved\n' });
    git(tmp.dir, 'add', 'conflict.txt');
    await assert.rejects(nodeGit.commit(tmp.dir, 'x', ['conflict.txt']), /while a rebase is in progress/);
  });

  it('log of an empty repository is empty; diff honours paths and staged', async () => {
    git(tmp.dir, 'init', '-q', '-b', 'main');
    assert.equal(await nodeGit.log(tmp.dir, { maxCount: 5 }), '');
    tmp.cleanup(); tmp = makeTempDir();
    initRepo(tmp.dir, { 'a.txt': '1\n', 'b.txt': '1\n' });
    writeFiles(tmp.dir, { 'a.txt': '2\n', 'b.txt': '2\n' });
    const onlyB = await nodeGit.diff(tmp.dir, { paths: ['b.txt'] });
    assert.match(onlyB, /b\.txt/);
    assert.doesNotMatch(onlyB, /a\.txt/);
    assert.equal(await nodeGit.diff(tmp.dir, { staged: true }), '');
  });

  it('ignores ambient GIT_DIR / GIT_WORK_TREE: it works on the repository it is given, nothing else', async () => {
    const other = makeTempDir();
    const saved = { GIT_DIR: process.env.GIT_DIR, GIT_WORK_TREE: process.env.GIT_WORK_TREE };
    try {
      initRepo(tmp.dir, { 'mine.txt': 'x\n' });
      initRepo(other.dir, { 'theirs.txt': 'y\n' });
      writeFiles(tmp.dir, { 'mine.txt': 'changed\n' });
      process.env.GIT_DIR = path.join(other.dir, '.git');
      process.env.GIT_WORK_TREE = other.dir;
      assert.match(await nodeGit.status(tmp.dir), /modified: {3}mine\.txt/);
      await nodeGit.commit(tmp.dir, 'mine', ['mine.txt']);
    } finally {
      for (const [key, value] of Object.entries(saved)) {
        if (value === undefined) delete process.env[key];
        else process.env[key] = value;
      }
      assert.equal(git(other.dir, 'rev-list', '--count', 'HEAD').trim(), '1', 'the other repository is untouched');
      other.cleanup();
    }
    assert.equal(git(tmp.dir, 'log', '-1', '--format=%s').trim(), 'mine');
  });

  it('a diff never runs external diff drivers configured in the repository', async () => {
    initRepo(tmp.dir, { 'a.txt': '1\n' });
    const marker = path.join(tmp.dir, 'ext-diff-ran');
    git(tmp.dir, 'config', 'diff.external', `sh -c 'touch ${marker}'`);
    writeFiles(tmp.dir, { 'a.txt': '2\n' });
    assert.match(await nodeGit.diff(tmp.dir, {}), /\+2/);
    assert.equal(existsSync(marker), false);
  });
});

describe('NodeGit with nested repositories and submodules', () => {
  const nodeGit = new NodeGit();
  let tmp: ReturnType<typeof makeTempDir>;
  beforeEach(() => { tmp = makeTempDir(); });
  afterEach(() => tmp.cleanup());

  it('Git: nested repository — committing a path inside it is refused, nothing is staged', async () => {
    initRepo(tmp.dir);
    const inner = path.join(tmp.dir, 'vendor', 'inner');
    mkdirSync(inner, { recursive: true });
    initRepo(inner, { 'f.txt': 'x\n' });
    writeFiles(inner, { 'f.txt': 'changed\n' });
    await assert.rejects(nodeGit.commit(tmp.dir, 'm', ['vendor/inner/f.txt']), /vendor\/inner, a submodule or nested git repository/);
    await assert.rejects(nodeGit.commit(tmp.dir, 'm', ['vendor/inner']), /nested git repository/);
    assert.equal(git(tmp.dir, 'diff', '--cached', '--name-only'), '');
    assert.equal(git(inner, 'rev-list', '--count', 'HEAD').trim(), '1');
  });

  it('Git: nested repository as the workspace — operations apply to the inner repository only', async () => {
    initRepo(tmp.dir, { 'outer.txt': 'o\n' });
    const inner = path.join(tmp.dir, 'inner');
    mkdirSync(inner);
    initRepo(inner, { 'f.txt': 'x\n' });
    writeFiles(inner, { 'f.txt': 'y\n' });
    writeFiles(tmp.dir, { 'outer.txt': 'changed\n' });
    assert.doesNotMatch(await nodeGit.status(inner), /outer\.txt/);
    await nodeGit.commit(inner, 'inner change', ['f.txt']);
    assert.equal(git(inner, 'log', '-1', '--format=%s').trim(), 'inner change');
    assert.match(git(tmp.dir, 'status', '--porcelain'), /M outer\.txt/);
  });

  it('Git: submodules — status reports them, and their files are not committed from the outer repository', async () => {
    const upstream = makeTempDir();
    try {
      initRepo(upstream.dir, { 'lib.txt': 'lib\n' });
      initRepo(tmp.dir);
      git(tmp.dir, '-c', 'protocol.file.allow=always', 'submodule', 'add', '-q', upstream.dir, 'sub');
      git(tmp.dir, 'commit', '-q', '-m', 'add submodule');
      writeFiles(path.join(tmp.dir, 'sub'), { 'lib.txt': 'edited\n' });
      assert.match(await nodeGit.status(tmp.dir), /modified: {3}sub \(modified content\)/);
      await assert.rejects(nodeGit.commit(tmp.dir, 'm', ['sub/lib.txt']), /sub, a submodule or nested git repository/);
    } finally {
      upstream.cleanup();
    }
  });
});
