/**
 * What the panel's rows say (issue 19): a refused finish as a summary with the raw output folded, one outcome badge
 * with the user's reason for a rejected change, calls in words with the tool id kept, and the scroll rule.
 */
import { strict as assert } from 'node:assert';
import type { AgentEvent } from '../../src/protocol/events';
import { allTools } from '../../src/core/tools/index';
import { ToolRegistry } from '../../src/core/tools/registry';
import { splitRefusal } from '../../src/webview/refusalSummary';
import { ScrollFollow } from '../../src/webview/scrollFollow';
import { TimelineModel } from '../../src/webview/timelineModel';
import { toolOutcome } from '../../src/webview/toolOutcome';
import { policyLine } from '../../src/webview/overviewView';

type Input = AgentEvent extends infer E ? (E extends AgentEvent ? Omit<E, 'seq' | 'at'> : never) : never;

function reduce(inputs: Input[]): TimelineModel {
  const model = new TimelineModel();
  inputs.forEach((e, seq) => model.apply({ ...e, seq, at: 0 } as AgentEvent));
  return model;
}

const rawOutput = Array.from({ length: 200 }, (_v, i) => `    at Context.<anonymous> (test/math.test.js:${i}:5) noise line ${i}`).join('\n');
/** A refusal as verifyBeforeFinish words it around runWorkspaceTests' report. */
const refusal = [
  'The tests failed (`npm test`):',
  '$ npm test',
  'Result: FAILED: mocha: 3 passed, 2 failed (exit code 1); failing: add adds; add handles negatives',
  '',
  'Failing tests:',
  '1. add adds',
  '   AssertionError: expected -1 to equal 3',
  '2. add handles negatives',
  '   AssertionError: expected 1 to equal -3',
  '',
  '--- output ---',
  rawOutput,
].join('\n');

describe('panel rendering models', () => {
  it('a refused finish shows which tests failed, with the raw output folded under it', () => {
    const model = reduce([{ type: 'finishRefused', reason: refusal }]);
    const notice = model.items.find((i) => i.kind === 'notice');
    assert.ok(notice?.kind === 'notice');
    assert.equal(notice.title, 'Finish refused');
    assert.match(notice.body ?? '', /Failing tests:\n1\. add adds\n {3}AssertionError: expected -1 to equal 3\n2\. add handles negatives/);
    assert.doesNotMatch(notice.body ?? '', /noise line/);
    assert.equal(notice.detail, rawOutput);
  });

  it('a long refusal without a report folds all but its first lines; a short one folds nothing', () => {
    const long = `The goal's check \`node check.js\` failed (exit 1: ${Array.from({ length: 30 }, (_v, i) => `line ${i}`).join('\n')}).`;
    const split = splitRefusal(long);
    assert.equal(split.summary.split('\n').length, 7);
    assert.equal(split.output, long);
    assert.deepEqual(splitRefusal('The tests could not be run: no test command.'), { summary: 'The tests could not be run: no test command.' });
  });

  it('a rejected change reads "rejected" once, with the reason the user gave', () => {
    const change = { changeId: 'ch1', path: 'src/a.ts', kind: 'modify' as const, baseHash: 'h', isBinary: false, hunks: [] };
    const model = reduce([
      { type: 'toolCallProposed', callId: 'c1', name: 'edit_file', args: { path: 'src/a.ts' } },
      { type: 'approvalRequested', approvalId: 'a1', callId: 'c1', risk: 'edit', title: 'Edit src/a.ts', detail: '', reasons: [], change },
      { type: 'approvalResolved', approvalId: 'a1', approved: false, reason: 'Keep the old name' },
      { type: 'changeRejected', callId: 'c1', changeId: 'ch1', path: 'src/a.ts', reason: 'Keep the old name' },
    ]);
    const item = model.item('tool:c1');
    assert.ok(item?.kind === 'tool');
    assert.deepEqual(toolOutcome(item, model.approvals.get('a1')), { text: 'rejected', cls: 'approval-rejected', reason: 'Keep the old name' });
    // A change rejected without an approval card (a stale base) still says why.
    const stale = reduce([
      { type: 'toolCallProposed', callId: 'c2', name: 'edit_file', args: {} },
      { type: 'changeRejected', callId: 'c2', changeId: 'ch2', path: 'src/a.ts', reason: 'The file changed on disk' },
    ]).item('tool:c2');
    assert.ok(stale?.kind === 'tool');
    assert.deepEqual(toolOutcome(stale, undefined), { text: 'rejected', cls: 'approval-rejected', reason: 'The file changed on disk' });
  });

  it('calls are labelled in words by their tool ("Read src/math.js", "Ran npm test"); the tool id is kept', () => {
    const registry = new ToolRegistry(allTools);
    assert.equal(registry.labelOf('read_file', JSON.stringify({ path: 'src/math.js' })), 'Read src/math.js');
    assert.equal(registry.labelOf('run_command', JSON.stringify({ command: 'npm test' })), 'Ran npm test');
    assert.equal(registry.labelOf('run_tests', '{}'), 'Ran the tests');
    assert.equal(registry.labelOf('edit_file', JSON.stringify({ path: 'src/a.ts', edits: [{ search: 'a', replace: 'b' }] })), 'Edited src/a.ts');
    const long = registry.labelOf('run_command', JSON.stringify({ command: `echo ${'x'.repeat(300)}\nrm -rf /` })) ?? '';
    assert.match(long, /^Ran echo x+…$/, 'one line, clipped');
    assert.equal(long.length, 'Ran '.length + 80);
    assert.equal(registry.labelOf('read_file', '{not json'), undefined);
    assert.equal(registry.labelOf('no_such_tool', '{}'), undefined);
    const unlabelled = allTools.filter((t) => !t.label).map((t) => t.name);
    assert.deepEqual(unlabelled, [], `tools without a label: ${unlabelled.join(', ')}`);
    const item = reduce([{ type: 'toolCallProposed', callId: 'c1', name: 'read_file', args: { path: 'src/math.js' }, label: 'Read src/math.js' }]).item('tool:c1');
    assert.ok(item?.kind === 'tool');
    assert.deepEqual([item.label, item.name], ['Read src/math.js', 'read_file']);
  });

  it('follows the newest output until the user scrolls up, and again once they are back at the bottom', () => {
    const follow = new ScrollFollow();
    const at = (scrollTop: number, scrollHeight: number): { scrollTop: number; scrollHeight: number; clientHeight: number } => ({ scrollTop, scrollHeight, clientHeight: 500 });
    assert.equal(follow.target(at(0, 2000)), 1500);
    follow.noteScroll(at(1500, 2000));
    // Content grew above and below without a scroll (the plan, a card): still following.
    assert.equal(follow.target(at(1500, 2600)), 2100);
    follow.noteScroll(at(2100, 2600));
    follow.noteScroll(at(1700, 2600));
    assert.equal(follow.isFollowing, false);
    assert.equal(follow.target(at(1700, 3000)), undefined);
    follow.noteScroll(at(1900, 3000));
    assert.equal(follow.isFollowing, false, 'scrolling down short of the bottom does not follow yet');
    follow.noteScroll(at(2480, 3000));
    assert.equal(follow.isFollowing, true);
    follow.noteScroll(at(100, 3000));
    follow.reset();
    assert.equal(follow.isFollowing, true);
  });

  it('the overview says the approval policy per risk class in words', () => {
    assert.equal(policyLine({ read: 'auto', edit: 'ask', execute: 'sandboxed', network: 'ask' }), 'reads auto · edits ask · commands sandboxed · network ask');
  });
});
