import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { formatHlc, parseHlc } from '../../../../shared/team/hlc';
import type { JournalEntry } from '../../../../shared/team/journal-line';
import {
  createAnnotation,
  deleteAnnotation,
  getAnnotation,
  updateAnnotation,
  allAnnotations,
} from '../annotation-repo';
import type { TandaDB } from '../tanda-db';
import {
  mergeAnnotators,
  previewAnnotatorMerge,
  renameAnnotator,
  undoAnnotatorMerge,
} from '../annotator-rename';
import { getAnnotatorName } from '../settings-repo';
import {
  annotationConcurrentEdits,
  applyTeamBatch,
  markJournaled,
  onTeamTablesChanged,
  pendingTeamChanges,
  teamDeviceId,
  teamMembers,
} from '../team-sync';
import { freshDb, newAnnotation, storedTeamRecords } from './annotation-fixtures';

const dbs: TandaDB[] = [];
afterEach(async () => {
  await Promise.all(dbs.splice(0).map((d) => d.delete()));
});

/** One analyst's Tanda: its database and what it wrote to its journal. */
async function device(annotator: string) {
  const db = freshDb();
  dbs.push(db);
  const id = await teamDeviceId(db);
  const journal: JournalEntry[] = [];
  return {
    db,
    id,
    journal,
    /** What the sync loop does after a local change. */
    async flush(now = Date.now) {
      const lines = await pendingTeamChanges(db, annotator, id, now);
      journal.push(...lines);
      await markJournaled(db, lines);
      return lines;
    },
  };
}

describe('team sync in the database', () => {
  it("journals this device's changes once, and applies a colleague's in one batch", async () => {
    const ayu = await device('Ayu');
    const budi = await device('Budi');
    const { after } = await createAnnotation(ayu.db, newAnnotation());
    expect(await ayu.flush()).toHaveLength(1);
    expect(await ayu.flush()).toHaveLength(0);
    const report = await applyTeamBatch(budi.db, ayu.journal, 'Budi');
    expect(report).toMatchObject({ added: 1, keptLocal: 0 });
    expect(await getAnnotation(budi.db, after!.id)).toEqual(after);
    // Reading the same lines again changes nothing, and Budi does not journal Ayu's work.
    expect(await applyTeamBatch(budi.db, ayu.journal, 'Budi')).toMatchObject({ added: 0, unchanged: 1 });
    expect(await budi.flush()).toEqual([]);
  });

  it('carries a delete as a tombstone', async () => {
    const ayu = await device('Ayu');
    const budi = await device('Budi');
    const { after } = await createAnnotation(ayu.db, newAnnotation());
    await ayu.flush();
    await applyTeamBatch(budi.db, ayu.journal, 'Budi');
    await deleteAnnotation(ayu.db, after!.id, { annotator: 'Ayu' });
    const lines = await ayu.flush();
    expect(lines.map((l) => l.op)).toEqual(['delete']);
    expect(await applyTeamBatch(budi.db, lines, 'Budi')).toMatchObject({ deleted: 1 });
    expect(await getAnnotation(budi.db, after!.id)).toBeUndefined();
  });

  it('keeps an edit of this device not journaled yet, and it wins once journaled', async () => {
    const laptop = await device('Ayu');
    const desktop = await device('Ayu');
    const { after } = await createAnnotation(laptop.db, newAnnotation());
    await laptop.flush();
    await applyTeamBatch(desktop.db, laptop.journal, 'Ayu');
    await updateAnnotation(laptop.db, after!.id, { note: 'from the laptop' }, { annotator: 'Ayu' });
    const laptopEdit = await laptop.flush();
    await updateAnnotation(desktop.db, after!.id, { note: 'from the desktop' }, { annotator: 'Ayu' });
    expect(await applyTeamBatch(desktop.db, laptopEdit, 'Ayu')).toMatchObject({ keptLocal: 1 });
    expect((await getAnnotation(desktop.db, after!.id))?.note).toBe('from the desktop');
    const desktopEdit = await desktop.flush();
    // Counted once as an edit on two devices, however often the same lines are read.
    expect(await applyTeamBatch(laptop.db, desktopEdit, 'Ayu')).toMatchObject({ updated: 1, conflicts: 1 });
    expect(await applyTeamBatch(laptop.db, desktopEdit, 'Ayu')).toMatchObject({ conflicts: 0 });
    expect((await getAnnotation(laptop.db, after!.id))?.note).toBe('from the desktop');
    // The Annotations panel offers the laptop's version back, once.
    expect((await annotationConcurrentEdits(laptop.db, after!.id)).map((e) => e.device)).toEqual([laptop.id]);
    // The laptop's version stays in the record's history.
    const row = (await storedTeamRecords(laptop.db)).get(`annotation\u0000${after!.id}`);
    expect(row?.history.map((e) => (e.op === 'put' ? (e.record as { note: string }).note : null))).toContain(
      'from the laptop',
    );
  });

  it('keeps a version that arrives after the one that beats it, and counts it as an edit on two devices', async () => {
    const laptop = await device('Ayu');
    const desktop = await device('Ayu');
    const { after } = await createAnnotation(desktop.db, newAnnotation());
    await desktop.flush();
    await updateAnnotation(desktop.db, after!.id, { note: 'desktop' }, { annotator: 'Ayu' });
    const newer = await desktop.flush();
    await applyTeamBatch(laptop.db, desktop.journal, 'Ayu');
    // The laptop's older line from another device arrives late: it loses, and is kept as history.
    const older = newer.map((e): JournalEntry => {
      const clock = parseHlc(e.hlc)!;
      const hlc = formatHlc({ wall: clock.wall - 1, counter: 0, device: laptop.id });
      return e.op === 'put' ? { ...e, hlc, record: { ...(e.record as object), note: 'laptop' } } : e;
    });
    expect(await applyTeamBatch(desktop.db, older, 'Ayu')).toMatchObject({ updated: 0, conflicts: 1 });
    expect((await getAnnotation(desktop.db, after!.id))?.note).toBe('desktop');
    const edits = await annotationConcurrentEdits(desktop.db, after!.id);
    expect(
      edits.map((e) => (e.entry.op === 'put' ? (e.entry.record as { note: string }).note : null)),
    ).toEqual(['laptop']);
  });

  it('lists the team with devices, counts and last change', async () => {
    const ayu = await device('Ayu');
    await createAnnotation(ayu.db, newAnnotation());
    await ayu.db.documentStatus.put({
      annotator: 'Ayu',
      documentPath: 'articles/2024/hanoi-beijing.txt',
      status: 'done',
      updatedAt: '2026-12-01T10:00:00.000Z',
    });
    await ayu.flush(() => Date.parse('2026-12-02T04:00:00.000Z'));
    expect(await teamMembers(ayu.db)).toEqual([
      {
        annotator: 'Ayu',
        devices: [ayu.id],
        annotations: 1,
        statuses: { not_started: 0, in_progress: 0, done: 1 },
        lastChange: '2026-12-02T04:00:00.000Z',
      },
    ]);
  });
});

describe('renaming yourself', () => {
  it('renames every annotation and status in one go, and the journal gets one batch', async () => {
    const sari = await device('sari');
    await createAnnotation(sari.db, newAnnotation({ annotator: 'sari' }));
    await createAnnotation(sari.db, newAnnotation({ annotator: 'sari', start: 30, end: 40 }));
    await createAnnotation(sari.db, newAnnotation({ annotator: 'Budi' }));
    await sari.db.documentStatus.put({
      annotator: 'sari',
      documentPath: 'a.txt',
      status: 'done',
      updatedAt: 'x',
    });
    expect(await renameAnnotator(sari.db, 'sari', 'Sari', { setName: true })).toEqual({
      annotations: 2,
      statuses: 1,
    });
    expect(await getAnnotatorName(sari.db)).toBe('Sari');
    expect((await allAnnotations(sari.db)).map((a) => a.annotator).sort()).toEqual(['Budi', 'Sari', 'Sari']);
    expect(await sari.db.documentStatus.get(['Sari', 'a.txt'])).toMatchObject({ status: 'done' });
    expect(await sari.db.documentStatus.get(['sari', 'a.txt'])).toBeUndefined();
  });

  it('journals a rename as puts under the new name and a delete of the old status', async () => {
    const sari = await device('sari');
    await createAnnotation(sari.db, newAnnotation({ annotator: 'sari' }));
    await sari.db.documentStatus.put({
      annotator: 'sari',
      documentPath: 'a.txt',
      status: 'done',
      updatedAt: 'x',
    });
    await sari.flush();
    await renameAnnotator(sari.db, 'sari', 'Sari', { setName: true });
    const lines = await pendingTeamChanges(sari.db, 'Sari', sari.id);
    expect(lines.map((l) => [l.op, l.kind, l.key.includes('sari')])).toEqual([
      ['put', 'annotation', false],
      ['put', 'status', false],
      ['delete', 'status', true],
    ]);
    await markJournaled(sari.db, lines);
    expect((await teamMembers(sari.db)).map((m) => m.annotator)).toEqual(['Sari']);
  });

  it('tells the sync loop when annotations or statuses change', async () => {
    const ayu = await device('Ayu');
    let calls = 0;
    const stop = onTeamTablesChanged(ayu.db, () => (calls += 1));
    await expect.poll(() => calls).toBe(1);
    const { after } = await createAnnotation(ayu.db, newAnnotation());
    await expect.poll(() => calls).toBe(2);
    await updateAnnotation(ayu.db, after!.id, { note: 'x' }, { annotator: 'Ayu' });
    await expect.poll(() => calls).toBe(3);
    stop();
  });
});

describe('merging annotators', () => {
  it('previews, merges "sari" into "Sari" in one transaction, and undoes it exactly', async () => {
    const db = freshDb();
    dbs.push(db);
    await createAnnotation(db, newAnnotation({ annotator: 'sari' }));
    await createAnnotation(db, newAnnotation({ annotator: 'Sari', start: 30, end: 40 }));
    await db.documentStatus.bulkPut([
      { annotator: 'sari', documentPath: 'a.txt', status: 'done', updatedAt: '2026-12-02T00:00:00.000Z' },
      {
        annotator: 'Sari',
        documentPath: 'a.txt',
        status: 'in_progress',
        updatedAt: '2026-12-01T00:00:00.000Z',
      },
    ]);
    const before = JSON.stringify([await allAnnotations(db), await db.documentStatus.toArray()]);
    expect(await previewAnnotatorMerge(db, 'sari')).toEqual({ annotations: 1, statuses: 1 });
    const undo = await mergeAnnotators(db, 'sari', 'Sari');
    expect((await allAnnotations(db)).map((a) => a.annotator)).toEqual(['Sari', 'Sari']);
    expect(await db.documentStatus.toArray()).toEqual([
      { annotator: 'Sari', documentPath: 'a.txt', status: 'done', updatedAt: '2026-12-02T00:00:00.000Z' },
    ]);
    await undoAnnotatorMerge(db, undo);
    expect(JSON.stringify([await allAnnotations(db), await db.documentStatus.toArray()])).toBe(before);
  });
});
