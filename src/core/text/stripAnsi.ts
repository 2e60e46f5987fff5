/**
 * Terminal escape handling for command output shown to the model or a host: colours, cursor moves, titles and
 * hyperlinks are removed, so untrusted output can neither hide text nor drive the user's terminal.
 */

// CSI (ESC [ ... final), OSC (ESC ] ... BEL or ESC \), DCS/SOS/PM/APC strings, two-byte ESC sequences, and
// the 8-bit C1 forms of CSI/OSC.
const ansiPattern =
  /\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[PX^_][^\x1b]*\x1b\\|\x1b[ -/]*[0-~]|\x9b[0-?]*[ -/]*[@-~]|\x9d[^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)/g;

// An escape sequence that a chunk boundary may have cut: held back until the next chunk completes it.
const partialTail = /\x1b(?:\[[0-?]*[ -/]*|\][^\x07\x1b]*|[PX^_][^\x1b]*|[ -/]*)?$/;
const maxHeldBack = 256;

// What is left after the sequences: lone ESC and other C0/C1 controls except tab, newline and carriage return.
const strayControls = /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]/g;

/** Removes ANSI/VT escape sequences and stray control characters (tab, LF and CR stay). */
export function stripAnsi(text: string): string {
  return text.replace(ansiPattern, '').replace(strayControls, '');
}

/** Strips escapes from streamed chunks, holding back a sequence cut in two by a chunk boundary. */
export class AnsiStreamStripper {
  private held = '';

  /** Returns the printable part of `chunk` (may be empty while a sequence is incomplete). */
  push(chunk: string): string {
    const text = this.held + chunk;
    const match = partialTail.exec(text);
    if (match && text.length - match.index <= maxHeldBack) {
      this.held = text.slice(match.index);
      return stripAnsi(text.slice(0, match.index));
    }
    this.held = '';
    return stripAnsi(text);
  }

  /** Whatever is still held back, stripped. */
  flush(): string {
    const rest = stripAnsi(this.held);
    this.held = '';
    return rest;
  }
}

/**
 * Cleans captured terminal output for the model: escapes stripped, CRLF made LF, and a line rewritten with
 * carriage returns (progress bars) reduced to what the terminal would finally show.
 */
export function cleanTerminalOutput(text: string): string {
  const stripped = stripAnsi(text).replace(/\r+\n/g, '\n');
  if (!stripped.includes('\r')) return stripped;
  return stripped
    .split('\n')
    .map((line) => (line.includes('\r') ? overwriteLine(line) : line))
    .join('\n');
}

function overwriteLine(line: string): string {
  let shown = '';
  for (const segment of line.split('\r')) shown = segment + shown.slice(segment.length);
  return shown;
}
