/**
 * Upgrades a WASM side module's legacy `dylink` custom section to the `dylink.0` format that current
 * web-tree-sitter requires. The grammars of `tree-sitter-wasms` were built by tree-sitter-cli 0.20 and carry
 * the legacy section; the rest of the module is unchanged, so this rewrite is all they need to load.
 */

/** Returns the module with its first section rewritten, or the input unchanged if it is already current. */
export function upgradeDylinkSection(wasm: Uint8Array): Uint8Array {
  const reader = new LebReader(wasm, 8);
  if (wasm[8] !== 0) return wasm;
  reader.offset = 9;
  const sectionSize = reader.leb();
  const sectionEnd = reader.offset + sectionSize;
  const name = reader.string();
  if (name !== 'dylink') return wasm;
  const [memorySize, memoryAlign, tableSize, tableAlign] = [reader.leb(), reader.leb(), reader.leb(), reader.leb()];
  const neededCount = reader.leb();
  const needed: Uint8Array[] = [];
  for (let i = 0; i < neededCount; i++) needed.push(reader.bytes(reader.leb()));

  const memInfo = [...leb(memorySize), ...leb(memoryAlign), ...leb(tableSize), ...leb(tableAlign)];
  const payload = [...encodeName('dylink.0'), 1, ...leb(memInfo.length), ...memInfo];
  if (neededCount > 0) {
    const neededBody = [...leb(neededCount), ...needed.flatMap((n) => [...leb(n.length), ...n])];
    payload.push(2, ...leb(neededBody.length), ...neededBody);
  }
  const header = wasm.subarray(0, 8);
  const rest = wasm.subarray(sectionEnd);
  const out = new Uint8Array(header.length + 1 + leb(payload.length).length + payload.length + rest.length);
  out.set(header, 0);
  out.set([0, ...leb(payload.length), ...payload], 8);
  out.set(rest, out.length - rest.length);
  return out;
}

/**
 * Renames one function import of the `env` module. The bash grammar imports libc's `isalpha`, which current
 * web-tree-sitter no longer exports; `iswalpha` has the same (i32) → i32 signature and agrees on ASCII.
 * Only the import section is rewritten (its entries are length-prefixed, nothing else points into it).
 */
export function renameEnvImport(wasm: Uint8Array, from: string, to: string): Uint8Array {
  const reader = new LebReader(wasm, 8);
  while (reader.offset < wasm.length) {
    const start = reader.offset;
    const id = wasm[reader.offset++];
    const size = reader.leb();
    const payloadStart = reader.offset;
    const payloadEnd = payloadStart + size;
    if (id === 2) {
      const payload = wasm.subarray(payloadStart, payloadEnd);
      const at = indexOf(payload, [...encodeName('env'), ...encodeName(from)]);
      if (at < 0) return wasm;
      const replacement = [...encodeName('env'), ...encodeName(to)];
      const oldLength = encodeName('env').length + encodeName(from).length;
      const newPayload = [...payload.subarray(0, at), ...replacement, ...payload.subarray(at + oldLength)];
      const section = [2, ...leb(newPayload.length), ...newPayload];
      const out = new Uint8Array(start + section.length + (wasm.length - payloadEnd));
      out.set(wasm.subarray(0, start), 0);
      out.set(section, start);
      out.set(wasm.subarray(payloadEnd), start + section.length);
      return out;
    }
    reader.offset = payloadEnd;
  }
  return wasm;
}

function indexOf(haystack: Uint8Array, needle: number[]): number {
  outer: for (let i = 0; i + needle.length <= haystack.length; i++) {
    for (let j = 0; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer;
    return i;
  }
  return -1;
}

function leb(value: number): number[] {
  const out: number[] = [];
  do {
    let byte = value & 0x7f;
    value >>>= 7;
    if (value !== 0) byte |= 0x80;
    out.push(byte);
  } while (value !== 0);
  return out;
}

function encodeName(name: string): number[] {
  const bytes = [...new TextEncoder().encode(name)];
  return [...leb(bytes.length), ...bytes];
}

class LebReader {
  constructor(private readonly data: Uint8Array, public offset: number) {}

  leb(): number {
    let result = 0;
    let shift = 0;
    for (;;) {
      const byte = this.data[this.offset++];
      result += (byte & 0x7f) * 2 ** shift;
      if ((byte & 0x80) === 0) return result;
      shift += 7;
    }
  }

  bytes(length: number): Uint8Array {
    const out = this.data.subarray(this.offset, this.offset + length);
    this.offset += length;
    return out;
  }

  string(): string {
    return new TextDecoder().decode(this.bytes(this.leb()));
  }
}
