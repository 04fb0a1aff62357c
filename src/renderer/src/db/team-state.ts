import Dexie from 'dexie';
import type { MergedRecord } from '../../../shared/team/journal-merge';
import { recordId } from '../../../shared/team/journal-merge';
import { TEAM_SEGMENT_RECORDS, type TandaDB, type TeamSegmentRow } from './tanda-db';

/*
 * The merged state of the team journals (one MergedRecord per record id),
 * stored as a log of segments: each write appends one row holding the
 * records it changed, and a record's newest segment holds its live version.
 * One row per record made a first merge of 100,000 lines cost 200,000
 * IndexedDB requests on top of the annotations' own (a read and a write
 * each; Chromium spends ~100 µs a request, however small the row), so it
 * took ~44 s; a segment of thousands of records is one request.
 *
 * The state is read whole once and kept in memory per database; every write
 * also stores a new `team.stateVersion` setting, read at the start of each
 * transaction, so a write from another window (or an aborted one here) is
 * noticed and the state is read again. Segments whose records mostly moved
 * on, and runs of small ones, are folded into the next segment written, so
 * the log stays a few times the live state at most.
 *
 * Call these inside a transaction over `teamSegments` and `settings`.
 */

export const TEAM_STATE_VERSION_KEY = 'team.stateVersion';

/** Segments under this many records count as small; more than SMALL_SEGMENTS of them are folded. */
const SMALL_SEGMENT = 500;
const SMALL_SEGMENTS = 8;

interface LoadedState {
  version: string;
  records: Map<string, MergedRecord>;
  /** Which segment holds each record's live version. */
  home: Map<string, number>;
  /** Per segment: records stored, and how many of them are still live. */
  segments: Map<number, { size: number; live: number }>;
  nextSegment: number;
}

const loaded = new WeakMap<TandaDB, LoadedState>();

/** The state checked against the stored version in a transaction: once is enough (as annotation-store.ts's packed rows). */
const checkedIn = new WeakMap<object, LoadedState>();

async function storedVersion(db: TandaDB): Promise<string | null> {
  const value = (await db.settings.get(TEAM_STATE_VERSION_KEY))?.value;
  return typeof value === 'string' ? value : null;
}

async function state(db: TandaDB): Promise<LoadedState> {
  const transaction = Dexie.currentTransaction;
  const checked = transaction ? checkedIn.get(transaction) : undefined;
  if (checked && loaded.get(db) === checked) return checked;
  const version = (await storedVersion(db)) ?? '';
  const cached = loaded.get(db);
  if (cached && cached.version === version) {
    if (transaction) checkedIn.set(transaction, cached);
    return cached;
  }
  const fresh: LoadedState = {
    version,
    records: new Map(),
    home: new Map(),
    segments: new Map(),
    nextSegment: 1,
  };
  // In key order, so a later segment's version of a record replaces an earlier one's.
  await db.teamSegments.each((row) => {
    fresh.segments.set(row.id, { size: row.records.length, live: 0 });
    for (const record of row.records) {
      const id = recordId(record.kind, record.key);
      const before = fresh.home.get(id);
      if (before !== undefined) fresh.segments.get(before)!.live -= 1;
      fresh.records.set(id, record);
      fresh.home.set(id, row.id);
      fresh.segments.get(row.id)!.live += 1;
    }
    fresh.nextSegment = row.id + 1;
  });
  loaded.set(db, fresh);
  if (transaction) checkedIn.set(transaction, fresh);
  return fresh;
}

/** The stored records of `ids` (those the journals have said anything about). */
export async function teamRecordsOf(db: TandaDB, ids: Iterable<string>): Promise<Map<string, MergedRecord>> {
  const { records } = await state(db);
  const out = new Map<string, MergedRecord>();
  for (const id of ids) {
    const record = records.get(id);
    if (record) out.set(id, copy(record));
  }
  return out;
}

/** Every stored record, by id; the caller must not change them. */
export async function allTeamRecords(db: TandaDB): Promise<ReadonlyMap<string, MergedRecord>> {
  return (await state(db)).records;
}

/** Stores `changed` as their live versions: one new segment (a few rows when large). */
export async function writeTeamRecords(db: TandaDB, changed: readonly MergedRecord[]): Promise<void> {
  if (changed.length === 0) return;
  const s = await state(db);
  // Until this transaction commits, the version in memory matches nothing stored: an abort means a fresh read.
  s.version = '\u0000pending';
  const fresh = new Map<string, MergedRecord>();
  for (const record of changed) fresh.set(recordId(record.kind, record.key), copy(record));
  for (const id of fresh.keys()) {
    const before = s.home.get(id);
    if (before !== undefined) s.segments.get(before)!.live -= 1;
  }
  // Segments mostly superseded, and a run of small ones, move their live records into this write.
  const small = [...s.segments].filter(([, seg]) => seg.size < SMALL_SEGMENT);
  const folded = new Set<number>();
  for (const [id, seg] of s.segments) if (seg.live * 2 < seg.size) folded.add(id);
  if (small.length > SMALL_SEGMENTS) for (const [id] of small) folded.add(id);
  if (folded.size > 0) {
    for (const [id, home] of s.home)
      if (folded.has(home) && !fresh.has(id)) fresh.set(id, s.records.get(id)!);
  }
  const records = [...fresh.values()];
  const rows: TeamSegmentRow[] = [];
  for (let i = 0; i < records.length; i += TEAM_SEGMENT_RECORDS)
    rows.push({ id: s.nextSegment++, records: records.slice(i, i + TEAM_SEGMENT_RECORDS) });
  await db.teamSegments.bulkPut(rows);
  if (folded.size > 0) await db.teamSegments.bulkDelete([...folded]);
  for (const id of folded) s.segments.delete(id);
  for (const row of rows) {
    s.segments.set(row.id, { size: row.records.length, live: row.records.length });
    for (const record of row.records) {
      const id = recordId(record.kind, record.key);
      s.records.set(id, record);
      s.home.set(id, row.id);
    }
  }
  const version = crypto.randomUUID();
  await db.settings.put({ key: TEAM_STATE_VERSION_KEY, value: version });
  Dexie.currentTransaction?.on('abort', () => loaded.delete(db));
  s.version = version;
}

/** Records as the merge changes them: histories are replaced, never edited in place, but the array is copied anyway. */
function copy(record: MergedRecord): MergedRecord {
  return { kind: record.kind, key: record.key, winner: record.winner, history: [...record.history] };
}
