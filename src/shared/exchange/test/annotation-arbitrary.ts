import fc from 'fast-check';
import type { Annotation } from '../../annotation/annotation-types';
import { describeSpan } from '../../text/text-quote';

/**
 * Annotations of one document's text: random spans (1–20 code points) with
 * their true quote and context, ids from a small range, the fields given as
 * arbitraries.
 */
export function annotationArbitrary(
  doc: { text: string; path: string; sha256: string },
  fields: { annotator: fc.Arbitrary<string>; note: fc.Arbitrary<string>; tag: fc.Arbitrary<string> },
): fc.Arbitrary<Annotation> {
  const codePoints = [...doc.text].length;
  return fc
    .record({
      n: fc.integer({ min: 0, max: 0xffffff }),
      start: fc.integer({ min: 0, max: codePoints - 1 }),
      length: fc.integer({ min: 1, max: 20 }),
      ...fields,
    })
    .map(({ n, start, length, annotator, note, tag }) => {
      const end = Math.min(codePoints, start + length);
      return {
        id: `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`,
        documentPath: doc.path,
        contentSha256: doc.sha256,
        annotator,
        tag,
        start,
        end,
        ...describeSpan(doc.text, start, end),
        attributes: {},
        note,
        createdAt: '2025-02-01T10:00:00.000Z',
        updatedAt: '2025-02-01T10:00:00.000Z',
      };
    });
}
