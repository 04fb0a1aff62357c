import { execFileSync, spawnSync } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Annotation } from '../../annotation/annotation-types';
import { type Codebook, type Tag } from '../../codebook/codebook';
import { exportAnnotationsCsv } from '../csv-export';
import { naturalAnnotationId, rekeyedAnnotationId, naturalKey, papa } from '../csv-format';
import {
  type CsvImportContext,
  type CsvImportResult,
  checkCsvImport,
  formatCsvProblem,
  planCsvImport,
} from '../csv-import';
import { MAX_CSV_BYTES, checkCsvSize, decodeCsvBytes, parseAnnotationsCsv } from '../csv-read';
import { describeSpan } from '../../text/text-quote';

// ---------------------------------------------------------------- fixtures

function tag(id: string, attributes: Tag['attributes'] = [], retired = false): Tag {
  return { id, label: id, color: '#2f7ed8', description: '', shortcut: null, retired, attributes };
}
const actor = {
  id: 'actor',
  label: 'Actor',
  kind: 'single' as const,
  values: [
    { id: 'vn', label: 'Vietnam' },
    { id: 'cn', label: 'China' },
  ],
};
const CODEBOOK: Codebook = {
  version: 1,
  tags: [
    tag('commitment', [actor, { id: 'comment', label: 'Comment', kind: 'text', values: [] }]),
    tag('dispute', [
      actor,
      { id: 'issue', label: 'Issue', kind: 'single', values: [{ id: 'border', label: 'Border' }] },
    ]),
    tag('cooperation_area', [
      {
        id: 'sector',
        label: 'Sector',
        kind: 'multiple',
        values: [
          { id: 'trade', label: 'Trade' },
          { id: 'rail', label: 'Rail' },
          { id: 'energy', label: 'Energy' },
        ],
      },
    ]),
    tag('old', [], true),
  ],
};

const HANOI = 'vn/Hà Nội, 2025.txt';
const JAKARTA = 'id/jakarta.md';
const TEXTS: Record<string, string> = {
  [HANOI]: [
    'Việt Nam, Hà Nội: Tổng Bí thư Tô Lâm tiếp đoàn Trung Quốc.',
    '=SUM(A1) bukan rumus, -5 derajat di Đà Nẵng; \'kutipan\' dan "kutipan ganda".',
    'Kedua negara sepakat memperkuat kerja sama 😀 di bidang 𝔸-matematika, perdagangan, dan kereta api.',
    '+62 nomor; @akun; Hải Phòng – Quảng Ninh.',
  ].join('\n'),
  [JAKARTA]:
    'Jakarta — Menteri Luar Negeri bertemu mitranya dari Việt Nam.\nPerjanjian perdagangan ditandatangani hari ini.',
};
const sha = (text: string): string => createHash('sha256').update(text).digest('hex');
const DOCUMENTS = Object.entries(TEXTS).map(([p, text]) => ({
  path: p,
  title: text.split('\n')[0]!,
  sha256: sha(text),
}));
const NOW = '2025-06-01T12:00:00.000Z';

function context(overrides: Partial<CsvImportContext> = {}): CsvImportContext {
  return { documents: DOCUMENTS, getText: (p) => TEXTS[p]!, codebook: CODEBOOK, now: NOW, ...overrides };
}

let serial = 0;
/** An annotation on the first occurrence of `part`, as the editor stores it. */
function annotation(docPath: string, part: string, overrides: Partial<Annotation> = {}): Annotation {
  const text = TEXTS[docPath]!;
  const u = text.indexOf(part);
  if (u === -1) throw new Error(`"${part}" is not in ${docPath}`);
  const start = [...text.slice(0, u)].length;
  const end = start + [...part].length;
  serial++;
  return {
    id: randomUUID(),
    documentPath: docPath,
    contentSha256: sha(text),
    annotator: 'Ayu',
    tag: 'commitment',
    start,
    end,
    ...describeSpan(text, start, end),
    attributes: {},
    note: '',
    createdAt: `2025-0${1 + (serial % 9)}-02T03:04:05.${String(serial % 1000).padStart(3, '0')}Z`,
    updatedAt: '2025-05-06T07:08:09.010Z',
    ...overrides,
  };
}

const NASTY: Annotation[] = [
  annotation(HANOI, 'Việt Nam, Hà Nội', {
    annotator: 'Nguyễn Thị Hồng',
    attributes: { actor: 'vn', comment: '=x; y, "z"' },
  }),
  annotation(HANOI, '"kutipan ganda"', { note: 'baris satu\nbaris "dua", tiga\r\nempat' }),
  annotation(HANOI, '=SUM(A1) bukan rumus', {
    tag: 'dispute',
    attributes: { issue: 'border', actor: 'cn' },
    note: '=1+1',
  }),
  annotation(HANOI, '-5 derajat', { note: '-minus, koma' }),
  annotation(HANOI, "'kutipan'", { note: "'apostrof" }),
  annotation(HANOI, 'kerja sama 😀 di bidang 𝔸-matematika', {
    tag: 'cooperation_area',
    attributes: { sector: ['trade', 'rail'] },
  }),
  annotation(HANOI, 'Trung Quốc.\n=SUM(A1)', { annotator: 'Budi', note: '\ttab, @at, +plus' }),
  annotation(HANOI, '+62 nomor', { tag: 'old' }),
  annotation(HANOI, '@akun', { annotator: '@budi' }),
  annotation(JAKARTA, 'Menteri Luar Negeri', { tag: 'dispute' }),
  annotation(JAKARTA, 'perdagangan ditandatangani', {
    tag: 'cooperation_area',
    attributes: { sector: ['energy'] },
  }),
];

function exportCsv(annotations: Annotation[], bom = true): string {
  return exportAnnotationsCsv({
    annotations,
    documents: new Map(DOCUMENTS.map((d) => [d.path, { title: d.title }])),
    codebook: CODEBOOK,
    bom,
  });
}

const byId = (a: Annotation, b: Annotation): number => (a.id < b.id ? -1 : 1);

/** Write rows (objects keyed by column) as CSV; columns default to every key used, in order of appearance. */
function csvOf(
  rows: Record<string, string>[],
  columns = [...new Set(rows.flatMap((r) => Object.keys(r)))],
): string {
  return papa.unparse(
    { fields: columns, data: rows.map((r) => columns.map((c) => r[c] ?? '')) },
    {
      delimiter: ',',
      newline: '\r\n',
      quoteChar: '"',
      escapeChar: '"',
      quotes: false,
      header: true,
      escapeFormulae: false,
    },
  );
}

/** A valid hand-written row for `part` of the Hanoi text. */
function row(part: string, overrides: Record<string, string> = {}): Record<string, string> {
  const a = annotation(HANOI, part);
  return {
    document_path: HANOI,
    content_sha256: a.contentSha256,
    annotator: 'Ayu',
    tag: 'commitment',
    start: String(a.start),
    end: String(a.end),
    quote: a.quote,
    ...overrides,
  };
}

function problemsOf(result: CsvImportResult): string[] {
  if (result.ok) throw new Error('expected the import to be rejected');
  return result.problems.map(formatCsvProblem);
}

function planOf(result: CsvImportResult) {
  if (!result.ok)
    throw new Error(`expected the import to pass:\n${result.problems.map(formatCsvProblem).join('\n')}`);
  return result.plan;
}

// ---------------------------------------------------------------- round trip

describe('CSV round trip', () => {
  it('export → import gives back identical annotations, nasty content included', async () => {
    const csv = exportCsv(NASTY);
    const plan = planOf(await checkCsvImport(csv, context()));
    expect([...plan.annotations].sort(byId)).toEqual([...NASTY].sort(byId));
    expect(plan.duplicates).toBe(0);
    expect(plan.reanchored).toBe(0);
    expect(plan.preview).toEqual({
      rows: NASTY.length,
      annotators: ['@budi', 'Ayu', 'Budi', 'Nguyễn Thị Hồng'],
      documents: [JAKARTA, HANOI],
      tags: { commitment: 6, dispute: 2, cooperation_area: 2, old: 1 },
    });
  });

  it('round-trips through bytes, with and without BOM', async () => {
    for (const bom of [true, false]) {
      const bytes = new Uint8Array(Buffer.from(exportCsv(NASTY, bom), 'utf8'));
      expect(bytes[0] === 0xef).toBe(bom);
      const plan = planOf(await checkCsvImport(decodeCsvBytes(bytes), context()));
      expect([...plan.annotations].sort(byId)).toEqual([...NASTY].sort(byId));
    }
  });

  const python = spawnSync('python3', ['--version']).status === 0;
  it.skipIf(!python)(
    'an independent parser (Python csv, utf-8-sig) finds text[start:end] == quote on every row',
    () => {
      // (Skipped only when python3 is not installed.)
      const dir = mkdtempSync(path.join(os.tmpdir(), 'tanda-csv-'));
      try {
        for (const [p, text] of Object.entries(TEXTS)) {
          mkdirSync(path.dirname(path.join(dir, 'corpus', p)), { recursive: true });
          writeFileSync(path.join(dir, 'corpus', p), text, 'utf8');
        }
        writeFileSync(path.join(dir, 'export.csv'), exportCsv(NASTY), 'utf8');
        const script = `
import csv, hashlib, os, sys
root = sys.argv[1]
unguard = lambda s: s[1:] if s.startswith("'") else s
n = 0
with open(os.path.join(root, 'export.csv'), encoding='utf-8-sig', newline='') as f:
    for row in csv.DictReader(f):
        row = {k: unguard(v) for k, v in row.items()}
        with open(os.path.join(root, 'corpus', row['document_path']), encoding='utf-8', newline='') as t:
            text = t.read()
        assert text[int(row['start']):int(row['end'])] == row['quote'], row
        assert hashlib.sha1(row['document_path'].encode('utf-8')).hexdigest()[:16] == row['document_id'], row
        assert hashlib.sha256(text.encode('utf-8')).hexdigest() == row['content_sha256'], row
        n += 1
print(n)
`;
        const out = execFileSync('python3', ['-c', script, dir], { encoding: 'utf8' });
        expect(out.trim()).toBe(String(NASTY.length));
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  );

  it('reads files whose columns come in any order, with unknown columns, and CRLF or LF', async () => {
    const rows = [row('Tô Lâm', { extra: 'ignored', note: 'a\nb' }), row('Đà Nẵng', { tag: 'dispute' })];
    const shuffled = csvOf(rows, [
      'extra',
      'quote',
      'end',
      'tag',
      'start',
      'note',
      'annotator',
      'content_sha256',
      'document_path',
    ]);
    for (const csv of [shuffled, shuffled.replace(/\r\n/g, '\n')]) {
      const plan = planOf(await checkCsvImport(csv, context()));
      expect(plan.annotations.map((a) => [a.quote, a.tag, a.note])).toEqual([
        ['Tô Lâm', 'commitment', 'a\nb'],
        ['Đà Nẵng', 'dispute', ''],
      ]);
      expect(plan.annotations[0]).toMatchObject({
        createdAt: NOW,
        updatedAt: NOW,
        attributes: {},
        documentPath: HANOI,
      });
    }
  });

  it('undoes the injection guard before checking the quote', async () => {
    const plan = planOf(
      await checkCsvImport(csvOf([row('=SUM(A1)', { quote: "'=SUM(A1)", note: "''x" })]), context()),
    );
    expect(plan.annotations[0]).toMatchObject({ quote: '=SUM(A1)', note: "'x" });
  });

  it('finds a renamed document by its content hash', async () => {
    const plan = planOf(
      await checkCsvImport(csvOf([row('Tô Lâm', { document_path: 'old/name.txt' })]), context()),
    );
    expect(plan.annotations[0]!.documentPath).toBe(HANOI);
  });
});

// ---------------------------------------------------------------- re-anchoring

describe('CSV import into a changed text', () => {
  const edited = `Catatan redaksi: diperbarui.\n${TEXTS[HANOI]!}`;
  const changed = context({
    documents: DOCUMENTS.map((d) => (d.path === HANOI ? { ...d, sha256: sha(edited) } : d)),
    getText: (p) => (p === HANOI ? edited : TEXTS[p]!),
  });

  it('re-anchors rows made on the old text and counts them', async () => {
    const original = annotation(HANOI, 'Tổng Bí thư Tô Lâm');
    const plan = planOf(await checkCsvImport(exportCsv([original]), changed));
    const shift = [...'Catatan redaksi: diperbarui.\n'].length;
    expect(plan.reanchored).toBe(1);
    expect(plan.annotations[0]).toMatchObject({
      id: original.id,
      start: original.start + shift,
      end: original.end + shift,
      quote: original.quote,
      contentSha256: sha(edited),
    });
  });

  it('re-anchors a row without content_sha256 whose quote is no longer at its offsets', async () => {
    const r = row('Tô Lâm');
    delete r.content_sha256;
    const plan = planOf(await checkCsvImport(csvOf([r]), changed));
    expect(plan.reanchored).toBe(1);
    expect(plan.annotations[0]!.start).toBe(Number(r.start) + 29);
  });

  it('rejects a row whose quote cannot be placed in the changed text', async () => {
    const gone = annotation(HANOI, '+62 nomor');
    const text = TEXTS[HANOI]!.replace('+62 nomor; @akun;', 'nomor dihapus.');
    const ctx = context({
      documents: [{ path: HANOI, sha256: sha(text) }],
      getText: () => text,
    });
    expect(problemsOf(await checkCsvImport(exportCsv([gone]), ctx))).toEqual([
      `row 2, column quote: the quote cannot be placed: "+62 nomor" is not in the current text of "${HANOI}", which changed since the file was written`,
    ]);
  });
});

// ---------------------------------------------------------------- rejected files

describe('CSV import rejects a file with any invalid row, naming each problem by row', () => {
  const length = [...TEXTS[HANOI]!].length;

  it.each([
    [
      'an unknown tag',
      { tag: 'sengketa' },
      'row 2, column tag: unknown tag "sengketa"; the codebook has commitment, dispute, cooperation_area, old',
    ],
    [
      'a start that is not a number',
      { start: 'abc' },
      'row 2, column start: start must be a whole number ≥ 0, not "abc"',
    ],
    ['a negative start', { start: '-3' }, 'row 2, column start: start must be a whole number ≥ 0, not "-3"'],
    ['a fractional end', { end: '12.5' }, 'row 2, column end: end must be a whole number ≥ 0, not "12.5"'],
    ['an empty end', { end: '' }, 'row 2, column end: end is empty'],
    ['end before start', { start: '9', end: '4' }, 'row 2, column end: end 4 must be greater than start 9'],
    ['end equal to start', { start: '4', end: '4' }, 'row 2, column end: end 4 must be greater than start 4'],
    [
      'offsets beyond the text',
      { start: '4990', end: '5000' },
      `row 2, column end: end 5000 is beyond the text (${length} code points)`,
    ],
    [
      'a quote not at its offsets',
      { start: '0', end: '6', quote: 'Hà Nội' },
      'row 2, column quote: the quote is not at 0..6: expected "Hà Nội", the text there is "Việt N"',
    ],
    ['an empty quote', { quote: '' }, 'row 2, column quote: quote is empty'],
    ['an empty annotator', { annotator: '  ' }, 'row 2, column annotator: annotator is empty'],
    [
      'an unknown document',
      { document_path: 'nope.txt', content_sha256: 'f'.repeat(64) },
      `row 2, column document_path: unknown document: no document in the corpus has path "nope.txt" or content_sha256 ${'f'.repeat(64)}`,
    ],
    [
      'a malformed hash',
      { content_sha256: 'abc' },
      'row 2, column content_sha256: "abc" is not a SHA-256 (64 hex digits)',
    ],
    [
      'an overlong id',
      { annotation_id: 'x'.repeat(201) },
      'row 2, column annotation_id: annotation_id is 201 characters long; at most 200 are allowed',
    ],
    [
      'a bad timestamp',
      { created_at: '01/02/2025' },
      'row 2, column created_at: "01/02/2025" is not an ISO 8601 timestamp like 2024-05-01T09:30:00.000Z',
    ],
    [
      'an unknown attribute value',
      { 'attr:actor': 'us' },
      'row 2, column attr:actor: unknown value "us" for attribute "actor" of tag "commitment"; its values are vn, cn',
    ],
    [
      'an attribute the tag does not have',
      { 'attr:sector': 'trade' },
      'row 2, column attr:sector: tag "commitment" has no attribute "sector"',
    ],
  ])('%s', async (_what, overrides, message) => {
    // A valid row first, then one that breaks one thing: only the second is reported (as row 3).
    const csv = csvOf([row('Việt Nam'), row('Tô Lâm', overrides as Record<string, string>)]);
    expect(problemsOf(await checkCsvImport(csv, context()))).toEqual([message.replace('row 2', 'row 3')]);
  });

  it('needs the required columns and a document column (row 1)', async () => {
    const noQuote = row('Tô Lâm');
    delete noQuote.quote;
    expect(problemsOf(await checkCsvImport(csvOf([noQuote]), context()))).toEqual([
      'row 1, column quote: required column "quote" is missing',
    ]);
    const noDocument = row('Tô Lâm');
    delete noDocument.document_path;
    delete noDocument.content_sha256;
    expect(problemsOf(await checkCsvImport(csvOf([noDocument]), context()))).toEqual([
      'row 1: a "document_path" or a "content_sha256" column is required to find the documents',
    ]);
    expect(problemsOf(await checkCsvImport('', context()))).toEqual([
      'row 1: the file is empty: expected a header row',
    ]);
  });

  it('lists every problem of every row, sorted by row, and keeps nothing', async () => {
    const csv = csvOf([
      row('Tô Lâm', { tag: 'x', start: 'y' }),
      row('Đà Nẵng'),
      row('Hải Phòng', { end: '99999' }),
    ]);
    const result = await checkCsvImport(csv, context());
    expect(result.ok).toBe(false);
    expect('plan' in result).toBe(false);
    expect(problemsOf(result).map((p) => p.slice(0, p.indexOf(':')))).toEqual([
      'row 2, column tag',
      'row 2, column start',
      'row 4, column end',
    ]);
  });

  it('reports a document whose text cannot be read, and one that is listed as unreadable', async () => {
    const failing = context({
      getText: () => {
        throw new Error('permission denied');
      },
    });
    expect(problemsOf(await checkCsvImport(csvOf([row('Tô Lâm'), row('Đà Nẵng')]), failing))).toEqual([
      `row 2, column document_path: document "${HANOI}" cannot be read: permission denied`,
    ]);
    const skipped = context({
      documents: [{ path: HANOI, sha256: null, reason: 'binary file (contains NUL bytes)' }],
    });
    const r = row('Tô Lâm');
    delete r.content_sha256;
    expect(problemsOf(await checkCsvImport(csvOf([r]), skipped))).toEqual([
      `row 2, column document_path: document "${HANOI}" cannot be read (binary file (contains NUL bytes))`,
    ]);
  });

  it('rejects a repeated annotation_id', async () => {
    const id = randomUUID();
    const csv = csvOf([row('Tô Lâm', { annotation_id: id }), row('Đà Nẵng', { annotation_id: id })]);
    expect(problemsOf(await checkCsvImport(csv, context()))).toEqual([
      `row 3, column annotation_id: annotation ${id} is also on row 2`,
    ]);
  });

  it('numbers rows as a spreadsheet does: a multi-line cell is one row, a blank line keeps its number', async () => {
    const header = 'document_path,annotator,tag,start,end,quote,note';
    const good = row('Tô Lâm');
    const csv = [
      header,
      `"${HANOI}",Ayu,commitment,${good.start},${good.end},Tô Lâm,"line one`,
      `line two"`,
      '',
      `"${HANOI}",Ayu,nope,${good.start},${good.end},Tô Lâm,`,
    ].join('\r\n');
    expect(problemsOf(await checkCsvImport(csv, context()))).toEqual([
      'row 4, column tag: unknown tag "nope"; the codebook has commitment, dispute, cooperation_area, old',
    ]);
  });

  it('lists at most 200 problems and says how many more there are', async () => {
    const rows = Array.from({ length: 250 }, () => row('Tô Lâm', { tag: 'nope' }));
    const problems = problemsOf(await checkCsvImport(csvOf(rows), context()));
    expect(problems).toHaveLength(201);
    expect(problems[199]).toMatch(/^row 201, column tag: /);
    expect(problems[200]).toBe('… and 50 more problems');
  });

  it('reports a truncated file: a quoted cell never closed, or a short last row', async () => {
    const csv = exportCsv(NASTY, false);
    const insideNote = csv.indexOf('baris satu') + 5;
    const cutInQuotes = await checkCsvImport(csv.slice(0, insideNote), context());
    const problems = problemsOf(cutInQuotes);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^row \d+: a quoted cell is never closed \(the file may be truncated/);

    const lastRowStart = csv.lastIndexOf('\r\n', csv.length - 3) + 2;
    const cutInRow = csv.slice(0, lastRowStart + 36 + 1 + 16); // annotation_id,document_id
    expect(problemsOf(await checkCsvImport(cutInRow, context()))).toEqual([
      `row ${NASTY.length + 1}: the row has 2 cells, the header has 20 (the file may be truncated, or a cell holds an unquoted comma)`,
    ]);
  });

  it('refuses bytes that are not UTF-8, naming the offset, and UTF-16 files', () => {
    const latin1 = new Uint8Array(Buffer.from('annotator,tag\nJos\u00e9,x\n', 'latin1'));
    expect(() => decodeCsvBytes(latin1)).toThrow(
      'file is not UTF-8: invalid byte 0xe9 at offset 17; save it as UTF-8 ("CSV UTF-8" in Excel)',
    );
    const truncatedSequence = new Uint8Array([0x61, 0x2c, 0xe1, 0xbb]); // "a," then half of "ệ"
    expect(() => decodeCsvBytes(truncatedSequence)).toThrow(/invalid byte 0xe1 at offset 2/);
    const utf16 = new Uint8Array(
      Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('annotator', 'utf16le')]),
    );
    expect(() => decodeCsvBytes(utf16)).toThrow(
      'file is UTF-16, not UTF-8; save it as UTF-8 ("CSV UTF-8" in Excel)',
    );
  });

  it('refuses files over the size limit before decoding them', () => {
    expect(MAX_CSV_BYTES).toBe(100 * 1024 * 1024);
    expect(() => checkCsvSize(MAX_CSV_BYTES + 1)).toThrow(
      'file is 100 MB, more than the 100 MB limit; split it into smaller files',
    );
    expect(() => checkCsvSize(MAX_CSV_BYTES)).not.toThrow();
    expect(() => decodeCsvBytes(new Uint8Array(3 * 1024 * 1024), { maxBytes: 1024 * 1024 })).toThrow(
      'file is 3 MB, more than the 1 MB limit; split it into smaller files',
    );
  });
});

describe('CSV import timestamps', () => {
  it.each([
    ['2025-01-02T03:04:05.006Z', '2025-01-02T03:04:05.006Z'],
    ['2025-01-02T10:04:05+07:00', '2025-01-02T03:04:05.000Z'],
    ['2025-01-02 03:04', '2025-01-02T03:04:00.000Z'],
    ['2025-01-02T03:04:05.123456Z', '2025-01-02T03:04:05.123Z'],
    ['2024-02-29T00:00:00.000Z', '2024-02-29T00:00:00.000Z'],
  ])('reads %j as %j (no zone means UTC)', async (cell, iso) => {
    const plan = planOf(await checkCsvImport(csvOf([row('Tô Lâm', { created_at: cell })]), context()));
    expect(plan.annotations[0]).toMatchObject({ createdAt: iso, updatedAt: iso });
  });

  it.each([
    '2025-02-29T00:00:00.000Z',
    '2025-02-30 10:00',
    '2025-04-31T10:00:00+07:00',
    '2025-01-01 10:61',
    '2025-13-01T00:00:00.000Z',
    '2025-01-01T24:00:00.000Z',
    '1/2/2025',
    'yesterday',
  ])('rejects %j', async (cell) => {
    expect(problemsOf(await checkCsvImport(csvOf([row('Tô Lâm', { updated_at: cell })]), context()))).toEqual(
      [`row 2, column updated_at: "${cell}" is not an ISO 8601 timestamp like 2024-05-01T09:30:00.000Z`],
    );
  });
});

// ---------------------------------------------------------------- idempotence

describe('CSV import is idempotent', () => {
  it('gives rows without annotation_id the same ids every time', async () => {
    const rows = [row('Tô Lâm'), row('Đà Nẵng', { annotator: 'Budi' })];
    const first = planOf(await checkCsvImport(csvOf(rows), context()));
    const second = planOf(await checkCsvImport(csvOf(rows), context()));
    expect(second.annotations.map((a) => a.id)).toEqual(first.annotations.map((a) => a.id));
    expect(first.annotations[0]!.id).toBe(naturalAnnotationId(first.annotations[0]!));
  });

  it('adds nothing when the rows are already in the database (by id, or by natural key without ids)', async () => {
    const csv = exportCsv(NASTY);
    const again = planOf(
      await checkCsvImport(csv, context({ existing: { ids: new Set(NASTY.map((a) => a.id)) } })),
    );
    expect(again.annotations).toEqual([]);
    expect(again.duplicates).toBe(NASTY.length);

    const withoutIds = csvOf([row('Tô Lâm'), row('Đà Nẵng')]);
    const first = planOf(await checkCsvImport(withoutIds, context()));
    const stored = first.annotations.map((a) => ({ ...a, id: randomUUID() })); // made in the app: random ids
    const repeat = planOf(
      await checkCsvImport(
        withoutIds,
        context({ existing: { naturalKeys: new Set(stored.map(naturalKey)) } }),
      ),
    );
    expect(repeat.annotations).toEqual([]);
    expect(repeat.duplicates).toBe(2);
  });

  it("re-keys a colleague's annotation whose id is another annotator's here, and imports it", async () => {
    // Two analysts started from one pre-tagged file: Budi's rows carry the ids Ayu has.
    const ayu = NASTY.map((a) => ({ ...a, annotator: 'Ayu' }));
    const budi = NASTY.map((a) => ({ ...a, annotator: 'Budi', note: 'Budi was here' }));
    const existing = {
      ids: new Set(ayu.map((a) => a.id)),
      annotators: new Map(ayu.map((a) => [a.id, a.annotator])),
    };
    const plan = planOf(await checkCsvImport(exportCsv(budi), context({ existing })));
    expect(plan.rekeyed).toBe(NASTY.length);
    expect(plan.duplicates).toBe(0);
    expect(plan.annotations.map((a) => a.id).sort()).toEqual(
      budi.map((a) => rekeyedAnnotationId('Budi', a.id)).sort(),
    );
    expect(plan.annotations.every((a) => a.annotator === 'Budi' && a.note === 'Budi was here')).toBe(true);
    // Importing the same file again adds nothing: the new ids are there now.
    const after = {
      ids: new Set([...existing.ids, ...plan.annotations.map((a) => a.id)]),
      annotators: new Map([
        ...existing.annotators,
        ...plan.annotations.map((a) => [a.id, a.annotator] as const),
      ]),
    };
    const again = planOf(await checkCsvImport(exportCsv(budi), context({ existing: after })));
    expect(again.annotations).toEqual([]);
    expect(again.duplicates).toBe(NASTY.length);
    // Ayu's own rows are still "already there", not re-keyed.
    const own = planOf(await checkCsvImport(exportCsv(ayu), context({ existing })));
    expect([own.rekeyed, own.duplicates]).toEqual([0, NASTY.length]);
  });

  it('updates an annotation of the same id and annotator edited later in the file; older or equal is already there', async () => {
    const ayu = NASTY.map((a) => ({ ...a, annotator: 'Ayu' }));
    const stored = (updatedAt: string) => ({
      ids: new Set(ayu.map((a) => a.id)),
      annotators: new Map(ayu.map((a) => [a.id, a.annotator])),
      updatedAt: new Map(ayu.map((a) => [a.id, updatedAt])),
    });
    const edited = ayu.map((a) => ({
      ...a,
      note: 'edited elsewhere',
      updatedAt: '2026-12-02T10:00:00.000Z',
    }));
    const csv = exportCsv(edited);
    const newer = planOf(
      await checkCsvImport(csv, context({ existing: stored('2026-12-01T10:00:00.000Z') })),
    );
    expect([newer.updates, newer.duplicates, newer.rekeyed]).toEqual([NASTY.length, 0, 0]);
    expect(newer.annotations.map((a) => a.id).sort()).toEqual(ayu.map((a) => a.id).sort());
    expect(newer.annotations.every((a) => a.note === 'edited elsewhere')).toBe(true);
    for (const same of ['2026-12-02T10:00:00.000Z', '2026-12-03T00:00:00.000Z']) {
      const there = planOf(await checkCsvImport(csv, context({ existing: stored(same) })));
      expect([there.annotations.length, there.updates, there.duplicates]).toEqual([0, 0, NASTY.length]);
    }
    // Without the stored times (the CLI's check), an existing id stays "already there".
    const { updatedAt: _times, ...idsOnly } = stored('2026-12-01T10:00:00.000Z');
    expect(planOf(await checkCsvImport(csv, context({ existing: idsOnly }))).updates).toBe(0);
  });

  it('refuses an update whose updated_at is not a timestamp, saying the row and column', async () => {
    const first = planOf(await checkCsvImport(csvOf([row('Tô Lâm')]), context())).annotations[0]!;
    const existing = {
      ids: new Set([first.id]),
      annotators: new Map([[first.id, first.annotator]]),
      updatedAt: new Map([[first.id, '2020-01-01T00:00:00.000Z']]),
    };
    const bad = csvOf([row('Tô Lâm', { annotation_id: first.id, updated_at: 'yesterday' })]);
    expect(problemsOf(await checkCsvImport(bad, context({ existing })))).toEqual([
      expect.stringMatching(/^row 2, column updated_at: "yesterday" is not/),
    ]);
  });

  it("accepts another tool's ids that are not UUIDs, re-keyed the same way on every import", async () => {
    const csv = csvOf([row('Tô Lâm', { annotation_id: '17' }), row('Đà Nẵng', { annotation_id: 'ann-18' })]);
    const plan = planOf(await checkCsvImport(csv, context()));
    expect(plan.rekeyed).toBe(2);
    expect(plan.annotations.map((a) => a.id)).toEqual([
      rekeyedAnnotationId('Ayu', '17'),
      rekeyedAnnotationId('Ayu', 'ann-18'),
    ]);
    const dup = csvOf([row('Tô Lâm', { annotation_id: '17' }), row('Đà Nẵng', { annotation_id: '17' })]);
    expect(problemsOf(await checkCsvImport(dup, context()))).toEqual([
      'row 3, column annotation_id: annotation 17 is also on row 2',
    ]);
  });

  it('keeps one annotation when a row with an id and a row without are the same, in either order', async () => {
    const natural = planOf(await checkCsvImport(csvOf([row('Tô Lâm')]), context())).annotations[0]!.id;
    const withId = row('Tô Lâm', { annotation_id: natural });
    for (const rows of [
      [row('Đà Nẵng', { annotation_id: randomUUID() }), withId, row('Tô Lâm')],
      [row('Tô Lâm'), withId],
    ]) {
      const plan = planOf(await checkCsvImport(csvOf(rows), context()));
      expect(plan.annotations.filter((a) => a.id === natural)).toHaveLength(1);
      expect([plan.annotations.length, plan.duplicates]).toEqual([rows.length - 1, 1]);
    }
  });

  it('keeps one annotation when a file without ids repeats a row', async () => {
    const plan = planOf(
      await checkCsvImport(csvOf([row('Tô Lâm'), row('Tô Lâm', { note: 'again' })]), context()),
    );
    expect(plan.annotations).toHaveLength(1);
    expect(plan.duplicates).toBe(1);
    expect(plan.preview.rows).toBe(2);
  });
});

// ---------------------------------------------------------------- size

describe('a 50 MB file', () => {
  it('decodes, parses and plans a 50 MB file, and a bad row in it is found', async () => {
    const note = 'Catatan panjang, dengan "kutipan" dan koma; Việt Nam 😀. '.repeat(18); // ~1 kB per row
    const one = (i: number): Annotation => ({
      ...NASTY[5]!,
      id: randomUUID(),
      annotator: `analyst ${i % 40}`,
      note,
    });
    const rowBytes = Buffer.byteLength(exportCsv([one(0)])) - Buffer.byteLength(exportCsv([]));
    const rows = Array.from({ length: Math.ceil((50 * 1024 * 1024) / rowBytes) }, (_, i) => one(i));
    const csv = exportCsv(rows);
    const bytes = new Uint8Array(Buffer.from(csv, 'utf8'));
    expect(bytes.length).toBeGreaterThanOrEqual(50 * 1024 * 1024);
    // Speed is for `npm run bench`; this checks the size is handled at all.
    const table = parseAnnotationsCsv(decodeCsvBytes(bytes));
    const plan = planOf(await planCsvImport(table, context()));
    expect(plan.annotations).toHaveLength(rows.length);
    expect(plan.preview.annotators).toHaveLength(40);

    // The same file with one bad row near its end: rejected, naming that row.
    const cells = ',cooperation_area,cooperation_area,'; // tag, tag_label
    const last = csv.lastIndexOf(cells);
    const broken = `${csv.slice(0, last)},nope,cooperation_area,${csv.slice(last + cells.length)}`;
    expect(problemsOf(await checkCsvImport(broken, context()))).toEqual([
      `row ${rows.length + 1}, column tag: unknown tag "nope"; the codebook has commitment, dispute, cooperation_area, old`,
    ]);
  });
});
