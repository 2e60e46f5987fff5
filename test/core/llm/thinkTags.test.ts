import { strict as assert } from 'node:assert';
import { ThinkTagSplitter } from '../../../src/core/llm/thinkTags';

function split(chunks: string[]): { text: string; thinking: string } {
  const splitter = new ThinkTagSplitter();
  const out = { text: '', thinking: '' };
  for (const piece of [...chunks.map((c) => splitter.push(c)), splitter.flush()]) {
    out.text += piece.text;
    out.thinking += piece.thinking;
  }
  return out;
}

describe('ThinkTagSplitter', () => {
  it('takes an opening <think> block out of the answer, with the tags split across chunks', () => {
    assert.deepEqual(split(['<thi', 'nk>\nplan it', ' out</th', 'ink>\n\nThe answer.']), { thinking: '\nplan it out', text: 'The answer.' });
  });

  it('leaves a tag that does not open the answer alone', () => {
    assert.deepEqual(split(['Use a ', '<think> tag here.']), { thinking: '', text: 'Use a <think> tag here.' });
  });

  it('keeps an unclosed block as thinking when the stream ends', () => {
    assert.deepEqual(split(['<think>still going']), { thinking: 'still going', text: '' });
  });

  it('passes text without tags through at once', () => {
    const splitter = new ThinkTagSplitter();
    assert.deepEqual(splitter.push('Hello'), { text: 'Hello', thinking: '' });
  });
});
