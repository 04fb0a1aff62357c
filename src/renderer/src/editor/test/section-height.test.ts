import { describe, expect, it } from 'vitest';
import { estimateSectionHeight } from '../section-height';

describe('estimateSectionHeight', () => {
  it('gives every paragraph, empty ones too, at least one line', () => {
    const one = estimateSectionHeight([0], 600);
    expect(one).toBeGreaterThan(20);
    expect(estimateSectionHeight([0, 0, 0], 600)).toBeCloseTo(3 * one, -1);
  });

  it('grows with the text and shrinks with the width', () => {
    const wide = estimateSectionHeight([2000, 500], 800);
    const narrow = estimateSectionHeight([2000, 500], 400);
    expect(narrow).toBeGreaterThan(wide * 1.7);
    expect(estimateSectionHeight([4000], 800)).toBeGreaterThan(estimateSectionHeight([2000], 800));
  });
});
