import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { describe, expect, it, vi } from 'vitest';
import { EPOCH_KEY, TALLIES_KEY } from '../annotation-epoch';
import { AnnotationMirror } from '../annotation-mirror';
import { createAnnotation, createAnnotations, deleteAnnotation } from '../annotation-repo';
import { setAnnotatorName } from '../settings-repo';
import { TandaDB } from '../tanda-db';
import { ARTICLE, OTHER_ARTICLE, deletedAfterEach, newAnnotation } from './annotation-fixtures';

const freshDb = deletedAfterEach();

async function epochOf(db: TandaDB): Promise<string | undefined> {
  const row = await db.tallyCache.get(EPOCH_KEY);
  return row?.key === EPOCH_KEY ? row.epoch : undefined;
}

/** A launch: a new connection and mirror; which of its notifications came before the table was read. */
async function relaunch(name: string): Promise<{
  db: TandaDB;
  mirror: AnnotationMirror;
  early: { loaded: boolean; known: boolean; ayu: unknown }[];
}> {
  const db = new TandaDB(name);
  const mirror = new AnnotationMirror(db);
  const early: { loaded: boolean; known: boolean; ayu: unknown }[] = [];
  mirror.subscribe(() =>
    early.push({
      loaded: mirror.loaded(),
      known: mirror.talliesKnown(),
      ayu: mirror.annotatorTallies('Ayu'),
    }),
  );
  await mirror.ready();
  return { db, mirror, early };
}

describe('annotation epochs', () => {
  it('stamps every annotation write with a new epoch in its own transaction, and nothing else', async () => {
    const db = freshDb();
    expect(await epochOf(db)).toBeUndefined();
    const a = (await createAnnotation(db, newAnnotation())).after!;
    const first = await epochOf(db);
    expect(first).toMatch(/^[0-9a-f-]{36}$/);
    await setAnnotatorName(db, 'Ayu');
    expect(await epochOf(db)).toBe(first);
    await deleteAnnotation(db, a.id, { annotator: 'Ayu' });
    const second = await epochOf(db);
    expect(second).not.toBe(first);
    await db.annotations.clear();
    expect(await epochOf(db)).not.toBe(second);
  });

  it('keeps the epoch of a write that was rolled back out, with the write', async () => {
    const db = freshDb();
    await createAnnotation(db, newAnnotation());
    const before = await epochOf(db);
    await expect(
      db.transaction('rw', db.annotations, async () => {
        await db.annotations.add({ ...newAnnotation(), id: 'x', createdAt: 'a', updatedAt: 'a' } as never);
        throw new Error('refused halfway');
      }),
    ).rejects.toThrow('refused halfway');
    expect(await epochOf(db)).toBe(before);
    expect(await db.annotations.get('x')).toBeUndefined();
  });
});

/** A session that tagged once and saved its counts, then closed; its database. */
async function sessionSaved(): Promise<TandaDB> {
  const db = freshDb();
  const mirror = new AnnotationMirror(db);
  await mirror.ready();
  await createAnnotation(db, newAnnotation());
  expect(await mirror.saveTallies()).toBe(true);
  db.close();
  return db;
}

describe("the document list's counts kept for the next launch", () => {
  it('are shown at a launch before the table is read, equal to what the read then counts', async () => {
    const db = freshDb();
    const mirror = new AnnotationMirror(db);
    await mirror.ready();
    await createAnnotations(db, [
      newAnnotation(),
      newAnnotation({ start: 30, end: 34, tag: 'dispute' }),
      newAnnotation({ documentPath: OTHER_ARTICLE, annotator: 'Budi' }),
    ]);
    expect(await mirror.saveTallies()).toBe(true);
    expect(await mirror.saveTallies()).toBe(false); // nothing changed since
    const counted = mirror.annotatorTallies('Ayu');
    db.close();

    const next = await relaunch(db.name);
    expect(next.early[0]).toEqual({ loaded: false, known: true, ayu: counted });
    expect(next.mirror.annotatorTallies('Ayu')).toEqual(counted);
    expect(next.mirror.annotatorTallies('Budi')?.get(OTHER_ARTICLE)?.byTag).toEqual(
      new Map([['commitment', 1]]),
    );
    next.db.close();
  });

  it('give an annotator without annotations no counts, the same map each time', async () => {
    const db = await sessionSaved();
    const next = new AnnotationMirror(new TandaDB(db.name));
    const seen: unknown[] = [];
    next.subscribe(
      () => next.loaded() || seen.push(next.annotatorTallies('Citra'), next.annotatorTallies('Citra')),
    );
    await next.ready();
    expect(seen).toHaveLength(2);
    expect(seen[0]).toEqual(new Map());
    expect(seen[1]).toBe(seen[0]);
  });

  it('are not shown once another connection wrote annotations after they were saved', async () => {
    const db = await sessionSaved();
    // Another connection without a mirror (a worker, a tool): its write stamps a new epoch all the same.
    const other = new TandaDB(db.name);
    await createAnnotation(other, newAnnotation({ start: 40, end: 44 }));
    other.close();

    const next = await relaunch(db.name);
    expect(next.early.every((e) => e.loaded)).toBe(true);
    expect(next.mirror.annotatorTallies('Ayu')?.get(ARTICLE)?.byTag).toEqual(new Map([['commitment', 2]]));
    // …and the launch saves the counts again, current.
    expect(await next.mirror.saveTallies()).toBe(true);
    next.db.close();
    const third = await relaunch(db.name);
    expect(third.early[0]?.loaded).toBe(false);
    expect(third.early[0]?.ayu).toEqual(new Map([[ARTICLE, expect.anything()]]));
    third.db.close();
  });

  it('are saved by themselves a little after a change, with the epoch of the last commit', async () => {
    const db = freshDb();
    const mirror = new AnnotationMirror(db, { saveTalliesAfterMs: 20 });
    await mirror.ready();
    await createAnnotation(db, newAnnotation());
    await new Promise((r) => setTimeout(r, 200));
    const row = await db.tallyCache.get(TALLIES_KEY);
    expect(row?.key === TALLIES_KEY && row.epoch).toBe(await epochOf(db));
    expect(row?.key === TALLIES_KEY && row.tallies.get('Ayu')?.get(ARTICLE)?.byTag).toEqual(
      new Map([['commitment', 1]]),
    );
  });

  it('wait for the page to be idle, and a change during that wait starts the whole wait again', async () => {
    const waiting = new Map<number, () => void>();
    let handles = 0;
    vi.stubGlobal('requestIdleCallback', (callback: () => void) => {
      waiting.set(++handles, callback);
      return handles;
    });
    vi.stubGlobal('cancelIdleCallback', (handle: number) => waiting.delete(handle));
    try {
      const db = freshDb();
      const mirror = new AnnotationMirror(db, { saveTalliesAfterMs: 20 });
      await mirror.ready();
      const first = (await createAnnotation(db, newAnnotation())).after!;
      await vi.waitFor(() => expect(waiting.size).toBe(1));
      const firstWait = [...waiting.keys()][0];
      await deleteAnnotation(db, first.id, { annotator: 'Ayu' });
      expect(waiting.size).toBe(0); // the save that would have run in the next key's frame
      await vi.waitFor(() => expect(waiting.size).toBe(1));
      expect([...waiting.keys()][0]).not.toBe(firstWait);
      expect(await db.tallyCache.get(TALLIES_KEY)).toBeUndefined();
      const [save] = [...waiting.values()];
      save!();
      await vi.waitFor(async () => {
        const row = await db.tallyCache.get(TALLIES_KEY);
        expect(row?.key === TALLIES_KEY && row.epoch).toBe(await epochOf(db));
      });
      const row = await db.tallyCache.get(TALLIES_KEY);
      expect(row?.key === TALLIES_KEY && row.tallies.size).toBe(0);
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it('are ignored when the saved row is not what this version writes, and the table is read', async () => {
    const db = freshDb();
    await createAnnotation(db, newAnnotation());
    const epoch = await epochOf(db);
    await db.tallyCache.put({ key: TALLIES_KEY, epoch, tallies: { Ayu: 'not a map' } } as never);
    db.close();
    const next = await relaunch(db.name);
    expect(next.early.every((e) => e.loaded)).toBe(true);
    expect(next.mirror.annotatorTallies('Ayu')?.get(ARTICLE)?.byTag).toEqual(new Map([['commitment', 1]]));
    next.db.close();
  });

  it('work from a database of schema version 7, which had no epoch: counted, saved with none, and current until a write', async () => {
    const name = freshDb().name;
    const v7 = new Dexie(name);
    v7.version(7).stores({
      annotations: 'id, documentPath, [documentPath+annotator], annotator, tag, updatedAt',
      codebook: 'id',
      documentStatus: '[annotator+documentPath]',
      settings: 'key',
      documentTexts: 'sha256, documentPath',
      teamSegments: 'id',
      suggestionDecisions: 'id, annotator, [annotator+documentPath]',
      colleagueAnnotations: 'id',
    });
    await v7.open();
    await v7.table('annotations').put({
      ...newAnnotation(),
      id: 'kept',
      createdAt: '2025-01-01T00:00:00.000Z',
      updatedAt: '2025-01-01T00:00:00.000Z',
    });
    v7.close();

    const first = await relaunch(name);
    expect(first.early.every((e) => e.loaded)).toBe(true);
    expect(await epochOf(first.db)).toBeUndefined();
    expect(await first.mirror.saveTallies()).toBe(true);
    const row = await first.db.tallyCache.get(TALLIES_KEY);
    expect(row?.key === TALLIES_KEY && row.epoch).toBeNull();
    first.db.close();

    const second = await relaunch(name);
    expect(second.early[0]).toMatchObject({ loaded: false, known: true });
    await createAnnotation(second.db, newAnnotation({ start: 60, end: 64 }));
    second.db.close();

    const third = await relaunch(name);
    expect(third.early.every((e) => e.loaded)).toBe(true);
    expect(third.mirror.annotatorTallies('Ayu')?.get(ARTICLE)?.byTag).toEqual(new Map([['commitment', 2]]));
    third.db.close();
  });

  it('are labelled with the epoch of a write committed while the table was being read', async () => {
    const before = freshDb();
    await createAnnotation(before, newAnnotation());
    before.close();
    const db = new TandaDB(before.name);
    const mirror = new AnnotationMirror(db); // before the connection opens, as `db/db.ts` makes it
    const loading = mirror.ready();
    await createAnnotation(db, newAnnotation({ start: 50, end: 55 }));
    await loading;
    await mirror.ready();
    expect(await mirror.saveTallies()).toBe(true);
    const row = await db.tallyCache.get(TALLIES_KEY);
    expect(row?.key === TALLIES_KEY && row.epoch).toBe(await epochOf(db));
    expect(row?.key === TALLIES_KEY && row.tallies.get('Ayu')?.get(ARTICLE)?.byTag).toEqual(
      new Map([['commitment', 2]]),
    );
    db.close();
  });
});
