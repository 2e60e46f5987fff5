/** Sub-agents at the terminal: a child's lines are named and indented, its report printed; --json carries the ids; --subagent-model picks the children's model. */
import { strict as assert } from 'node:assert';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { EventRenderer } from '../../src/cli/eventRenderer';
import { createStyle } from '../../src/cli/terminalStyle';
import type { AgentEvent } from '../../src/protocol/events';
import { makeTempDir } from '../support/testHost';
import { startScriptedServer, type ScriptedServer } from '../support/scriptedServer';
import { cli, runCli } from './cliHarness';

describe('sub-agents in the CLI', function () {
  this.timeout(60_000);

  it('renders a child\'s lines under its name and prints its report', () => {
    let out = '';
    const renderer = new EventRenderer({ out: (s) => { out += s; }, style: createStyle(false) });
    const events = [
      { type: 'subagentStarted', childId: 'sub-1', kind: 'explore', goal: 'Find the config', model: 'small' },
      { type: 'taskStarted', taskId: 't--sub-1', goals: [{ text: 'Find the config' }], workspace: '/w', model: 'small', agentId: 'sub-1' },
      { type: 'toolCallProposed', callId: 'c1', name: 'read_file', args: { path: 'a.txt' }, agentId: 'sub-1' },
      { type: 'toolCallCompleted', callId: 'c1', name: 'read_file', isError: false, output: 'a.txt (all 1 lines)', durationMs: 3, agentId: 'sub-1' },
      { type: 'subagentFinished', childId: 'sub-1', reason: 'completed', report: 'Sub-agent sub-1 (explore) ended: completed.\nSummary: found it' },
      { type: 'subagentStarted', childId: 'sub-2', kind: 'explore', goal: 'Scout src', model: 'small', agent: 'scout' },
    ] as const;
    events.forEach((e, seq) => renderer.render({ ...e, seq, at: 0 } as AgentEvent));
    renderer.dispose();
    assert.match(out, /^⇢ sub-agent sub-1 \(explore, small\): Find the config$/m);
    assert.match(out, /^ {2}\[sub-1\] → read_file/m);
    assert.match(out, /^ {2}\[sub-1\] {3}✓ a\.txt/m);
    assert.match(out, /^ {4}Summary: found it$/m);
    assert.match(out, /^⇢ sub-agent sub-2 \(scout, explore, small\): Scout src$/m, 'a user-defined agent is named');
    assert.doesNotMatch(out, /Auto Agent · small/, 'the child\'s own header is not printed');
  });

  describe('dist/cli.js', () => {
    let server: ScriptedServer;
    let tmp: { dir: string; cleanup(): void };
    before(function () { if (!existsSync(cli)) throw new Error('dist/cli.js is missing: run `npm run build` first'); });
    beforeEach(async () => { server = await startScriptedServer(); tmp = makeTempDir(); });
    afterEach(async () => { await server.close(); tmp.cleanup(); });

    it('runs the children on --subagent-model and --json events carry the agent ids', async () => {
      const repo = path.join(tmp.dir, 'repo');
      mkdirSync(repo);
      writeFileSync(path.join(repo, 'a.txt'), 'alpha\n');
      server.enqueue(
        { toolCalls: [{ name: 'delegate', arguments: { goal: 'What does a.txt say?', context: '', kind: 'explore' } }] },
        { toolCalls: [{ name: 'read_file', arguments: { path: 'a.txt' } }] },
        { toolCalls: [{ name: 'finish', arguments: { summary: 'a.txt says alpha' } }] },
        { toolCalls: [{ name: 'finish', arguments: { summary: 'Found: alpha.' } }] },
      );
      const result = await runCli(['run', '-w', repo, '-g', 'Find what a.txt says', '--check', 'grep -q alpha a.txt', '--base-url', server.url, '-m', 'test-model', '--subagent-model', 'test-model-large', '--yes', '--json', '--no-memory'], { env: { XDG_CACHE_HOME: path.join(tmp.dir, 'cache') } });
      assert.equal(result.code, 0, result.stderr);
      assert.deepEqual(server.requests.map((r) => r.body.model), ['test-model', 'test-model-large', 'test-model-large', 'test-model']);
      const events = result.stdout.trim().split('\n').map((l) => JSON.parse(l) as AgentEvent);
      assert.ok(events.some((e) => e.type === 'toolCallCompleted' && e.name === 'read_file' && e.agentId === 'sub-1'));
      assert.ok(events.some((e) => e.type === 'subagentFinished' && e.childId === 'sub-1' && /a\.txt says alpha/.test(e.report)));
      assert.match(JSON.stringify(server.requests[3].body.messages), /Files read: a\.txt/);
    });
  });
});
