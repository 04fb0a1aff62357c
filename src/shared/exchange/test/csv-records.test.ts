import { createHash } from 'node:crypto';
import { csvFormatRow } from 'd3-dsv';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { builtinCodebook } from '../../codebook/builtin-codebook';
import { exportAnnotationsCsv } from '../csv-export';
import { ANNOTATION_COLUMNS, PAPA_PARSE_CONFIG, papa } from '../csv-format';
import { type CsvImportContext, checkCsvImport, planCsvImport } from '../csv-import';
import { parseAnnotationsCsv } from '../csv-read';
import { forEachCsvRecord } from '../csv-records';
import { annotationArbitrary } from './annotation-arbitrary';

/*
 * The import's own CSV reader against papaparse, the reference: whatever it
 * reads, papaparse reads the same records from without an error; files an
 * exporter writes it always reads; and an import gives the same answer,
 * problems and all, as papaparse's table through `planCsvImport`.
 */

function records(text: string): string[][] | null {
  const rows: string[][] = [];
  const complete = forEachCsvRecord(text, (cells, row) => {
    expect(row).toBe(rows.length + 1);
    rows.push([...cells]);
    return true;
  });
  return complete ? rows : null;
}

/** Text made of the pieces papaparse treats specially, so that every branch of both is reached. */
const csvLike = fc
  .array(fc.constantFrom('a', 'bc', ' ', 'é', '😀', '"', '""', ',', '\r', '\n', '\r\n', '"a"', '" "'), {
    maxLength: 40,
  })
  .map((pieces) => pieces.join(''));

/** RFC 4180 files as an exporter writes them, with any line break papaparse may pick. */
const wellFormed = fc
  .tuple(
    fc.array(
      fc.array(
        fc.oneof(fc.string({ maxLength: 8 }), fc.constantFrom('"', '""', ',', '\r\n', '\n', ' x ', '')),
        { minLength: 2, maxLength: 2 },
      ),
      { minLength: 1, maxLength: 6 },
    ),
    fc.constantFrom('\r\n', '\n', '\r'),
    fc.boolean(),
  )
  .map(([rows, newline, last]) => rows.map((r) => csvFormatRow(r)).join(newline) + (last ? newline : ''));

describe('forEachCsvRecord', () => {
  it('reads what papaparse reads, or gives up wherever papaparse reports a problem', () => {
    fc.assert(
      fc.property(fc.oneof(csvLike, wellFormed), (text) => {
        const reference = papa.parse(text, PAPA_PARSE_CONFIG);
        const rows = records(text);
        if (reference.errors.length > 0) expect(rows).toBeNull();
        if (rows !== null) expect(rows).toEqual(reference.data);
      }),
      { numRuns: 3000 },
    );
  });

  it('reads every file an exporter writes', () => {
    fc.assert(
      fc.property(wellFormed, (text) => {
        expect(records(text)).toEqual(papa.parse(text, PAPA_PARSE_CONFIG).data);
      }),
      { numRuns: 1000 },
    );
  });

  it('gives up on what papaparse words itself: an unclosed quote, text after a closing quote', () => {
    expect(records('a,"b\r\nc,d')).toBeNull();
    expect(records('a,"b"c\r\nd,e')).toBeNull();
    expect(records('a,"b" ,c')).toBeNull();
    expect(records('a,"b""c",d\r\ne,"",f\r\n')).toEqual([['a', 'b"c', 'd'], ['e', '', 'f'], ['']]);
  });

  it('stops when the caller says so', () => {
    const seen: number[] = [];
    expect(forEachCsvRecord('a\nb\nc', (_, row) => (seen.push(row), row < 2))).toBe(false);
    expect(seen).toEqual([1, 2]);
  });
});

// ---------------------------------------------------------------- the import, both ways

const TEXT = 'Kedua negara sepakat bekerja sama di bidang perdagangan.\nVi\u1ec7t Nam 😀 dan energi.';
const PATH = 'berita/a.txt';
const SHA = createHash('sha256').update(TEXT).digest('hex');
const ctx: CsvImportContext = {
  documents: [{ path: PATH, sha256: SHA }],
  getText: () => TEXT,
  codebook: builtinCodebook(),
  now: '2025-06-01T12:00:00.000Z',
};
const TAG = builtinCodebook().tags[0]!.id;

describe('checkCsvImport', () => {
  it('answers as planCsvImport over papaparse’s table does, problems included', async () => {
    const cell = fc.oneof(
      fc.constantFrom('', 'x', ' ', '"', ',', '\n', '\r\n', '0', '6', '12', 'Kedua', 'negara', PATH, SHA),
      fc.constantFrom(TAG, 'ana', SHA.toUpperCase(), '2025-01-02T03:04:05.000Z', '2025-02-30', "'=1"),
      fc.uuid(),
    );
    const header = fc.constantFrom(
      [...ANNOTATION_COLUMNS],
      ANNOTATION_COLUMNS.slice(5),
      ['\uFEFFannotation_id', ...ANNOTATION_COLUMNS.slice(1)],
      ['annotator;tag;start;end;quote'],
      [''],
    );
    // Mostly rows as wide as the header, so that most files are read directly; some a cell off.
    const file = header.chain((columns) =>
      fc.tuple(
        fc.constant(columns.join(',')),
        fc.array(
          fc
            .array(cell, { minLength: columns.length, maxLength: columns.length })
            .chain((cells) =>
              fc.constantFrom(cells, cells, cells, cells.slice(1), [...cells, 'x']).map((c) => c.join(',')),
            ),
          { maxLength: 6 },
        ),
      ),
    );
    let direct = 0;
    await fc.assert(
      fc.asyncProperty(file, fc.constantFrom('\r\n', '\n'), async ([h, rows], nl) => {
        const text = [h, ...rows].join(nl) + nl;
        const reference = await planCsvImport(parseAnnotationsCsv(text), ctx);
        expect(await checkCsvImport(text, ctx)).toEqual(reference);
        if (forEachCsvRecord(text, () => true)) direct += 1;
      }),
      { numRuns: 1500 },
    );
    expect(direct).toBeGreaterThan(300);
  });

  it('answers as planCsvImport does on exported files with some cells changed', async () => {
    const annotations = fc.array(
      annotationArbitrary(
        { text: TEXT, path: PATH, sha256: SHA },
        {
          annotator: fc.constantFrom('ana', 'budi', ' ana'),
          note: fc.constantFrom('', 'a, "b"', '=1', 'two\nlines'),
          tag: fc.constant(TAG),
        },
      ),
      { minLength: 1, maxLength: 5 },
    );
    const change = fc.array(
      fc.tuple(fc.nat(), fc.constantFrom('', '0', '"', 'x,y', 'f00', SHA.toUpperCase(), 'other.txt', '\n')),
      { maxLength: 2 },
    );
    let ok = 0;
    await fc.assert(
      fc.asyncProperty(annotations, change, async (list, changes) => {
        const csv = exportAnnotationsCsv({
          annotations: list,
          documents: new Map(),
          codebook: builtinCodebook(),
        });
        const rows = csv.split('\r\n').map((line) => line.split(','));
        for (const [at, value] of changes) {
          const row = rows[1 + (at % (rows.length - 2))]!;
          row[at % row.length] = value;
        }
        const text = rows.map((cells) => cells.join(',')).join('\r\n');
        const direct = await checkCsvImport(text, ctx);
        expect(direct).toEqual(await planCsvImport(parseAnnotationsCsv(text), ctx));
        if (direct.ok) ok += 1;
      }),
      { numRuns: 500 },
    );
    expect(ok).toBeGreaterThan(50);
  });

  it('imports rows that differ from the row before only in their document cells', async () => {
    const other = 'berita/b.txt';
    const two: CsvImportContext = { ...ctx, documents: [...ctx.documents, { path: other, sha256: SHA }] };
    const line = (path: string, sha: string): string => ['ana', TAG, path, sha, '0', '5', 'Kedua'].join(',');
    const text = [
      'annotator,tag,document_path,content_sha256,start,end,quote',
      line(PATH, SHA),
      line(other, SHA),
      line(other, SHA.toUpperCase()),
      line(other, 'f00'),
    ].join('\r\n');
    const result = await checkCsvImport(text, two);
    expect(result).toEqual(await planCsvImport(parseAnnotationsCsv(text), two));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems.map((p) => [p.row, p.column])).toEqual([[5, 'content_sha256']]);
  });
});
