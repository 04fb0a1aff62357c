import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { formatHlc } from '../../../../shared/team/hlc';
import { deleteEntry, putEntry } from '../../../../shared/team/journal-line';
import { TandaDB } from '../tanda-db';
import { applyTeamBatch, markJournaled } from '../team-sync';
import { freshDb, newAnnotation, SHA, storedTeamRecords } from './annotation-fixtures';

/*
 * The merged state lives in segment rows and in memory: what one connection
 * writes, another (another window) must read, and many small writes must not
 * leave a long tail of rows.
 */

const dbs: TandaDB[] = [];
afterEach(async () => {
  for (const d of dbs.splice(0)) d.close();
});

const DEVICE = '00000000-0000-4000-8000-00000000000a';
const hlc = (wall: number) =>
  formatHlc({ wall: Date.parse('2026-12-01T08:00:00.000Z') + wall, counter: 0, device: DEVICE });

function line(n: number, wall: number, note = '') {
  const record = {
    ...newAnnotation({ annotator: 'Budi', note }),
    id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    contentSha256: SHA,
    createdAt: '2026-12-01T08:00:00.000Z',
    updatedAt: '2026-12-01T08:00:00.000Z',
  };
  return putEntry('annotation', record, hlc(wall));
}

describe('the team state in segments', () => {
  it('reads what another connection wrote, not what it held in memory', async () => {
    const first = freshDb();
    const second = new TandaDB(first.name);
    dbs.push(first, second);
    await applyTeamBatch(first, [line(1, 1)], 'Ayu');
    expect((await storedTeamRecords(second)).size).toBe(1);
    // The second window merges a newer line; the first one's memory is behind and must notice.
    await applyTeamBatch(second, [line(1, 2, 'newer'), line(2, 2)], 'Ayu');
    const seen = await storedTeamRecords(first);
    expect(seen.size).toBe(2);
    const winner = seen.get(`annotation\u0000${line(1, 0).key}`)!.winner;
    expect(winner.op === 'put' && (winner.record as { note: string }).note).toBe('newer');
    // A tombstone through the first window reaches the second one.
    await applyTeamBatch(first, [deleteEntry('annotation', line(2, 0).key, hlc(3))], 'Ayu');
    expect((await storedTeamRecords(second)).get(`annotation\u0000${line(2, 0).key}`)?.winner.op).toBe(
      'delete',
    );
    await first.delete();
  });

  it('folds many small writes and superseded segments, keeping every record', async () => {
    const db = freshDb();
    dbs.push(db);
    for (let n = 0; n < 40; n++) await markJournaled(db, [line(n, n)]);
    // Each record edited again: the old segments hold only stale versions.
    for (let n = 0; n < 40; n++) await markJournaled(db, [line(n, 100 + n, 'edited')]);
    expect(await db.teamSegments.count()).toBeLessThanOrEqual(10);
    const stored = await storedTeamRecords(db);
    expect(stored.size).toBe(40);
    for (const r of stored.values()) {
      expect(r.winner.op === 'put' && (r.winner.record as { note: string }).note).toBe('edited');
      expect(r.history).toHaveLength(1);
    }
    // And read back from the rows alone (a new connection), the same.
    const again = new TandaDB(db.name);
    dbs.push(again);
    expect(await storedTeamRecords(again)).toEqual(stored);
    await db.delete();
  });
});
