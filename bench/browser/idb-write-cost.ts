/*
 * What one stored row costs Chromium's IndexedDB, by the shape of the write:
 * how many secondary indexes the store has (simple or compound), how many
 * rows each transaction carries, and whether the rows go through Dexie's
 * bulkPut or bare `put` requests. Runs in the probe page (`idb-probe.ts`);
 * `bench/idb-write-cost.ts` prints the table. These figures chose the
 * annotations table's indexes (schema version 7).
 */
import Dexie from 'dexie';
import type { Annotation } from '../../src/shared/annotation/annotation-types';
import { teamAnnotation } from '../team-sample';

export interface WriteShape {
  /** Secondary indexes as Dexie spells them (`'annotator'`, `'[documentPath+annotator]'`). */
  indexes: string[];
  /** Rows per transaction; the whole set in one when ≥ rows. */
  perTransaction: number;
  via: 'dexie' | 'idb';
  /** Records per stored row (an array under one key); 1 = a row per record. */
  packed?: number;
}

export interface WriteCost {
  ms: number;
  /** µs per row. */
  perRow: number;
}

/** The team bench's annotations, 10 annotators in turn. */
export function sampleRows(count: number): Annotation[] {
  return Array.from({ length: count }, (_, i) => teamAnnotation(`analyst-${i % 10}`, i, ''));
}

function keyPath(index: string): string | string[] {
  return index.startsWith('[') ? index.slice(1, -1).split('+') : index;
}

/*
 * The few IndexedDB calls used bare, typed here: the bench compiles for Node without the DOM
 * library, and the page has them.
 */
interface BareTransaction {
  objectStore(name: string): { put(value: unknown): unknown };
  oncomplete: (() => void) | null;
  onerror: (() => void) | null;
  error: unknown;
}
interface BareDatabase {
  createObjectStore(
    name: string,
    options: { keyPath: string },
  ): {
    createIndex(name: string, keyPath: string | string[]): unknown;
  };
  transaction(store: string, mode: 'readwrite'): BareTransaction;
  close(): void;
}
interface BareOpenRequest {
  result: BareDatabase;
  error: unknown;
  onupgradeneeded: (() => void) | null;
  onsuccess: (() => void) | null;
  onerror: (() => void) | null;
}
const bareIndexedDb = (): { open(name: string, version: number): BareOpenRequest } =>
  (globalThis as unknown as { indexedDB: { open(name: string, version: number): BareOpenRequest } })
    .indexedDB;

/** ms of the writes alone (the database opened and its stores made before). */
async function viaIdb(name: string, shape: WriteShape, rows: readonly unknown[]): Promise<number> {
  const db = await new Promise<BareDatabase>((resolve, reject) => {
    const open = bareIndexedDb().open(name, 1);
    open.onupgradeneeded = () => {
      const store = open.result.createObjectStore('annotations', { keyPath: 'id' });
      for (const index of shape.indexes) store.createIndex(index, keyPath(index));
    };
    open.onsuccess = () => resolve(open.result);
    open.onerror = () => reject(open.error);
  });
  try {
    const t0 = performance.now();
    for (let i = 0; i < rows.length; i += shape.perTransaction) {
      const tx = db.transaction('annotations', 'readwrite');
      const store = tx.objectStore('annotations');
      for (const row of rows.slice(i, i + shape.perTransaction)) store.put(row);
      await new Promise<void>((resolve, reject) => {
        tx.oncomplete = () => resolve();
        tx.onerror = () => reject(tx.error);
      });
    }
    return performance.now() - t0;
  } finally {
    db.close();
  }
}

async function viaDexie(name: string, shape: WriteShape, rows: readonly unknown[]): Promise<number> {
  const db = new Dexie(name);
  db.version(1).stores({ annotations: ['id', ...shape.indexes].join(', ') });
  await db.open();
  try {
    const table = db.table('annotations');
    const t0 = performance.now();
    for (let i = 0; i < rows.length; i += shape.perTransaction)
      await db.transaction('rw', table, () => table.bulkPut(rows.slice(i, i + shape.perTransaction)));
    return performance.now() - t0;
  } finally {
    db.close();
  }
}

/** Writes `rows` into a fresh database of `shape`, timed from the first transaction to the last commit. */
export async function writeCost(name: string, shape: WriteShape, rowCount: number): Promise<WriteCost> {
  const records: unknown[] = sampleRows(rowCount);
  const pack = shape.packed ?? 1;
  const rows =
    pack === 1
      ? records
      : Array.from({ length: Math.ceil(rowCount / pack) }, (_, i) => ({
          id: String(i),
          records: records.slice(i * pack, (i + 1) * pack),
        }));
  await Dexie.delete(name);
  const ms = await (shape.via === 'idb' ? viaIdb : viaDexie)(name, shape, rows);
  await Dexie.delete(name);
  return { ms, perRow: (ms * 1000) / rowCount };
}
