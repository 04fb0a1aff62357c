import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Annotation } from '../../annotation/annotation-types';
import { builtinCodebook } from '../../codebook/builtin-codebook';
import { buildBundle, bundleToJson, parseBundleJson } from '../bundle';
import { BundleError } from '../bundle-schema';
import { exportAnnotationsCsv } from '../csv-export';
import { checkCsvImport } from '../csv-import';
import { CsvFileError, decodeCsvBytes, parseAnnotationsCsv } from '../csv-read';
import { codePointIndex, describeSpan } from '../../text/text-quote';
import { annotatorProblem, spanProblem } from '../record-checks';
import { annotationArbitrary } from './annotation-arbitrary';

/*
 * No input crashes the bundle or CSV parsers (they either accept, or refuse
 * with their own error and a message), and whatever they accept round-trips.
 */

const TEXT =
  'Kedua negara sepakat bekerja sama di bidang perdagangan, energi dan "pariwisata".\nVi\u1ec7t Nam 😀';
const SHA = 'ab'.repeat(32);
const PATH = 'berita/a.txt';

const annotationArb: fc.Arbitrary<Annotation> = annotationArbitrary(
  { text: TEXT, path: PATH, sha256: SHA },
  {
    annotator: fc
      .string({ minLength: 1, maxLength: 20 })
      .filter((s) => s.trim() === s && annotatorProblem(s) === null),
    note: fc.string({ maxLength: 40 }),
    tag: fc.constantFrom(...builtinCodebook().tags.map((t) => t.id)),
  },
);

const unique = (list: Annotation[]): Annotation[] => [...new Map(list.map((a) => [a.id, a])).values()];

/** Random JSON text, and JSON that is nearly a bundle (a valid one with one value changed). */
const nearBundle = fc
  .tuple(fc.array(annotationArb, { maxLength: 3 }), fc.jsonValue(), fc.integer({ min: 0, max: 40 }))
  .map(([annotations, junk, at]) => {
    const valid = buildBundle({
      codebook: builtinCodebook(),
      documents: [{ path: PATH, title: 'A', sha256: SHA }],
      annotations: unique(annotations),
      statuses: [],
      now: new Date('2026-12-01T00:00:00Z'),
    });
    const keys = ['format', 'version', 'exportedAt', 'app', 'codebook', 'documents', 'annotations'];
    return JSON.stringify({ ...valid, [keys[at % keys.length]!]: junk });
  });

describe('bundle parser, fuzzed', () => {
  it('never crashes: a bundle or a BundleError with a message', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.json(), nearBundle), (text) => {
        try {
          const bundle = parseBundleJson(text);
          expect(parseBundleJson(bundleToJson(bundle))).toEqual(bundle);
        } catch (error) {
          expect(error).toBeInstanceOf(BundleError);
          expect((error as BundleError).message.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('round-trips every bundle it writes', () => {
    fc.assert(
      fc.property(fc.array(annotationArb, { maxLength: 8 }), (annotations) => {
        const bundle = buildBundle({
          codebook: builtinCodebook(),
          documents: [{ path: PATH, title: 'A', sha256: SHA }],
          annotations: unique(annotations),
          statuses: [],
          now: new Date('2026-12-01T00:00:00Z'),
        });
        expect(parseBundleJson(bundleToJson(bundle))).toEqual(bundle);
      }),
      { numRuns: 100 },
    );
  });
});

describe('CSV parser, fuzzed', () => {
  const ctx = {
    documents: [{ path: PATH, sha256: SHA }],
    getText: () => TEXT,
    codebook: builtinCodebook(),
    now: '2026-12-01T00:00:00.000Z',
  };

  it('never crashes on any bytes: text and problems, or a CsvFileError', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 300 }), async (bytes) => {
        let text: string;
        try {
          text = decodeCsvBytes(bytes);
        } catch (error) {
          expect(error).toBeInstanceOf(CsvFileError);
          return;
        }
        parseAnnotationsCsv(text);
        const result = await checkCsvImport(text, ctx);
        if (!result.ok) for (const p of result.problems) expect(p.message.length).toBeGreaterThan(0);
      }),
      { numRuns: 300 },
    );
  });

  it('never crashes on CSV-shaped text with the real header', async () => {
    const header = 'annotator,tag,document_path,content_sha256,start,end,quote,note\n';
    const cell = fc.oneof(
      fc.string({ maxLength: 12 }),
      fc.constantFrom('"', '""', ',', '\n', '\r\n', PATH, SHA, '5'),
    );
    const row = fc.array(cell, { minLength: 0, maxLength: 10 }).map((cells) => cells.join(','));
    await fc.assert(
      fc.asyncProperty(fc.array(row, { maxLength: 5 }), async (rows) => {
        const result = await checkCsvImport(header + rows.join('\n'), ctx);
        expect(typeof result.ok).toBe('boolean');
      }),
      { numRuns: 300 },
    );
  });

  it('imports back exactly what it exports', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(annotationArb, { minLength: 1, maxLength: 6 }), async (list) => {
        const annotations = unique(list);
        const csv = exportAnnotationsCsv({
          annotations,
          documents: new Map([[PATH, { title: 'A' }]]),
          codebook: builtinCodebook(),
        });
        const result = await checkCsvImport(csv, ctx);
        expect(result.ok).toBe(true);
        if (!result.ok) return;
        const byId = new Map(result.plan.annotations.map((a) => [a.id, a]));
        for (const a of annotations) {
          const back = byId.get(a.id);
          expect(back).toMatchObject({
            start: a.start,
            end: a.end,
            quote: a.quote,
            annotator: a.annotator,
            note: a.note,
            tag: a.tag,
          });
        }
      }),
      { numRuns: 100 },
    );
  });
});

describe('span check, fuzzed', () => {
  it('never throws on any offsets: null exactly when the quote is the text there', () => {
    const index = codePointIndex(TEXT);
    fc.assert(
      fc.property(fc.integer(), fc.integer(), fc.string({ maxLength: 10 }), (start, end, quote) => {
        const problem = spanProblem(index, { start, end, quote });
        if (problem === null) expect(describeSpan(TEXT, start, end).quote).toBe(quote);
        else expect(problem.message.length).toBeGreaterThan(0);
      }),
      { numRuns: 500 },
    );
  });
});
