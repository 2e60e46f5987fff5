/** The terminal renderer shows streamed thinking on its own line, apart from the answer. */
import { strict as assert } from 'node:assert';
import { EventRenderer } from '../../src/cli/eventRenderer';
import { createStyle } from '../../src/cli/terminalStyle';
import type { AgentEvent } from '../../src/protocol/events';

describe('terminal rendering of thinking', () => {
  it('prints thinking dimmed behind a label, then the answer on the next line', () => {
    let out = '';
    const renderer = new EventRenderer({ out: (s) => { out += s; }, style: createStyle(false) });
    const events = [
      { type: 'thinkingStreamed', text: 'Read the ' }, { type: 'thinkingStreamed', text: 'test first.' },
      { type: 'textStreamed', text: 'Reading.' }, { type: 'assistantMessageCompleted', text: 'Reading.' },
    ] as const;
    events.forEach((e, seq) => renderer.render({ ...e, seq, at: 0 } as AgentEvent));
    renderer.dispose();
    assert.equal(out, 'thinking: Read the test first.\nReading.\n');
  });
});
