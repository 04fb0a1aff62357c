import type { Annotation } from '../annotation-types';

export const FIXTURE_SHA = 'ab'.repeat(32);

/**
 * A stored annotation for tests that need whole records (views, checks,
 * queries) rather than the database's NewAnnotation: a commitment by Ayu on
 * `a.txt`; each test overrides what it is about.
 */
export function storedAnnotation(overrides: Partial<Annotation> = {}): Annotation {
  return {
    id: crypto.randomUUID(),
    documentPath: 'a.txt',
    contentSha256: FIXTURE_SHA,
    annotator: 'Ayu',
    tag: 'commitment',
    start: 0,
    end: 5,
    quote: 'Judul',
    prefix: '',
    suffix: '',
    attributes: {},
    note: '',
    createdAt: '2025-01-01T00:00:00.000Z',
    updatedAt: '2025-01-01T00:00:00.000Z',
    ...overrides,
  };
}
