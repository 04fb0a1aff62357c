import { describe, expect, it } from 'vitest';
import { codePointIndex } from '../../src/shared/text/text-quote';
import { createRng, generateAgreementData, generateArticle, generateSpans } from '../generate';
import { percentile, summarize } from '../stats';

describe('generated benchmark data', () => {
  it('is the same for the same seed', () => {
    const a = generateArticle(createRng(7), 5_000);
    const b = generateArticle(createRng(7), 5_000);
    expect(a.text).toBe(b.text);
    expect(generateArticle(createRng(8), 5_000).text).not.toBe(a.text);
  });

  it('annotates whole words inside one paragraph, a fifth of them starting inside another span', () => {
    const article = generateArticle(createRng(1), 30_000, { astral: 0.01 });
    expect(article.text).toMatch(/[\uD800-\uDBFF]/); // some astral characters, so code points ≠ UTF-16 units
    const spans = generateSpans(createRng(2), article, 300);
    expect(spans).toHaveLength(300);
    expect(spans.filter((s) => s.overlapping)).toHaveLength(60);
    expect(new Set(spans.map((s) => `${s.start}:${s.end}`)).size).toBe(300);
    const index = codePointIndex(article.text);
    for (const s of spans) {
      const quote = article.text.slice(index.toUtf16(s.start), index.toUtf16(s.end));
      expect(quote).not.toContain('\n');
      expect(quote).toMatch(/^[\p{L}\p{M}\p{N}\p{So}\p{Cs}]/u);
      expect(quote).not.toMatch(/[\s.,;:]$/);
    }
    // Every overlapping span starts inside some other span.
    for (const s of spans.filter((x) => x.overlapping)) {
      expect(spans.some((o) => o !== s && o.start <= s.start && s.start < o.end)).toBe(true);
    }
  });

  it('gives each of two annotators the asked number of spans', () => {
    const data = generateAgreementData(3, 10, 4_000, 500);
    expect(data.spans.filter((s) => s.annotator === 'ana')).toHaveLength(500);
    expect(data.spans.filter((s) => s.annotator === 'budi')).toHaveLength(500);
    expect(data.spans.every((s) => s.start >= 0 && s.end > s.start && s.end <= 4_000)).toBe(true);
  });
});

describe('benchmark statistics', () => {
  it('takes percentiles by nearest rank: always a measured value', () => {
    const fifty = Array.from({ length: 50 }, (_, i) => i + 1);
    expect(percentile(fifty, 50)).toBe(25);
    expect(percentile(fifty, 95)).toBe(48);
    expect(percentile([3], 95)).toBe(3);
  });

  it('summarizes runs as median, min and max', () => {
    expect(summarize([5, 1, 3, 2])).toEqual({ median: 2.5, min: 1, max: 5, values: [5, 1, 3, 2] });
  });
});
