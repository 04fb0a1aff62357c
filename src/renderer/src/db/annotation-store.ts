import Dexie from 'dexie';
import type { Annotation } from '../../../shared/annotation/annotation-types';
import type { ColleagueAnnotationRow, TandaDB } from './tanda-db';

/*
 * Where annotations are stored: the `annotations` table (a row each: those
 * made, imported or changed here) and `colleagueAnnotations` (annotations as
 * a team merge brought them, colleagues' and this analyst's from another
 * device, packed a thousand of one annotator to a row). Chromium spends
 * 150–250 µs on each stored row whatever its size, ~10 µs a record in a
 * packed one (bench/idb-write-cost.ts), so a first merge of 100,000
 * annotations writes them in about a second, not twenty. Every reader of
 * annotations reads through this module, which gives both stores as one
 * table: an id lives in one of them only (a write to the table takes the
 * packed copy out in the same transaction).
 *
 * The packed rows are read whole once and kept in memory per database. Each
 * write gives a rewritten row a new key, so the list of keys (one cheap
 * request, read at the start of every read) says whether the memory is
 * current; a write of another window, or one that aborted, changes it. A
 * live query reads that list too, so it follows the packed rows.
 *
 * Call these inside a transaction over `ANNOTATION_TABLES` (or outside any).
 */

/** The tables a transaction that reads or writes annotations names. */
export const ANNOTATION_TABLES = ['annotations', 'colleagueAnnotations'] as const;

/** Records per packed row: ~10 ms to clone, and a first merge's transaction fills about one. */
export const PACKED_ROW_RECORDS = 1000;

interface PackedState {
  signature: string;
  rows: Map<string, { annotator: string; ids: string[] }>;
  records: Map<string, Annotation>;
  home: Map<string, string>;
  /** Per annotator: a row with room left, where their next new records go. */
  open: Map<string, string>;
}

const loaded = new WeakMap<TandaDB, PackedState>();

/**
 * The memory checked against the stored keys in a transaction: within it no other write can come
 * between (this transaction's own keep the memory in step), so one check each is enough; a team
 * merge's transaction made three, each a trip to IndexedDB.
 */
const checkedIn = new WeakMap<object, PackedState>();

async function packed(db: TandaDB): Promise<PackedState> {
  // One async function, not two: Dexie follows its transaction (and a live query what it reads)
  // through so many awaits only.
  const transaction = Dexie.currentTransaction;
  const checked = transaction ? checkedIn.get(transaction) : undefined;
  if (checked && loaded.get(db) === checked) return checked;
  const keys = (await db.colleagueAnnotations.toCollection().primaryKeys()) as string[];
  const signature = keys.join('\u0000');
  const cached = loaded.get(db);
  if (cached && cached.signature === signature) {
    if (transaction) checkedIn.set(transaction, cached);
    return cached;
  }
  // Awaited here, not shared between callers as one promise: Dexie follows its transaction (and a
  // live query what it reads) through plain awaits only.
  const rows = await db.colleagueAnnotations.bulkGet(keys);
  const fresh: PackedState = {
    signature,
    rows: new Map(),
    records: new Map(),
    home: new Map(),
    open: new Map(),
  };
  for (const row of rows) {
    if (!row) continue;
    for (const a of row.records) {
      fresh.records.set(a.id, a);
      fresh.home.set(a.id, row.id);
    }
    fresh.rows.set(row.id, { annotator: row.annotator, ids: row.records.map((a) => a.id) });
    if (row.records.length < PACKED_ROW_RECORDS) fresh.open.set(row.annotator, row.id);
  }
  loaded.set(db, fresh);
  if (transaction) checkedIn.set(transaction, fresh);
  return fresh;
}

// ---------------------------------------------------------------- reads

/** Code-unit order, IndexedDB's order of string keys. */
function byId(a: Annotation, b: Annotation): number {
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** The table's rows and the packed ones, by id, as one index range of one table would give them. */
function union(rows: readonly Annotation[], more: Iterable<Annotation>): Annotation[] {
  const extra = [...more];
  if (extra.length === 0) return [...rows];
  const seen = new Set(rows.map((a) => a.id));
  return [...rows, ...extra.filter((a) => !seen.has(a.id))].sort(byId);
}

function packedWhere(state: PackedState, match: (a: Annotation) => boolean): Annotation[] {
  const out: Annotation[] = [];
  for (const a of state.records.values()) if (match(a)) out.push(a);
  return out;
}

export async function storedAnnotation(db: TandaDB, id: string): Promise<Annotation | undefined> {
  return (await db.annotations.get(id)) ?? (await packed(db)).records.get(id);
}

/**
 * From this many keys on, the table's keys in their range are read (at most KEYS_PER_ID per id
 * wanted) rather than each key: a read of a key costs IndexedDB ~20–50 µs, one of a key in a range
 * a small part of that, and most ids of a team merge are new here.
 */
const KEY_SCAN_FROM = 50;
const KEYS_PER_ID = 20;

/** The stored annotations of `ids`, in order (undefined where none). */
export async function storedAnnotations(
  db: TandaDB,
  ids: readonly string[],
): Promise<(Annotation | undefined)[]> {
  const state = await packed(db);
  const own = await tableRows(db, ids);
  return ids.map((id, i) => own[i] ?? state.records.get(id));
}

/** The table's rows of `ids`, in order; the packed copies left out. */
async function tableRows(db: TandaDB, ids: readonly string[]): Promise<(Annotation | undefined)[]> {
  if (ids.length < KEY_SCAN_FROM) return db.annotations.bulkGet([...ids]);
  // A first merge brings tens of thousands of ids this database has never held: a read of each
  // (~50 µs a request in Chromium) cost more than the writes. Only the ids already here are read.
  let low = ids[0]!;
  let high = low;
  for (const k of ids)
    if (k < low) low = k;
    else if (k > high) high = k;
  const limit = ids.length * KEYS_PER_ID;
  const keys = await db.annotations.where(':id').between(low, high, true, true).limit(limit).primaryKeys();
  // A range holding many more of the table's keys than ids wanted (this analyst's own thousands):
  // a read per key costs less than all of them.
  if (keys.length >= limit) return db.annotations.bulkGet([...ids]);
  const present = new Set(keys);
  const wanted = ids.filter((k) => present.has(k));
  const found = new Map((await db.annotations.bulkGet(wanted)).map((a, i) => [wanted[i]!, a]));
  return ids.map((k) => found.get(k));
}

type Field = 'documentPath' | 'annotator' | 'tag';

/** The annotations whose `field` is `value`, by id. */
export async function storedWhere(db: TandaDB, field: Field, value: string): Promise<Annotation[]> {
  const state = await packed(db);
  const rows = await db.annotations.where(field).equals(value).toArray();
  return union(
    rows,
    packedWhere(state, (a) => a[field] === value),
  );
}

/** One annotator's annotations on one document, by id. */
export async function storedForDocumentBy(
  db: TandaDB,
  documentPath: string,
  annotator: string,
): Promise<Annotation[]> {
  const state = await packed(db);
  const rows = await db.annotations
    .where('[documentPath+annotator]')
    .equals([documentPath, annotator])
    .toArray();
  return union(
    rows,
    packedWhere(state, (a) => a.documentPath === documentPath && a.annotator === annotator),
  );
}

/** Every stored annotation, by id. */
export async function everyStoredAnnotation(db: TandaDB): Promise<Annotation[]> {
  const state = await packed(db);
  return union(await db.annotations.toArray(), state.records.values());
}

export async function storedAnnotationIdList(db: TandaDB): Promise<string[]> {
  const state = await packed(db);
  const own = (await db.annotations.toCollection().primaryKeys()) as string[];
  const seen = new Set(own);
  return [...own, ...[...state.home.keys()].filter((id) => !seen.has(id))];
}

/** Distinct annotator names, in code-unit order. */
export async function storedAnnotators(db: TandaDB): Promise<string[]> {
  const state = await packed(db);
  const names = new Set((await db.annotations.orderBy('annotator').uniqueKeys()).map(String));
  for (const row of state.rows.values()) if (row.ids.length > 0) names.add(row.annotator);
  return [...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** How many annotations there are (whose `field` is `value`, when given). */
export async function countStored(db: TandaDB, field?: Field, value?: string): Promise<number> {
  const state = await packed(db);
  if (field === undefined) {
    // An id is in one store only (every write here keeps it so).
    return (await db.annotations.count()) + state.home.size;
  }
  return (await storedWhere(db, field, value!)).length;
}

/** The annotation last edited (the latest `updatedAt`, ties to the greatest id), as the `updatedAt` index ends. */
export async function lastEditedStored(db: TandaDB): Promise<Annotation | undefined> {
  const state = await packed(db);
  let last = await db.annotations.orderBy('updatedAt').last();
  for (const a of state.records.values()) {
    if (!last || a.updatedAt > last.updatedAt || (a.updatedAt === last.updatedAt && a.id > last.id)) last = a;
  }
  return last;
}

// ---------------------------------------------------------------- writes

/** Puts `records` in the table (an analyst's work, an import), taking out their packed copies. */
export async function putStored(db: TandaDB, records: readonly Annotation[]): Promise<void> {
  await unpack(
    db,
    records.map((r) => r.id),
  );
  if (records.length > 0) await db.annotations.bulkPut([...records]);
}

/** Adds `records` to the table; fails as `bulkAdd` does when one is there already. */
export async function addStored(db: TandaDB, records: readonly Annotation[]): Promise<void> {
  await unpack(
    db,
    records.map((r) => r.id),
  );
  if (records.length > 0) await db.annotations.bulkAdd([...records]);
}

/** Deletes `ids` wherever they are stored. */
export async function deleteStored(db: TandaDB, ids: readonly string[]): Promise<void> {
  await unpack(db, ids);
  if (ids.length > 0) await db.annotations.bulkDelete([...ids]);
}

/** Deletes every annotation. */
export async function clearStored(db: TandaDB): Promise<void> {
  await db.annotations.clear();
  await db.colleagueAnnotations.clear();
  loaded.delete(db);
}

/**
 * Stores annotations as a team merge brought them: a record already in the
 * table (changed here, imported) is put there; the others go into packed
 * rows of their annotator. This analyst's own from another device are packed
 * too: an edit here makes one a row of the table (as any write does), and a
 * tenth of a first merge's time went on them as rows. `stored`, when given,
 * is what `storedAnnotations` gave for `records` in this transaction (it
 * saves reading the table again).
 */
export async function putMerged(
  db: TandaDB,
  records: readonly Annotation[],
  stored?: readonly (Annotation | undefined)[],
): Promise<void> {
  if (records.length === 0) return;
  const state = await packed(db);
  // `stored`, read in this transaction, says which are rows of the table: those not packed.
  const own = stored
    ? records.map((r, i) => (stored[i] !== undefined && !state.home.has(r.id) ? stored[i] : undefined))
    : await tableRows(
        db,
        records.map((r) => r.id),
      );
  const table = records.filter((_, i) => own[i] !== undefined);
  if (table.length > 0) await db.annotations.bulkPut(table);
  const dirty = new Set<string>();
  for (const record of records.filter((_, i) => own[i] === undefined)) {
    const home = state.home.get(record.id);
    if (home !== undefined && state.rows.get(home)!.annotator !== record.annotator) {
      leaveRow(state, record.id, dirty);
    }
    if (!state.home.has(record.id)) joinRow(state, record, dirty);
    state.records.set(record.id, record);
    dirty.add(state.home.get(record.id)!);
  }
  await rewrite(db, state, dirty);
}

async function unpack(db: TandaDB, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  const state = await packed(db);
  const dirty = new Set<string>();
  for (const id of ids) if (state.home.has(id)) leaveRow(state, id, dirty);
  await rewrite(db, state, dirty);
}

function leaveRow(state: PackedState, id: string, dirty: Set<string>): void {
  const home = state.home.get(id)!;
  const row = state.rows.get(home)!;
  row.ids.splice(row.ids.indexOf(id), 1);
  state.home.delete(id);
  state.records.delete(id);
  dirty.add(home);
}

function joinRow(state: PackedState, record: Annotation, dirty: Set<string>): void {
  let key = state.open.get(record.annotator);
  if (key === undefined || state.rows.get(key)!.ids.length >= PACKED_ROW_RECORDS) {
    key = crypto.randomUUID();
    state.rows.set(key, { annotator: record.annotator, ids: [] });
    state.open.set(record.annotator, key);
  }
  state.rows.get(key)!.ids.push(record.id);
  state.home.set(record.id, key);
  dirty.add(key);
}

/** Writes the changed rows under new keys (the old ones deleted first), and the memory's new key list. */
async function rewrite(db: TandaDB, state: PackedState, dirty: ReadonlySet<string>): Promise<void> {
  if (dirty.size === 0) return;
  const rows: ColleagueAnnotationRow[] = [];
  for (const old of dirty) {
    const row = state.rows.get(old)!;
    state.rows.delete(old);
    if (row.ids.length === 0) {
      if (state.open.get(row.annotator) === old) state.open.delete(row.annotator);
      continue;
    }
    const key = crypto.randomUUID();
    state.rows.set(key, row);
    for (const id of row.ids) state.home.set(id, key);
    if (state.open.get(row.annotator) === old) state.open.set(row.annotator, key);
    rows.push({ id: key, annotator: row.annotator, records: row.ids.map((id) => state.records.get(id)!) });
  }
  // Memory goes ahead of the commit: should the transaction abort, the keys stored never match it.
  state.signature = [...state.rows.keys()].sort().join('\u0000');
  await db.colleagueAnnotations.bulkDelete([...dirty]);
  if (rows.length > 0) await db.colleagueAnnotations.bulkPut(rows);
}
