import { describe, expect, it } from 'vitest';
import type { Annotation } from '../../annotation/annotation-types';
import { builtinCodebook } from '../../codebook/builtin-codebook';
import { type Bundle, type BundleDocumentStatus, BundleError } from '../bundle-schema';
import { buildBundle, bundleToJson, parseBundleJson } from '../bundle';
import {
  bundleContents,
  describeBundleContents,
  describeMergeReport,
  mergeReport,
  planBundleMerge,
} from '../bundle-merge';
import { addTag } from '../../codebook/codebook';
import { rekeyedAnnotationId } from '../csv-format';

const SHA = 'ab'.repeat(32);
const NOW = new Date('2026-11-22T18:06:54.123Z');
const ARTICLE = 'articles/2024/hà-nội.txt';
const OTHER = 'articles/2024/sea "dispute".md';

function uuid(n: number): string {
  return `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
}

function annotation(n: number, overrides: Partial<Annotation> = {}): Annotation {
  return {
    id: uuid(n),
    documentPath: ARTICLE,
    contentSha256: SHA,
    annotator: 'Ayu',
    tag: 'commitment',
    start: 10 * n,
    end: 10 * n + 5,
    quote: 'kerja',
    prefix: 'Kedua negara ',
    suffix: ' sama',
    attributes: {},
    note: '',
    createdAt: '2025-02-01T10:00:00.000Z',
    updatedAt: '2025-02-01T10:00:00.000Z',
    ...overrides,
  };
}

/** Astral characters, combining and precomposed diacritics, quotes, backslashes, newlines. */
const nasty = annotation(7, {
  documentPath: OTHER,
  annotator: 'Nguyễn Thị Ánh',
  quote: 'Biển Đông 🌊 "chủ quyền"\n𝔸 \\ e\u0301',
  prefix: '‘single’ «guillemets»\r\n',
  suffix: '\u0000\t😀',
  note: 'Line 1\nLine 2 — “quoted” 🇻🇳',
  attributes: { actor: 'vietnam', topics: ['fishing', 'oil'], comment: 'tự do 𠀀' },
});

const documents = [
  { path: ARTICLE, title: 'Hà Nội và Bắc Kinh', sha256: SHA },
  { path: OTHER, title: 'Sea dispute', sha256: null },
];

const status = (
  annotator: string,
  documentPath: string,
  overrides: Partial<BundleDocumentStatus> = {},
): BundleDocumentStatus => ({
  annotator,
  documentPath,
  status: 'in_progress',
  updatedAt: '2025-02-01T10:00:00.000Z',
  ...overrides,
});

function sampleBundle(): Bundle {
  return buildBundle({
    codebook: builtinCodebook(),
    documents,
    annotations: [annotation(2), nasty, annotation(1, { annotator: 'Budi' })],
    statuses: [status('Ayu', ARTICLE), status('Budi', ARTICLE, { status: 'done' })],
    now: NOW,
    appVersion: '0.1.0',
  });
}

/** The bundle as a plain object to break in tests. */
function sampleJson(): Record<string, unknown> & { annotations: Record<string, unknown>[] } {
  return JSON.parse(bundleToJson(sampleBundle())) as Record<string, unknown> & {
    annotations: Record<string, unknown>[];
  };
}

function errorOf(run: () => unknown): BundleError {
  try {
    run();
  } catch (error) {
    if (error instanceof BundleError) return error;
    throw error;
  }
  throw new Error('expected a BundleError');
}

describe('buildBundle', () => {
  it('writes the header and sorts everything so two exports of the same data are identical', () => {
    const bundle = sampleBundle();
    expect(bundle).toMatchObject({
      format: 'tanda-bundle',
      version: 1,
      exportedAt: '2026-11-22T18:06:54.123Z',
      app: { name: 'Tanda', version: '0.1.0' },
    });
    expect(bundle.annotators).toBeUndefined();
    expect(bundle.documents.map((d) => d.path)).toEqual([ARTICLE, OTHER]);
    expect(bundle.annotations.map((a) => a.id)).toEqual([uuid(1), uuid(2), uuid(7)]);
    expect(bundle.documentStatuses.map((s) => s.annotator)).toEqual(['Ayu', 'Budi']);
    const reversed = buildBundle({
      codebook: builtinCodebook(),
      documents: [...documents].reverse(),
      annotations: [annotation(1, { annotator: 'Budi' }), nasty, annotation(2)],
      statuses: [status('Budi', ARTICLE, { status: 'done' }), status('Ayu', ARTICLE)],
      now: NOW,
      appVersion: '0.1.0',
    });
    expect(bundleToJson(reversed)).toBe(bundleToJson(bundle));
  });

  it('keeps only the chosen annotators and says who they are', () => {
    const bundle = buildBundle({
      codebook: builtinCodebook(),
      documents,
      annotations: [annotation(1), annotation(2, { annotator: 'Budi' })],
      statuses: [status('Ayu', ARTICLE), status('Budi', ARTICLE)],
      annotators: ['Ayu'],
      now: NOW,
    });
    expect(bundle.annotators).toEqual(['Ayu']);
    expect(bundle.annotations.map((a) => a.annotator)).toEqual(['Ayu']);
    expect(bundle.documentStatuses.map((s) => s.annotator)).toEqual(['Ayu']);
  });

  it('lists a document that is no longer in the corpus, with its file name and no hash', () => {
    const gone = annotation(3, { documentPath: 'old/renamed-away.txt' });
    const bundle = buildBundle({
      codebook: builtinCodebook(),
      documents,
      annotations: [gone],
      statuses: [],
      now: NOW,
    });
    expect(bundle.documents).toContainEqual({
      path: 'old/renamed-away.txt',
      title: 'renamed-away.txt',
      sha256: null,
    });
  });

  it('writes one line per annotation and indents the rest as before, across many records', () => {
    // More records than one stringify call writes, and text that looks like the split between two.
    const tricky = annotation(3, { quote: '},{"id":"x"}', note: 'a\n},\n{"id":', prefix: '\\"},{"id":' });
    const many = Array.from({ length: 2345 }, (_, i) => (i === 1500 ? tricky : annotation(i + 10)));
    const bundle = buildBundle({
      codebook: builtinCodebook(),
      documents,
      annotations: many,
      statuses: [],
      now: NOW,
    });
    const text = bundleToJson(bundle);
    const lines = text.split('\n');
    const first = lines.indexOf('  "annotations": [');
    const last = lines.indexOf('  ],', first);
    expect(last - first - 1).toBe(bundle.annotations.length);
    lines.slice(first + 1, last).forEach((line, i) => {
      expect(line.startsWith('    {"id":')).toBe(true);
      expect(JSON.parse(line.replace(/,$/, ''))).toEqual(bundle.annotations[i]);
    });
    expect(JSON.parse(text)).toEqual(bundle);
    expect(parseBundleJson(text)).toEqual(bundle);
    // Everything but the annotations is what JSON.stringify indents, byte for byte.
    const without = (json: string): string => json.replace(/\n {2}"annotations": \[[^]*?\n {2}\],\n/, '\n');
    expect(without(text)).toBe(without(`${JSON.stringify(bundle, null, 2)}\n`));
    expect(text.endsWith('\n  ],\n  "documentStatuses": []\n}\n')).toBe(true);
  });

  it('writes an empty list of annotations as before', () => {
    const bundle = buildBundle({
      codebook: builtinCodebook(),
      documents,
      annotations: [],
      statuses: [],
      now: NOW,
    });
    expect(bundleToJson(bundle)).toBe(`${JSON.stringify(bundle, null, 2)}\n`);
  });

  it('refuses to write what it could not read back', () => {
    const broken = annotation(1, { start: 9, end: 3 });
    const error = errorOf(() =>
      buildBundle({ codebook: builtinCodebook(), documents, annotations: [broken], statuses: [], now: NOW }),
    );
    expect(error.message).toContain('annotations[0].end: end must be greater than start');
  });
});

describe('parseBundleJson', () => {
  it('reads back exactly what was written, nasty content included', () => {
    const bundle = sampleBundle();
    const read = parseBundleJson(bundleToJson(bundle));
    expect(read).toEqual(bundle);
    expect(read.annotations.find((a) => a.id === nasty.id)).toEqual(nasty);
  });

  it('reads the layout of Tandas before 2026-12-03 (every field on its own line)', () => {
    const bundle = sampleBundle();
    expect(parseBundleJson(`${JSON.stringify(bundle, null, 2)}\n`)).toEqual(bundle);
  });

  it('ignores unknown properties (a newer Tanda of the same version may add some)', () => {
    const json = sampleJson();
    json.comment = 'hello';
    json.annotations[0]!.colour = 'red';
    const read = parseBundleJson(JSON.stringify(json));
    expect(read).toEqual(sampleBundle());
  });

  it('says when the file is not JSON', () => {
    expect(errorOf(() => parseBundleJson('{"format": "tanda-bundle",')).message).toMatch(
      /^the file is not valid JSON: /,
    );
  });

  it('says when the file is not a bundle, and recognises a codebook file', () => {
    expect(errorOf(() => parseBundleJson('[]')).message).toBe('not a Tanda bundle: expected a JSON object');
    expect(errorOf(() => parseBundleJson('{"version": 1}')).message).toBe(
      'not a Tanda bundle: "format" must be "tanda-bundle"',
    );
    expect(errorOf(() => parseBundleJson(JSON.stringify(builtinCodebook()))).message).toContain(
      'looks like a codebook file',
    );
  });

  it('refuses a bundle from a newer Tanda with a message saying so', () => {
    const json = sampleJson();
    json.version = 2;
    expect(errorOf(() => parseBundleJson(JSON.stringify(json))).message).toBe(
      'this bundle was made by a newer Tanda (bundle version 2; this Tanda reads version 1). Update Tanda to import it.',
    );
  });

  it('names the JSON path of every schema problem', () => {
    const json = sampleJson();
    json.annotations[1]!.end = 0;
    json.annotations[2]!.id = 'not-a-uuid';
    delete json.exportedAt;
    const error = errorOf(() => parseBundleJson(JSON.stringify(json)));
    expect(error.message).toMatch(/^invalid Tanda bundle: /);
    expect(error.problems).toContain('annotations[1].end: end must be greater than start');
    expect(error.problems.some((p) => p.startsWith('annotations[2].id: '))).toBe(true);
    expect(error.problems.some((p) => p.startsWith('exportedAt: '))).toBe(true);
  });

  it('checks references: unique ids and statuses, listed documents, listed annotators', () => {
    const json = sampleJson();
    json.annotations[1]!.id = json.annotations[0]!.id;
    json.annotations[2]!.documentPath = 'nowhere.txt';
    (json.documentStatuses as unknown[]).push((json.documentStatuses as unknown[])[0]);
    json.annotators = ['Ayu', 'Nguyễn Thị Ánh'];
    const error = errorOf(() => parseBundleJson(JSON.stringify(json)));
    expect(error.problems).toEqual([
      'annotations[0].annotator: "Budi" is not listed in annotators',
      `annotations[1].id: ${uuid(1)} repeats annotations[0].id`,
      'annotations[2].documentPath: "nowhere.txt" is not listed in documents',
      'documentStatuses[1].annotator: "Budi" is not listed in annotators',
      'documentStatuses[2]: a second status of "Ayu" for "articles/2024/hà-nội.txt" (also documentStatuses[0])',
    ]);
  });

  it('checks document dates and rejected units: format, one per key, listed documents and annotators', () => {
    const json = sampleJson();
    json.documentDates = [
      { documentPath: ARTICLE, date: '2025-10-09' },
      { documentPath: ARTICLE, date: '2025' },
      { documentPath: 'nowhere.txt', date: '2025-10' },
    ];
    json.rejectedUnits = [
      { annotator: 'Ayu', documentPath: ARTICLE, units: ['u1'] },
      { annotator: 'Ayu', documentPath: ARTICLE, units: ['u2'] },
      { annotator: 'Zed', documentPath: ARTICLE, units: ['u3'] },
    ];
    json.annotators = ['Ayu', 'Budi', 'Nguyễn Thị Ánh'];
    expect(errorOf(() => parseBundleJson(JSON.stringify(json))).problems).toEqual([
      `documentDates[1]: a second date for "${ARTICLE}" (also documentDates[0])`,
      'documentDates[2].documentPath: "nowhere.txt" is not listed in documents',
      `rejectedUnits[1]: a second entry of "Ayu" for "${ARTICLE}" (also rejectedUnits[0])`,
      'rejectedUnits[2].annotator: "Zed" is not listed in annotators',
    ]);
    json.documentDates = [{ documentPath: ARTICLE, date: '9 Oct 2025' }];
    json.rejectedUnits = [{ annotator: 'Ayu', documentPath: ARTICLE, units: [] }];
    const schemaProblems = errorOf(() => parseBundleJson(JSON.stringify(json))).problems.join('\n');
    expect(schemaProblems).toMatch(/^documentDates\[0\]\.date: must be yyyy, yyyy-mm or yyyy-mm-dd$/m);
    expect(schemaProblems).not.toMatch(/is not a day that exists/); // one problem per date
    json.documentDates = [{ documentPath: ARTICLE, date: '2025-02-29' }];
    expect(errorOf(() => parseBundleJson(JSON.stringify(json))).problems).toContain(
      'documentDates[0].date: is not a day that exists (years 1900–2099)',
    );
    expect(schemaProblems).toMatch(/^rejectedUnits\[0\]\.units: /m);
  });

  it('applies the codebook rules, with the path inside the bundle', () => {
    const json = sampleJson();
    const codebook = json.codebook as { tags: Array<{ id: string }> };
    codebook.tags[1]!.id = codebook.tags[0]!.id;
    expect(errorOf(() => parseBundleJson(JSON.stringify(json))).message).toContain(
      'codebook.tags[1].id: duplicate tag id "commitment"',
    );
  });

  it('finds an id repeated far from its first use, among thousands', () => {
    const json = sampleJson();
    json.annotations = Array.from(
      { length: 3000 },
      (_, i) => annotation(i + 1) as unknown as Record<string, unknown>,
    );
    json.annotations[2999]!.id = uuid(17);
    expect(errorOf(() => parseBundleJson(JSON.stringify(json))).problems).toEqual([
      `annotations[2999].id: ${uuid(17)} repeats annotations[16].id`,
    ]);
  });

  it('spells out the first problems and counts the rest', () => {
    const json = sampleJson();
    json.annotations = Array.from({ length: 12 }, (_, i) => ({ ...annotation(i + 1), start: 5, end: 1 }));
    const error = errorOf(() => parseBundleJson(JSON.stringify(json)));
    expect(error.problems).toHaveLength(12);
    expect(error.message).toContain('(and 4 more)');
  });
});

describe('planBundleMerge', () => {
  const stored = annotation(1);
  const bundleWith = (annotations: Annotation[], statuses: BundleDocumentStatus[] = []): Bundle =>
    buildBundle({ codebook: builtinCodebook(), documents, annotations, statuses, now: NOW });

  it('adds new ids, replaces only with a strictly later updatedAt, and counts the rest', () => {
    const same = annotation(2);
    const older = annotation(3, { updatedAt: '2025-02-01T10:00:00.000Z' });
    const tie = annotation(4, { updatedAt: '2025-02-01T10:00:00.000Z' });
    const existing = [
      stored,
      same,
      { ...older, note: 'mine is newer', updatedAt: '2025-03-01T00:00:00.000Z' },
      { ...tie, note: 'same instant, other content', updatedAt: '2025-02-01T10:00:00Z' },
    ];
    const newer = { ...stored, tag: 'dispute', updatedAt: '2025-02-02T00:00:00.000Z' };
    const fresh = annotation(5);
    const plan = planBundleMerge(bundleWith([newer, same, older, tie, fresh]), {
      annotations: existing,
      statuses: [],
      codebook: builtinCodebook(),
    });
    expect(plan.annotations.added).toEqual([fresh]);
    expect(plan.annotations.updated).toEqual([newer]);
    expect(plan.annotations.unchanged).toBe(1);
    expect(plan.annotations.olderIgnored).toBe(2);
  });

  it('adds everything into an empty database, re-keying nothing', () => {
    const records = [annotation(1), annotation(2, { annotator: 'Budi' })];
    const plan = planBundleMerge(bundleWith(records), { annotations: [], statuses: [], codebook: null });
    expect(plan.annotations).toEqual({ added: records, updated: [], unchanged: 0, olderIgnored: 0 });
    expect(plan.rekeyed).toBe(0);
    expect(plan.codebook).toBe('added');
  });

  it('merges statuses by annotator and document, newer wins', () => {
    const plan = planBundleMerge(
      bundleWith(
        [],
        [
          status('Ayu', ARTICLE, { status: 'done', updatedAt: '2025-05-01T00:00:00.000Z' }),
          status('Ayu', OTHER, { status: 'done', updatedAt: '2025-01-01T00:00:00.000Z' }),
          status('Budi', ARTICLE),
        ],
      ),
      {
        annotations: [],
        statuses: [status('Ayu', ARTICLE), status('Ayu', OTHER, { updatedAt: '2025-04-01T00:00:00.000Z' })],
        codebook: builtinCodebook(),
      },
    );
    expect(plan.statuses.updated.map((s) => [s.annotator, s.documentPath, s.status])).toEqual([
      ['Ayu', ARTICLE, 'done'],
    ]);
    expect(plan.statuses.added.map((s) => s.annotator)).toEqual(['Budi']);
    expect(plan.statuses.olderIgnored).toBe(1);
  });

  it('compares codebooks: same, different, or added when the database has none', () => {
    const bundle = bundleWith([]);
    const edited = addTag(builtinCodebook(), { label: 'Sanction' });
    const plan = (codebook: typeof edited | null) =>
      planBundleMerge(bundle, { annotations: [], statuses: [], codebook }).codebook;
    expect(plan(builtinCodebook())).toBe('same');
    expect(plan(JSON.parse(JSON.stringify(builtinCodebook())) as typeof edited)).toBe('same');
    expect(plan(edited)).toBe('different');
    expect(plan(null)).toBe('added');
  });

  it("re-keys a colleague's annotation whose id is another annotator's here, once", () => {
    const theirs = annotation(2, { annotator: 'Budi', note: 'Budi was here' });
    const bundle = bundleWith([theirs, annotation(3)]);
    const plan = planBundleMerge(bundle, {
      annotations: [annotation(2), annotation(3)],
      statuses: [],
      codebook: builtinCodebook(),
    });
    expect(plan.rekeyed).toBe(1);
    expect(plan.annotations.added).toEqual([{ ...theirs, id: rekeyedAnnotationId('Budi', theirs.id) }]);
    expect(plan.annotations.unchanged).toBe(1);
    expect(describeMergeReport(mergeReport(plan)).split('\n')[0]).toBe(
      "Annotations: 1 added, 0 updated, 1 unchanged (1 re-keyed: their id was another annotator's here).",
    );
    // Importing it again: the re-keyed one is there now.
    const again = planBundleMerge(bundle, {
      annotations: [annotation(2), annotation(3), plan.annotations.added[0]!],
      statuses: [],
      codebook: builtinCodebook(),
    });
    expect([again.annotations.added.length, again.annotations.unchanged]).toEqual([0, 2]);
  });

  it('is summarised for a person', () => {
    const plan = planBundleMerge(bundleWith([annotation(2), annotation(3)]), {
      annotations: [annotation(3, { updatedAt: '2030-01-01T00:00:00.000Z' })],
      statuses: [],
      codebook: builtinCodebook(),
    });
    expect(describeMergeReport(mergeReport(plan))).toBe(
      [
        'Annotations: 1 added, 0 updated, 0 unchanged, 1 older version ignored.',
        'Document statuses: 0 added, 0 updated, 0 unchanged.',
        'Codebook: same as yours.',
      ].join('\n'),
    );
  });

  it('takes dates only where there are none, joins rejected units, and says so', () => {
    const bundle = buildBundle({
      codebook: builtinCodebook(),
      documents,
      annotations: [],
      statuses: [],
      documentDates: [
        { documentPath: ARTICLE, date: '2025-10-09' },
        { documentPath: 'old/gone.txt', date: '2024' },
      ],
      rejectedUnits: [{ annotator: 'Ayu', documentPath: ARTICLE, units: ['b', 'a', 'b'] }],
      now: NOW,
    });
    expect(bundle.documents.map((d) => d.path)).toContain('old/gone.txt');
    expect(bundle.rejectedUnits).toEqual([{ annotator: 'Ayu', documentPath: ARTICLE, units: ['a', 'b'] }]);
    const plan = planBundleMerge(bundle, {
      annotations: [],
      statuses: [],
      codebook: builtinCodebook(),
      documentDates: [{ documentPath: ARTICLE, date: '2025-10' }],
      rejectedUnits: [{ annotator: 'Ayu', documentPath: ARTICLE, units: ['c'] }],
    });
    expect(plan.documentDates).toEqual({
      added: [{ documentPath: 'old/gone.txt', date: '2024' }],
      unchanged: 0,
      keptYours: 1,
    });
    expect(plan.rejectedUnits).toEqual({
      write: [{ annotator: 'Ayu', documentPath: ARTICLE, units: ['a', 'b', 'c'] }],
      addedUnits: 2,
    });
    expect(describeMergeReport(mergeReport(plan))).toBe(
      [
        'Annotations: 0 added, 0 updated, 0 unchanged.',
        'Document statuses: 0 added, 0 updated, 0 unchanged.',
        'Document dates: 1 added, 0 unchanged, 1 different from yours (yours kept).',
        'Adjudication: 2 rejected units added.',
        'Codebook: same as yours.',
      ].join('\n'),
    );
  });
});

describe('bundleContents', () => {
  it('counts what a restore would bring back', () => {
    const contents = bundleContents(sampleBundle());
    expect(contents).toEqual({
      annotations: 3,
      annotators: ['Ayu', 'Budi', 'Nguyễn Thị Ánh'],
      documents: 2,
      documentStatuses: 2,
      documentDates: 0,
      tags: builtinCodebook().tags.length,
    });
    expect(describeBundleContents(contents)).toBe(
      `3 annotations by Ayu, Budi and Nguyễn Thị Ánh in 2 documents, 2 document statuses, a codebook of ${builtinCodebook().tags.length} tags.`,
    );
  });

  it('says so when there is nothing, and shortens long lists of names', () => {
    const empty = {
      annotations: 0,
      annotators: [],
      documents: 0,
      documentStatuses: 1,
      documentDates: 1,
      tags: 1,
    };
    expect(describeBundleContents(empty)).toBe(
      'no annotations, 1 document status, 1 corrected date, a codebook of 1 tag.',
    );
    const many = { ...empty, annotations: 1200, annotators: ['A', 'B', 'C', 'D', 'E'], documents: 1 };
    expect(describeBundleContents(many)).toBe(
      '1,200 annotations by A, B, C and 2 others in 1 document, 1 document status, 1 corrected date, a codebook of 1 tag.',
    );
  });
});
