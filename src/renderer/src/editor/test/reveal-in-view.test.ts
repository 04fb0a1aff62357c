import { describe, expect, it } from 'vitest';
import { comfortablyVisible } from '../reveal-in-view';

describe('comfortablyVisible', () => {
  const pane = { top: 100, bottom: 700 }; // 600 px tall: 90 px at each edge are too near

  it('leaves alone what is in view clear of the edges', () => {
    expect(comfortablyVisible({ top: 190, bottom: 210 }, pane)).toBe(true);
    expect(comfortablyVisible({ top: 400, bottom: 610 }, pane)).toBe(true);
  });

  it('scrolls to what is near an edge, cut off or out of view', () => {
    expect(comfortablyVisible({ top: 150, bottom: 170 }, pane)).toBe(false);
    expect(comfortablyVisible({ top: 600, bottom: 620 }, pane)).toBe(false);
    expect(comfortablyVisible({ top: 680, bottom: 720 }, pane)).toBe(false);
    expect(comfortablyVisible({ top: 2000, bottom: 2020 }, pane)).toBe(false);
    expect(comfortablyVisible({ top: -300, bottom: -280 }, pane)).toBe(false);
  });

  it('scrolls when nothing of the pane is visible', () => {
    expect(comfortablyVisible({ top: 10, bottom: 20 }, { top: 0, bottom: 0 })).toBe(false);
  });
});
