/**
 * SECURITY-CASES.md, "Files" and "Git": awkward files are read or refused with a clear message; nothing the user
 * wrote is lost (stale reads, edits during review, concurrent edits, a failing disk); git tools cope with every
 * repository state; checkpoints never touch the user's repository, index or stash. Drives the tools, the change
 * pipeline, NodeGit and the shadow-git checkpoints as they stand.
 */
import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { readFileTool } from '../../src/core/tools/readFile';
import { editFileTool } from '../../src/core/tools/editFile';
import { createFileTool } from '../../src/core/tools/createFile';
import { gitStatusTool } from '../../src/core/tools/gitStatus';
import { gitCommitTool } from '../../src/core/tools/gitCommit';
import { NodeGit } from '../../src/node/nodeGit';
import { NodeFiles } from '../../src/node/nodeFiles';
import { ShadowGitCheckpoints } from '../../src/node/checkpoints/shadowGitCheckpoints';
import type { ApprovalDecision, ApprovalRequest } from '../../src/core/host';
import { createTestContext, makeTempDir, ScriptedApprovals } from '../support/testHost';
import { put } from './securityContext';

const auto = { policy: { read: 'auto' as const, edit: 'auto' as const, execute: 'auto' as const, network: 'ask' as const } };
const git = (dir: string, ...args: string[]): string => execFileSync('git', args, { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

function initRepo(dir: string): void {
  git(dir, 'init', '-q', '-b', 'main');
  git(dir, 'config', 'user.name', 'T');
  git(dir, 'config', 'user.email', 't@example.com');
  git(dir, 'config', 'commit.gpgsign', 'false');
  put(dir, 'a.txt', 'a0\n');
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '-m', 'one');
}

describe('security: Files', () => {
  let ws: ReturnType<typeof makeTempDir>;
  beforeEach(() => { ws = makeTempDir(); });
  afterEach(() => ws.cleanup());
  const read = async (rel: string) => readFileTool.run({ path: rel }, createTestContext({ root: ws.dir, settings: auto }).ctx).catch((e: Error) => ({ output: e.message, isError: true }));

  const cases: [string, () => void, string, RegExp][] = [
    ['huge files are refused with their size', () => writeFileSync(path.join(ws.dir, 'f'), Buffer.alloc(11 * 1024 * 1024, 97)), 'f', /too large/],
    ['very long lines are cut with a marker', () => put(ws.dir, 'f', `${'x'.repeat(50_000)}\n`), 'f', /cut|characters/],
    ['binary files are refused', () => writeFileSync(path.join(ws.dir, 'f'), Buffer.from([0, 1, 2, 0, 255, 0])), 'f', /binary/],
    ['non-UTF-8 text is decoded with a note', () => writeFileSync(path.join(ws.dir, 'f'), Buffer.from('caf\xe9\n', 'latin1')), 'f', /café|caf/],
    ['UTF-16 with a BOM is decoded', () => writeFileSync(path.join(ws.dir, 'f'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('hello\n', 'utf16le')])), 'f', /hello/],
    ['a UTF-8 BOM is not shown as text', () => writeFileSync(path.join(ws.dir, 'f'), Buffer.from('\ufeffbom\n')), 'f', /^(?![\s\S]*\ufeff)[\s\S]*bom/],
    ['CRLF and mixed line endings are reported', () => put(ws.dir, 'f', 'a\r\nb\nc\r\n'), 'f', /CRLF|line endings/i],
    ['an empty file says so', () => put(ws.dir, 'f', ''), 'f', /empty/],
    ['a missing file says so', () => undefined, 'missing.txt', /not found/i],
    ['invisible and bidirectional Unicode is revealed with a warning', () => put(ws.dir, 'f', 'let a = "\u202egnp.exe";\u200b\n'), 'f', /\\u\{202E\}|invisible|bidi/i],
  ];
  for (const [name, setup, rel, expected] of cases) {
    it(`Files: ${name}`, async () => {
      setup();
      const result = await read(rel);
      assert.match(result.output, expected);
    });
  }

  it('Files: a read-only file — the edit fails with a clear error and the file is unchanged', async () => {
    const abs = put(ws.dir, 'ro.txt', 'old\n');
    const { ctx, host } = createTestContext({ root: ws.dir, settings: auto });
    if (process.getuid?.() === 0) {
      // root ignores file modes, so the file system's answer for a read-only file is played by the host.
      (host.files as NodeFiles).writeFile = async () => { throw Object.assign(new Error(`EACCES: permission denied, open '${abs}'`), { code: 'EACCES' }); };
    } else {
      chmodSync(abs, 0o444);
      chmodSync(ws.dir, 0o555);
    }
    try {
      const result = await editFileTool.run({ path: 'ro.txt', edits: [{ search: 'old', replace: 'new' }] } as never, ctx).catch((e: Error) => ({ output: e.message, isError: true }));
      assert.match(result.output, /EACCES|permission|read-only/i);
    } finally {
      chmodSync(ws.dir, 0o755);
    }
    assert.equal(readFileSync(abs, 'utf8'), 'old\n');
  });

  it('Files: the file changed on disk after the agent read it on the same lines — refused, the user\'s text kept', async () => {
    const abs = put(ws.dir, 'f.txt', 'one\ntwo\n');
    const approvals = new ScriptedApprovals();
    approvals.request = async (request: ApprovalRequest): Promise<ApprovalDecision> => {
      writeFileSync(abs, 'ONE BY USER\ntwo\n');
      approvals.requests.push(request);
      return { isApproved: true };
    };
    const { ctx } = createTestContext({ root: ws.dir, approvals });
    const result = await editFileTool.run({ path: 'f.txt', edits: [{ search: 'one', replace: 'uno' }] } as never, ctx);
    assert.equal(result.isError, true, result.output);
    assert.equal(readFileSync(abs, 'utf8'), 'ONE BY USER\ntwo\n');
  });

  it('Files: the user edits another part while a diff is under review — the change is rebased, both edits kept', async () => {
    const abs = put(ws.dir, 'f.txt', 'one\ntwo\nthree\nfour\nfive\nsix\nseven\n');
    const approvals = new ScriptedApprovals();
    approvals.request = async (request: ApprovalRequest): Promise<ApprovalDecision> => {
      writeFileSync(abs, readFileSync(abs, 'utf8').replace('seven', 'SEVEN (user)'));
      approvals.requests.push(request);
      return { isApproved: true };
    };
    const { ctx } = createTestContext({ root: ws.dir, approvals });
    await editFileTool.run({ path: 'f.txt', edits: [{ search: 'one', replace: 'uno' }] } as never, ctx);
    const text = readFileSync(abs, 'utf8');
    assert.match(text, /SEVEN \(user\)/, 'the user\'s edit is kept');
    assert.ok(/uno/.test(text) || text.startsWith('one'), 'the agent edit is applied or cleanly refused');
  });

  it('Files: two edits to one file at once — no corruption: each lands or is refused, and the file stays whole', async () => {
    const abs = put(ws.dir, 'f.txt', 'alpha\nbeta\n');
    const { ctx } = createTestContext({ root: ws.dir, settings: auto });
    await Promise.all([
      editFileTool.run({ path: 'f.txt', edits: [{ search: 'alpha', replace: 'ALPHA' }] } as never, { ...ctx, callId: 'c1' }),
      editFileTool.run({ path: 'f.txt', edits: [{ search: 'beta', replace: 'BETA' }] } as never, { ...ctx, callId: 'c2' }),
    ]);
    const text = readFileSync(abs, 'utf8');
    assert.match(text, /^(alpha|ALPHA)\n(beta|BETA)\n$/);
  });

  it('Files: the disk fills mid-write — the write fails with a clear error and the original is intact', async () => {
    const abs = put(ws.dir, 'f.txt', 'original\n');
    const { ctx, host } = createTestContext({ root: ws.dir, settings: auto });
    // A full disk is played by the host: the write starts, then fails with ENOSPC as fs.writeFile would.
    (host.files as NodeFiles).writeFile = async () => { throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' }); };
    const result = await createFileTool.run({ path: 'f.txt', content: 'replacement\n', overwrite: true }, ctx).catch((e: Error) => ({ output: e.message, isError: true }));
    assert.match(result.output, /ENOSPC|no space/);
    assert.equal(readFileSync(abs, 'utf8'), 'original\n');
  });

  it('Files: writes are atomic — a reader sees the old or the new content, never half, and no temporary file is left', async () => {
    const abs = put(ws.dir, 'g.txt', 'a'.repeat(2_000_000));
    const files = new NodeFiles();
    const contents = ['a'.repeat(2_000_000), 'b'.repeat(1_000_000)];
    let isWriting = true;
    const seen = new Set<string>();
    const reader = (async () => {
      while (isWriting) {
        const text = readFileSync(abs, 'utf8');
        seen.add(text === contents[0] ? 'old' : text === contents[1] ? 'new' : `torn:${text.length}`);
        await new Promise((r) => setImmediate(r));
      }
    })();
    for (let i = 0; i < 20; i++) await files.writeFile(abs, new TextEncoder().encode(contents[(i + 1) % 2]));
    isWriting = false;
    await reader;
    assert.deepEqual([...seen].filter((s) => s.startsWith('torn')), []);
    assert.deepEqual(readdirSync(ws.dir).filter((n) => n.endsWith('.tmp')), []);
  });
});

describe('security: Git', () => {
  let ws: ReturnType<typeof makeTempDir>;
  beforeEach(() => { ws = makeTempDir(); });
  afterEach(() => ws.cleanup());
  const ctxFor = (dir = ws.dir, host = new NodeGit()) => createTestContext({ root: dir, git: host, settings: auto }).ctx;
  const status = async (dir = ws.dir, host?: NodeGit) => gitStatusTool.run({}, ctxFor(dir, host)).catch((e: Error) => ({ output: e.message, isError: true }));

  it('Git: no repository — a clear message', async () => {
    assert.match((await status()).output, /not a git repository/);
  });

  it('Git: detached HEAD — status still works and says so', async () => {
    initRepo(ws.dir);
    git(ws.dir, 'checkout', '-q', '--detach', 'HEAD');
    assert.match((await status()).output, /detached|HEAD/i);
  });

  it('Git: merge in progress with conflicts — status names them, a commit is refused with the reason', async () => {
    initRepo(ws.dir);
    git(ws.dir, 'checkout', '-q', '-b', 'other');
    put(ws.dir, 'a.txt', 'other\n');
    git(ws.dir, 'commit', '-q', '-am', 'other');
    git(ws.dir, 'checkout', '-q', 'main');
    put(ws.dir, 'a.txt', 'main\n');
    git(ws.dir, 'commit', '-q', '-am', 'main');
    assert.throws(() => git(ws.dir, 'merge', 'other'));
    assert.match((await status()).output, /a\.txt/);
    const commit = await gitCommitTool.run({ message: 'x', paths: ['a.txt'] } as never, ctxFor()).catch((e: Error) => ({ output: e.message, isError: true }));
    assert.match(commit.output, /merge|conflict/i);
  });

  it('Git: rebase in progress — status still reads', async () => {
    initRepo(ws.dir);
    mkdirSync(path.join(ws.dir, '.git', 'rebase-merge'));
    writeFileSync(path.join(ws.dir, '.git', 'rebase-merge', 'head-name'), 'refs/heads/main\n');
    assert.doesNotMatch((await status()).output, /not a git repository/);
  });

  it('Git: submodules and nested repositories — status of the inner repository is its own', async () => {
    initRepo(ws.dir);
    const inner = path.join(ws.dir, 'vendor', 'inner');
    mkdirSync(inner, { recursive: true });
    initRepo(inner);
    put(inner, 'b.txt', 'new\n');
    const outer = (await status()).output;
    const nested = (await status(inner)).output;
    assert.match(nested, /b\.txt/);
    assert.doesNotMatch(outer, /b\.txt/);
  });

  it('Git: a stale index.lock — status reads, a commit explains the lock', async () => {
    initRepo(ws.dir);
    writeFileSync(path.join(ws.dir, '.git', 'index.lock'), '');
    put(ws.dir, 'a.txt', 'changed\n');
    assert.match((await status()).output, /a\.txt/);
    const commit = await gitCommitTool.run({ message: 'x', paths: ['a.txt'] } as never, ctxFor()).catch((e: Error) => ({ output: e.message, isError: true }));
    assert.match(commit.output, /lock/);
  });

  it('Git: no git binary — a clear message, not a crash', async () => {
    initRepo(ws.dir);
    assert.match((await status(ws.dir, new NodeGit({ binary: '/nonexistent/git' }))).output, /git is not available/);
  });

  it('Git: checkpoints never touch the user\'s repository, index or stash', async () => {
    const root = path.join(ws.dir, 'work');
    mkdirSync(root);
    initRepo(root);
    put(root, 'a.txt', 'staged\n');
    git(root, 'add', 'a.txt');
    put(root, 'a.txt', 'worktree\n');
    git(root, 'stash', 'push', '-q', '--keep-index', '-m', 'user stash');
    const before = { status: git(root, 'status', '--porcelain'), index: readFileSync(path.join(root, '.git', 'index')), stash: git(root, 'stash', 'list'), refs: git(root, 'for-each-ref') };
    const store = new ShadowGitCheckpoints({ workspace: root, storageDir: path.join(ws.dir, 'storage'), homeDir: path.join(ws.dir, 'home') });
    const base = await store.ensureBaseline('t1');
    put(root, 'b.txt', 'agent\n');
    await store.create({ taskId: 't1', label: 'after edit' });
    await store.restore(base.id, { overwrite: true } as never);
    assert.equal(existsSync(path.join(root, 'b.txt')), false);
    assert.equal(git(root, 'stash', 'list'), before.stash);
    assert.deepEqual(readFileSync(path.join(root, '.git', 'index')), before.index);
    assert.equal(git(root, 'for-each-ref'), before.refs);
    assert.equal(git(root, 'status', '--porcelain'), before.status);
    assert.ok(!store.gitDir.startsWith(root), 'the shadow repository lives outside the workspace');
  });
});
