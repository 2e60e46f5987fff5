/** A task with project instructions: they are in every request's fixed prefix, and an event names the files. */
import { strict as assert } from 'node:assert';
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { NodeFiles } from '../../../src/node/nodeFiles';
import { loadProjectInstructions } from '../../../src/core/instructions/projectInstructions';
import { createHarness, type Harness } from '../loop/loopHarness';

describe('project instructions in a task', function () {
  this.timeout(20_000);
  let h: Harness;
  beforeEach(async () => { h = await createHarness(); });
  afterEach(async () => h.close());

  it('are part of the stable prefix of every request and reported in an instructionsLoaded event', async () => {
    writeFileSync(path.join(h.dir, 'AGENTS.md'), 'Always run the tests with `npm run check`.');
    const instructions = await loadProjectInstructions({ files: new NodeFiles(), root: h.dir, homeDir: h.dir, isWorkspaceTrusted: true });
    h.server.enqueue(
      { toolCalls: [{ name: 'update_plan', arguments: { steps: [{ text: 'Do it', status: 'in_progress' }] } }] },
      { toolCalls: [{ name: 'finish', arguments: { summary: 'done' } }] },
    );
    const { events } = await h.run({ extra: { instructions } });
    const prefixes = h.server.requests.map((r) => JSON.stringify(r.body.messages?.slice(0, 3)));
    assert.match(prefixes[0], /npm run check/);
    assert.match(prefixes[0], /project_instructions file=\\"AGENTS\.md\\"/);
    assert.equal(prefixes[1], prefixes[0], 'the prefix is byte-identical across requests (prompt caching)');
    const loaded = events.find((e) => e.type === 'instructionsLoaded');
    assert.ok(loaded && loaded.type === 'instructionsLoaded');
    assert.deepEqual(loaded.files.map((f) => f.path), ['AGENTS.md']);
    assert.equal(events[1].type, 'instructionsLoaded', 'it comes right after taskStarted, so the header can show it');
  });
});
