import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Annotation } from '../../annotation/annotation-types';
import { type Codebook, type Tag } from '../../codebook/codebook';
import {
  codebookAttributeIds,
  exportAnnotationsCsv,
  exportTagMatrixCsv,
  filterAnnotations,
  forEachAnnotationRow,
} from '../csv-export';
import {
  ANNOTATION_COLUMNS,
  documentId,
  formatCsvRecord,
  guardCell,
  naturalAnnotationId,
  PAPA_PARSE_CONFIG,
  papa,
  sha1Hex,
  unguardCell,
  utf8,
  uuidV5,
} from '../csv-format';
import { describeSpan } from '../../text/text-quote';

function tag(id: string, attributes: Tag['attributes'] = [], retired = false): Tag {
  return {
    id,
    label: id.replace(/_/g, ' ').toUpperCase(),
    color: '#2f7ed8',
    description: '',
    shortcut: null,
    retired,
    attributes,
  };
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
        ],
      },
    ]),
    tag('old', [], true),
  ],
};

const TEXT = 'Hà Nội, 12/12. Kedua negara sepakat: "kerja sama" 😀 berlanjut.';
const SHA = createHash('sha256').update(TEXT).digest('hex');

let serial = 0;
function annotation(part: string, overrides: Partial<Annotation> = {}): Annotation {
  const u = TEXT.indexOf(part);
  const start = [...TEXT.slice(0, u)].length;
  const end = start + [...part].length;
  serial++;
  return {
    id: `00000000-0000-4000-8000-${String(serial).padStart(12, '0')}`,
    documentPath: 'vn/hanoi.txt',
    contentSha256: SHA,
    annotator: 'Ayu',
    tag: 'commitment',
    start,
    end,
    ...describeSpan(TEXT, start, end),
    attributes: {},
    note: '',
    createdAt: '2025-01-02T03:04:05.006Z',
    updatedAt: '2025-01-02T03:04:05.006Z',
    ...overrides,
  };
}
const TITLES = new Map([['vn/hanoi.txt', { title: 'Hà Nội, 12/12.' }]]);

/** Records of a CSV without BOM, split the way RFC 4180 says (enough for these tests). */
function records(csv: string): string[] {
  return csv.replace(/^\uFEFF/, '').split('\r\n');
}

describe('exportAnnotationsCsv', () => {
  it('writes the contract columns in order, then one attr: column per codebook attribute id', () => {
    const csv = exportAnnotationsCsv({ annotations: [], documents: TITLES, codebook: CODEBOOK });
    expect(records(csv)[0]).toBe(
      'annotation_id,document_id,document_path,document_title,content_sha256,annotator,tag,tag_label,' +
        'start,end,quote,prefix,suffix,note,created_at,updated_at,attr:actor,attr:comment,attr:issue,attr:sector',
    );
    expect([...ANNOTATION_COLUMNS]).toEqual(records(csv)[0]!.split(',').slice(0, 16));
    expect(codebookAttributeIds(CODEBOOK)).toEqual(['actor', 'comment', 'issue', 'sector']); // "actor" of two tags: one column
  });

  it('starts with a UTF-8 BOM by default, and without one on request; CRLF after every record', () => {
    const input = { annotations: [annotation('Kedua')], documents: TITLES, codebook: CODEBOOK };
    const withBom = exportAnnotationsCsv(input);
    const without = exportAnnotationsCsv({ ...input, bom: false });
    expect(withBom.startsWith('\uFEFFannotation_id,')).toBe(true);
    expect(without.startsWith('annotation_id,')).toBe(true);
    expect(withBom.slice(1)).toBe(without);
    expect(without.endsWith('\r\n')).toBe(true);
    expect(without.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
  });

  it('writes long exports record by record, whatever chunks it joins them in', () => {
    // 0 to 1,501 rows: none, one, and around each boundary of the 500-line chunks.
    for (const count of [0, 1, 499, 500, 501, 1000, 1501]) {
      const annotations = Array.from({ length: count }, (_, i) =>
        annotation(i % 2 === 0 ? 'Kedua' : 'kerja sama', { note: i % 3 === 0 ? 'a, "b"\r\nc' : `${i}` }),
      );
      const csv = exportAnnotationsCsv({ annotations, documents: TITLES, codebook: CODEBOOK, bom: false });
      const lines: string[] = [];
      const header = forEachAnnotationRow({ annotations, documents: TITLES, codebook: CODEBOOK }, (row) =>
        lines.push(formatCsvRecord(row)),
      );
      expect(csv).toBe([formatCsvRecord(header), ...lines].map((line) => `${line}\r\n`).join(''));
    }
  });

  it('quotes per RFC 4180: commas, doubled quotes, line breaks inside a quoted cell; nothing else', () => {
    const a = annotation('"kerja sama"', { note: 'first, second\nthird "x"', annotator: 'Nguyễn Văn A' });
    const csv = exportAnnotationsCsv({ annotations: [a], documents: TITLES, codebook: CODEBOOK, bom: false });
    const row = csv.slice(csv.indexOf('\r\n') + 2);
    expect(row).toBe(
      [
        a.id,
        documentId('vn/hanoi.txt'),
        'vn/hanoi.txt',
        '"Hà Nội, 12/12."',
        SHA,
        'Nguyễn Văn A',
        'commitment',
        'COMMITMENT',
        String(a.start),
        String(a.end),
        '"""kerja sama"""',
        `"${a.prefix}"`,
        ' 😀 berlanjut.',
        '"first, second\nthird ""x"""',
        a.createdAt,
        a.updatedAt,
        '',
        '',
        '',
        '',
      ].join(',') + '\r\n',
    );
  });

  it('writes cells with CR, CRLF, lone quotes and edge spaces so papaparse reads them back exactly', () => {
    const notes = ['a\rb', 'a\r\nb', '"', '""', ' lead', 'trail ', ' ', ',', 'x,"y"\n', 'ẞ 😀 \u00a0', ''];
    const annotations = notes.map((note, i) =>
      annotation('Kedua', { note, id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}` }),
    );
    const csv = exportAnnotationsCsv({ annotations, documents: TITLES, codebook: CODEBOOK, bom: false });
    expect(csv.endsWith('\r\n')).toBe(true);
    const parsed = papa.parse(csv.slice(0, -2), PAPA_PARSE_CONFIG);
    expect(parsed.errors).toEqual([]);
    const noteColumn = parsed.data[0]!.indexOf('note');
    expect(parsed.data.slice(1).map((r) => r[noteColumn])).toEqual(notes);
    expect(parsed.data.every((r) => r.length === parsed.data[0]!.length)).toBe(true);
  });

  it('guards every text cell that could start a formula, including ids and attribute values', () => {
    const a = annotation('Kedua', {
      note: '=HYPERLINK("http://x")',
      annotator: '@ayu',
      attributes: { comment: '-1 point' },
    });
    const csv = exportAnnotationsCsv({
      annotations: [a],
      documents: new Map([['vn/hanoi.txt', { title: '+62 title' }]]),
      codebook: CODEBOOK,
      bom: false,
    });
    const row = records(csv)[1]!;
    expect(row).toContain(",'+62 title,");
    expect(row).toContain(",'@ayu,");
    expect(row).toContain(`,"'=HYPERLINK(""http://x"")",`);
    expect(row).toContain(",'-1 point,");
  });

  it('writes multiple-choice values as value ids joined with "; "', () => {
    const a = annotation('kerja sama', {
      tag: 'cooperation_area',
      attributes: { sector: ['trade', 'rail'] },
    });
    const b = annotation('Kedua', { tag: 'dispute', attributes: { actor: 'cn', issue: 'border' } });
    const csv = exportAnnotationsCsv({
      annotations: [a, b],
      documents: TITLES,
      codebook: CODEBOOK,
      bom: false,
    });
    const [, first, second] = records(csv);
    expect(first!.endsWith(',cn,,border,')).toBe(true); // b starts earlier in the text
    expect(second!.endsWith(',,,,trade; rail')).toBe(true);
  });

  it('sorts rows by document path, start, end, annotator, id', () => {
    const rows = [
      annotation('Kedua', { documentPath: 'z.txt' }),
      annotation('Kedua negara', { annotator: 'Budi' }),
      annotation('Kedua negara', { annotator: 'Ayu' }),
      annotation('Kedua'),
      annotation('Hà'),
    ];
    const csv = exportAnnotationsCsv({
      annotations: rows,
      documents: TITLES,
      codebook: CODEBOOK,
      bom: false,
    });
    const ids = records(csv)
      .slice(1, -1)
      .map((r) => r.split(',')[0]);
    expect(ids).toEqual([rows[4]!.id, rows[3]!.id, rows[2]!.id, rows[1]!.id, rows[0]!.id]);
  });

  it('writes timestamps as ISO 8601 UTC, converting any other stored form', () => {
    const a = annotation('Kedua', {
      createdAt: '2025-01-02T10:04:05+07:00',
      updatedAt: '2025-01-02T03:04:05.006Z',
    });
    const csv = exportAnnotationsCsv({ annotations: [a], documents: TITLES, codebook: CODEBOOK, bom: false });
    expect(records(csv)[1]).toContain(',2025-01-02T03:04:05.000Z,2025-01-02T03:04:05.006Z,');
  });
});

describe('guardCell / unguardCell', () => {
  it.each([
    ['=SUM(A1:A3)', "'=SUM(A1:A3)"],
    ['+62 21 555', "'+62 21 555"],
    ['-5 derajat', "'-5 derajat"],
    ['@mention', "'@mention"],
    ['\tindented', "'\tindented"],
    ['\rcarriage', "'\rcarriage"],
    ["'quoted'", "''quoted'"],
    ["''", "'''"],
    ['Việt Nam', 'Việt Nam'],
    ['a=b', 'a=b'],
    ['', ''],
    ['😀 first', '😀 first'],
  ])('%j ⇄ %j', (plain, guarded) => {
    expect(guardCell(plain)).toBe(guarded);
    expect(unguardCell(guardCell(plain))).toBe(plain);
  });
});

describe('ids', () => {
  it('document_id is the first 16 hex digits of the SHA-1 of the path', () => {
    const path = 'vn/Hà Nội.txt';
    expect(documentId(path)).toBe(createHash('sha1').update(path, 'utf8').digest('hex').slice(0, 16));
    expect(documentId(path)).toBe(documentId(path));
  });

  it('hashes like SHA-1 at every padding boundary, and encodes UTF-8 like TextEncoder', () => {
    for (let n = 0; n <= 130; n++) {
      const s = 'Việt😀x'.repeat(n).slice(0, n);
      expect(sha1Hex(utf8(s))).toBe(createHash('sha1').update(s, 'utf8').digest('hex'));
    }
    const odd = 'lone \ud800 surrogate, Hà Nội 𝔸';
    expect([...utf8(odd)]).toEqual([...new TextEncoder().encode(odd)]);
  });

  it('makes RFC 9562 version 5 UUIDs (known vector) and stable natural ids', () => {
    expect(uuidV5('6ba7b810-9dad-11d1-80b4-00c04fd430c8', 'python.org')).toBe(
      '886313e1-3b8a-5372-9b90-0c9aee199e5d',
    );
    const key = { documentPath: 'a.txt', annotator: 'Ayu', tag: 'commitment', start: 1, end: 5 };
    expect(naturalAnnotationId(key)).toBe(naturalAnnotationId({ ...key }));
    expect(naturalAnnotationId(key)).not.toBe(naturalAnnotationId({ ...key, end: 6 }));
    expect(naturalAnnotationId(key)).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
  });
});

describe('filterAnnotations', () => {
  const all = [
    annotation('Kedua', { annotator: 'Ayu', tag: 'commitment' }),
    annotation('Kedua', { annotator: 'Budi', tag: 'dispute' }),
    annotation('Kedua', { annotator: 'Ayu', tag: 'dispute', documentPath: 'other.txt' }),
  ];
  it('keeps everything for the whole corpus, and narrows by documents, tags and annotators', () => {
    expect(filterAnnotations(all, {})).toEqual(all);
    expect(filterAnnotations(all, { documents: ['vn/hanoi.txt'] })).toEqual(all.slice(0, 2));
    expect(filterAnnotations(all, { tags: ['dispute'], annotators: ['Ayu'] })).toEqual([all[2]]);
    expect(filterAnnotations(all, { annotators: new Set(['Budi', 'Ayu']), tags: [] })).toEqual([]);
  });
});

describe('exportTagMatrixCsv', () => {
  it('has one row per document (zeros included), one count column per tag id in codebook order', () => {
    const annotations = [
      annotation('Kedua', { tag: 'dispute' }),
      annotation('Hà', { tag: 'dispute', annotator: 'Budi' }),
      annotation('Hà', { tag: 'old' }),
      annotation('Kedua', { documentPath: 'gone.txt', tag: 'commitment' }),
    ];
    const csv = exportTagMatrixCsv({
      annotations,
      documents: [
        { path: 'vn/hanoi.txt', title: 'Hà Nội, 12/12.' },
        { path: 'empty.txt', title: '=not a formula' },
      ],
      codebook: CODEBOOK,
    });
    expect(csv.startsWith('\uFEFF')).toBe(true);
    expect(records(csv)).toEqual([
      'document_id,document_path,document_title,commitment,dispute,cooperation_area,old',
      `${documentId('empty.txt')},empty.txt,'=not a formula,0,0,0,0`,
      `${documentId('gone.txt')},gone.txt,,1,0,0,0`,
      `${documentId('vn/hanoi.txt')},vn/hanoi.txt,"Hà Nội, 12/12.",0,2,0,1`,
      '',
    ]);
    expect(exportTagMatrixCsv({ annotations: [], documents: [], codebook: CODEBOOK, bom: false })).toBe(
      'document_id,document_path,document_title,commitment,dispute,cooperation_area,old\r\n',
    );
  });
});
