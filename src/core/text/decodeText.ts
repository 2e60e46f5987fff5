/**
 * Decides whether bytes are text and decodes them: UTF-8 (with or without BOM), UTF-16 LE/BE (by BOM, or by the
 * NUL pattern of mostly-ASCII text), and latin1 as the fallback for invalid UTF-8. Binary content is refused.
 */

/** The encodings `decodeText` can report. */
export type TextEncodingName = 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16be' | 'latin1';

/** Text with its encoding, or binary with the reason it was judged so. */
export type DecodedText =
  | { kind: 'text'; text: string; encoding: TextEncodingName; note?: string }
  | { kind: 'binary'; reason: string };

const sampleBytes = 8192;
const maxControlRatio = 0.1;

/** Decodes `bytes` as text, or reports them as binary (NUL bytes, or too many control characters). */
export function decodeText(bytes: Uint8Array): DecodedText {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return utf8(bytes.subarray(3), 'utf-8-bom');
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return utf16(bytes.subarray(2), 'utf-16le');
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return utf16(bytes.subarray(2), 'utf-16be');
  const sample = bytes.subarray(0, sampleBytes);
  const bomless = guessBomlessUtf16(sample);
  if (bomless) return { ...utf16(bytes, bomless), note: `decoded as ${bomless.toUpperCase()} without a byte-order mark (guessed from its NUL pattern)` };
  const nul = sample.indexOf(0);
  if (nul >= 0) return { kind: 'binary', reason: `it contains NUL bytes (first at byte ${nul})` };
  const ratio = controlRatio(sample);
  if (ratio > maxControlRatio) return { kind: 'binary', reason: `${Math.round(ratio * 100)}% of its first bytes are control characters` };
  return utf8(bytes, 'utf-8');
}

function utf8(bytes: Uint8Array, encoding: 'utf-8' | 'utf-8-bom'): DecodedText {
  try {
    return { kind: 'text', text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes), encoding };
  } catch {
    const text = new TextDecoder('latin1').decode(bytes);
    return { kind: 'text', text, encoding: 'latin1', note: 'the file is not valid UTF-8; it was decoded as latin1 (ISO-8859-1/Windows-1252), so some characters may be shown wrongly' };
  }
}

function utf16(bytes: Uint8Array, encoding: 'utf-16le' | 'utf-16be'): Extract<DecodedText, { kind: 'text' }> {
  const even = bytes.subarray(0, bytes.length - (bytes.length % 2));
  return { kind: 'text', text: new TextDecoder(encoding, { ignoreBOM: true }).decode(even), encoding };
}

/** Mostly-ASCII UTF-16 has a NUL in every other byte; which half tells the byte order. */
function guessBomlessUtf16(sample: Uint8Array): 'utf-16le' | 'utf-16be' | undefined {
  if (sample.length < 4) return undefined;
  let evenNul = 0;
  let oddNul = 0;
  for (let i = 0; i + 1 < sample.length; i += 2) {
    if (sample[i] === 0) evenNul++;
    if (sample[i + 1] === 0) oddNul++;
  }
  const pairs = Math.floor(sample.length / 2);
  if (oddNul > pairs * 0.7 && evenNul === 0) return 'utf-16le';
  if (evenNul > pairs * 0.7 && oddNul === 0) return 'utf-16be';
  return undefined;
}

/** Share of bytes that are control characters other than tab, newlines, form feed, backspace and escape. */
function controlRatio(sample: Uint8Array): number {
  if (sample.length === 0) return 0;
  let controls = 0;
  for (const byte of sample) {
    const isAllowed = byte === 9 || byte === 10 || byte === 13 || byte === 12 || byte === 8 || byte === 27;
    if ((byte < 32 && !isAllowed) || byte === 127) controls++;
  }
  return controls / sample.length;
}
