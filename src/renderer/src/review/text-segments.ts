import { codePointIndex } from '../../../shared/text/text-quote';

/**
 * The comparison's article is plain read-only HTML, not ProseMirror: one
 * paragraph per line (empty lines kept, as the editor does), each cut into
 * segments where a mark begins or ends, each segment wrapped in the marks
 * that cover it, outermost first. Overlapping marks nest, so both show.
 */

export interface TextMark {
  /** Code point offsets, end exclusive. */
  start: number;
  end: number;
}

export interface Segment {
  text: string;
  /** Indices into the marks given, outermost first (earlier start, then longer). */
  marks: number[];
  /** Of `marks`, those whose first rendered segment this is. */
  starts: number[];
}

/** One entry per line of the text; a line is a list of segments (none for an empty line). */
export function segmentLines(text: string, marks: readonly TextMark[]): Segment[][] {
  const index = codePointIndex(text);
  const ranges = marks
    .map((m, i) => ({ i, from: index.toUtf16(m.start), to: index.toUtf16(m.end) }))
    .filter((r) => r.to > r.from)
    .sort((x, y) => x.from - y.from || y.to - x.to || x.i - y.i);
  const started = new Set<number>();
  const lines: Segment[][] = [];
  let lineStart = 0;
  let first = 0; // ranges before this one end before the current line
  for (;;) {
    const newline = text.indexOf('\n', lineStart);
    const lineEnd = newline === -1 ? text.length : newline;
    while (first < ranges.length && ranges[first]!.to <= lineStart) first++;
    const here = [];
    for (let k = first; k < ranges.length && ranges[k]!.from < lineEnd; k++) {
      const r = ranges[k]!;
      if (r.to > lineStart) here.push(r);
    }
    const cuts = new Set([lineStart, lineEnd]);
    for (const r of here) {
      if (r.from > lineStart) cuts.add(r.from);
      if (r.to < lineEnd) cuts.add(r.to);
    }
    const points = [...cuts].sort((x, y) => x - y);
    const segments: Segment[] = [];
    for (let p = 0; p + 1 < points.length; p++) {
      const from = points[p]!;
      const to = points[p + 1]!;
      const covering = here.filter((r) => r.from <= from && r.to >= to).map((r) => r.i);
      const starts = covering.filter((i) => !started.has(i));
      for (const i of starts) started.add(i);
      segments.push({ text: text.slice(from, to), marks: covering, starts });
    }
    lines.push(segments);
    if (newline === -1) return lines;
    lineStart = newline + 1;
  }
}
