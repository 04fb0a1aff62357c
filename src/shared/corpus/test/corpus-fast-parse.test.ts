import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { apiCalls } from '../../api/api-contract';
import {
  fastCorpusEvent,
  fastReadDocumentsAnswer,
  fastCorpusSnapshot,
  fastDocumentMeta,
  parseCorpusEvent,
  parseCorpusSnapshot,
} from '../corpus-fast-parse';
import { expectVouchedOnlyWhatZodAccepts, strangeValue } from '../../validation/test/fast-parse-agreement';
import { CorpusEventSchema, CorpusSnapshotSchema, DocumentMetaSchema } from '../corpus-types';

const hex64 = fc.string({ unit: fc.constantFrom(...'0123456789abcdef'), minLength: 64, maxLength: 64 });
const optional = <T>(arbitrary: fc.Arbitrary<T>): fc.Arbitrary<T | undefined> =>
  fc.option(arbitrary, { nil: undefined });

/** Listing rows as the scan makes them: read, unreadable, still reading, with or without the extensions. */
const validMeta = fc
  .record({
    path: fc.string({ minLength: 1, maxLength: 60 }),
    title: fc.string({ maxLength: 40 }),
    sha256: fc.option(hex64, { nil: null }),
    chars: fc.option(fc.nat(), { nil: null }),
    encoding: fc.option(
      fc.oneof(
        fc.constantFrom('utf-8', 'utf-8-bom', 'utf-16le', 'utf-16be', 'windows-1252'),
        fc.constantFrom('iso-8859-2', 'koi8-r', 'x.mac:roman'),
      ),
      { nil: null },
    ),
    status: fc.constantFrom('ok', 'skipped', 'error', 'reading'),
    reason: optional(fc.string({ maxLength: 30 })),
    bytes: optional(fc.nat()),
    format: optional(fc.constantFrom('txt', 'md', 'html', 'docx', 'odt', 'pdf')),
    extractor: optional(fc.constantFrom('text@1', 'pdf@2', 'html@13')),
    extra: optional(fc.string()),
  })
  .map(({ extra, ...meta }) => {
    const present = Object.fromEntries(Object.entries(meta).filter(([, v]) => v !== undefined));
    // A key the schema does not know: zod drops it, and so must the fast path.
    return extra === undefined ? present : { fromANewerHost: extra, ...present };
  });

/** What a damaged or hostile answer may hold in any one field. */
const strange = strangeValue('x'.repeat(4097), 'Latin-1', 'a'.repeat(41), 'pdf@0', 'rtf', 'reading');

const META_FIELDS = [
  'path',
  'title',
  'sha256',
  'chars',
  'encoding',
  'status',
  'reason',
  'bytes',
  'format',
  'extractor',
] as const;

const snapshotOf = (documents: unknown[], reading?: unknown): Record<string, unknown> => ({
  root: '/corpora/berita',
  name: 'berita',
  scanning: reading !== undefined,
  documents,
  ...(reading === undefined ? {} : { reading }),
});

describe('fastDocumentMeta: the listing row schema without zod for rows that pass', () => {
  it('accepts every valid row and returns exactly what zod returns (keys, order, values)', () => {
    fc.assert(
      fc.property(validMeta, (meta) => {
        expect(JSON.stringify(fastDocumentMeta(meta))).toBe(JSON.stringify(DocumentMetaSchema.parse(meta)));
      }),
      { numRuns: 500 },
    );
  });

  it('never vouches for a row zod refuses, whatever one field holds', () => {
    fc.assert(
      fc.property(validMeta, fc.constantFrom(...META_FIELDS), strange, (meta, field, value) => {
        const damaged: Record<string, unknown> = { ...meta, [field]: value };
        expectVouchedOnlyWhatZodAccepts(fastDocumentMeta(damaged), DocumentMetaSchema.safeParse(damaged));
      }),
      { numRuns: 2000 },
    );
  });
});

describe('the snapshot and the events that carry listings', () => {
  it('a valid snapshot, in its event or as an answer, comes out as zod would give it', () => {
    fc.assert(
      fc.property(
        fc.array(validMeta, { maxLength: 20 }),
        optional(fc.record({ done: fc.nat(), total: fc.nat() })),
        (documents, reading) => {
          const snapshot = snapshotOf(documents, reading);
          expect(JSON.stringify(fastCorpusSnapshot(snapshot))).toBe(
            JSON.stringify(CorpusSnapshotSchema.parse(snapshot)),
          );
          for (const event of [
            { type: 'corpus-opened', snapshot },
            { type: 'documents-read', documents, reading: reading ?? { done: 0, total: 0 } },
            ...documents.map((document) => ({ type: 'document-changed', document })),
          ]) {
            expect(JSON.stringify(fastCorpusEvent(event))).toBe(
              JSON.stringify(CorpusEventSchema.parse(event)),
            );
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  it('one bad row anywhere in 10,000 refuses the whole snapshot, with zod’s issue and path', () => {
    const documents = Array.from({ length: 10_000 }, (_, i) => ({
      path: `arsip/${i}.txt`,
      title: `Berita ${i}`,
      sha256: 'ab'.repeat(32),
      chars: 1000 + i,
      encoding: 'utf-8',
      status: 'ok',
      bytes: 1000 + i,
      format: 'txt',
      extractor: 'text@1',
    }));
    expect(parseCorpusSnapshot(snapshotOf(documents)).success).toBe(true);
    documents[9_876] = { ...documents[9_876]!, chars: -1 };
    const parsed = parseCorpusSnapshot(snapshotOf(documents));
    expect(parsed.success).toBe(false);
    const event = parseCorpusEvent({ type: 'corpus-opened', snapshot: snapshotOf(documents) });
    expect(event.success).toBe(false);
    expect(event.success ? [] : (event.error as { issues: { path: unknown[] }[] }).issues[0]!.path).toEqual([
      'snapshot',
      'documents',
      9_876,
      'chars',
    ]);
  });

  it('a snapshot with damaged top-level fields or reading progress goes to zod, which refuses it', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('root', 'name', 'scanning', 'documents', 'reading'),
        strange,
        (field, value) => {
          const damaged = { ...snapshotOf([]), [field]: value };
          const fast = fastCorpusSnapshot(damaged);
          const zod = CorpusSnapshotSchema.safeParse(damaged);
          if (fast !== null) expect(JSON.stringify(fast)).toBe(JSON.stringify(zod.data));
          else if (field !== 'reading' || value !== undefined) expect(zod.success).toBe(false);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('small events still go through zod', () => {
    expect(parseCorpusEvent({ type: 'scan-progress', done: 1, total: 2 })).toMatchObject({ success: true });
    expect(parseCorpusEvent({ type: 'document-removed', path: '' }).success).toBe(false);
    expect(parseCorpusEvent({ type: 'no-such-event' }).success).toBe(false);
  });
});

const validParagraph = fc
  .record({
    start: fc.nat(),
    end: fc.nat(),
    kind: fc.constantFrom('heading', 'body'),
    level: optional(fc.integer({ min: 1, max: 6 })),
    page: optional(fc.integer({ min: 1, max: 900 })),
  })
  .map((p) => Object.fromEntries(Object.entries(p).filter(([, v]) => v !== undefined)));

const validText = fc
  .record({
    meta: validMeta,
    text: fc.string({ maxLength: 80 }),
    structure: optional(fc.record({ paragraphs: fc.array(validParagraph, { maxLength: 5 }) })),
  })
  .map((d) => (d.structure === undefined ? { meta: d.meta, text: d.text } : d));

const PARAGRAPH_FIELDS = ['start', 'end', 'kind', 'level', 'page'] as const;

describe('fastReadDocumentsAnswer: a batch of texts without zod when every item passes', () => {
  const schema = apiCalls.readDocuments.response;

  it('a batch of valid documents comes out as zod would give it', () => {
    fc.assert(
      fc.property(fc.array(validText, { maxLength: 10 }), (texts) => {
        const answer = { documents: texts.map((document) => ({ ok: true, document })) };
        expect(JSON.stringify(fastReadDocumentsAnswer(answer))).toBe(JSON.stringify(schema.parse(answer)));
      }),
      { numRuns: 300 },
    );
  });

  it('never vouches for a batch zod refuses: a damaged paragraph, text or row', () => {
    fc.assert(
      fc.property(
        validText,
        validParagraph,
        fc.constantFrom(...PARAGRAPH_FIELDS, 'text', 'structure', 'meta'),
        strange,
        (text, paragraph, field, value) => {
          const document: Record<string, unknown> = (PARAGRAPH_FIELDS as readonly string[]).includes(field)
            ? { ...text, structure: { paragraphs: [{ ...paragraph, [field]: value }] } }
            : { ...text, [field]: value };
          const answer = { documents: [{ ok: true, document }] };
          expectVouchedOnlyWhatZodAccepts(fastReadDocumentsAnswer(answer), schema.safeParse(answer));
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('a batch with a failure in it goes to zod, which keeps the failure', () => {
    const failure = { ok: false, path: 'gone.txt', error: { code: 'not-found', message: 'no document' } };
    expect(fastReadDocumentsAnswer({ documents: [failure] })).toBeNull();
    expect(schema.parse({ documents: [failure] }).documents).toEqual([failure]);
  });
});
