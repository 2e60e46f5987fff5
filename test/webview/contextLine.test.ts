/** The panel's "Rules" line and "recalled" chips come from the instructionsLoaded and memoryRecalled events; the CLI header shows them too. */
import { strict as assert } from 'node:assert';
import type { AgentEvent } from '../../src/protocol/events';
import { TimelineModel } from '../../src/webview/timelineModel';
import { EventRenderer } from '../../src/cli/eventRenderer';
import { createStyle } from '../../src/cli/terminalStyle';

const events: AgentEvent[] = [
  { type: 'taskStarted', taskId: 't', goals: [{ text: 'Fix it' }], workspace: '/w', model: 'm', seq: 0, at: 0 },
  { type: 'instructionsLoaded', files: [{ path: 'AGENTS.md', abs: '/w/AGENTS.md', kind: 'AGENTS.md', chars: 20, isCut: false }, { path: 'CLAUDE.md', abs: '/w/CLAUDE.md', kind: 'CLAUDE.md', chars: 99999, isCut: true }], notes: ['Instructions cut to 12000 characters: CLAUDE.md was shortened or left out.'], seq: 1, at: 0 },
  { type: 'memoryRecalled', notes: [{ id: 'run-tests', scope: 'workspace', title: 'Run the tests' }], tokens: 40, seq: 2, at: 0 },
];

describe('rules and recalled notes in the hosts', () => {
  it('the panel model keeps the rules in effect and the recalled notes', () => {
    const model = new TimelineModel();
    for (const e of events) model.apply(e);
    assert.deepEqual(model.rules, [{ path: 'AGENTS.md', abs: '/w/AGENTS.md', isCut: false }, { path: 'CLAUDE.md', abs: '/w/CLAUDE.md', isCut: true }]);
    assert.deepEqual(model.recalled, [{ id: 'run-tests', scope: 'workspace', title: 'Run the tests' }]);
  });

  it('the CLI header prints a Rules line (with the cut note) and the recalled notes', () => {
    let out = '';
    const renderer = new EventRenderer({ out: (s) => { out += s; }, style: createStyle(false) });
    for (const e of events) renderer.render(e);
    renderer.dispose();
    assert.match(out, /Rules: AGENTS\.md, CLAUDE\.md \(cut\)\n {2}Instructions cut to 12000 characters/);
    assert.match(out, /Recalled: workspace\/run-tests \(~40 tokens\)/);
  });
});
