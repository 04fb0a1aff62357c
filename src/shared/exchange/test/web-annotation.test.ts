import { describe, expect, it } from 'vitest';
import type { Annotation } from '../../annotation/annotation-types';
import { builtinCodebook } from '../../codebook/builtin-codebook';
import { addAttribute, addTag } from '../../codebook/codebook';
import { normalizeText } from '../../text/text-normalize';
import { describeSpan } from '../../text/text-quote';
import { ANNO_CONTEXT, documentIri, toWebAnnotations, type WebAnnotation } from '../web-annotation';

const SHA = 'ab'.repeat(32);
const ARTICLE = 'articles/2024/hà nội.txt';
const TEXT = 'Kedua negara 😀 sepakat 𝔸 kerja sama di bidang energi.';

function annotation(overrides: Partial<Annotation> = {}): Annotation {
  return {
    id: '0f5b5c4e-2d0a-4c1e-9a57-3b1f0c2d4e6f',
    documentPath: ARTICLE,
    contentSha256: SHA,
    annotator: 'Nguyễn Thị Ánh',
    tag: 'commitment',
    start: 0,
    end: 12,
    quote: 'Kedua negara',
    prefix: '',
    suffix: ' 😀 sepakat 𝔸 kerja sama di bidang e',
    attributes: {},
    note: '',
    createdAt: '2025-02-01T10:00:00.000Z',
    updatedAt: '2025-02-03T09:30:00.000Z',
    ...overrides,
  };
}

const documents = new Map([[ARTICLE, { title: 'Hà Nội', sha256: SHA }]]);

function exportOne(a: Annotation, codebook = builtinCodebook()) {
  const collection = toWebAnnotations({ annotations: [a], documents, codebook, corpusName: 'Tin tức 2024' });
  const item = collection.first?.items[0];
  if (!item) throw new Error('no item');
  return item;
}

/** Slice by code points, as TextPositionSelector counts. */
function codePointSlice(text: string, start: number, end: number): string {
  return [...text].slice(start, end).join('');
}

/**
 * The W3C Web Annotation model's rules the export relies on, as the
 * official test schemas check them (written out here: no network).
 */
function w3cProblems(a: WebAnnotation): string[] {
  const problems: string[] = [];
  if (a.type !== 'Annotation') problems.push('type must be Annotation');
  if (!/^[a-z][a-z0-9+.-]*:/iu.test(a.id)) problems.push('id must be an IRI');
  for (const [i, b] of a.body.entries()) {
    if (b.type === 'TextualBody') {
      // A TextualBody with an id is classified as an external resource: MUST NOT have one.
      if ('id' in b) problems.push(`body[${i}]: a TextualBody must not have an id`);
      if (typeof b.value !== 'string') problems.push(`body[${i}]: value must be a string`);
    } else if (!/^[a-z][a-z0-9+.-]*:/iu.test(b.source)) problems.push(`body[${i}]: source must be an IRI`);
    const purposes = [
      'assessing',
      'bookmarking',
      'classifying',
      'commenting',
      'describing',
      'editing',
      'highlighting',
      'identifying',
      'linking',
      'moderating',
      'questioning',
      'replying',
      'tagging',
    ];
    if (!purposes.includes(b.purpose)) problems.push(`body[${i}]: purpose ${b.purpose} is not a Motivation`);
  }
  if (!/^[a-z][a-z0-9+.-]*:/iu.test(a.target.source)) problems.push('target.source must be an IRI');
  for (const s of a.target.selector) {
    if (s.type === 'TextPositionSelector' && !(Number.isInteger(s.start) && s.start >= 0 && s.end >= s.start))
      problems.push('TextPositionSelector: start and end must be non-negative integers, start ≤ end');
    if (s.type === 'TextQuoteSelector' && typeof s.exact !== 'string')
      problems.push('TextQuoteSelector: exact');
  }
  if (a.target.language !== undefined && !/^[a-z]{2,3}(-[A-Za-z0-9]+)*$/u.test(a.target.language))
    problems.push('target.language must be a BCP 47 tag');
  if (a.target.state && !/^[a-z][a-z0-9+.-]*:/iu.test(a.target.state.id))
    problems.push('state.id must be an IRI');
  return problems;
}

describe('toWebAnnotations', () => {
  it('gives positions true of the normalized text the state names, for BOM, CRLF and NFD files too', () => {
    const raw = '\uFEFFBaris satu\r\nHa\u0300 No\u0323\u0302i sepakat\r\n';
    const text = normalizeText(raw);
    const part = 'Hà Nội sepakat';
    const start = [...text.slice(0, text.indexOf(part))].length;
    const end = start + [...part].length;
    const sha256 = 'e'.repeat(64);
    const a: Annotation = {
      ...annotation(),
      contentSha256: sha256,
      start,
      end,
      ...describeSpan(text, start, end),
    };
    const item = toWebAnnotations({
      annotations: [a],
      documents: new Map([[a.documentPath, { title: 't', sha256 }]]),
      codebook: builtinCodebook(),
      corpusName: 'c',
    }).first!.items[0]!;
    const position = item.target.selector[1]!;
    expect(position.type).toBe('TextPositionSelector');
    if (position.type !== 'TextPositionSelector') return;
    expect(codePointSlice(text, position.start, position.end)).toBe(item.target.selector[0].exact);
    // The raw file differs (BOM, CRLF, decomposed letters): the state says which text counts.
    expect(codePointSlice(raw, position.start, position.end)).not.toBe(part);
    expect(item.target.state?.id).toBe(`urn:tanda:normalized-text:sha256:${sha256}`);
  });

  it('exports the document language and names the normalized text positions count in', () => {
    const a = annotation();
    const withLanguage = new Map([...documents].map(([p, d]) => [p, { ...d, language: 'id' }]));
    const item = toWebAnnotations({
      annotations: [a],
      documents: withLanguage,
      codebook: builtinCodebook(),
      corpusName: 'c',
    }).first!.items[0]!;
    expect(item.target.language).toBe('id');
    expect(item.target.state?.id).toBe(`urn:tanda:normalized-text:sha256:${a.contentSha256}`);
    expect(w3cProblems(item)).toEqual([]);
    // Stale text: no positions, and no state claiming they are true of some text.
    const stale = toWebAnnotations({
      annotations: [{ ...a, contentSha256: 'f'.repeat(64) }],
      documents: withLanguage,
      codebook: builtinCodebook(),
      corpusName: 'c',
    }).first!.items[0]!;
    expect(stale.target.state).toBeUndefined();
    expect(stale.target.selector).toHaveLength(1);
  });

  it('is an AnnotationCollection with one embedded page, the context only at the top', () => {
    const collection = toWebAnnotations({
      annotations: [
        annotation({ id: '1f5b5c4e-2d0a-4c1e-9a57-3b1f0c2d4e6f', start: 20, end: 25 }),
        annotation(),
      ],
      documents,
      codebook: builtinCodebook(),
      corpusName: 'Tin tức 2024',
      now: new Date('2026-01-01T00:00:00.000Z'),
    });
    expect(collection).toMatchObject({
      '@context': ANNO_CONTEXT,
      id: 'urn:tanda:Tin%20t%E1%BB%A9c%202024#annotations',
      type: 'AnnotationCollection',
      total: 2,
      generator: { type: 'Software', name: 'Tanda' },
      generated: '2026-01-01T00:00:00.000Z',
      last: 'urn:tanda:Tin%20t%E1%BB%A9c%202024#annotations-page-1',
      first: {
        id: 'urn:tanda:Tin%20t%E1%BB%A9c%202024#annotations-page-1',
        type: 'AnnotationPage',
        partOf: 'urn:tanda:Tin%20t%E1%BB%A9c%202024#annotations',
        startIndex: 0,
      },
    });
    expect(collection.first?.items.map((i) => i.id)).toEqual([
      'urn:uuid:0f5b5c4e-2d0a-4c1e-9a57-3b1f0c2d4e6f',
      'urn:uuid:1f5b5c4e-2d0a-4c1e-9a57-3b1f0c2d4e6f',
    ]);
    expect(JSON.stringify(collection.first).includes('@context')).toBe(false);
  });

  it('has no page when there is nothing to export', () => {
    const collection = toWebAnnotations({
      annotations: [],
      documents,
      codebook: builtinCodebook(),
      corpusName: 'c',
    });
    expect(collection.total).toBe(0);
    expect(collection.first).toBeUndefined();
    expect(collection.generated).toBeUndefined();
  });

  it('describes one annotation: who, when, the tag, and where', () => {
    expect(exportOne(annotation())).toEqual({
      id: 'urn:uuid:0f5b5c4e-2d0a-4c1e-9a57-3b1f0c2d4e6f',
      type: 'Annotation',
      motivation: 'tagging',
      created: '2025-02-01T10:00:00.000Z',
      modified: '2025-02-03T09:30:00.000Z',
      creator: { type: 'Person', name: 'Nguyễn Thị Ánh' },
      body: [
        { type: 'TextualBody', purpose: 'tagging', value: 'Commitment', format: 'text/plain' },
        {
          type: 'SpecificResource',
          purpose: 'tagging',
          source: 'urn:tanda:Tin%20t%E1%BB%A9c%202024#tag:commitment',
        },
      ],
      target: {
        source: 'urn:tanda:Tin%20t%E1%BB%A9c%202024/articles/2024/h%C3%A0%20n%E1%BB%99i.txt',
        state: { type: 'State', id: `urn:tanda:normalized-text:sha256:${annotation().contentSha256}` },
        selector: [
          {
            type: 'TextQuoteSelector',
            exact: 'Kedua negara',
            suffix: ' 😀 sepakat 𝔸 kerja sama di bidang e',
          },
          { type: 'TextPositionSelector', start: 0, end: 12 },
        ],
      },
    });
  });

  it('adds attribute values (classifying), free text (describing) and the note (commenting)', () => {
    let codebook = addTag(builtinCodebook(), { label: 'Sanction' });
    codebook = addAttribute(codebook, 'sanction', {
      label: 'Targets',
      kind: 'multiple',
      values: ['Banks', 'Oil'],
    });
    codebook = addAttribute(codebook, 'sanction', { label: 'Source', kind: 'text' });
    const item = exportOne(
      annotation({
        tag: 'sanction',
        attributes: { source: 'Reuters, “leaked”', targets: ['oil', 'banks'], legacy: ['x'] },
        note: 'Check the date.\nSecond line 🌊',
      }),
      codebook,
    );
    const textual = item.body.filter((b) => b.type === 'TextualBody');
    expect(textual.map((b) => [b.purpose, b.value])).toEqual([
      ['tagging', 'Sanction'],
      ['classifying', 'Targets: Oil'],
      ['classifying', 'Targets: Banks'],
      ['describing', 'Source: Reuters, “leaked”'],
      ['classifying', 'legacy: x'],
      ['commenting', 'Check the date.\nSecond line 🌊'],
    ]);
    expect(item.body[3]).toEqual({
      type: 'SpecificResource',
      purpose: 'classifying',
      source: 'urn:tanda:Tin%20t%E1%BB%A9c%202024#tag:sanction/targets/oil',
    });
    for (const annotation of [item]) expect(w3cProblems(annotation)).toEqual([]);
  });

  it('counts positions in code points, so astral characters slice the same text as the quote', () => {
    // "sepakat" starts after "Kedua negara 😀 ": 15 code points, but 16 UTF-16 units.
    const start = 15;
    const end = 22;
    expect(codePointSlice(TEXT, start, end)).toBe('sepakat');
    expect(TEXT.indexOf('sepakat')).toBe(16);
    const item = exportOne(
      annotation({
        start,
        end,
        quote: 'sepakat',
        prefix: 'Kedua negara 😀 ',
        suffix: ' 𝔸 kerja sama di bidang energi.',
      }),
    );
    const [quote, position] = item.target.selector;
    expect(quote).toEqual({
      type: 'TextQuoteSelector',
      exact: 'sepakat',
      prefix: 'Kedua negara 😀 ',
      suffix: ' 𝔸 kerja sama di bidang energi.',
    });
    expect(position).toEqual({ type: 'TextPositionSelector', start: 15, end: 22 });
    expect(codePointSlice(TEXT, position!.start, position!.end)).toBe(quote.exact);
  });

  it('gives only the quote when the position would mislead: orphaned, or the text changed since', () => {
    expect(exportOne(annotation({ orphaned: true })).target.selector).toHaveLength(1);
    expect(exportOne(annotation({ contentSha256: 'cd'.repeat(32) })).target.selector).toEqual([
      { type: 'TextQuoteSelector', exact: 'Kedua negara', suffix: ' 😀 sepakat 𝔸 kerja sama di bidang e' },
    ]);
  });

  it('falls back to ids for a tag the codebook does not know', () => {
    expect(exportOne(annotation({ tag: 'mystery' })).body[0]).toMatchObject({
      purpose: 'tagging',
      value: 'mystery',
    });
  });

  it('percent-encodes each path segment and keeps the slashes', () => {
    expect(documentIri('corpus', 'a b/c#d?/e%.txt')).toBe('urn:tanda:corpus/a%20b/c%23d%3F/e%25.txt');
    expect(documentIri('c', 'bad\uD800.txt')).toBe('urn:tanda:c/bad%EF%BF%BD.txt');
  });
});
