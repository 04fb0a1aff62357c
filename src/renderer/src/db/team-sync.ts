import Dexie, { liveQuery } from 'dexie';
import type { Annotation } from '../../../shared/annotation/annotation-types';
import { canonicalJson, statusKey } from '../../../shared/exchange/record-order';
import { initialHlcState, observeHlc, parseHlc, tickHlc, type HlcState } from '../../../shared/team/hlc';
import { deleteEntry, putEntry, type JournalEntry } from '../../../shared/team/journal-line';
import {
  mergeEntries,
  recordId,
  type MergedRecord,
  type TeamState,
} from '../../../shared/team/journal-merge';
import type { DocumentStatusRecord, TandaDB, TeamRecordRow, WorkStatus } from './tanda-db';

/*
 * The database side of a team project. Main reads the journals and hands
 * over batches of lines; `applyTeamBatch` merges each batch in one
 * transaction. This device's own changes are found by comparing what is
 * stored with what the journals say (`pendingTeamChanges`), so a change made
 * anywhere in the app (editor, import, rename, undo) is journaled without
 * every writer knowing about teams, and a change that could not be written
 * (read-only folder, app closed first) is simply found again next time.
 */

export const TEAM_SETTING_KEYS = { deviceId: 'team.deviceId', clock: 'team.clock' } as const;

/** Annotations and document statuses travel through journals; the other kinds are read but not applied yet. */
const APPLIED_KINDS = new Set(['annotation', 'status']);

/** This device's id, made once (a random UUID) and kept in the settings. */
export async function teamDeviceId(db: TandaDB): Promise<string> {
  return db.transaction('rw', db.settings, async () => {
    const row = await db.settings.get(TEAM_SETTING_KEYS.deviceId);
    if (typeof row?.value === 'string') return row.value;
    const id = crypto.randomUUID();
    await db.settings.put({ key: TEAM_SETTING_KEYS.deviceId, value: id });
    return id;
  });
}

export interface TeamApplyReport {
  added: number;
  updated: number;
  deleted: number;
  /** Records whose winner did not change (lines read before, or older than what is stored). */
  unchanged: number;
  /** Records changed here but not journaled yet: kept, and journaled next with a later clock. */
  keptLocal: number;
}

/**
 * Merges one batch of journal lines into the database, in one transaction.
 * A record of `me` that differs from what the journals said before is a
 * change of this device not journaled yet: it is kept, and wins when it is
 * journaled (its clock has moved past every line read).
 */
export async function applyTeamBatch(
  db: TandaDB,
  entries: readonly JournalEntry[],
  me: string | null,
): Promise<TeamApplyReport> {
  const report: TeamApplyReport = { added: 0, updated: 0, deleted: 0, unchanged: 0, keptLocal: 0 };
  if (entries.length === 0) return report;
  return db.transaction('rw', [db.annotations, db.documentStatus, db.teamRecords, db.settings], async () => {
    const ids = [...new Set(entries.map((e) => recordId(e.kind, e.key)))];
    const rows = await db.teamRecords.bulkGet(ids);
    const state: TeamState = new Map();
    const before = new Map<string, JournalEntry>();
    rows.forEach((row) => {
      if (!row) return;
      const merged = fromRow(row);
      state.set(row.id, merged);
      before.set(row.id, row.winner);
    });
    const changed = mergeEntries(state, entries);
    report.unchanged = ids.length - changed.size;
    const clock = await loadClock(db);
    for (const entry of entries) observeHlc(clock, entry.hlc);
    await saveClock(db, clock);
    const toWrite: TeamRecordRow[] = [];
    const applied: MergedRecord[] = [];
    for (const id of changed) {
      const merged = state.get(id)!;
      toWrite.push({ id, winner: merged.winner, history: merged.history });
      if (APPLIED_KINDS.has(merged.kind)) applied.push(merged);
    }
    // One read and one write per table for the whole batch: one at a time, 10,000 lines cost seconds.
    const locals = await readLocals(db, applied);
    const writes = new LocalWrites();
    applied.forEach((merged, i) => {
      const local = locals[i];
      const previous = before.get(recordId(merged.kind, merged.key));
      const pendingHere =
        local !== undefined &&
        (local as { annotator?: string }).annotator === me &&
        !sameAsEntry(local, previous ?? merged.winner);
      if (pendingHere) {
        report.keptLocal += 1;
        return;
      }
      if (merged.winner.op === 'delete') {
        if (local !== undefined) report.deleted += 1;
        else report.unchanged += 1;
        writes.delete(merged.kind, merged.key);
      } else {
        if (local !== undefined && sameAsEntry(local, merged.winner)) report.unchanged += 1;
        else if (local !== undefined) report.updated += 1;
        else report.added += 1;
        writes.put(merged.kind, merged.winner.record);
      }
    });
    await writes.commit(db);
    await db.teamRecords.bulkPut(toWrite);
    return report;
  });
}

/**
 * This device's changes the journals do not have yet, stamped with the next
 * clock values: `annotator`'s annotations and statuses that differ from the
 * merged state, and deletes for those the journals still hold. Call
 * `markJournaled` once they are written.
 */
export async function pendingTeamChanges(
  db: TandaDB,
  annotator: string,
  device: string,
  now: () => number = Date.now,
): Promise<JournalEntry[]> {
  return db.transaction('rw', [db.annotations, db.documentStatus, db.teamRecords, db.settings], async () => {
    const mine = await db.annotations.where('annotator').equals(annotator).toArray();
    const statuses = await db.documentStatus
      .where('[annotator+documentPath]')
      .between([annotator, Dexie.minKey], [annotator, Dexie.maxKey])
      .toArray();
    const local = new Map<
      string,
      { kind: 'annotation' | 'status'; record: Annotation | DocumentStatusRecord }
    >();
    for (const a of mine) local.set(recordId('annotation', a.id), { kind: 'annotation', record: a });
    for (const s of statuses) local.set(recordId('status', statusKey(s)), { kind: 'status', record: s });
    const rows = await db.teamRecords.toArray();
    const known = new Map(rows.map((r) => [r.id, r.winner]));
    const clock = await loadClock(db);
    const out: JournalEntry[] = [];
    for (const [id, { kind, record }] of local) {
      const winner = known.get(id);
      if (winner && sameAsEntry(record, winner)) continue;
      out.push(
        kind === 'annotation'
          ? putEntry('annotation', record as Annotation, tickHlc(clock, now(), device))
          : putEntry('status', record as DocumentStatusRecord, tickHlc(clock, now(), device)),
      );
    }
    for (const row of rows) {
      const { winner } = row;
      if (winner.op !== 'put' || !APPLIED_KINDS.has(winner.kind) || local.has(row.id)) continue;
      // Gone from here: a delete when it was ours (by name, or written by this device under an old name).
      const ours =
        (winner.record as { annotator?: string }).annotator === annotator ||
        parseHlc(winner.hlc)?.device === device;
      if (!ours || (await readLocals(db, [winner]))[0] !== undefined) continue;
      out.push(deleteEntry(winner.kind, winner.key, tickHlc(clock, now(), device)));
    }
    await saveClock(db, clock);
    return out;
  });
}

/** Records lines this device wrote to its journal, so they are not sent again. */
export async function markJournaled(db: TandaDB, entries: readonly JournalEntry[]): Promise<void> {
  await db.transaction('rw', db.teamRecords, async () => {
    const ids = [...new Set(entries.map((e) => recordId(e.kind, e.key)))];
    const rows = await db.teamRecords.bulkGet(ids);
    const state: TeamState = new Map();
    for (const row of rows) if (row) state.set(row.id, fromRow(row));
    const changed = mergeEntries(state, entries);
    await db.teamRecords.bulkPut(
      [...changed].map((id) => {
        const r = state.get(id)!;
        return { id, winner: r.winner, history: r.history };
      }),
    );
  });
}

/** One annotator as the Team panel shows them. */
export interface TeamMember {
  annotator: string;
  devices: string[];
  annotations: number;
  statuses: Record<WorkStatus, number>;
  /** ISO 8601 UTC wall time of the newest line, or null. */
  lastChange: string | null;
}

/** Who is in the project, from the merged journals. */
export async function teamMembers(db: TandaDB): Promise<TeamMember[]> {
  const members = new Map<string, TeamMember>();
  const member = (annotator: string): TeamMember => {
    let m = members.get(annotator);
    if (!m) {
      m = {
        annotator,
        devices: [],
        annotations: 0,
        statuses: { not_started: 0, in_progress: 0, done: 0 },
        lastChange: null,
      };
      members.set(annotator, m);
    }
    return m;
  };
  await db.teamRecords.each((row) => {
    const { winner } = row;
    if (winner.op !== 'put') return;
    const record = winner.record as { annotator?: string; status?: WorkStatus };
    if (typeof record.annotator !== 'string') return;
    const m = member(record.annotator);
    if (winner.kind === 'annotation') m.annotations += 1;
    if (winner.kind === 'status' && record.status) m.statuses[record.status] += 1;
    const clock = parseHlc(winner.hlc);
    if (!clock) return;
    if (!m.devices.includes(clock.device)) m.devices.push(clock.device);
    const at = new Date(clock.wall).toISOString();
    if (m.lastChange === null || at > m.lastChange) m.lastChange = at;
  });
  return [...members.values()].sort((a, b) => a.annotator.localeCompare(b.annotator));
}

function fromRow(row: TeamRecordRow): MergedRecord {
  return { kind: row.winner.kind, key: row.winner.key, winner: row.winner, history: [...row.history] };
}

function sameAsEntry(local: unknown, entry: JournalEntry): boolean {
  return entry.op === 'put' && canonicalJson(local) === canonicalJson(entry.record);
}

/** The stored record for each merged one (undefined where there is none), in order. */
async function readLocals(
  db: TandaDB,
  merged: readonly Pick<MergedRecord, 'kind' | 'key'>[],
): Promise<unknown[]> {
  const annotationAt: number[] = [];
  const statusAt: number[] = [];
  merged.forEach((m, i) => (m.kind === 'annotation' ? annotationAt : statusAt).push(i));
  const [annotations, statuses] = await Promise.all([
    db.annotations.bulkGet(annotationAt.map((i) => merged[i]!.key)),
    db.documentStatus.bulkGet(statusAt.map((i) => statusPrimaryKey(merged[i]!.key))),
  ]);
  const locals: unknown[] = new Array(merged.length);
  annotationAt.forEach((at, j) => (locals[at] = annotations[j]));
  statusAt.forEach((at, j) => (locals[at] = statuses[j]));
  return locals;
}

function statusPrimaryKey(key: string): [string, string] {
  const [annotator, documentPath] = JSON.parse(key) as [string, string];
  return [annotator, documentPath];
}

/** Puts and deletes per table, written together; a later change of the same key replaces an earlier one. */
class LocalWrites {
  private readonly annotations = new Map<string, Annotation | null>();
  private readonly statuses = new Map<string, DocumentStatusRecord | null>();

  put(kind: string, record: unknown): void {
    if (kind === 'annotation') this.annotations.set((record as Annotation).id, record as Annotation);
    else {
      const status = record as DocumentStatusRecord;
      this.statuses.set(JSON.stringify([status.annotator, status.documentPath]), status);
    }
  }

  delete(kind: string, key: string): void {
    if (kind === 'annotation') this.annotations.set(key, null);
    else this.statuses.set(JSON.stringify(statusPrimaryKey(key)), null);
  }

  async commit(db: TandaDB): Promise<void> {
    const split = <T>(writes: Map<string, T | null>) => {
      const puts: T[] = [];
      const deletes: string[] = [];
      for (const [key, record] of writes) {
        if (record === null) deletes.push(key);
        else puts.push(record);
      }
      return { puts, deletes };
    };
    const annotations = split(this.annotations);
    const statuses = split(this.statuses);
    await Promise.all([
      db.annotations.bulkDelete(annotations.deletes),
      db.annotations.bulkPut(annotations.puts),
      db.documentStatus.bulkDelete(statuses.deletes.map(statusPrimaryKey)),
      db.documentStatus.bulkPut(statuses.puts),
    ]);
  }
}

async function loadClock(db: TandaDB): Promise<HlcState> {
  const value = (await db.settings.get(TEAM_SETTING_KEYS.clock))?.value as Partial<HlcState> | undefined;
  const clock = initialHlcState();
  if (typeof value?.wall === 'number' && typeof value.counter === 'number') {
    clock.wall = value.wall;
    clock.counter = value.counter;
  }
  return clock;
}

async function saveClock(db: TandaDB, clock: HlcState): Promise<void> {
  await db.settings.put({
    key: TEAM_SETTING_KEYS.clock,
    value: { wall: clock.wall, counter: clock.counter },
  });
}

/**
 * Calls `onChange` after any write to annotations or statuses (a Dexie live
 * query over both tables); the caller debounces. Returns a stop function.
 */
export function onTeamTablesChanged(db: TandaDB, onChange: () => void): () => void {
  const subscription = liveQuery(() =>
    Promise.all([db.annotations.count(), db.documentStatus.count()]),
  ).subscribe({
    next: () => onChange(),
    error: () => {},
  });
  return () => subscription.unsubscribe();
}
