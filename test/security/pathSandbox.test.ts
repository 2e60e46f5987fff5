/**
 * SECURITY-CASES.md, "Paths": `..`, absolute paths, `~`, mixed slashes, a symlink inside that points out, a
 * dangling symlink whose target would be created outside, multi-root workspaces, deny by default (an error path
 * never allows), and reads outside the workspace need approval.
 */
import { strict as assert } from 'node:assert';
import { existsSync, mkdirSync, symlinkSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { WorkspacePathGuard, canonicalPath } from '../../src/core/policy/pathGuard';
import { ToolError } from '../../src/core/tools/tool';
import { NodeFiles } from '../../src/node/nodeFiles';
import type { WorkspaceFiles } from '../../src/core/host';
import { makeTempDir } from '../support/testHost';
import { put } from './securityContext';

const files = new NodeFiles();
const never = async (): Promise<boolean> => false;
const always = async (): Promise<boolean> => true;

async function refused(promise: Promise<unknown>, pattern: RegExp): Promise<void> {
  await assert.rejects(promise, (err: Error) => err instanceof ToolError && pattern.test(err.message));
}

describe('security: Paths', () => {
  let ws: ReturnType<typeof makeTempDir>;
  let outside: ReturnType<typeof makeTempDir>;
  let root: string;
  beforeEach(() => {
    ws = makeTempDir();
    outside = makeTempDir('auto-agent-outside-');
    root = path.join(ws.dir, 'project');
    mkdirSync(root);
  });
  afterEach(() => { ws.cleanup(); outside.cleanup(); });

  it('Paths: `..` that climbs out of the workspace is refused for writes and asks for reads', async () => {
    const asked: string[] = [];
    const guard = new WorkspacePathGuard([root], files, async (abs) => { asked.push(abs); return false; }, os.homedir());
    await refused(guard.resolve('../secret.txt', 'write'), /outside the workspace/);
    await refused(guard.resolve('src/../../secret.txt', 'read'), /not approved/);
    assert.deepEqual(asked, [path.join(ws.dir, 'secret.txt')]);
    assert.equal((await guard.resolve('a/../b.txt', 'write')).rel, 'b.txt');
  });

  it('Paths: absolute paths outside are refused for writes; absolute paths inside work', async () => {
    const guard = new WorkspacePathGuard([root], files, never, os.homedir());
    await refused(guard.resolve('/etc/passwd', 'write'), /outside/);
    await refused(guard.resolve(path.join(outside.dir, 'x'), 'write'), /outside/);
    assert.equal((await guard.resolve(path.join(root, 'src/a.ts'), 'write')).rel, 'src/a.ts');
  });

  it('Paths: `~` expands to the home folder, which is outside (writes refused, reads ask); `~user` is refused', async () => {
    const home = outside.dir;
    const guard = new WorkspacePathGuard([root], files, never, home);
    await refused(guard.resolve('~/.bashrc', 'write'), /outside/);
    await refused(guard.resolve('~', 'read'), /not approved/);
    await refused(guard.resolve('~root/.ssh/id_rsa', 'read'), /~user/);
    const reader = new WorkspacePathGuard([root], files, always, home);
    assert.equal((await reader.resolve('~/notes.txt', 'read')).abs, path.join(home, 'notes.txt'));
  });

  it('Paths: mixed slashes and backslash `..` are normalised before the check', async () => {
    const guard = new WorkspacePathGuard([root], files, never, os.homedir());
    assert.equal((await guard.resolve('src\\lib/util.ts', 'write')).rel, 'src/lib/util.ts');
    await refused(guard.resolve('src\\..\\..\\escape.txt', 'write'), /outside/);
    await refused(guard.resolve('..\\escape.txt', 'write'), /outside/);
    await refused(guard.resolve('file:///etc/passwd', 'read'), /URL/);
    await refused(guard.resolve('a\0b', 'read'), /NUL/);
    await refused(guard.resolve('   ', 'read'), /empty/);
  });

  it('Paths: a symlink inside the workspace that points out of it is resolved and refused', async () => {
    put(outside.dir, 'target/data.txt', 'secret');
    symlinkSync(path.join(outside.dir, 'target'), path.join(root, 'link'));
    symlinkSync(path.join(outside.dir, 'target/data.txt'), path.join(root, 'file-link'));
    const guard = new WorkspacePathGuard([root], files, never, os.homedir());
    await refused(guard.resolve('link/data.txt', 'write'), /outside/);
    await refused(guard.resolve('link/new-file.txt', 'write'), /outside/);
    await refused(guard.resolve('file-link', 'write'), /outside/);
    await refused(guard.resolve('link/data.txt', 'read'), /not approved/);
  });

  it('Paths: a dangling symlink whose target would be created outside is refused for writes', async () => {
    symlinkSync(path.join(outside.dir, 'not-yet/created.txt'), path.join(root, 'dangling'));
    symlinkSync('../../' + path.basename(outside.dir) + '/new.txt', path.join(root, 'relative-dangling'));
    const guard = new WorkspacePathGuard([root], files, never, os.homedir());
    await refused(guard.resolve('dangling', 'write'), /outside/);
    assert.equal(await canonicalPath(files, path.join(root, 'dangling')), path.join(outside.dir, 'not-yet/created.txt'));
    await refused(guard.resolve('relative-dangling', 'write'), /outside/);
    assert.equal(existsSync(path.join(outside.dir, 'not-yet')), false);
  });

  it('Paths: a dangling symlink chain through the parent of a file not yet created is resolved', async () => {
    symlinkSync(path.join(outside.dir, 'dir-not-there'), path.join(root, 'dir-link'));
    const guard = new WorkspacePathGuard([root], files, never, os.homedir());
    await refused(guard.resolve('dir-link/sub/new.txt', 'write'), /outside/);
    const inside = path.join(root, 'real');
    mkdirSync(inside);
    symlinkSync(inside, path.join(root, 'alias'));
    const resolved = await guard.resolve('alias/new/deep.txt', 'write');
    assert.equal(resolved.abs, path.join(inside, 'new/deep.txt'));
    assert.equal(resolved.rel, 'real/new/deep.txt');
  });

  it('Paths: a symlink loop is an error, and the error denies', async () => {
    symlinkSync(path.join(root, 'b'), path.join(root, 'a'));
    symlinkSync(path.join(root, 'a'), path.join(root, 'b'));
    const guard = new WorkspacePathGuard([root], files, always, os.homedir());
    await refused(guard.resolve('a/x.txt', 'write'), /symbolic links|could not be resolved/);
    await refused(guard.resolve('a/x.txt', 'read'), /symbolic links|could not be resolved/);
  });

  it('Paths: deny by default — a failing file system or a throwing approver never allows (Cline PR 10376)', async () => {
    const broken: WorkspaceFiles = { ...files, lstat: async () => { throw new Error('EIO'); } } as unknown as WorkspaceFiles;
    const guard = new WorkspacePathGuard([root], broken, always, os.homedir());
    await refused(guard.resolve('src/a.ts', 'write'), /could not be resolved safely/);
    const throwing = new WorkspacePathGuard([root], files, async () => { throw new Error('approval UI crashed'); }, os.homedir());
    await refused(throwing.resolve('/etc/hostname', 'read'), /not approved/);
  });

  it('Paths: multi-root workspaces — each root is inside, the most specific root wins, between roots is outside', async () => {
    const second = path.join(ws.dir, 'second');
    mkdirSync(second);
    const nested = path.join(root, 'packages/nested');
    mkdirSync(nested, { recursive: true });
    const guard = new WorkspacePathGuard([root, second, nested], files, never, os.homedir());
    const inSecond = await guard.resolve(path.join(second, 'b.ts'), 'write');
    assert.equal(inSecond.root, second);
    assert.equal(inSecond.rel, 'b.ts');
    assert.equal((await guard.resolve('packages/nested/x.ts', 'write')).root, nested);
    await refused(guard.resolve(path.join(ws.dir, 'between.txt'), 'write'), /outside/);
    symlinkSync(second, path.join(root, 'to-second'));
    assert.equal((await guard.resolve('to-second/c.ts', 'write')).root, second);
  });

  it('Paths: the home folder or / opened as a workspace root does not count as inside', async () => {
    const home = outside.dir;
    const guard = new WorkspacePathGuard([home, '/'], files, never, home);
    await refused(guard.resolve(path.join(home, '.bashrc'), 'write'), /home folder or a file-system root/);
    await refused(guard.resolve('/etc/hosts', 'write'), /home folder or a file-system root/);
  });

  it('Paths: reads outside the workspace need approval (Roo CVE-2025-53097)', async () => {
    const secret = put(outside.dir, 'secret.txt', 'x');
    const asked: string[] = [];
    const guard = new WorkspacePathGuard([root], files, async (abs) => { asked.push(abs); return asked.length > 1; }, os.homedir());
    await refused(guard.resolve(secret, 'read'), /not approved/);
    const approved = await guard.resolve(secret, 'read');
    assert.equal(approved.isInside, false);
    assert.deepEqual(asked, [secret, secret]);
  });

  it('Paths: with outsideWrites "ask" a write outside is let through to the gate instead of refused', async () => {
    const guard = new WorkspacePathGuard([root], files, never, { homeDir: os.homedir(), outsideWrites: 'ask' });
    const resolved = await guard.resolve(path.join(outside.dir, 'out.txt'), 'write');
    assert.equal(resolved.isInside, false);
  });
});
