import { strict as assert } from 'node:assert';
import { readFileSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runCheckpointsCommand } from '../../../src/cli/commands/checkpoints';
import { ShadowGitCheckpoints } from '../../../src/node/checkpoints/shadowGitCheckpoints';
import { contentHash } from '../../../src/core/edits/changeProposer';
import { makeTempDir } from '../../support/testHost';

describe('auto-agent checkpoints', function () {
  this.timeout(30_000);
  let ws: ReturnType<typeof makeTempDir>;
  let storage: ReturnType<typeof makeTempDir>;
  beforeEach(() => { ws = makeTempDir('ws-'); storage = makeTempDir('storage-'); });
  afterEach(() => { ws.cleanup(); storage.cleanup(); });

  async function run(...args: string[]): Promise<{ code: number; out: string; err: string }> {
    let out = '';
    let err = '';
    const code = await runCheckpointsCommand([...args, '--storage', storage.dir], { stdout: (s) => { out += s; }, stderr: (s) => { err += s; }, cwd: ws.dir });
    return { code, out, err };
  }

  it('lists a task\'s checkpoints and restores, keeping hand edits unless told to overwrite them', async () => {
    const a = path.join(ws.dir, 'a.txt');
    const b = path.join(ws.dir, 'b.txt');
    writeFileSync(a, 'a0\n');
    writeFileSync(b, 'b0\n');
    const store = new ShadowGitCheckpoints({ workspace: ws.dir, storageDir: storage.dir, homeDir: os.homedir() });
    const base = await store.ensureBaseline('task-1');
    writeFileSync(a, 'a1\n');
    writeFileSync(b, 'b1\n');
    await store.create({ taskId: 'task-1', label: 'edit_file a.txt, b.txt', agentWrites: [{ path: 'a.txt', preWriteHash: contentHash('a0\n') }, { path: 'b.txt', preWriteHash: contentHash('b0\n') }] });
    writeFileSync(b, 'b1 and mine\n');

    const listed = await run('list', '--task', 'task-1');
    assert.equal(listed.code, 0, listed.err);
    assert.match(listed.out, /Task task-1:\n {2}\w{12} .* before the task {2}\(baseline\)\n {2}\w{12} .* edit_file a\.txt, b\.txt\n/);

    const dry = await run('restore', base.id.slice(0, 12), '--dry-run');
    assert.match(dry.out, /restore a\.txt\n {2}restore b\.txt {2}\(has your own changes/);
    const kept = await run('restore', base.id.slice(0, 12));
    assert.equal(kept.code, 0, kept.err);
    assert.match(kept.out, /restored a\.txt/);
    assert.match(kept.out, /1 file\(s\) have your own changes[\s\S]*b\.txt/);
    assert.equal(readFileSync(a, 'utf8'), 'a0\n');
    assert.equal(readFileSync(b, 'utf8'), 'b1 and mine\n');

    const forced = await run('restore', base.id, '--file', 'b.txt', '--overwrite-my-changes');
    assert.equal(forced.code, 0, forced.err);
    assert.equal(readFileSync(b, 'utf8'), 'b0\n');
  });

  it('reports usage errors and unknown checkpoints with exit codes', async () => {
    assert.equal((await run('frobnicate')).code, 2);
    assert.equal((await run('restore')).code, 2);
    const unknown = await run('restore', 'deadbeefdead');
    assert.equal(unknown.code, 1);
    assert.match(unknown.err, /No checkpoint deadbeefdead/);
  });
});
