import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import type { JournalEntry } from '../../../../shared/team/journal-line';
import { createAnnotation, deleteAnnotation, getAnnotation, updateAnnotation } from '../annotation-repo';
import type { TandaDB } from '../tanda-db';
import { applyTeamBatch, markJournaled, pendingTeamChanges, teamDeviceId, teamMembers } from '../team-sync';
import { freshDb, newAnnotation } from './annotation-fixtures';

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
    await applyTeamBatch(laptop.db, desktopEdit, 'Ayu');
    expect((await getAnnotation(laptop.db, after!.id))?.note).toBe('from the desktop');
    // The laptop's version stays in the record's history.
    const row = await laptop.db.teamRecords.get(`annotation\u0000${after!.id}`);
    expect(row?.history.map((e) => (e.op === 'put' ? (e.record as { note: string }).note : null))).toContain(
      'from the laptop',
    );
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
