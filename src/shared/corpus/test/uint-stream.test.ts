import { describe, expect, it } from 'vitest';
import { readUints, UintWriter } from '../uint-stream';

describe('varint streams', () => {
  it('reads back what was written, small and large', () => {
    const values = [0, 1, 127, 128, 300, 16_383, 16_384, 2 ** 21, 2 ** 28 + 5, 2 ** 31 - 1];
    const writer = new UintWriter();
    writer.writeAll(values);
    const bytes = writer.finish();
    expect(bytes.byteLength).toBe(1 + 1 + 1 + 2 + 2 + 2 + 3 + 4 + 5 + 5);
    expect([...readUints(bytes, values.length)]).toEqual(values);
  });

  it('refuses bytes that end early, run on, or hold too long a number', () => {
    const writer = new UintWriter();
    writer.writeAll([5, 300]);
    const bytes = writer.finish();
    expect(() => readUints(bytes, 3)).toThrow(/end too soon/);
    expect(() => readUints(bytes, 1)).toThrow(/do not match/);
    expect(() => readUints(new Uint8Array([0x80, 0x80, 0x80, 0x80, 0x80, 0x01]).buffer, 1)).toThrow(
      /too long/,
    );
  });
});
