import type { Annotation } from '../src/shared/annotation/annotation-types';

/**
 * The team bench's annotation `i` of `annotator` (1,000 documents, 50 places
 * in each): what the team-merge scenario journals and the IndexedDB write
 * probe stores. Free of Node, so the probe page can bundle it.
 */
export function teamAnnotation(annotator: string, i: number, note: string): Annotation {
  const n = i.toString(16).padStart(12, '0');
  const who = [...annotator]
    .reduce((h, c) => (h * 31 + c.charCodeAt(0)) % 0xffff, 7)
    .toString(16)
    .padStart(4, '0');
  return {
    id: `${who}0000-0000-4000-8000-${n}`,
    documentPath: `berita/${String(i % 1000).padStart(4, '0')}.txt`,
    contentSha256: 'ab'.repeat(32),
    annotator,
    tag: 'commitment',
    start: (i % 50) * 40,
    end: (i % 50) * 40 + 25,
    quote: 'kerja sama di bidang ener',
    prefix: 'Kedua negara sepakat untuk mem',
    suffix: 'gi dan infrastruktur kereta',
    attributes: { actor: 'vietnam' },
    note,
    createdAt: '2026-12-01T08:00:00.000Z',
    updatedAt: '2026-12-01T08:00:00.000Z',
  };
}
