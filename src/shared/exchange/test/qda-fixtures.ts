import type { Annotation } from '../../annotation/annotation-types';
import { builtinCodebook } from '../../codebook/builtin-codebook';
import { spanAnnotation } from './span-annotation';
import type { Tag } from '../../codebook/codebook';
import { exportQdpx, type QdpxDocument } from '../qdpx-export';

/** Two short documents (one with an astral character, so code points and UTF-16 differ) and annotations on them. */
export const DOCS: QdpxDocument[] = [
  {
    path: 'news/a.txt',
    title: 'Hanoi and Beijing',
    text: 'Hanoi and Beijing\n\nVietnam 😀 pledged to build a railway with China.\n',
  },
  {
    path: 'b.txt',
    title: 'Border talks',
    text: 'Border talks\nThe border dispute & the "sea" stayed open.\n',
  },
];

export const SHA = (text: string): string => {
  // Stand-in for SHA-256 where only equality matters: distinct texts, distinct 64-hex strings.
  let h = 0n;
  for (const c of text) h = (h * 131n + BigInt(c.codePointAt(0)!)) % (1n << 250n);
  return h.toString(16).padStart(64, '0').slice(-64);
};

function span(doc: QdpxDocument, quote: string, fields: Partial<Annotation> & { id: string }): Annotation {
  return spanAnnotation(doc.text, quote, { documentPath: doc.path, contentSha256: SHA(doc.text), ...fields });
}

export const ANNOTATIONS: Annotation[] = [
  span(DOCS[0]!, 'pledged to build a railway', {
    id: '6f1c1f0e-8a43-4c55-9d0e-1a2b3c4d5e01',
    attributes: { actor: 'vietnam', strength: 'firm' },
    note: '2025-10-09 and 0012345 stay text',
  }),
  span(DOCS[0]!, 'railway with China', {
    id: '6f1c1f0e-8a43-4c55-9d0e-1a2b3c4d5e02',
    annotator: 'budi',
    tag: 'cooperation_area',
    attributes: { sector: ['rail', 'infrastructure_connectivity'] },
  }),
  span(DOCS[1]!, 'border dispute & the "sea"', {
    id: '6f1c1f0e-8a43-4c55-9d0e-1a2b3c4d5e03',
    tag: 'dispute',
    attributes: { issue: 'maritime_scs' },
    note: '=SUM(A1) is not a formula',
  }),
];

export const CODEBOOK = builtinCodebook();

export const QDA_NOW = '2026-12-01T00:00:00.000Z';

/** DOCS with ANNOTATIONS and Ana's status of b.txt, exported as a project named Sample. */
export function sampleProject(): Uint8Array {
  return exportQdpx({
    projectName: 'Sample',
    codebook: CODEBOOK,
    documents: DOCS,
    annotations: ANNOTATIONS,
    statuses: [{ annotator: 'ana', documentPath: 'b.txt', status: 'done', updatedAt: QDA_NOW }],
    now: new Date(QDA_NOW),
  }).bytes;
}

/** A tag the codebook does not have, for imports that add one. */
export const ECONOMY: Tag = {
  id: 'economy',
  label: 'Economy',
  color: '#2b8a3e',
  description: '',
  shortcut: null,
  retired: false,
  attributes: [],
};
