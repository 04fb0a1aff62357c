import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Annotation } from '../../annotation/annotation-types';
import { builtinCodebook } from '../../codebook/builtin-codebook';
import { buildBundle, bundleToJson, checkBundleRecords, parseBundleJson } from '../bundle';
import { BundleError } from '../bundle-schema';
import { exportAnnotationsCsv } from '../csv-export';
import { checkCsvImport, formatCsvProblem } from '../csv-import';
import { decodeCsvBytes } from '../csv-read';
import { checkAnnotationRecords } from '../record-checks';
import { describeSpan } from '../../text/text-quote';

// One document, one good record, and the malformed records the audit found in bundles.
const PATH = 'berita/hanoi.txt';
const TEXT = 'Kedua negara sepakat bekerja sama di bidang perdagangan dan energi.\n';
const SHA = createHash('sha256').update(TEXT, 'utf8').digest('hex');
const DOCUMENTS = [{ path: PATH, title: 'Hanoi', sha256: SHA }];

function record(n: number, start: number, end: number, overrides: Partial<Annotation> = {}): Annotation {
  return {
    id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    documentPath: PATH,
    contentSha256: SHA,
    annotator: 'Ayu',
    tag: 'commitment',
    start,
    end,
    ...describeSpan(TEXT, start, end),
    attributes: {},
    note: '',
    createdAt: '2025-02-01T10:00:00.000Z',
    updatedAt: '2025-02-01T10:00:00.000Z',
    ...overrides,
  };
}

const good = record(1, 13, 20); // "sepakat"
const MALFORMED: [string, Annotation, RegExp][] = [
  [
    'offsets past the end',
    record(2, 13, 20, { end: 100000 }),
    /end 100000 is beyond the text \(68 code points\)/,
  ],
  [
    'a quote that is not the text there',
    record(3, 13, 20, { quote: 'menolak' }),
    /the quote is not at 13\.\.20/,
  ],
  [
    'an unknown tag',
    record(4, 13, 20, { tag: 'gossip' }),
    /unknown tag "gossip"; the codebook has commitment/,
  ],
  [
    'an unknown attribute',
    record(5, 13, 20, { attributes: { mood: 'x' } }),
    /tag "commitment" has no attribute "mood"/,
  ],
  [
    'an unknown value',
    record(6, 13, 20, { attributes: { strength: 'huge' } }),
    /unknown value "huge" for attribute "strength" of tag "commitment"/,
  ],
  [
    'a bad timestamp',
    record(7, 13, 20, { createdAt: 'yesterday' }),
    /"yesterday" is not an ISO 8601 timestamp/,
  ],
  ['a NUL in the annotator', record(8, 13, 20, { annotator: 'Ay\u0000u' }), /control character U\+0000/],
];

const ctx = {
  documents: DOCUMENTS,
  getText: () => TEXT,
  codebook: builtinCodebook(),
  absentDocuments: 'refuse' as const,
};

function bundleOf(annotations: Annotation[]): string {
  // Written around buildBundle's own validation, as a hand-edited or foreign file would be.
  const valid = buildBundle({
    codebook: builtinCodebook(),
    documents: DOCUMENTS,
    annotations: [good],
    statuses: [],
    now: new Date('2026-12-01T00:00:00Z'),
  });
  return bundleToJson({ ...valid, annotations });
}

describe('one set of checks for CSV, bundles and backups', () => {
  it.each(MALFORMED)(
    'refuses %s in a bundle, a backup and a CSV, with the same message',
    async (_, bad, message) => {
      const records = await checkAnnotationRecords([good, bad], ctx);
      expect(records.ok).toBe(false);

      const bundle = parseBundleJson(bundleOf([good, bad]));
      const asImport = await checkBundleRecords(bundle, ctx).catch((e: unknown) => e);
      expect(asImport).toBeInstanceOf(BundleError);
      expect((asImport as BundleError).problems.join('\n')).toMatch(message);
      expect((asImport as BundleError).problems[0]).toMatch(/^annotations\[1\]/);
      const asRestore = await checkBundleRecords(bundle, { ...ctx, absentDocuments: 'keep' }).catch(
        (e: unknown) => e,
      );
      expect((asRestore as BundleError).problems.join('\n')).toMatch(message);

      if (bad.attributes['mood']) return; // the export writes only the codebook's attribute columns
      const csv = exportAnnotationsCsv({
        annotations: [good, bad],
        documents: new Map([[PATH, { title: 'Hanoi' }]]),
        codebook: builtinCodebook(),
      });
      const result = await checkCsvImport(csv, { ...ctx, now: '2026-12-01T00:00:00.000Z' });
      expect(result.ok).toBe(false);
      if (!result.ok) {
        const listed = result.problems.map(formatCsvProblem).join('\n');
        // The CSV writes attribute ids and timestamps as cells; the message body is the bundle's.
        if (!/timestamp/.test(String(message))) expect(listed).toMatch(message);
        expect(new Set(result.problems.map((p) => p.row)).size).toBe(1);
      }
    },
  );

  it('accepts the good record everywhere', async () => {
    expect(await checkAnnotationRecords([good], ctx)).toMatchObject({ ok: true, reanchored: 0 });
    const bundle = parseBundleJson(bundleOf([good]));
    expect((await checkBundleRecords(bundle, ctx)).annotations).toEqual([good]);
  });

  it('refuses a document not in the corpus at import, and keeps it at restore', async () => {
    const elsewhere = record(9, 13, 20, { documentPath: 'gone.txt' });
    const refused = await checkAnnotationRecords([elsewhere], ctx);
    expect(refused).toMatchObject({
      ok: false,
      problems: [{ index: 0, field: 'documentPath', message: expect.stringMatching(/unknown document/) }],
    });
    expect(await checkAnnotationRecords([elsewhere], { ...ctx, absentDocuments: 'keep' })).toMatchObject({
      ok: true,
      annotations: [elsewhere],
    });
  });

  it('re-anchors a record of an older text by its quote, and keeps an unplaceable one as an orphan', async () => {
    const older = 'Pada hari Senin, kedua negara sepakat bekerja sama.';
    const oldSha = createHash('sha256').update(older, 'utf8').digest('hex');
    const moved = {
      ...record(10, 0, 1),
      contentSha256: oldSha,
      start: 30,
      end: 37,
      ...describeSpan(older, 30, 37),
    };
    const lost = { ...moved, id: record(11, 0, 1).id, quote: 'tidak ada', prefix: '', suffix: '' };
    const result = await checkAnnotationRecords([moved, lost], ctx);
    expect(result).toMatchObject({ ok: true, reanchored: 1 });
    if (!result.ok) return;
    expect(result.annotations[0]).toMatchObject({ start: 13, end: 20, contentSha256: SHA, quote: 'sepakat' });
    expect(result.annotations[1]).toMatchObject({ orphaned: true });
  });

  it('passes a backup this version made, orphans and work on removed files included', async () => {
    const orphan = { ...record(12, 13, 20), orphaned: true, quote: 'hilang' };
    const removed = record(13, 0, 5, { documentPath: 'removed.txt', contentSha256: 'cd'.repeat(32) });
    const backup = buildBundle({
      codebook: builtinCodebook(),
      documents: DOCUMENTS,
      annotations: [good, orphan, removed],
      statuses: [],
      now: new Date('2026-12-01T00:00:00Z'),
    });
    const restored = await checkBundleRecords(parseBundleJson(bundleToJson(backup)), {
      ...ctx,
      absentDocuments: 'keep',
    });
    expect(restored.annotations).toHaveLength(3);
  });
});

describe('CSV files that are not what the import reads say what they are', () => {
  const header = ['annotator', 'tag', 'document_path', 'start', 'end', 'quote'];
  const row = ['Ayu', 'commitment', PATH, '13', '20', 'sepakat'];

  it.each([
    [';', '`;`'],
    ['\t', 'tabs'],
  ])('names a %j delimiter', async (delimiter, name) => {
    const csv = `${header.join(delimiter)}\r\n${row.join(delimiter)}\r\n`;
    const result = await checkCsvImport(csv, { ...ctx, now: '2026-12-01T00:00:00.000Z' });
    expect(result).toEqual({
      ok: false,
      problems: [{ row: 1, message: `this file uses ${name} between fields; export it with commas` }],
    });
  });

  it.each(['LE', 'BE'] as const)('names UTF-16 %s without a byte order mark', (order) => {
    const text = `${header.join(',')}\r\n${row.join(',')}\r\n`;
    const le = Buffer.from(text, 'utf16le');
    const bytes = order === 'LE' ? le : Buffer.from(le).swap16();
    expect(() => decodeCsvBytes(new Uint8Array(bytes))).toThrow(
      `file is UTF-16 ${order} without a byte order mark, not UTF-8`,
    );
  });
});
