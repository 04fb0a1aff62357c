import Dexie from 'dexie';
import type { Annotation } from '../../../shared/annotation/annotation-types';
import { builtinCodebook } from '../../../shared/codebook/builtin-codebook';
import { type Codebook, type Tag, validateCodebook } from '../../../shared/codebook/codebook';
import { compareStrings, statusKey } from '../../../shared/exchange/record-order';
import type { JournalKind, JournalTag } from '../../../shared/team/journal-line';
import { parseRejectedKey, REJECTED_KEY_PREFIX, rejectedKey, type RejectedUnits } from './adjudication-repo';
import { METADATA_KEY_PREFIX, metadataKey, parseOverride } from './metadata-repo';
import { CODEBOOK_ROW_ID } from './settings-repo';
import type { DocumentStatusRecord, TandaDB } from './tanda-db';
import {
  ANNOTATION_TABLES,
  countStored,
  deleteStored,
  putMerged,
  storedAnnotations,
  storedWhere,
} from './annotation-store';

/*
 * Each kind of journal record as the database holds it: how to read one by
 * its journal key, write one, remove one, and list those this device
 * journals. Annotations and statuses belong to an annotator (a device
 * journals only its analyst's); dates, rejected units and the codebook are
 * the project's, so any device journals its edits of them.
 *
 * Call these inside a transaction over `TEAM_TABLES`.
 */

export const TEAM_TABLES = [
  ...ANNOTATION_TABLES,
  'documentStatus',
  'teamSegments',
  'settings',
  'codebook',
] as const;

/** Kinds that belong to the project, not to one annotator. */
export const SHARED_KINDS: ReadonlySet<JournalKind> = new Set(['date', 'rejected', 'tag']);

interface LocalKind {
  read(db: TandaDB, key: string): Promise<unknown>;
  put(db: TandaDB, record: unknown): Promise<void>;
  /** False when the record was kept (a tag still in use is never removed). */
  remove(db: TandaDB, key: string): Promise<boolean>;
  /** The records this device journals, by key; null when it journals none of this kind (and deletes none). */
  list(db: TandaDB, annotator: string): Promise<Map<string, unknown> | null>;
}

/**
 * A kind whose records are rows of their own (each key touches one row that
 * no other key of the batch touches), so a batch of them is read with one
 * request and written with one put and one delete: what makes a first merge
 * of 100,000 journal lines take seconds, not minutes. The codebook's tags
 * share one row and depend on each other's places, so they stay one by one.
 */
export interface BatchKind extends LocalKind {
  /** The stored records of `keys`, in order (undefined where none). */
  readMany(db: TandaDB, keys: readonly string[]): Promise<unknown[]>;
  /**
   * Puts `records` and removes `removed` (keys of records not among `records`); `stored`, when
   * given, is what `readMany` gave for `records` in this transaction.
   */
  writeMany(
    db: TandaDB,
    records: readonly unknown[],
    removed: readonly string[],
    stored?: readonly unknown[],
  ): Promise<void>;
}

/** `read`, `put` and `remove` of a batch kind, as batches of one. */
function batchKind(kind: Pick<BatchKind, 'readMany' | 'writeMany' | 'list'>): BatchKind {
  return {
    ...kind,
    read: async (db, key) => (await kind.readMany(db, [key]))[0],
    put: (db, record) => kind.writeMany(db, [record], []),
    remove: async (db, key) => {
      await kind.writeMany(db, [], [key]);
      return true;
    },
  };
}

function pair(key: string): [string, string] {
  return JSON.parse(key) as [string, string];
}

const annotationKind = batchKind({
  readMany: (db, keys) => storedAnnotations(db, keys),
  // Into packed rows, a thousand to a row: a row each made a first merge take twenty seconds.
  writeMany: async (db, records, removed, stored) => {
    await putMerged(db, records as Annotation[], stored as (Annotation | undefined)[] | undefined);
    await deleteStored(db, removed);
  },
  list: async (db, annotator) =>
    new Map((await storedWhere(db, 'annotator', annotator)).map((a) => [a.id, a])),
});

const statusKind = batchKind({
  readMany: (db, keys) => db.documentStatus.bulkGet(keys.map(pair)),
  writeMany: async (db, records, removed) => {
    if (records.length > 0) await db.documentStatus.bulkPut(records as DocumentStatusRecord[]);
    if (removed.length > 0) await db.documentStatus.bulkDelete(removed.map(pair));
  },
  list: async (db, annotator) => {
    const rows = await db.documentStatus
      .where('[annotator+documentPath]')
      .between([annotator, Dexie.minKey], [annotator, Dexie.maxKey])
      .toArray();
    return new Map(rows.map((s) => [statusKey(s), s]));
  },
});

const dateKind = batchKind({
  readMany: async (db, documentPaths) => {
    const rows = await db.settings.bulkGet(documentPaths.map(metadataKey));
    return rows.map((row, i) => {
      const date = parseOverride(row?.value).date;
      return date === undefined ? undefined : { documentPath: documentPaths[i]!, date };
    });
  },
  // The date is one field of the document's stored override: the other fields stay as they are.
  writeMany: async (db, records, removed) => {
    const dates = new Map<string, string | undefined>(removed.map((path) => [path, undefined]));
    for (const r of records as { documentPath: string; date: string }[]) dates.set(r.documentPath, r.date);
    const keys = [...dates.keys()].map(metadataKey);
    const rows = await db.settings.bulkGet(keys);
    const puts: { key: string; value: unknown }[] = [];
    const deletes: string[] = [];
    [...dates.values()].forEach((date, i) => {
      const key = keys[i]!;
      const rest = { ...parseOverride(rows[i]?.value) };
      if (date === undefined) delete rest.date;
      else rest.date = date;
      if (Object.keys(rest).length === 0) deletes.push(key);
      else puts.push({ key, value: rest });
    });
    if (puts.length > 0) await db.settings.bulkPut(puts);
    if (deletes.length > 0) await db.settings.bulkDelete(deletes);
  },
  list: async (db) => {
    const rows = await db.settings.where('key').startsWith(METADATA_KEY_PREFIX).toArray();
    const out = new Map<string, unknown>();
    for (const row of rows) {
      const documentPath = row.key.slice(METADATA_KEY_PREFIX.length);
      const date = parseOverride(row.value).date;
      if (date !== undefined) out.set(documentPath, { documentPath, date });
    }
    return out;
  },
});

function rejectedRecord(annotator: string, documentPath: string, value: unknown): unknown {
  const list = (value as Partial<RejectedUnits> | null | undefined)?.rejected;
  const units = Array.isArray(list) ? list.filter((u): u is string => typeof u === 'string').sort() : [];
  return units.length === 0 ? undefined : { annotator, documentPath, units };
}

function rejectedRowKey(key: string): string {
  const [annotator, documentPath] = pair(key);
  return rejectedKey(annotator, documentPath);
}

const rejectedKind = batchKind({
  readMany: async (db, keys) => {
    const rows = await db.settings.bulkGet(keys.map(rejectedRowKey));
    return keys.map((key, i) => {
      const [annotator, documentPath] = pair(key);
      return rejectedRecord(annotator, documentPath, rows[i]?.value);
    });
  },
  writeMany: async (db, records, removed) => {
    const rows = (records as { annotator: string; documentPath: string; units: string[] }[]).map((r) => ({
      key: rejectedKey(r.annotator, r.documentPath),
      value: { rejected: [...r.units].sort() } satisfies RejectedUnits,
    }));
    if (rows.length > 0) await db.settings.bulkPut(rows);
    if (removed.length > 0) await db.settings.bulkDelete(removed.map(rejectedRowKey));
  },
  list: async (db) => {
    const rows = await db.settings.where('key').startsWith(REJECTED_KEY_PREFIX).toArray();
    const out = new Map<string, unknown>();
    for (const row of rows) {
      const owner = parseRejectedKey(row.key);
      const record = owner && rejectedRecord(owner.target, owner.documentPath, row.value);
      if (owner && record)
        out.set(statusKey({ annotator: owner.target, documentPath: owner.documentPath }), record);
    }
    return out;
  },
});

/** The codebook the app shows: the stored one, the built-in one before any edit, null when the stored one is unreadable. */
export async function teamCodebook(db: TandaDB): Promise<Codebook | null> {
  const row = await db.codebook.get(CODEBOOK_ROW_ID);
  if (!row) return builtinCodebook();
  try {
    return validateCodebook(row.codebook);
  } catch {
    return null; // the app says so where the codebook is edited; the journals leave it alone
  }
}

async function saveTags(db: TandaDB, codebook: Codebook, tags: Tag[]): Promise<void> {
  const next: Codebook = { ...codebook, tags };
  await db.codebook.put({
    id: CODEBOOK_ROW_ID,
    codebook: JSON.parse(JSON.stringify(next)) as unknown,
    updatedAt: new Date().toISOString(),
  });
}

const tagKind: LocalKind = {
  read: async (db, id) => {
    const codebook = await teamCodebook(db);
    const position = codebook?.tags.findIndex((t) => t.id === id) ?? -1;
    return position < 0 ? undefined : ({ tag: codebook!.tags[position]!, position } satisfies JournalTag);
  },
  put: async (db, record) => {
    const codebook = await teamCodebook(db);
    if (!codebook) return;
    const { tag, position } = record as JournalTag;
    const tags = codebook.tags.filter((t) => t.id !== tag.id);
    tags.splice(Math.min(position, tags.length), 0, tag);
    // Two devices may each hand out one key; the tag read from the journal gives its key up rather than break the codebook.
    const clash =
      tag.shortcut !== null &&
      tags.some(
        (t) => t.id !== tag.id && !t.retired && t.shortcut?.toLowerCase() === tag.shortcut!.toLowerCase(),
      );
    if (clash) tags[tags.indexOf(tag)] = { ...tag, shortcut: null };
    await saveTags(db, codebook, tags);
  },
  remove: async (db, id) => {
    const codebook = await teamCodebook(db);
    if (!codebook || !codebook.tags.some((t) => t.id === id)) return true;
    // Tags are retired, not deleted, while an annotation names them.
    if ((await countStored(db, 'tag', id)) > 0) return false;
    await saveTags(
      db,
      codebook,
      codebook.tags.filter((t) => t.id !== id),
    );
    return true;
  },
  list: async (db) => {
    // The built-in codebook before any edit is every device's already: journaled once it is edited or read from a journal.
    if (!(await db.codebook.get(CODEBOOK_ROW_ID))) return null;
    const codebook = await teamCodebook(db);
    if (!codebook) return null;
    return new Map(
      (codebook?.tags ?? []).map((tag, position) => [tag.id, { tag, position } satisfies JournalTag]),
    );
  },
};

/** The kinds applied a batch at a time (every kind but tags, which go one record at a time): a new kind must say which it is. */
export const BATCH_KINDS: Record<Exclude<JournalKind, 'tag'>, BatchKind> = {
  annotation: annotationKind,
  status: statusKind,
  date: dateKind,
  rejected: rejectedKind,
};

export const LOCAL_KINDS: Record<JournalKind, LocalKind> = {
  annotation: annotationKind,
  status: statusKind,
  date: dateKind,
  rejected: rejectedKind,
  tag: tagKind,
};

/**
 * Puts the codebook's tags in the order the journals give them (`positions`,
 * by tag id; a tag without one keeps its place), ties by id, so every
 * device that has read the same lines shows the same order.
 */
export async function orderTags(db: TandaDB, positions: ReadonlyMap<string, number>): Promise<void> {
  const codebook = await teamCodebook(db);
  if (!codebook) return;
  const keyed = codebook.tags.map((tag, index) => ({ tag, at: positions.get(tag.id) ?? index }));
  keyed.sort((a, b) => a.at - b.at || compareStrings(a.tag.id, b.tag.id));
  const tags = keyed.map((k) => k.tag);
  if (tags.some((t, i) => t !== codebook.tags[i])) await saveTags(db, codebook, tags);
}
