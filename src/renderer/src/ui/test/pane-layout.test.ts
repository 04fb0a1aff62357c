import { describe, expect, it } from 'vitest';
import { clampWidth, defaultLayout, readLayout } from '../pane-layout';

describe('pane layout', () => {
  it('folds the document list away by default in a narrow window only', () => {
    expect(defaultLayout(1280).docs.collapsed).toBe(false);
    expect(defaultLayout(1024).docs.collapsed).toBe(true);
  });

  it('reads back a stored layout, and the default for anything that is not one', () => {
    const stored = { docs: { width: 280, collapsed: true }, notes: { width: 300, collapsed: false } };
    expect(readLayout(JSON.stringify(stored), 1280)).toEqual(stored);
    expect(readLayout('{"docs":', 1280)).toEqual(defaultLayout(1280));
    expect(readLayout(JSON.stringify({ ...stored, notes: { width: 9000, collapsed: false } }), 1280)).toEqual(
      defaultLayout(1280),
    );
    expect(readLayout(null, 1024)).toEqual(defaultLayout(1024));
  });

  it('keeps widths within the limits', () => {
    expect(clampWidth(10)).toBe(200);
    expect(clampWidth(900)).toBe(560);
    expect(clampWidth(300.4)).toBe(300);
  });
});
