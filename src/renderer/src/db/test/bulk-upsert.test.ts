import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import type { Annotation } from '../../../../shared/annotation/annotation-types';
import { AnnotationValidationError, bulkUpsert, createAnnotation, getAnnotation } from '../annotation-repo';
import { describeStorageError } from '../../ui/storage-error';
import { isQuotaError } from '../storage-health';
import type { TandaDB } from '../tanda-db';
import { freshDb, newAnnotation } from './annotation-fixtures';

let db: TandaDB;
afterEach(async () => {
  await db?.delete();
});

/** A complete record as an import file would carry it. */
function imported(overrides: Partial<Annotation> = {}): Annotation {
  return {
    ...newAnnotation(),
    id: crypto.randomUUID(),
    createdAt: '2025-02-01T10:00:00.000Z',
    updatedAt: '2025-02-01T10:00:00.000Z',
    ...overrides,
  };
}

async function allRows(): Promise<Annotation[]> {
  return db.annotations.orderBy('id').toArray();
}

describe('bulkUpsert', () => {
  it('is idempotent: importing the same records twice adds nothing the second time', async () => {
    db = freshDb();
    const rows = [imported(), imported({ start: 30, end: 40 }), imported({ annotator: 'Budi' })];
    expect(await bulkUpsert(db, rows, { mode: 'insert-new' })).toEqual({
      added: 3,
      updated: 0,
      unchanged: 0,
    });
    const afterFirst = await allRows();
    expect(await bulkUpsert(db, rows, { mode: 'insert-new' })).toEqual({
      added: 0,
      updated: 0,
      unchanged: 3,
    });
    expect(await bulkUpsert(db, rows, { mode: 'newer-wins' })).toEqual({
      added: 0,
      updated: 0,
      unchanged: 3,
    });
    expect(await allRows()).toEqual(afterFirst);
  });

  it('insert-new never replaces an existing record', async () => {
    db = freshDb();
    const local = imported();
    await bulkUpsert(db, [local], { mode: 'insert-new' });
    const newer = { ...local, tag: 'dispute', updatedAt: '2025-02-02T00:00:00.000Z' };
    expect(await bulkUpsert(db, [newer], { mode: 'insert-new' })).toEqual({
      added: 0,
      updated: 0,
      unchanged: 1,
    });
    expect(await getAnnotation(db, local.id)).toEqual(local);
  });

  it('newer-wins replaces only with a strictly later updatedAt', async () => {
    db = freshDb();
    const a = imported();
    const b = imported({ start: 30, end: 40 });
    await bulkUpsert(db, [a, b], { mode: 'insert-new' });

    const newerA = { ...a, tag: 'dispute', updatedAt: '2025-02-03T00:00:00.000Z' };
    const olderB = { ...b, tag: 'dispute', updatedAt: '2025-01-01T00:00:00.000Z' };
    const tieB = { ...b, note: 'same instant', updatedAt: '2025-02-01T10:00:00Z' };
    const fresh = imported({ start: 50, end: 60 });

    expect(await bulkUpsert(db, [newerA, olderB, fresh], { mode: 'newer-wins' })).toEqual({
      added: 1,
      updated: 1,
      unchanged: 1,
    });
    expect(await bulkUpsert(db, [tieB], { mode: 'newer-wins' })).toEqual({
      added: 0,
      updated: 0,
      unchanged: 1,
    });
    expect(await getAnnotation(db, a.id)).toEqual(newerA);
    expect(await getAnnotation(db, b.id)).toEqual(b);
    expect(await getAnnotation(db, fresh.id)).toEqual(fresh);
  });

  it('writes nothing when one record is invalid, and names the record and field', async () => {
    db = freshDb();
    const existing = imported();
    await bulkUpsert(db, [existing], { mode: 'insert-new' });
    const before = await allRows();

    const batch: unknown[] = [
      imported(),
      { ...existing, tag: 'dispute', updatedAt: '2030-01-01T00:00:00Z' },
      { ...imported(), contentSha256: 'nope' },
    ];
    const error = await bulkUpsert(db, batch, { mode: 'newer-wins' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AnnotationValidationError);
    expect((error as Error).message).toMatch(/^Record 3 is invalid: field "contentSha256"/);
    expect(await allRows()).toEqual(before);
  });

  it('rejects a batch that repeats an id', async () => {
    db = freshDb();
    const a = imported();
    await expect(bulkUpsert(db, [a, imported(), { ...a }], { mode: 'insert-new' })).rejects.toThrow(
      /Record 3 repeats annotation id .* record 1/,
    );
    expect(await db.annotations.count()).toBe(0);
  });
});

describe('a write failing inside its transaction', () => {
  it('a quota error halfway through an import leaves the database as it was', async () => {
    db = freshDb();
    const { after: saved } = await createAnnotation(db, newAnnotation());
    let calls = 0;
    db.annotations.hook('creating', () => {
      calls += 1;
      if (calls === 3) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    });

    const batch = [imported(), imported(), imported(), imported()];
    const error = await bulkUpsert(db, batch, { mode: 'insert-new' }).catch((e: unknown) => e);

    expect(calls).toBe(3);
    expect(isQuotaError(error)).toBe(true);
    expect(describeStorageError(error)).toBe(
      "Tanda could not save: the browser's storage quota is full. Nothing already saved was lost; free space or export your work.",
    );
    expect(await allRows()).toEqual([saved]);
  });

  it('a quota error on a single create stores nothing and is recognised', async () => {
    db = freshDb();
    db.annotations.hook('creating', () => {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    });
    const error = await createAnnotation(db, newAnnotation()).catch((e: unknown) => e);
    expect(isQuotaError(error)).toBe(true);
    expect(await db.annotations.count()).toBe(0);
  });
});
