/**
 * Which files the index leaves out: binaries, huge files, and generated or minified files. The checks on
 * content look only at the start of a file, so they stay cheap.
 */

/** Files larger than this are not parsed (their size alone is checked before reading). */
export const defaultMaxFileBytes = 1024 * 1024;

const generatedNames = [/\.min\.[cm]?js$/i, /[-.]bundle\.[cm]?js$/i, /\.pb\.go$/, /_pb2(_grpc)?\.py$/, /\.generated\.\w+$/i, /\.g\.cs$/i, /\.designer\.cs$/i];
const generatedMarkers = /@generated\b|\bcode generated\b.*\bdo not edit\b|\bauto-?generated\b|\bdo not edit\b/i;
const sniffBytes = 8192;
/** A file whose average line is longer than this is treated as minified. */
const minifiedLineLength = 300;

/** Why a file is left out, judged by its size alone, or undefined. */
export function sizeSkipReason(size: number, maxBytes = defaultMaxFileBytes): string | undefined {
  return size > maxBytes ? `huge (${size} bytes)` : undefined;
}

/** Why a file is left out, judged by its name and content, or undefined when it should be parsed. */
export function skipReason(file: string, bytes: Uint8Array, maxBytes = defaultMaxFileBytes): string | undefined {
  const bySize = sizeSkipReason(bytes.length, maxBytes);
  if (bySize) return bySize;
  if (generatedNames.some((re) => re.test(file))) return 'generated (by name)';
  const head = bytes.subarray(0, sniffBytes);
  if (head.includes(0)) return 'binary';
  const headText = new TextDecoder().decode(bytes.subarray(0, 1024));
  if (generatedMarkers.test(headText)) return 'generated (by header)';
  if (bytes.length > 4096 && isMinified(bytes)) return 'minified';
  return undefined;
}

function isMinified(bytes: Uint8Array): boolean {
  // Counting stops once there are enough line breaks for a short average line.
  const enough = bytes.length / minifiedLineLength;
  let newlines = 0;
  for (let i = bytes.indexOf(10); i >= 0 && newlines + 1 < enough; i = bytes.indexOf(10, i + 1)) newlines++;
  return bytes.length / (newlines + 1) > minifiedLineLength;
}
