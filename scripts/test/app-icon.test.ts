import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ICON_SIZE } from '../render-icon';

const root = join(__dirname, '../..');

describe("the desktop window's icon", () => {
  it('is a PNG of 512 × 512 with an alpha channel, drawn from the page’s SVG', async () => {
    const png = await readFile(join(root, 'resources/icon.png'));
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    expect(png.toString('latin1', 12, 16)).toBe('IHDR');
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([ICON_SIZE, ICON_SIZE]);
    expect(png[25]).toBe(6); // colour type RGBA: the rounded corners are transparent
  });
});
