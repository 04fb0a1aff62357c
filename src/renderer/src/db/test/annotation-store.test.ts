import 'fake-indexeddb/auto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Annotation } from '../../../../shared/annotation/annotation-types';
import { formatHlc } from '../../../../shared/team/hlc';
import { deleteEntry, putEntry, type JournalEntry } from '../../../../shared/team/journal-line';
import { AnnotationMirror } from '../annotation-mirror';
import {
  allAnnotations,
  annotationsBy,
  annotationsForDocument,
  annotationsForDocumentBy,
  annotatorsInDb,
  bulkUpsert,
  countAnnotations,
  countDocumentAnnotations,
  createAnnotation,
  deleteAnnotation,
  getAnnotation,
  tagUsage,
  updateAnnotation,
  usedAttributeValues,
} from '../annotation-repo';
import { ANNOTATION_TABLES, everyStoredAnnotation, PACKED_ROW_RECORDS, putStored } from '../annotation-store';
import { mergeAnnotators, previewAnnotatorMerge, undoAnnotatorMerge } from '../annotator-rename';
import { databaseFingerprint } from '../database-fingerprint';
import type { TandaDB } from '../tanda-db';
import { TEAM_TABLES } from '../team-local';
import { annotationConcurrentEdits, applyTeamBatch, teamMembers } from '../team-sync';
import { deletedAfterEach, SHA } from './annotation-fixtures';

/*
 * Colleagues' annotations from a team merge are stored packed, a thousand to
 * a row; everything else reads them as if each were a row of the
 * annotations table, as they were before. The reference database below is
 * the same one with every annotation moved into the table after each step.
 */

const tracked = deletedAfterEach();

const ME = 'Ayu';
const PEOPLE = ['Ayu', 'Budi', 'Citra'];
const PATHS = ['berita/a.txt', 'berita/b.txt', 'berita/c.txt'];
const DEVICES = ['00000000-0000-4000-8000-00000000000a', '00000000-0000-4000-8000-00000000000b'];
const T0 = Date.parse('2026-12-01T08:00:00.000Z');

function annotation(n: number, variant: number, annotator = PEOPLE[n % PEOPLE.length]!): Annotation {
  return {
    id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    documentPath: PATHS[(n + variant) % PATHS.length]!,
    contentSha256: SHA,
    annotator,
    tag: variant === 2 ? 'dispute' : 'commitment',
    start: n,
    end: n + 5,
    quote: 'kerja',
    prefix: '',
    suffix: '',
    attributes: variant === 1 ? { tone: 'firm' } : {},
    note: `note ${variant}`,
    createdAt: '2026-12-01T08:00:00.000Z',
    updatedAt: `2026-12-01T08:00:0${variant}.000Z`,
  };
}

const lineArb = fc
  .record({
    n: fc.nat(7),
    put: fc.boolean(),
    variant: fc.nat(2),
    wall: fc.nat(30),
    device: fc.constantFrom(...DEVICES),
  })
  .map(({ n, put, variant, wall, device }): JournalEntry => {
    const hlc = formatHlc({ wall: T0 + wall, counter: 0, device });
    const record = annotation(n, variant);
    return put ? putEntry('annotation', record, hlc) : deleteEntry('annotation', record.id, hlc);
  });

/** What a step did, in words both databases must give alike. */
type Step =
  | { merge: JournalEntry[] }
  | { import: number }
  | { tag: number }
  | { edit: number }
  | { remove: number }
  | { mergeAnnotators: [string, string] };

const stepArb: fc.Arbitrary<Step> = fc.oneof(
  { weight: 4, arbitrary: fc.array(lineArb, { minLength: 1, maxLength: 12 }).map((merge) => ({ merge })) },
  { weight: 1, arbitrary: fc.nat(7).map((n) => ({ import: n })) },
  { weight: 1, arbitrary: fc.nat(7).map((n) => ({ tag: n })) },
  { weight: 1, arbitrary: fc.nat(7).map((n) => ({ edit: n })) },
  { weight: 1, arbitrary: fc.nat(7).map((n) => ({ remove: n })) },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.constantFrom(...PEOPLE), fc.constantFrom(...PEOPLE))
      .filter(([a, b]) => a !== b)
      .map((pair) => ({ mergeAnnotators: pair })),
  },
);

/** Runs one step; its answer, or the error's name (both databases must refuse alike). */
async function run(db: TandaDB, step: Step): Promise<unknown> {
  try {
    if ('merge' in step) return await applyTeamBatch(db, step.merge, ME);
    if ('import' in step) {
      // A colleague's file with a later version: it becomes a row of the table.
      const record = { ...annotation(step.import, 1), updatedAt: '2026-12-02T08:00:00.000Z' };
      return await bulkUpsert(db, [record], { mode: 'newer-wins' });
    }
    if ('tag' in step) {
      const input = annotation(step.tag + 100, 0, ME);
      return (await createAnnotation(db, input, { now: () => new Date(T0) })).kind;
    }
    const id = annotation('edit' in step ? step.edit : 'remove' in step ? step.remove : 0, 0).id;
    if ('edit' in step)
      return (
        await updateAnnotation(db, id, { note: 'edited here' }, { annotator: ME, now: () => new Date(T0) })
      ).after;
    if ('remove' in step) return (await deleteAnnotation(db, id, { annotator: ME })).before;
    const [from, to] = step.mergeAnnotators;
    const undo = await mergeAnnotators(db, from, to);
    await undoAnnotatorMerge(db, undo);
    return await mergeAnnotators(db, from, to);
  } catch (error) {
    return (error as Error).name;
  }
}

/** Every reader's answer. */
async function readers(db: TandaDB): Promise<unknown> {
  const ids = Array.from({ length: 8 }, (_, n) => annotation(n, 0).id);
  return {
    all: await allAnnotations(db),
    byDocument: await Promise.all(PATHS.map((p) => annotationsForDocument(db, p))),
    byDocumentAndAnnotator: await Promise.all(
      PATHS.flatMap((p) => PEOPLE.map((a) => annotationsForDocumentBy(db, p, a))),
    ),
    annotators: await annotatorsInDb(db),
    by: await annotationsBy(db, PEOPLE),
    byOne: await Promise.all(PEOPLE.map((a) => annotationsBy(db, [a]))),
    count: await countAnnotations(db),
    perDocument: await Promise.all(PATHS.map((p) => countDocumentAnnotations(db, p))),
    tags: [...(await tagUsage(db))].sort(),
    attributes: [...(await usedAttributeValues(db))].map(([k, v]) => [k, [...v].sort()]).sort(),
    each: await Promise.all(ids.map((id) => getAnnotation(db, id))),
    fingerprint: await databaseFingerprint(db),
    members: await teamMembers(db),
    edits: await Promise.all(ids.map((id) => annotationConcurrentEdits(db, id))),
    previews: await Promise.all(PEOPLE.map((a) => previewAnnotatorMerge(db, a))),
  };
}

/** The reference: every annotation a row of the table, as before packed rows. */
async function unpackAll(db: TandaDB): Promise<void> {
  await db.transaction('rw', [...ANNOTATION_TABLES], async () =>
    putStored(db, await everyStoredAnnotation(db)),
  );
}

describe('colleagues’ annotations in packed rows', () => {
  it('give every reader what the same annotations as rows of the table give, after any mix of merges and local edits', async () => {
    let packedSeen = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(stepArb, { minLength: 1, maxLength: 8 }), async (steps) => {
        const packed = tracked();
        const rows = tracked();
        const mirror = new AnnotationMirror(packed);
        await mirror.ready();
        for (const step of steps) {
          expect(await run(packed, step)).toEqual(await run(rows, step));
          await unpackAll(rows);
          expect(await rows.colleagueAnnotations.count()).toBe(0);
          packedSeen += await packed.colleagueAnnotations.count();
          expect(await readers(packed)).toEqual(await readers(rows));
          for (const p of PATHS) expect(mirror.forDocument(p)).toEqual(await annotationsForDocument(rows, p));
          for (const a of PEOPLE) expect(mirror.forAnnotator(a)).toEqual(await annotationsBy(rows, [a]));
        }
      }),
      { numRuns: 25 },
    );
    expect(packedSeen).toBeGreaterThan(0);
  }, 120_000);

  it('packs a first merge a thousand to a row of one annotator, and a later write rewrites only the rows it touches', async () => {
    const db = tracked();
    const hlc = (n: number) => formatHlc({ wall: T0 + n, counter: 0, device: DEVICES[0]! });
    const many = Array.from({ length: 2 * PACKED_ROW_RECORDS + 500 }, (_, n) => ({
      ...annotation(n, 0, 'Budi'),
      id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    }));
    const report = await applyTeamBatch(
      db,
      many.map((a, n) => putEntry('annotation', a, hlc(n))),
      ME,
    );
    expect(report).toMatchObject({ added: many.length, updated: 0 });
    expect(await db.annotations.count()).toBe(0);
    const rowsBefore = await db.colleagueAnnotations.toArray();
    expect(rowsBefore.map((r) => [r.annotator, r.records.length]).sort((a, b) => +a[1]! - +b[1]!)).toEqual([
      ['Budi', 500],
      ['Budi', PACKED_ROW_RECORDS],
      ['Budi', PACKED_ROW_RECORDS],
    ]);
    // One colleague's edit arrives: one row is written again, under a new key.
    const edited = { ...many[1500]!, note: 'later', updatedAt: '2026-12-02T08:00:00.000Z' };
    await applyTeamBatch(db, [putEntry('annotation', edited, hlc(10_000))], ME);
    const rowsAfter = await db.colleagueAnnotations.toArray();
    const kept = rowsAfter.filter((r) => rowsBefore.some((b) => b.id === r.id));
    expect(kept).toHaveLength(2);
    expect(await getAnnotation(db, edited.id)).toEqual(edited);
    expect(await countAnnotations(db)).toBe(many.length);
    // Merging that colleague into another moves their annotations into the table, out of the packed rows.
    await mergeAnnotators(db, 'Budi', 'Citra');
    expect(await db.colleagueAnnotations.count()).toBe(0);
    expect(await db.annotations.where('annotator').equals('Citra').count()).toBe(many.length);
  }, 60_000);

  it('packs this analyst’s own annotations from another device too, and an edit here makes one a row of its own', async () => {
    const db = tracked();
    const mine = annotation(0, 0, ME);
    const theirs = annotation(1, 0, 'Budi');
    const hlc = formatHlc({ wall: T0, counter: 0, device: DEVICES[1]! });
    await applyTeamBatch(db, [putEntry('annotation', mine, hlc), putEntry('annotation', theirs, hlc)], ME);
    expect(await db.annotations.count()).toBe(0);
    const packedIds = async () =>
      (await db.colleagueAnnotations.toArray()).flatMap((r) => r.records.map((a) => a.id)).sort();
    expect(await packedIds()).toEqual([mine.id, theirs.id]);
    const { after } = await updateAnnotation(db, mine.id, { note: 'mine, edited' }, { annotator: ME });
    expect(await db.annotations.toArray()).toEqual([after]);
    expect(await packedIds()).toEqual([theirs.id]);
    expect(await getAnnotation(db, mine.id)).toEqual(after);
    await deleteAnnotation(db, mine.id, { annotator: ME });
    expect(await allAnnotations(db)).toEqual([theirs]);
  });

  it('finds which records of a large batch are rows of the table, by their keys’ range or key by key', async () => {
    const hlc = (n: number) => formatHlc({ wall: T0 + n, counter: 0, device: DEVICES[0]! });
    // Imported here: rows of the table, each even one of 0–1,999.
    const imported = Array.from({ length: 1000 }, (_, i) => annotation(2 * i, 0, 'Budi'));
    // 60 records: a range with few of the table's keys in it (30), and one with nearly all of them.
    for (const ns of [
      Array.from({ length: 60 }, (_, i) => i),
      Array.from({ length: 60 }, (_, i) => i * 33),
    ]) {
      const db = tracked();
      await putStored(db, imported);
      const later = ns.map((n) => ({ ...annotation(n, 1, 'Budi'), updatedAt: '2026-12-02T08:00:00.000Z' }));
      const report = await applyTeamBatch(
        db,
        later.map((a, i) => putEntry('annotation', a, hlc(i))),
        ME,
      );
      const even = later.filter((a) => Number(a.id.slice(-12)) % 2 === 0);
      expect(report).toMatchObject({ added: later.length - even.length, updated: even.length });
      expect(await db.annotations.count()).toBe(imported.length);
      for (const a of even) expect(await db.annotations.get(a.id)).toEqual(a);
      const packedIds = (await db.colleagueAnnotations.toArray()).flatMap((r) => r.records.map((a) => a.id));
      expect(packedIds.sort()).toEqual(
        later
          .filter((a) => !even.includes(a))
          .map((a) => a.id)
          .sort(),
      );
      for (const a of later) expect(await getAnnotation(db, a.id)).toEqual(a);
    }
  });

  it('reads the packed rows again after a transaction that wrote them aborted', async () => {
    const db = tracked();
    const hlc = (n: number) => formatHlc({ wall: T0 + n, counter: 0, device: DEVICES[0]! });
    await applyTeamBatch(db, [putEntry('annotation', annotation(1, 0), hlc(1))], ME);
    const failing = db.transaction('rw', [...TEAM_TABLES], async () => {
      await applyTeamBatch(db, [putEntry('annotation', annotation(2, 0), hlc(2))], ME);
      expect(await countAnnotations(db)).toBe(2);
      throw new Error('abort');
    });
    await expect(failing).rejects.toThrow('abort');
    expect((await allAnnotations(db)).map((a) => a.id)).toEqual([annotation(1, 0).id]);
    await applyTeamBatch(db, [putEntry('annotation', annotation(3, 0), hlc(3))], ME);
    expect((await allAnnotations(db)).map((a) => a.id)).toEqual([annotation(1, 0).id, annotation(3, 0).id]);
    expect((await teamMembers(db)).reduce((n, m) => n + m.annotations, 0)).toBe(2);
  });

  it('notices another window’s write to the packed rows', async () => {
    const name = 'tanda-test-' + crypto.randomUUID();
    const { TandaDB } = await import('../tanda-db');
    const one = new TandaDB(name);
    const two = new TandaDB(name);
    const hlc = (n: number) => formatHlc({ wall: T0 + n, counter: 0, device: DEVICES[0]! });
    await applyTeamBatch(one, [putEntry('annotation', annotation(1, 0), hlc(1))], ME);
    expect(await allAnnotations(two)).toHaveLength(1);
    await applyTeamBatch(one, [putEntry('annotation', annotation(2, 0), hlc(2))], ME);
    expect((await allAnnotations(two)).map((a) => a.id)).toEqual([annotation(1, 0).id, annotation(2, 0).id]);
    two.close();
    await one.delete();
  });
});
