/**
 * Splits `<think>…</think>` out of streamed answer text: servers without a reasoning parser (LM Studio by
 * default, llama.cpp with `--reasoning-format none`) send a reasoning model's thoughts inline. Only a block that
 * opens the answer counts, so a model writing about the tag later in its text is left alone. A tag split across
 * two chunks is held back until it is whole.
 */

/** What one chunk added that the user sees: answer text and thinking text. */
export interface StreamDelta {
  text: string;
  thinking: string;
}

const open = '<think>';
const close = '</think>';

export class ThinkTagSplitter {
  private state: 'start' | 'thinking' | 'text' = 'start';
  private held = '';

  push(chunk: string): StreamDelta {
    this.held += chunk;
    if (this.state === 'start') this.leaveStart();
    if (this.state === 'thinking') return this.inThinking();
    if (this.state === 'text') return this.release();
    return { text: '', thinking: '' };
  }

  /** The stream ended: whatever is held is what it is. */
  flush(): StreamDelta {
    const held = this.held;
    this.held = '';
    return this.state === 'thinking' ? { text: '', thinking: held } : { text: held, thinking: '' };
  }

  private leaveStart(): void {
    const trimmed = this.held.trimStart();
    if (trimmed.startsWith(open)) {
      this.state = 'thinking';
      this.held = trimmed.slice(open.length);
    } else if (!(trimmed.length < open.length && open.startsWith(trimmed))) {
      this.state = 'text';
    }
  }

  private inThinking(): StreamDelta {
    const end = this.held.indexOf(close);
    if (end >= 0) {
      const thinking = this.held.slice(0, end);
      this.held = this.held.slice(end + close.length).replace(/^\s+/, '');
      this.state = 'text';
      return { thinking, text: this.release().text };
    }
    const keep = partialSuffix(this.held, close);
    const thinking = this.held.slice(0, this.held.length - keep);
    this.held = this.held.slice(this.held.length - keep);
    return { text: '', thinking };
  }

  private release(): StreamDelta {
    const text = this.held;
    this.held = '';
    return { text, thinking: '' };
  }
}

/** How many trailing characters of `text` could be the start of `tag`. */
function partialSuffix(text: string, tag: string): number {
  for (let n = Math.min(tag.length - 1, text.length); n > 0; n--) if (tag.startsWith(text.slice(text.length - n))) return n;
  return 0;
}
