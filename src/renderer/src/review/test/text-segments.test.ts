import { describe, expect, it } from 'vitest';
import { segmentLines, type Segment } from '../text-segments';

/** A line as `text[marks]` pieces, e.g. `Hai [0]dunia[]`. */
function show(line: Segment[]): string {
  return line
    .map((s) => `${s.text}[${s.marks.join(',')}${s.starts.length ? `^${s.starts.join(',')}` : ''}]`)
    .join(' ');
}

describe('cutting the article into marked segments', () => {
  it('cuts at mark ends and nests overlapping marks, outermost first', () => {
    const lines = segmentLines('abcdefghij', [
      { start: 2, end: 6 },
      { start: 4, end: 8 },
    ]);
    expect(lines.map(show)).toEqual(['ab[] cd[0^0] ef[0,1^1] gh[1] ij[]']);
  });

  it('keeps lines (and empty ones) and continues a mark across a line break', () => {
    const lines = segmentLines('ab\n\ncd', [{ start: 1, end: 6 }]);
    expect(lines.map(show)).toEqual(['a[] b[0^0]', '', 'cd[0]']);
  });

  it('counts offsets in code points, not UTF-16 units', () => {
    const lines = segmentLines('😀ab', [{ start: 1, end: 2 }]);
    expect(lines.map(show)).toEqual(['😀[] a[0^0] b[]']);
  });

  it('ignores empty marks', () => {
    expect(segmentLines('abc', [{ start: 1, end: 1 }]).map(show)).toEqual(['abc[]']);
  });
});
