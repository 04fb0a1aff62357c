import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import type { Annotation } from '../../../../shared/annotation/annotation-types';
import { builtinCodebook } from '../../../../shared/codebook/builtin-codebook';
import { type Bundle, BundleError } from '../../../../shared/exchange/bundle-schema';
import { bundleToJson, parseBundleJson } from '../../../../shared/exchange/bundle';
import { addTag } from '../../../../shared/codebook/codebook';
import { bulkUpsert } from '../annotation-repo';
import { exportBundle, importBundle, previewBundleImport, restoreBundle } from '../bundle-io';
import { allRejectedUnits, rejectedKey } from '../adjudication-repo';
import { metadataOverrides, setDocumentDate } from '../metadata-repo';
import { loadCodebook, saveCodebook, setDocumentStatus } from '../settings-repo';
import { TandaDB } from '../tanda-db';
import { ARTICLE, OTHER_ARTICLE, SHA, newAnnotation } from './annotation-fixtures';

const dbs: TandaDB[] = [];
afterEach(async () => {
  await Promise.all(dbs.splice(0).map((d) => d.delete()));
});

function freshDb(): TandaDB {
  const db = new TandaDB('t-' + crypto.randomUUID());
  dbs.push(db);
  return db;
}

const NOW = new Date('2026-11-22T18:06:54.123Z');
const clock = () => NOW;
const documents = [
  { path: ARTICLE, title: 'Hanoi and Beijing', sha256: SHA },
  { path: OTHER_ARTICLE, title: 'Sea dispute', sha256: null },
];

function record(overrides: Partial<Annotation> = {}): Annotation {
  return {
    id: crypto.randomUUID(),
    ...newAnnotation(),
    createdAt: '2025-02-01T10:00:00.000Z',
    updatedAt: '2025-02-01T10:00:00.000Z',
    ...overrides,
  };
}

/** Content that breaks naive code: astral characters, both kinds of accents, quotes, newlines, NUL. */
function nastyRecords(): Annotation[] {
  return [
    record({
      annotator: 'Nguyễn Thị Ánh',
      quote: 'Biển Đông 🌊 "chủ quyền"\n𝔸 \\ e\u0301',
      prefix: '‘single’ «guillemets»\r\n',
      suffix: '\u0000\t😀',
      note: 'Line 1\nLine 2 — “quoted” 🇻🇳 </script>',
      attributes: { actor: 'vietnam', topics: ['fishing', 'oil'], source: 'tự do 𠀀' },
      orphaned: true,
    }),
    record({ documentPath: OTHER_ARTICLE, start: 0, end: 3, quote: '𠀀𠀁𠀂', prefix: '', suffix: '' }),
    record({ annotator: 'Budi', tag: 'dispute', note: 'it\'s "fine"' }),
  ];
}

function byId(rows: Annotation[]): Annotation[] {
  return [...rows].sort((a, b) => (a.id < b.id ? -1 : 1));
}

async function snapshot(db: TandaDB) {
  return {
    annotations: byId(await db.annotations.toArray()),
    statuses: await db.documentStatus.toArray(),
    codebook: await db.codebook.toArray(),
    settings: await db.settings.toArray(),
  };
}

async function seeded(records = nastyRecords()): Promise<TandaDB> {
  const db = freshDb();
  await bulkUpsert(db, records, { mode: 'insert-new' });
  await setDocumentStatus(db, 'Nguyễn Thị Ánh', ARTICLE, 'done', { now: clock });
  await setDocumentStatus(db, 'Budi', OTHER_ARTICLE, 'in_progress', { now: clock });
  return db;
}

describe('exportBundle → importBundle', () => {
  it('round-trips through JSON into an empty database with identical annotations', async () => {
    const records = nastyRecords();
    const source = await seeded(records);
    const json = bundleToJson(await exportBundle(source, { documents, now: NOW }));

    const target = freshDb();
    const report = await importBundle(target, parseBundleJson(json), { now: clock });
    expect(report).toEqual({
      annotations: { added: 3, updated: 0, unchanged: 0, olderIgnored: 0 },
      statuses: { added: 2, updated: 0, unchanged: 0, olderIgnored: 0 },
      codebook: 'added',
      documentDates: { added: 0, unchanged: 0, keptYours: 0 },
      rejectedUnits: { added: 0 },
    });
    expect(byId(await target.annotations.toArray())).toEqual(byId(records));
    expect((await snapshot(target)).statuses).toEqual((await snapshot(source)).statuses);
    expect(await loadCodebook(target)).toEqual(builtinCodebook());
  });

  it('exports the stored codebook, or the built-in one when none was saved', async () => {
    const db = await seeded();
    expect((await exportBundle(db, { documents, now: NOW })).codebook).toEqual(builtinCodebook());
    const edited = addTag(builtinCodebook(), { label: 'Sanction' });
    await saveCodebook(db, edited);
    expect((await exportBundle(db, { documents, now: NOW })).codebook).toEqual(edited);
  });

  it('exports only the chosen annotators', async () => {
    const db = await seeded();
    const bundle = await exportBundle(db, { annotators: ['Budi'], documents, now: NOW });
    expect(bundle.annotators).toEqual(['Budi']);
    expect(bundle.annotations.map((a) => a.annotator)).toEqual(['Budi']);
    expect(bundle.documentStatuses.map((s) => s.annotator)).toEqual(['Budi']);
  });

  it('adds nothing when the same bundle is imported twice', async () => {
    const bundle = await exportBundle(await seeded(), { documents, now: NOW });
    const target = freshDb();
    await importBundle(target, bundle);
    const before = await snapshot(target);
    expect(await importBundle(target, bundle)).toEqual({
      annotations: { added: 0, updated: 0, unchanged: 3, olderIgnored: 0 },
      statuses: { added: 0, updated: 0, unchanged: 2, olderIgnored: 0 },
      codebook: 'same',
      documentDates: { added: 0, unchanged: 0, keptYours: 0 },
      rejectedUnits: { added: 0 },
    });
    expect(await snapshot(target)).toEqual(before);
  });

  it('merges newer-wins and keeps what the bundle does not hold', async () => {
    const shared = record();
    const mineNewer = record({ start: 30, end: 40 });
    const db = freshDb();
    const onlyMine = record({ start: 50, end: 60 });
    await bulkUpsert(
      db,
      [shared, { ...mineNewer, note: 'edited later', updatedAt: '2025-06-01T00:00:00.000Z' }, onlyMine],
      {
        mode: 'insert-new',
      },
    );
    const edited = addTag(builtinCodebook(), { label: 'Sanction' });
    await saveCodebook(db, edited);

    const theirs = freshDb();
    await bulkUpsert(
      theirs,
      [{ ...shared, tag: 'dispute', updatedAt: '2025-03-01T00:00:00.000Z' }, mineNewer],
      {
        mode: 'insert-new',
      },
    );
    const report = await importBundle(db, await exportBundle(theirs, { documents, now: NOW }));
    expect(report.annotations).toEqual({ added: 0, updated: 1, unchanged: 0, olderIgnored: 1 });
    expect(report.codebook).toBe('different');
    expect((await db.annotations.get(shared.id))?.tag).toBe('dispute');
    expect((await db.annotations.get(mineNewer.id))?.note).toBe('edited later');
    expect(await db.annotations.get(onlyMine.id)).toEqual(onlyMine);
    expect(await loadCodebook(db)).toEqual(edited);
  });

  it('leaves the database unchanged when the file is malformed', async () => {
    const db = await seeded();
    const before = await snapshot(db);
    const json = JSON.parse(bundleToJson(await exportBundle(db, { documents, now: NOW }))) as {
      annotations: Array<Record<string, unknown>>;
    };
    json.annotations.push({ ...record(), id: 'oops' });
    expect(() => parseBundleJson(JSON.stringify(json))).toThrow(/annotations\[3\]\.id/);
    // A caller that skipped parsing is caught too: importBundle validates again.
    await expect(importBundle(db, json as unknown as Bundle)).rejects.toBeInstanceOf(BundleError);
    expect(await snapshot(db)).toEqual(before);
  });

  it('writes nothing when the transaction fails midway', async () => {
    const target = freshDb();
    await bulkUpsert(target, [record()], { mode: 'insert-new' });
    const before = await snapshot(target);
    const bundle = await exportBundle(await seeded(), { documents, now: NOW });
    // Statuses are written after the annotations: fail there.
    target.documentStatus.hook('creating', () => {
      throw new Error('disk full');
    });
    await expect(importBundle(target, bundle)).rejects.toThrow('disk full');
    expect(await snapshot(target)).toEqual(before);
  });
});

describe("analysts' document dates and rejected adjudication units", () => {
  /** Seeded, plus a corrected date for ARTICLE and units rejected by Ayu (target) in it. */
  async function withWork(): Promise<TandaDB> {
    const db = await seeded();
    await setDocumentDate(db, ARTICLE, '2025-10-09');
    await db.settings.put({ key: rejectedKey('Ayu', ARTICLE), value: { rejected: ['unit-b', 'unit-a'] } });
    await db.settings.put({ key: 'annotator', value: 'Ayu' });
    return db;
  }

  it('travel in the bundle and arrive in an empty database', async () => {
    const bundle = parseBundleJson(
      bundleToJson(await exportBundle(await withWork(), { documents, now: NOW })),
    );
    expect(bundle.documentDates).toEqual([{ documentPath: ARTICLE, date: '2025-10-09' }]);
    expect(bundle.rejectedUnits).toEqual([
      { annotator: 'Ayu', documentPath: ARTICLE, units: ['unit-a', 'unit-b'] },
    ]);

    const target = freshDb();
    const report = await importBundle(target, bundle);
    expect(report.documentDates).toEqual({ added: 1, unchanged: 0, keptYours: 0 });
    expect(report.rejectedUnits).toEqual({ added: 2 });
    expect(await metadataOverrides(target)).toEqual(new Map([[ARTICLE, { date: '2025-10-09' }]]));
    expect(await allRejectedUnits(target)).toEqual(
      new Map([[rejectedKey('Ayu', ARTICLE), new Set(['unit-a', 'unit-b'])]]),
    );
    // The machine's own settings stay home.
    expect(await target.settings.get('annotator')).toBeUndefined();
    // Twice is once.
    const again = await importBundle(target, bundle);
    expect(again.documentDates).toEqual({ added: 0, unchanged: 1, keptYours: 0 });
    expect(again.rejectedUnits).toEqual({ added: 0 });
  });

  it('merge: a date of your own is kept, rejected units are joined', async () => {
    const bundle = await exportBundle(await withWork(), { documents, now: NOW });
    const db = freshDb();
    await setDocumentDate(db, ARTICLE, '2025-10');
    await setDocumentDate(db, OTHER_ARTICLE, '2024');
    await db.settings.put({ key: rejectedKey('Ayu', ARTICLE), value: { rejected: ['unit-c', 'unit-a'] } });
    const report = await importBundle(db, bundle);
    expect(report.documentDates).toEqual({ added: 0, unchanged: 0, keptYours: 1 });
    expect(report.rejectedUnits).toEqual({ added: 1 });
    expect(await metadataOverrides(db)).toEqual(
      new Map([
        [ARTICLE, { date: '2025-10' }],
        [OTHER_ARTICLE, { date: '2024' }],
      ]),
    );
    expect(await allRejectedUnits(db)).toEqual(
      new Map([[rejectedKey('Ayu', ARTICLE), new Set(['unit-a', 'unit-b', 'unit-c'])]]),
    );
  });

  it('an export of chosen annotators carries only their rejected units, and every date', async () => {
    const bundle = await exportBundle(await withWork(), { annotators: ['Budi'], documents, now: NOW });
    expect(bundle.rejectedUnits).toEqual([]);
    expect(bundle.documentDates).toEqual([{ documentPath: ARTICLE, date: '2025-10-09' }]);
  });

  it("restore replaces them with the backup's; a backup without them leaves them alone", async () => {
    const backup = await exportBundle(await withWork(), { documents, now: NOW });
    const db = freshDb();
    await setDocumentDate(db, OTHER_ARTICLE, '2024');
    await db.settings.put({ key: rejectedKey('Budi', OTHER_ARTICLE), value: { rejected: ['x'] } });
    await restoreBundle(db, backup);
    expect(await metadataOverrides(db)).toEqual(new Map([[ARTICLE, { date: '2025-10-09' }]]));
    expect(await allRejectedUnits(db)).toEqual(
      new Map([[rejectedKey('Ayu', ARTICLE), new Set(['unit-a', 'unit-b'])]]),
    );

    const { documentDates: _dates, rejectedUnits: _rejected, ...older } = backup;
    await setDocumentDate(db, OTHER_ARTICLE, '2024');
    await restoreBundle(db, older);
    expect(await metadataOverrides(db)).toEqual(
      new Map([
        [ARTICLE, { date: '2025-10-09' }],
        [OTHER_ARTICLE, { date: '2024' }],
      ]),
    );
    expect((await allRejectedUnits(db)).size).toBe(1);
  });

  it('an import that fails writing them leaves everything as it was', async () => {
    const bundle = await exportBundle(await withWork(), { documents, now: NOW });
    const db = await seeded([record()]);
    const before = await snapshot(db);
    db.settings.hook('creating', () => {
      throw new Error('disk full');
    });
    await expect(importBundle(db, bundle)).rejects.toThrow('disk full');
    expect(await snapshot(db)).toEqual(before);
  });
});

describe('restoreBundle', () => {
  it('replaces annotations, statuses and codebook, and leaves settings alone', async () => {
    const backup = await exportBundle(await seeded(), { documents, now: NOW });

    const db = freshDb();
    await bulkUpsert(db, [record({ note: 'will be gone' })], { mode: 'insert-new' });
    await setDocumentStatus(db, 'Ayu', ARTICLE, 'done');
    await saveCodebook(db, addTag(builtinCodebook(), { label: 'Sanction' }));
    await db.settings.put({ key: 'annotator', value: 'Ayu' });

    expect(await restoreBundle(db, backup, { now: clock })).toEqual({ annotations: 3, statuses: 2 });
    expect(byId(await db.annotations.toArray())).toEqual(byId(backup.annotations));
    expect(await db.documentStatus.toArray()).toEqual(expect.arrayContaining(backup.documentStatuses));
    expect(await db.documentStatus.count()).toBe(2);
    expect(await loadCodebook(db)).toEqual(builtinCodebook());
    expect(await db.settings.get('annotator')).toEqual({ key: 'annotator', value: 'Ayu' });
  });

  it('leaves everything as it was when it fails', async () => {
    const db = await seeded();
    const before = await snapshot(db);
    const backup = await exportBundle(await seeded([record()]), { documents, now: NOW });
    db.codebook.hook('creating', () => {
      throw new Error('quota');
    });
    await expect(restoreBundle(db, backup)).rejects.toThrow('quota');
    expect(await snapshot(db)).toEqual(before);
  });
});

describe('previewBundleImport', () => {
  it('reports what importBundle then does, dates and rejected units included, and writes nothing', async () => {
    const db = await seeded();
    await setDocumentDate(db, ARTICLE, '2025-10');
    await db.settings.put({ key: rejectedKey('Ayu', ARTICLE), value: { rejected: ['unit-c'] } });
    const source = await seeded([...nastyRecords(), record({ annotator: 'Citra' })]);
    await setDocumentDate(source, ARTICLE, '2025-10-09');
    await source.settings.put({ key: rejectedKey('Ayu', ARTICLE), value: { rejected: ['unit-a'] } });
    const bundle = await exportBundle(source, { documents, now: NOW });

    const before = await snapshot(db);
    const preview = await previewBundleImport(db, bundle);
    expect(await snapshot(db)).toEqual(before);
    expect(preview.documentDates).toEqual({ added: 0, unchanged: 0, keptYours: 1 });
    expect(await importBundle(db, bundle)).toEqual(preview);
  });

  it('refuses a malformed bundle before reading anything', async () => {
    const db = freshDb();
    await expect(previewBundleImport(db, { format: 'nope' } as unknown as Bundle)).rejects.toBeInstanceOf(
      BundleError,
    );
  });
});
