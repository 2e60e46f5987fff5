import { strict as assert } from 'node:assert';
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import * as path from 'node:path';
import { ChangePipeline, contentHash, type AppliedChangeInfo, type ChangeProposal } from '../../../src/core/edits/changeProposer';
import { createTestContext, makeTempDir, ScriptedApprovals } from '../../support/testHost';

const lines = (n: number, change: (i: number) => string | undefined = () => undefined): string =>
  Array.from({ length: n }, (_, i) => change(i + 1) ?? `line ${i + 1}`).join('\n') + '\n';

function setup(decisions: ScriptedApprovals['decisions'] = [], hooks: { onApplied?: (info: AppliedChangeInfo) => Promise<void> } = {}) {
  const temp = makeTempDir();
  const approvals = new ScriptedApprovals(decisions);
  const { ctx, task, events } = createTestContext({ root: temp.dir, approvals });
  let id = 0;
  const pipeline = new ChangePipeline({ files: ctx.host.files, gate: ctx.permissions, task: ctx.task, emit: ctx.emit, newId: () => `c${++id}`, ...hooks });
  const file = path.join(temp.dir, 'f.txt');
  const proposal = (before: string | null, after: string | null, kind: ChangeProposal['kind'] = 'modify'): ChangeProposal =>
    ({ callId: 'call', toolName: 'edit_file', kind, abs: file, path: 'f.txt', before, after });
  return { temp, approvals, pipeline, file, proposal, task, events };
}

describe('ChangePipeline', () => {
  it('applies exactly the accepted hunks of a partial accept', async () => {
    const s = setup([{ isApproved: true, acceptedHunks: [0, 2] }]);
    try {
      const before = lines(40);
      const after = lines(40, (i) => (i === 2 || i === 20 || i === 38 ? `changed ${i}` : undefined));
      writeFileSync(s.file, before);
      const outcome = await s.pipeline.propose(s.proposal(before, after));
      assert.equal(s.approvals.requests[0].change?.hunks.length, 3);
      assert.ok(outcome.isApplied);
      assert.deepEqual(outcome.acceptedHunks, [0, 2]);
      assert.equal(readFileSync(s.file, 'utf8'), lines(40, (i) => (i === 2 || i === 38 ? `changed ${i}` : undefined)));
    } finally { s.temp.cleanup(); }
  });

  it('rebases over changes made to other lines since the file was read', async () => {
    const s = setup();
    try {
      const before = lines(30);
      writeFileSync(s.file, lines(30, (i) => (i === 25 ? 'user edit' : undefined)));
      const outcome = await s.pipeline.propose(s.proposal(before, lines(30, (i) => (i === 3 ? 'agent edit' : undefined))));
      assert.ok(outcome.isApplied && outcome.isRebased);
      assert.equal(readFileSync(s.file, 'utf8'), lines(30, (i) => (i === 3 ? 'agent edit' : i === 25 ? 'user edit' : undefined)));
    } finally { s.temp.cleanup(); }
  });

  it('refuses with "file changed, re-read it" when the file changed on the same lines', async () => {
    const s = setup();
    try {
      const theirs = lines(10, (i) => (i === 5 ? 'user edit' : undefined));
      writeFileSync(s.file, theirs);
      const outcome = await s.pipeline.propose(s.proposal(lines(10), lines(10, (i) => (i === 5 ? 'agent edit' : undefined))));
      assert.equal(outcome.isApplied, false);
      assert.match(outcome.isApplied ? '' : outcome.reason, /file changed, re-read it/);
      assert.equal(readFileSync(s.file, 'utf8'), theirs);
      assert.ok(s.events.some((e) => e.type === 'changeRejected'));
    } finally { s.temp.cleanup(); }
  });

  it('refuses to create a file that appeared meanwhile', async () => {
    const s = setup();
    try {
      writeFileSync(s.file, 'someone else\n');
      const outcome = await s.pipeline.propose(s.proposal(null, 'mine\n', 'create'));
      assert.equal(outcome.isApplied, false);
      assert.equal(readFileSync(s.file, 'utf8'), 'someone else\n');
    } finally { s.temp.cleanup(); }
  });

  it('calls onApplied with the pre-write hash, and a failing hook does not undo the write', async () => {
    const seen: AppliedChangeInfo[] = [];
    const s = setup([], { onApplied: async (info) => { seen.push(info); throw new Error('disk full'); } });
    try {
      writeFileSync(s.file, 'a\n');
      const outcome = await s.pipeline.propose(s.proposal('a\n', 'b\n'));
      assert.ok(outcome.isApplied);
      assert.equal(readFileSync(s.file, 'utf8'), 'b\n');
      assert.equal(seen.length, 1);
      assert.equal(seen[0].paths[0].preWriteHash, contentHash('a\n'));
      assert.match(outcome.notes?.join() ?? '', /disk full/);
      assert.equal(s.task.editCount, 1);
    } finally { s.temp.cleanup(); }
  });

  it('writes nothing when the user accepts no hunk or rejects the change', async () => {
    const s = setup([{ isApproved: true, acceptedHunks: [] }, { isApproved: false, reason: 'no' }]);
    try {
      writeFileSync(s.file, 'a\n');
      assert.equal((await s.pipeline.propose(s.proposal('a\n', 'b\n'))).isApplied, false);
      assert.equal((await s.pipeline.propose(s.proposal('a\n', 'b\n'))).isApplied, false);
      assert.equal(readFileSync(s.file, 'utf8'), 'a\n');
    } finally { s.temp.cleanup(); }
  });

  it('deletes only an unchanged file', async () => {
    const s = setup();
    try {
      writeFileSync(s.file, 'changed by the user\n');
      assert.equal((await s.pipeline.propose(s.proposal('original\n', null, 'delete'))).isApplied, false);
      assert.ok(existsSync(s.file));
    } finally { s.temp.cleanup(); }
  });
});
