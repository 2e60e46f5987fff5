import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ShadowGitCheckpoints } from '../../../src/node/checkpoints/shadowGitCheckpoints';
import { checkpointHooks } from '../../../src/core/checkpoints/checkpointStore';
import { ChangePipeline, contentHash } from '../../../src/core/edits/changeProposer';
import { createTestContext, makeTempDir } from '../../support/testHost';

const userGit = (cwd: string, ...args: string[]): string => execFileSync('git', ['-c', 'user.name=U', '-c', 'user.email=u@example.invalid', '-c', 'commit.gpgsign=false', ...args], {
  cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null' },
});

/** A fingerprint of every file in the user's .git folder: content and mtime. */
function fingerprint(dir: string): string {
  const hash = createHash('sha256');
  const walk = (d: string): void => {
    for (const name of readdirSync(d).sort()) {
      const full = path.join(d, name);
      const st = statSync(full);
      if (st.isDirectory()) walk(full);
      else hash.update(`${full}:${st.mtimeMs}:`).update(readFileSync(full));
    }
  };
  walk(dir);
  return hash.digest('hex');
}

describe('ShadowGitCheckpoints', function () {
  this.timeout(60_000);
  let ws: ReturnType<typeof makeTempDir>;
  let storage: ReturnType<typeof makeTempDir>;
  let store: ShadowGitCheckpoints;
  const file = (rel: string): string => path.join(ws.dir, rel);
  const write = (rel: string, text: string): void => {
    mkdirSync(path.dirname(file(rel)), { recursive: true });
    writeFileSync(file(rel), text);
  };
  const read = (rel: string): string => readFileSync(file(rel), 'utf8');
  /** What the pipeline does: the write, then a checkpoint naming the file and its hash before the write. */
  const agentWrite = async (rel: string, text: string): Promise<void> => {
    const before = existsSync(file(rel)) ? read(rel) : null;
    write(rel, text);
    await store.create({ taskId: 't1', label: `write ${rel}`, agentWrites: [{ path: rel, preWriteHash: contentHash(before) }] });
  };

  beforeEach(() => {
    ws = makeTempDir('ws-');
    storage = makeTempDir('storage-');
    store = new ShadowGitCheckpoints({ workspace: ws.dir, storageDir: storage.dir, homeDir: os.homedir() });
  });
  afterEach(() => { ws.cleanup(); storage.cleanup(); });

  it('works with no git repository: restores the whole workspace to the baseline', async () => {
    write('a.txt', 'a0\n');
    await store.ensureBaseline('t1');
    await agentWrite('a.txt', 'a1\n');
    await agentWrite('new/b.txt', 'b1\n');
    const list = await store.list('t1');
    assert.deepEqual(list.map((c) => c.label), ['before the task', 'write a.txt', 'write new/b.txt']);
    assert.ok(list[0].isBaseline);
    const result = await store.restore(list[0].id);
    assert.deepEqual(result.kept, []);
    assert.equal(read('a.txt'), 'a0\n');
    assert.equal(existsSync(file('new/b.txt')), false);
    assert.ok(result.undoCheckpointId);
    await store.restore(result.undoCheckpointId as string);
    assert.equal(read('a.txt'), 'a1\n');
    assert.equal(read('new/b.txt'), 'b1\n');
  });

  it('names the tool call a checkpoint follows (the hook passes it), and reads a file as it was at a checkpoint', async () => {
    write('a.txt', 'a0\n');
    const hooks = checkpointHooks(store, 't1');
    await hooks.onBeforeApply();
    write('a.txt', 'a1\n');
    await hooks.onApplied({ toolName: 'edit_file', callId: 'call-7', paths: [{ path: 'a.txt', preWriteHash: contentHash('a0\n') }] });
    write('a.txt', 'a2 by hand\n');
    const [baseline, after] = await store.list('t1');
    assert.equal(after.callId, 'call-7');
    assert.equal(baseline.callId, undefined);
    assert.equal(new TextDecoder().decode((await store.readFile(after.id, 'a.txt')) ?? new Uint8Array()), 'a1\n');
    assert.equal(new TextDecoder().decode((await store.readFile(baseline.id, 'a.txt')) ?? new Uint8Array()), 'a0\n');
    assert.equal(await store.readFile(after.id, 'missing.txt'), null);
    await assert.rejects(store.readFile(after.id, '../outside.txt'), /outside the workspace/);
  });

  it('keeps the files the user changed by hand after the checkpoint unless told to overwrite them', async () => {
    write('a.txt', 'a0\n');
    write('b.txt', 'b0\n');
    write('c.txt', 'c0\n');
    const base = await store.ensureBaseline('t1');
    await agentWrite('a.txt', 'a1\n');
    write('b.txt', 'b by hand\n');
    await agentWrite('c.txt', 'c1\n');
    write('a.txt', 'a1 then by hand\n');
    const plan = await store.planRestore(base.id);
    assert.deepEqual(plan.changes.map((c) => c.path).sort(), ['a.txt', 'b.txt', 'c.txt']);
    assert.deepEqual([...plan.userChanged].sort(), ['a.txt', 'b.txt']);
    const kept = await store.restore(base.id);
    assert.deepEqual([...kept.kept].sort(), ['a.txt', 'b.txt']);
    assert.equal(read('c.txt'), 'c0\n');
    assert.equal(read('a.txt'), 'a1 then by hand\n');
    assert.equal(read('b.txt'), 'b by hand\n');
    const overwritten = await store.restore(base.id, { overwrite: ['a.txt'] });
    assert.deepEqual(overwritten.written, ['a.txt']);
    assert.equal(read('a.txt'), 'a0\n');
    assert.equal(read('b.txt'), 'b by hand\n');
  });

  it('notices a hand edit made to a file just before the agent wrote it again', async () => {
    write('a.txt', 'a0\n');
    const base = await store.ensureBaseline('t1');
    await agentWrite('a.txt', 'a1\n');
    write('a.txt', 'a1 plus hand\n');
    await agentWrite('a.txt', 'a2 over hand\n');
    const plan = await store.planRestore((await store.list('t1'))[1].id);
    assert.deepEqual(plan.userChanged, ['a.txt']);
    assert.deepEqual((await store.planRestore(base.id)).userChanged, ['a.txt']);
  });

  it('restores one file only', async () => {
    write('a.txt', 'a0\n');
    write('b.txt', 'b0\n');
    const base = await store.ensureBaseline('t1');
    await agentWrite('a.txt', 'a1\n');
    await agentWrite('b.txt', 'b1\n');
    const result = await store.restore(base.id, { file: 'b.txt' });
    assert.deepEqual(result.written, ['b.txt']);
    assert.equal(read('a.txt'), 'a1\n');
    assert.equal(read('b.txt'), 'b0\n');
  });

  it('honours .gitignore, skips big and binary files, and never touches them on restore', async () => {
    write('.gitignore', 'ignored/\n*.log\n');
    write('ignored/x.js', 'x');
    write('app.log', 'log 0');
    write('big.txt', 'x'.repeat(2048));
    writeFileSync(file('bin.dat'), Buffer.from([1, 0, 2, 0]));
    store = new ShadowGitCheckpoints({ workspace: ws.dir, storageDir: storage.dir, homeDir: os.homedir(), maxFileBytes: 1024 });
    const base = await store.ensureBaseline('t1');
    const tree = execFileSync('git', ['--git-dir', store.gitDir, 'ls-tree', '-r', '--name-only', base.id], { encoding: 'utf8' });
    assert.deepEqual(tree.trim().split('\n'), ['.gitignore']);
    write('ignored/x.js', 'changed');
    write('app.log', 'log 1');
    write('big.txt', 'y'.repeat(4096));
    await agentWrite('src.ts', 'new');
    await store.restore(base.id);
    assert.equal(read('ignored/x.js'), 'changed');
    assert.equal(read('app.log'), 'log 1');
    assert.equal(read('big.txt'), 'y'.repeat(4096));
    assert.equal(existsSync(file('src.ts')), false);
  });

  it('keeps a file the user created after the checkpoint instead of deleting it', async () => {
    write('a.txt', 'a0\n');
    const base = await store.ensureBaseline('t1');
    await agentWrite('agent.txt', 'by the agent\n');
    write('mine.txt', 'by hand\n');
    const result = await store.restore(base.id);
    assert.deepEqual(result.deleted, ['agent.txt']);
    assert.deepEqual(result.kept, ['mine.txt']);
    assert.equal(read('mine.txt'), 'by hand\n');
  });

  it('does not checkpoint its own storage when that lies inside the workspace', async () => {
    write('a.txt', 'a0\n');
    store = new ShadowGitCheckpoints({ workspace: ws.dir, storageDir: path.join(ws.dir, '.cache', 'auto-agent'), homeDir: os.homedir() });
    const base = await store.ensureBaseline('t1');
    await agentWrite('b.txt', 'b\n');
    const tree = execFileSync('git', ['--git-dir', store.gitDir, 'ls-tree', '-r', '--name-only', (await store.list('t1'))[1].id], { encoding: 'utf8' });
    assert.deepEqual(tree.trim().split('\n'), ['a.txt', 'b.txt']);
    await store.restore(base.id);
    assert.equal(existsSync(file('b.txt')), false);
  });

  it('refuses the home folder and a filesystem root as workspaces', () => {
    assert.throws(() => new ShadowGitCheckpoints({ workspace: ws.dir, storageDir: storage.dir, homeDir: ws.dir }), /home folder/);
    assert.throws(() => new ShadowGitCheckpoints({ workspace: '/', storageDir: storage.dir, homeDir: os.homedir() }), /filesystem root/);
  });

  describe('next to a user repository, which it never touches', () => {
    beforeEach(() => {
      userGit(ws.dir, 'init', '-q', '-b', 'main');
      write('a.txt', 'a0\n');
      write('b.txt', 'b0\n');
      userGit(ws.dir, 'add', '.');
      userGit(ws.dir, 'commit', '-q', '-m', 'one');
      writeFileSync(path.join(ws.dir, '.git', 'hooks', 'pre-commit'), '#!/bin/sh\ntouch "$GIT_DIR/../hook-ran"\n', { mode: 0o755 });
    });

    async function roundTrip(): Promise<void> {
      const statusBefore = userGit(ws.dir, '--no-optional-locks', 'status', '--porcelain');
      const gitBefore = fingerprint(path.join(ws.dir, '.git'));
      const base = await store.ensureBaseline('t1');
      await agentWrite('a.txt', 'agent\n');
      await store.restore(base.id);
      assert.equal(read('a.txt'), 'a0\n');
      assert.equal(fingerprint(path.join(ws.dir, '.git')), gitBefore);
      assert.equal(userGit(ws.dir, '--no-optional-locks', 'status', '--porcelain'), statusBefore);
      assert.equal(existsSync(file('hook-ran')), false);
      const tree = execFileSync('git', ['--git-dir', store.gitDir, 'ls-tree', '-r', '--name-only', base.id], { encoding: 'utf8' });
      assert.ok(!tree.split('\n').some((p) => p.startsWith('.git/')), tree);
    }

    it('in detached HEAD', async () => {
      userGit(ws.dir, 'checkout', '-q', '--detach', 'HEAD');
      await roundTrip();
    });

    it('in the middle of a merge with conflicts', async () => {
      userGit(ws.dir, 'checkout', '-q', '-b', 'other');
      write('b.txt', 'other\n');
      userGit(ws.dir, 'commit', '-q', '-am', 'other');
      userGit(ws.dir, 'checkout', '-q', 'main');
      write('b.txt', 'main\n');
      userGit(ws.dir, 'commit', '-q', '-am', 'main');
      assert.throws(() => userGit(ws.dir, 'merge', 'other'));
      assert.ok(existsSync(path.join(ws.dir, '.git', 'MERGE_HEAD')));
      await roundTrip();
      assert.ok(existsSync(path.join(ws.dir, '.git', 'MERGE_HEAD')));
    });

    it('with GIT_DIR and GIT_INDEX_FILE of the user repository inherited from the environment (as in a hook)', async () => {
      const saved = { dir: process.env.GIT_DIR, index: process.env.GIT_INDEX_FILE };
      process.env.GIT_DIR = path.join(ws.dir, '.git');
      process.env.GIT_INDEX_FILE = path.join(ws.dir, '.git', 'index');
      try {
        await roundTrip();
      } finally {
        if (saved.dir === undefined) delete process.env.GIT_DIR; else process.env.GIT_DIR = saved.dir;
        if (saved.index === undefined) delete process.env.GIT_INDEX_FILE; else process.env.GIT_INDEX_FILE = saved.index;
      }
    });

    it('with a stale .git/index.lock', async () => {
      writeFileSync(path.join(ws.dir, '.git', 'index.lock'), '');
      await roundTrip();
      assert.ok(existsSync(path.join(ws.dir, '.git', 'index.lock')));
    });
  });

  it('takes a baseline before the first change and a checkpoint after each change set through the pipeline hooks', async () => {
    write('a.txt', 'a0\n');
    const { ctx } = createTestContext({ root: ws.dir });
    let id = 0;
    const pipeline = new ChangePipeline({ files: ctx.host.files, gate: ctx.permissions, task: ctx.task, emit: ctx.emit, newId: () => `c${++id}`, ...checkpointHooks(store, 't1') });
    const outcome = await pipeline.propose({ callId: 'x', toolName: 'edit_file', kind: 'modify', abs: file('a.txt'), path: 'a.txt', before: 'a0\n', after: 'a1\n' });
    assert.ok(outcome.isApplied && !outcome.notes, JSON.stringify(outcome));
    const list = await store.list('t1');
    assert.deepEqual(list.map((c) => [c.label, c.agentPaths]), [['before the task', []], ['edit_file a.txt', ['a.txt']]]);
    assert.deepEqual(list[1].userPaths, []);
    await store.restore(list[0].id);
    assert.equal(read('a.txt'), 'a0\n');
  });
});
