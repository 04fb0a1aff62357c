import { liveQuery } from 'dexie';
import { canonicalJson } from '../../../shared/exchange/record-order';
import {
  compareHlc,
  initialHlcState,
  observeHlc,
  parseHlc,
  tickHlc,
  type HlcState,
} from '../../../shared/team/hlc';
import {
  deleteEntry,
  putEntry,
  type JournalEntry,
  type JournalKind,
  type JournalTag,
} from '../../../shared/team/journal-line';
import {
  concurrentEdits,
  type ConcurrentEdit,
  mergeEntries,
  recordId,
  type MergedRecord,
  type TeamState,
} from '../../../shared/team/journal-merge';
import type { TandaDB, WorkStatus } from './tanda-db';
import { countStored } from './annotation-store';
import { allTeamRecords, teamRecordsOf, writeTeamRecords } from './team-state';
import { REJECTED_KEY_PREFIX } from './adjudication-repo';
import { METADATA_KEY_PREFIX } from './metadata-repo';
import { BATCH_KINDS, type BatchKind, LOCAL_KINDS, orderTags, SHARED_KINDS, TEAM_TABLES } from './team-local';

/*
 * The database side of a team project. Main reads the journals and hands
 * over batches of lines; `applyTeamBatch` merges each batch, in
 * transactions of at most TEAM_TRANSACTION_RECORDS records. This device's own changes are found by comparing what is
 * stored with what the journals say (`pendingTeamChanges`), so a change made
 * anywhere in the app (editor, import, rename, undo) is journaled without
 * every writer knowing about teams, and a change that could not be written
 * (read-only folder, app closed first) is simply found again next time.
 */

export const TEAM_SETTING_KEYS = { deviceId: 'team.deviceId', clock: 'team.clock' } as const;

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
  /** Records edited on two devices at once: one version shown, the other kept in its history. */
  conflicts: number;
}

export function emptyApplyReport(): TeamApplyReport {
  return { added: 0, updated: 0, deleted: 0, unchanged: 0, keptLocal: 0, conflicts: 0 };
}

/** Adds `part`'s counts to `total`. */
export function addApplyReport(total: TeamApplyReport, part: TeamApplyReport): void {
  for (const k of Object.keys(total) as (keyof TeamApplyReport)[]) total[k] += part[k];
}

/**
 * Records per transaction of a batch. Chromium spends 150–250 µs of CPU on
 * each stored row, however it is written (bench/idb-write-cost.ts), so a
 * transaction of a whole read (10,000 lines and more) held the annotations
 * table for seconds, and a tag made meanwhile waited behind it; a thousand
 * records take a fifth of a second, and cost no more per row.
 */
export const TEAM_TRANSACTION_RECORDS = 1000;

/**
 * Merges one batch of journal lines into the database. A record of `me`
 * that differs from what the journals said before is a change of this
 * device not journaled yet: it is kept, and wins when it is journaled (its
 * clock has moved past every line read).
 *
 * A large batch goes in several transactions, each with every line of its
 * records: as the same lines handed over in smaller batches, which the merge
 * allows (it is commutative and idempotent), with the same report. When one
 * fails, those before it stay; the caller reads the batch again, which
 * changes nothing they wrote.
 */
export async function applyTeamBatch(
  db: TandaDB,
  entries: readonly JournalEntry[],
  me: string | null,
  recordsPerTransaction = TEAM_TRANSACTION_RECORDS,
): Promise<TeamApplyReport> {
  const report = emptyApplyReport();
  for (const part of transactionParts(entries, recordsPerTransaction)) {
    addApplyReport(report, await applyInOneTransaction(db, part, me));
  }
  return report;
}

/**
 * `entries` split by record into parts of at most `records` records, in
 * their order. Tags all go in the first part: a tag is put or removed
 * before the annotations of the same batch, which may name it (a removal
 * waits while an annotation still does).
 */
function transactionParts(entries: readonly JournalEntry[], records: number): JournalEntry[][] {
  const partOf = new Map<string, number>();
  const tags = new Set(entries.filter((e) => e.kind === 'tag').map((e) => recordId(e.kind, e.key)));
  let part = 0;
  let size = tags.size;
  for (const id of tags) partOf.set(id, 0);
  for (const e of entries) {
    const id = recordId(e.kind, e.key);
    if (partOf.has(id)) continue;
    if (size >= records) {
      part += 1;
      size = 0;
    }
    partOf.set(id, part);
    size += 1;
  }
  const parts: JournalEntry[][] = Array.from({ length: entries.length === 0 ? 0 : part + 1 }, () => []);
  for (const e of entries) parts[partOf.get(recordId(e.kind, e.key))!]!.push(e);
  return parts;
}

/** `applyTeamBatch` for one part, in one transaction. */
async function applyInOneTransaction(
  db: TandaDB,
  entries: readonly JournalEntry[],
  me: string | null,
): Promise<TeamApplyReport> {
  const report = emptyApplyReport();
  return db.transaction('rw', [...TEAM_TABLES], async () => {
    const ids = [...new Set(entries.map((e) => recordId(e.kind, e.key)))];
    const state: TeamState = await teamRecordsOf(db, ids);
    const before = new Map([...state].map(([id, r]) => [id, r.winner]));
    const editsBefore = new Map([...state].map(([id, r]) => [id, editCount(r)]));
    const historyBefore = new Map([...state].map(([id, r]) => [id, historyStamps(r)]));
    const changed = mergeEntries(state, entries);
    report.unchanged = ids.length - changed.size;
    for (const id of ids) {
      if (editCount(state.get(id)!) > (editsBefore.get(id) ?? 0)) report.conflicts += 1;
    }
    const clock = await loadClock(db);
    // Stamps order as strings, so the newest one moves the clock as far as all of them would.
    observeHlc(
      clock,
      entries.reduce((newest, e) => (compareHlc(e.hlc, newest) > 0 ? e.hlc : newest), entries[0]!.hlc),
    );
    await saveClock(db, clock);
    const toWrite: MergedRecord[] = [];
    // A line that lost changes only the history: kept too, so the Annotations panel can offer it back.
    for (const id of ids) {
      const merged = state.get(id)!;
      if (!changed.has(id) && historyStamps(merged) !== historyBefore.get(id)) toWrite.push(merged);
    }
    // Tags first: the annotations of the same batch may name a tag it brings. They share the codebook's
    // row and each one's place depends on those put before it, so they are read and written one by one.
    let tagsChanged = false;
    for (const merged of [...changed].map((id) => state.get(id)!).filter((r) => r.kind === 'tag')) {
      toWrite.push(merged);
      const local = await LOCAL_KINDS.tag.read(db, merged.key);
      const action = decide(merged, local, before.get(recordId('tag', merged.key)), me, report);
      if (action !== 'keep') tagsChanged = true;
      if (action === 'put' && merged.winner.op === 'put') await LOCAL_KINDS.tag.put(db, merged.winner.record);
      else if (action === 'remove' && !(await LOCAL_KINDS.tag.remove(db, merged.key))) {
        report.deleted -= 1;
        report.keptLocal += 1; // a tag still in use: journaled again as it is here
      }
    }
    // Every other record is a row of its own: one read and one write per kind and batch.
    for (const [name, kind] of Object.entries(BATCH_KINDS) as [JournalKind, BatchKind][]) {
      const records = [...changed].map((id) => state.get(id)!).filter((r) => r.kind === name);
      if (records.length === 0) continue;
      const locals = await kind.readMany(
        db,
        records.map((r) => r.key),
      );
      const puts: unknown[] = [];
      const stored: unknown[] = [];
      const removed: string[] = [];
      records.forEach((merged, i) => {
        toWrite.push(merged);
        const action = decide(merged, locals[i], before.get(recordId(name, merged.key)), me, report);
        if (action === 'put' && merged.winner.op === 'put') {
          puts.push(merged.winner.record);
          stored.push(locals[i]);
        } else if (action === 'remove') removed.push(merged.key);
      });
      await kind.writeMany(db, puts, removed, stored);
    }
    await writeTeamRecords(db, toWrite);
    if (tagsChanged) await orderTags(db, await tagPositions(db));
    return report;
  });
}

function historyStamps(record: MergedRecord): string {
  return record.history.map((e) => e.hlc).join(' ');
}

/** Versions kept from other devices; most records have none, and parsing their stamps is most of a merge's own work. */
function editCount(record: MergedRecord): number {
  return record.history.length === 0 ? 0 : concurrentEdits(record).length;
}

/**
 * What a record whose winner changed does to the database, counted in
 * `report`: kept as it is here (a change not journaled yet), removed (a
 * tombstone; counted as deleted), or put. A record already as the winner
 * says, or a tombstone of one not here, is counted unchanged.
 */
function decide(
  merged: MergedRecord,
  local: unknown,
  previous: JournalEntry | undefined,
  me: string | null,
  report: TeamApplyReport,
): 'keep' | 'remove' | 'put' | 'none' {
  if (isPendingHere(merged.kind, local, previous, merged.winner, me)) {
    report.keptLocal += 1;
    return 'keep';
  }
  if (merged.winner.op === 'delete') {
    if (local === undefined) {
      report.unchanged += 1;
      return 'none';
    }
    report.deleted += 1;
    return 'remove';
  }
  if (local !== undefined && sameAsEntry(local, merged.winner)) report.unchanged += 1;
  else if (local !== undefined) report.updated += 1;
  else report.added += 1;
  return 'put';
}

/**
 * Whether the stored record is a change of this device that its journal
 * does not have yet (kept, and journaled next with a later clock). For an
 * annotator's records: a record of `me` that differs from what the journals
 * said before. For the project's records (dates, rejected units, tags): any
 * difference from what the journals said before, a removal included.
 */
function isPendingHere(
  kind: JournalKind,
  local: unknown,
  previous: JournalEntry | undefined,
  winner: JournalEntry,
  me: string | null,
): boolean {
  if (!SHARED_KINDS.has(kind)) {
    return (
      local !== undefined &&
      (local as { annotator?: string }).annotator === me &&
      !sameAsEntry(local, previous ?? winner)
    );
  }
  if (previous === undefined) return local !== undefined && !sameAsEntry(local, winner);
  return local === undefined ? previous.op === 'put' : !sameAsEntry(local, previous);
}

/** Where the journals put each tag whose stored version is the journals' (other tags keep their place). */
async function tagPositions(db: TandaDB): Promise<Map<string, number>> {
  const positions = new Map<string, number>();
  const local = (await LOCAL_KINDS.tag.list(db, '')) ?? new Map<string, unknown>();
  for (const row of (await allTeamRecords(db)).values()) {
    if (row.kind !== 'tag' || row.winner.op !== 'put') continue;
    const journaled = row.winner.record as JournalTag;
    const here = local.get(row.winner.key) as JournalTag | undefined;
    if (here && canonicalJson(here.tag) === canonicalJson(journaled.tag))
      positions.set(row.winner.key, journaled.position);
  }
  return positions;
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
  return db.transaction('rw', [...TEAM_TABLES], async () => {
    const local = new Map<string, { kind: JournalKind; key: string; record: unknown }>();
    const skipped = new Set<JournalKind>();
    for (const kind of JOURNAL_KIND_ORDER) {
      const records = await LOCAL_KINDS[kind].list(db, annotator);
      if (records === null) skipped.add(kind);
      else for (const [key, record] of records) local.set(recordId(kind, key), { kind, key, record });
    }
    const known = await allTeamRecords(db);
    const clock = await loadClock(db);
    const out: JournalEntry[] = [];
    for (const [id, { kind, record }] of local) {
      const winner = known.get(id)?.winner;
      if (winner && sameAsEntry(record, winner)) continue;
      // The record is as the database holds it, which only valid records reach.
      out.push(putEntry(kind, record as never, tickHlc(clock, now(), device)));
    }
    for (const [id, { winner }] of known) {
      if (winner.op !== 'put' || skipped.has(winner.kind) || local.has(id)) continue;
      // Gone from here: a delete when it was ours (by name, or written by this device under an old name),
      // or the project's (a cleared date, a decision taken back).
      const ours =
        SHARED_KINDS.has(winner.kind) ||
        (winner.record as { annotator?: string }).annotator === annotator ||
        parseHlc(winner.hlc)?.device === device;
      if (!ours || (await LOCAL_KINDS[winner.kind].read(db, winner.key)) !== undefined) continue;
      out.push(deleteEntry(winner.kind, winner.key, tickHlc(clock, now(), device)));
    }
    await saveClock(db, clock);
    return out;
  });
}

/** Tags first, so a reader of a journal meets a tag before the annotations that name it. */
const JOURNAL_KIND_ORDER: readonly JournalKind[] = ['tag', 'date', 'rejected', 'annotation', 'status'];

/** Records lines this device wrote to its journal, so they are not sent again. */
export async function markJournaled(db: TandaDB, entries: readonly JournalEntry[]): Promise<void> {
  await db.transaction('rw', db.teamSegments, db.settings, async () => {
    const ids = [...new Set(entries.map((e) => recordId(e.kind, e.key)))];
    const state: TeamState = await teamRecordsOf(db, ids);
    const changed = mergeEntries(state, entries);
    await writeTeamRecords(
      db,
      [...changed].map((id) => state.get(id)!),
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
  const records = await db.transaction('r', db.teamSegments, db.settings, () => allTeamRecords(db));
  for (const { winner } of records.values()) {
    if (winner.op !== 'put') continue;
    const record = winner.record as { annotator?: string; status?: WorkStatus };
    if (typeof record.annotator !== 'string') continue;
    const m = member(record.annotator);
    if (winner.kind === 'annotation') m.annotations += 1;
    if (winner.kind === 'status' && record.status) m.statuses[record.status] += 1;
    const clock = parseHlc(winner.hlc);
    if (!clock) continue;
    if (!m.devices.includes(clock.device)) m.devices.push(clock.device);
    const at = new Date(clock.wall).toISOString();
    if (m.lastChange === null || at > m.lastChange) m.lastChange = at;
  }
  return [...members.values()].sort((a, b) => a.annotator.localeCompare(b.annotator));
}

function sameAsEntry(local: unknown, entry: JournalEntry): boolean {
  return entry.op === 'put' && canonicalJson(local) === canonicalJson(entry.record);
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
 * Calls `onChange` after any write to what the journals carry (a Dexie live
 * query over annotations, statuses, the codebook and the settings rows of
 * dates and rejected units, not the clock's, which every sync writes); the
 * caller debounces. Returns a stop function.
 */
export function onTeamTablesChanged(db: TandaDB, onChange: () => void): () => void {
  const subscription = liveQuery(() =>
    Promise.all([
      countStored(db),
      db.documentStatus.count(),
      db.codebook.toArray(),
      db.settings.where('key').startsWith(METADATA_KEY_PREFIX).toArray(),
      db.settings.where('key').startsWith(REJECTED_KEY_PREFIX).toArray(),
    ]),
  ).subscribe({
    next: () => onChange(),
    error: () => {},
  });
  return () => subscription.unsubscribe();
}

/** An annotation's versions that lost to an edit on another device (newest first), for the Annotations panel. */
export async function annotationConcurrentEdits(db: TandaDB, id: string): Promise<ConcurrentEdit[]> {
  const key = recordId('annotation', id);
  const rows = await db.transaction('r', db.teamSegments, db.settings, () => teamRecordsOf(db, [key]));
  const row = rows.get(key);
  return row ? concurrentEdits(row) : [];
}
