/**
 * Unsigned integers as LEB128 varints (7 bits a byte, the high bit says
 * "more follows"): the corpus index keeps its postings this way, as gaps
 * between paragraph numbers and small counts, a byte or two each instead of
 * four, so a kept index is a third of the size to read back.
 */

export class UintWriter {
  private bytes = new Uint8Array(1 << 16);
  private length = 0;

  write(value: number): void {
    if (this.length + 5 > this.bytes.length) {
      const grown = new Uint8Array(this.bytes.length * 2);
      grown.set(this.bytes);
      this.bytes = grown;
    }
    let v = value >>> 0;
    while (v >= 0x80) {
      this.bytes[this.length++] = (v & 0x7f) | 0x80;
      v >>>= 7;
    }
    this.bytes[this.length++] = v;
  }

  writeAll(values: ArrayLike<number>): void {
    for (let i = 0; i < values.length; i++) this.write(values[i]!);
  }

  /** The bytes written, in a buffer of their own. */
  finish(): ArrayBuffer {
    return this.bytes.slice(0, this.length).buffer;
  }
}

/**
 * Exactly `count` integers from `buffer`, in one tight loop (a method call
 * per integer costs three times as much on millions of postings); throws
 * when the bytes end early, run on, or hold a varint longer than 32 bits.
 */
export function readUints(buffer: ArrayBuffer, count: number): Int32Array {
  const bytes = new Uint8Array(buffer);
  const out = new Int32Array(count);
  let at = 0;
  for (let i = 0; i < count; i++) {
    let byte = bytes[at++];
    if (byte === undefined) throw new Error('the numbers end too soon');
    if (byte < 0x80) {
      out[i] = byte;
      continue;
    }
    let value = byte & 0x7f;
    // A multiplier rather than `2 ** shift`: the power was most of the decoding.
    let scale = 0x80;
    for (;;) {
      byte = bytes[at++];
      if (byte === undefined) throw new Error('the numbers end too soon');
      if (scale > 0x10000000) throw new Error('a number is too long');
      value += (byte & 0x7f) * scale;
      if (byte < 0x80) break;
      scale *= 0x80;
    }
    out[i] = value;
  }
  if (at !== bytes.length) throw new Error('the numbers do not match the listing');
  return out;
}
