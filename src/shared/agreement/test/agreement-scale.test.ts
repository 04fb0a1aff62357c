import { describe, expect, it } from 'vitest';
import { computeAgreement, type AgreementSpan } from '../agreement';

/**
 * The benchmark's size (two annotators × 50,000 spans over 10,000,000 code
 * points), run for correctness only: speed is measured by `npm run bench`,
 * never asserted here. Nothing may be proportional to the number of code
 * points; this case would take gigabytes if it were.
 */

const DOCUMENTS = 1000;
const CHARS = 10_000; // 1000 × 10,000 = 10,000,000 code points
const TAGS = ['claim', 'actor', 'number', 'quote', 'source'];
const SPANS_PER_DOCUMENT = 50; // per annotator: 1000 × 50 = 50,000

function largeInput() {
  let seed = 42;
  const random = () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };
  const documents = Array.from({ length: DOCUMENTS }, (_, i) => ({
    path: `news/${String(i).padStart(4, '0')}.txt`,
    chars: CHARS,
  }));
  const spans: AgreementSpan[] = [];
  for (const { path } of documents) {
    for (let n = 0; n < SPANS_PER_DOCUMENT; n++) {
      const tag = TAGS[n % TAGS.length]!;
      const start = Math.floor(random() * (CHARS - 200));
      const end = start + 1 + Math.floor(random() * 150);
      spans.push({ annotator: 'ann', documentPath: path, tag, start, end });
      // bob: the same span, or shifted a little, or one of his own
      const r = random();
      const bStart =
        r < 0.5 ? start : r < 0.8 ? start + Math.floor(random() * 20) : Math.floor(random() * (CHARS - 200));
      spans.push({
        annotator: 'bob',
        documentPath: path,
        tag,
        start: bStart,
        end: Math.max(bStart + 1, r < 0.5 ? end : end + 10),
      });
    }
  }
  return { documents, spans, annotators: ['ann', 'bob'], tags: TAGS };
}

describe('agreement at benchmark scale', () => {
  it('handles 2 × 50,000 spans over 10,000,000 code points', () => {
    const input = largeInput();
    expect(input.spans.length).toBe(100_000);
    expect(input.documents.reduce((sum, d) => sum + d.chars, 0)).toBe(10_000_000);
    const report = computeAgreement(input);
    expect(report.per_document).toHaveLength(DOCUMENTS);
    expect(report.tags.claim!.a_spans).toBe(10_000);
    expect(report.tags.claim!.kappa).toBeGreaterThan(0);
    expect(report.tags.claim!.kappa).toBeLessThan(1);
  });
});
