/**
 * SECURITY-CASES.md, "Repository-controlled git config runs code": every git process the agent starts (the git
 * tools' NodeGit, the shadow-git checkpoints, git run by commands) runs none of the programs a repository's
 * config names: core.fsmonitor, core.pager, core.hooksPath (except for the approved commit), diff.external,
 * textconv, filter and diff drivers, included files, a bare repository planted in the workspace, and config
 * leaking in from the environment (GIT_CONFIG_GLOBAL, GIT_DIR). Each program would create a marker file.
 */
import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { appendFileSync, chmodSync, existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { NodeGit } from '../../src/node/nodeGit';
import { NodeShell } from '../../src/node/nodeShell';
import { ShadowGitCheckpoints } from '../../src/node/checkpoints/shadowGitCheckpoints';
import { makeTempDir } from '../support/testHost';
import { put } from './securityContext';

const git = (cwd: string, ...args: string[]): string => execFileSync('git', args, { cwd, encoding: 'utf8', env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null' } });

/** A repository with one commit, a modified file (racy, so status must re-read it) and its attributes. */
function makeRepo(dir: string): void {
  git(dir, 'init', '-q', '-b', 'main');
  git(dir, 'config', 'user.name', 'T');
  git(dir, 'config', 'user.email', 't@example.com');
  put(dir, 'a.txt', 'one\n');
  put(dir, '.gitattributes', 'a.txt filter=evil diff=evil merge=evil\n');
  git(dir, 'add', '.');
  git(dir, 'commit', '-qm', 'init');
  put(dir, 'a.txt', 'one\ntwo\n');
}

/** A command that leaves `marker/<name>` when it runs. */
const touch = (markers: string, name: string): string => `touch ${path.join(markers, name)}; cat`;

/** Hostile config: every key that names a program, each leaving its own marker. */
function hostileConfig(markers: string): string {
  return `[core]
\tfsmonitor = "${touch(markers, 'fsmonitor')}"
\tpager = "${touch(markers, 'pager')}"
\thooksPath = hooks-dir
\tsshCommand = "${touch(markers, 'ssh')}"
\teditor = "${touch(markers, 'editor')}"
[diff]
\texternal = "${touch(markers, 'diff-external')}"
[diff "evil"]
\ttextconv = "${touch(markers, 'textconv')}"
\tcommand = "${touch(markers, 'diff-command')}"
[filter "evil"]
\tclean = "${touch(markers, 'clean')}"
\tsmudge = "${touch(markers, 'smudge')}"
\trequired = true
[log]
\tshowSignature = true
[gpg]
\tprogram = "${touch(markers, 'gpg')}"
[commit]
\tgpgSign = true
[credential]
\thelper = "!${touch(markers, 'credential')}"
[include]
\tpath = extra.cfg
`;
}

function hooks(dir: string, markers: string): void {
  for (const hook of ['pre-commit', 'post-index-change', 'post-commit', 'reference-transaction']) {
    put(dir, `hooks-dir/${hook}`, `#!/bin/sh\ntouch ${path.join(markers, `hook-${hook}`)}\n`);
    chmodSync(path.join(dir, `hooks-dir/${hook}`), 0o755);
  }
}

const markersIn = (dir: string): string[] => readdirSync(dir).sort();

describe('security: Repository-controlled git config runs code', function () {
  this.timeout(30_000);
  let tmp: ReturnType<typeof makeTempDir>;
  let repo: string;
  let markers: string;
  beforeEach(() => {
    tmp = makeTempDir();
    repo = path.join(tmp.dir, 'repo');
    markers = path.join(tmp.dir, 'markers');
    mkdirSync(repo);
    mkdirSync(markers);
    makeRepo(repo);
  });
  afterEach(() => tmp.cleanup());

  it('Git: hostile config — status, diff and log run no fsmonitor, pager, hook, external diff, textconv, filter, gpg or included program', async () => {
    appendFileSync(path.join(repo, '.git/config'), hostileConfig(markers));
    writeFileSync(path.join(repo, '.git/extra.cfg'), `[filter "evil"]\n\tprocess = "${touch(markers, 'included-process')}"\n[core]\n\tfsmonitor = "${touch(markers, 'included-fsmonitor')}"\n`);
    hooks(repo, markers);
    const nodeGit = new NodeGit();
    const status = await nodeGit.status(repo);
    await nodeGit.diff(repo, {});
    await nodeGit.diff(repo, { staged: true });
    await nodeGit.log(repo, { maxCount: 5 });
    assert.match(status, /modified: {3}a\.txt/);
    assert.deepEqual(markersIn(markers), []);
    assert.match(status, /^Note: this repository's git config sets core\.fsmonitor, core\.pager, core\.hookspath/);
    assert.match(status, /filter\.evil\.clean/);
    assert.match(status, /include\.path/);
  });

  it('Git: hostile config — an approved commit runs the repository\'s hooks, and still no filter, fsmonitor, editor or gpg program', async () => {
    appendFileSync(path.join(repo, '.git/config'), hostileConfig(markers));
    writeFileSync(path.join(repo, '.git/extra.cfg'), '');
    hooks(repo, markers);
    const result = await new NodeGit().commit(repo, 'change', ['a.txt']);
    assert.match(result, /Committed on branch main/);
    assert.deepEqual(markersIn(markers).filter((m) => !m.startsWith('hook-')), []);
    assert.ok(markersIn(markers).includes('hook-pre-commit'), 'the approved commit runs its hooks');
  });

  it('Git: hostile config — a filter driver in a submodule\'s own config does not run when status looks into the submodule', async () => {
    const sub = path.join(tmp.dir, 'subsrc');
    mkdirSync(sub);
    makeRepo(sub);
    git(sub, 'commit', '-qam', 'two');
    git(repo, '-c', 'protocol.file.allow=always', 'submodule', 'add', '-q', sub, 'sub');
    git(repo, 'commit', '-qm', 'sub');
    appendFileSync(path.join(repo, '.git/modules/sub/config'), `[filter "evil"]\n\tclean = "${touch(markers, 'submodule-clean')}"\n[core]\n\tfsmonitor = "${touch(markers, 'submodule-fsmonitor')}"\n`);
    put(repo, 'sub/a.txt', 'changed\n');
    const status = await new NodeGit().status(repo);
    assert.match(status, /sub \(modified content\)/);
    assert.deepEqual(markersIn(markers), []);
  });

  it('Git: hostile config — a bare repository planted at the workspace root is not used, and the model is told why', async () => {
    const ws = path.join(tmp.dir, 'planted');
    mkdirSync(path.join(ws, 'objects'), { recursive: true });
    mkdirSync(path.join(ws, 'refs/heads'), { recursive: true });
    put(ws, 'HEAD', 'ref: refs/heads/main\n');
    put(ws, 'config', `[core]\n\trepositoryformatversion = 0\n\tbare = false\n\tworktree = .\n\tfsmonitor = "${touch(markers, 'fsmonitor')}"\n`);
    await assert.rejects(new NodeGit().isRepo(ws), /bare git repository.*nothing from it ran/s);
    await assert.rejects(new NodeGit().status(ws), /safe\.bareRepository/);
    assert.deepEqual(markersIn(markers), []);
    // The attack is real: git without the hardening runs the planted fsmonitor.
    execFileSync('git', ['status'], { cwd: ws, env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null' }, stdio: 'ignore' });
    assert.deepEqual(markersIn(markers), ['fsmonitor']);
  });

  it('Git: hostile config — a bare repository planted in a subfolder is not used by git that a command runs there, and git_status names it', async () => {
    const bare = path.join(repo, 'vendor/evil');
    mkdirSync(path.join(bare, 'objects'), { recursive: true });
    mkdirSync(path.join(bare, 'refs/heads'), { recursive: true });
    put(bare, 'HEAD', 'ref: refs/heads/main\n');
    put(bare, 'config', `[core]\n\tbare = false\n\tworktree = .\n\tfsmonitor = "${touch(markers, 'fsmonitor')}"\n`);
    const result = await new NodeShell().run('cd vendor/evil && git status', { cwd: repo, timeoutMs: 15_000, maxOutputBytes: 10_000 });
    assert.match(result.output, /cannot use bare repository/);
    assert.match(await new NodeGit().status(repo), /^Note: vendor\/evil is shaped like a bare git repository/);
    assert.deepEqual(markersIn(markers), []);
  });

  it('Git: hostile config — GIT_CONFIG_GLOBAL, GIT_DIR and other ambient git variables do not reach the agent\'s git', async () => {
    const globalConfig = path.join(tmp.dir, 'global.cfg');
    writeFileSync(globalConfig, `[filter "evil"]\n\tclean = "${touch(markers, 'global-clean')}"\n\trequired = true\n`);
    const saved = { ...process.env };
    Object.assign(process.env, { GIT_CONFIG_GLOBAL: globalConfig, GIT_DIR: path.join(tmp.dir, 'nowhere'), GIT_CONFIG_COUNT: '1', GIT_CONFIG_KEY_0: 'core.fsmonitor', GIT_CONFIG_VALUE_0: touch(markers, 'env-fsmonitor'), GIT_EXTERNAL_DIFF: touch(markers, 'env-diff') });
    try {
      const nodeGit = new NodeGit();
      assert.match(await nodeGit.status(repo), /modified: {3}a\.txt/);
      await nodeGit.diff(repo, {});
    } finally {
      for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
      Object.assign(process.env, saved);
    }
    assert.deepEqual(markersIn(markers), []);
  });

  it('Git: hostile config — the shadow-git checkpoints run none of the workspace repository\'s programs', async () => {
    appendFileSync(path.join(repo, '.git/config'), hostileConfig(markers));
    writeFileSync(path.join(repo, '.git/extra.cfg'), '');
    hooks(repo, markers);
    const checkpoints = new ShadowGitCheckpoints({ workspace: repo, storageDir: path.join(tmp.dir, 'store'), homeDir: path.join(tmp.dir, 'home') });
    await checkpoints.ensureBaseline('t1');
    put(repo, 'a.txt', 'three\n');
    await checkpoints.create({ taskId: 't1', label: 'after' });
    await checkpoints.planRestore((await checkpoints.list('t1'))[0].id);
    assert.deepEqual(markersIn(markers), []);
    assert.ok(existsSync(path.join(repo, '.git/config')));
  });
});
