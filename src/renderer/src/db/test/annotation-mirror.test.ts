import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { AnnotationMirror } from '../annotation-mirror';
import {
  annotationsBy,
  annotationsForDocument,
  createAnnotation,
  createAnnotations,
  deleteAnnotation,
  updateAnnotation,
} from '../annotation-repo';
import { TandaDB } from '../tanda-db';
import { ARTICLE, OTHER_ARTICLE, deletedAfterEach, newAnnotation } from './annotation-fixtures';

const freshDb = deletedAfterEach();

function mirrored(db = freshDb()): { db: TandaDB; mirror: AnnotationMirror; changes: () => number } {
  const mirror = new AnnotationMirror(db);
  let n = 0;
  mirror.subscribe(() => n++);
  return { db, mirror, changes: () => n };
}

/** Until `check` holds (a message from another window arrives in its own task). */
async function eventually(check: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 5));
  expect(check()).toBe(true);
}

describe('AnnotationMirror', () => {
  it('follows this window’s creates, edits and deletes as the database has them, in the same order', async () => {
    const { db, mirror } = mirrored();
    await mirror.ready();
    expect(mirror.forDocument(ARTICLE)).toEqual([]);
    const a = (await createAnnotation(db, newAnnotation({ start: 30, end: 40 }))).after!;
    const b = (await createAnnotation(db, newAnnotation({ start: 5, end: 9 }))).after!;
    await createAnnotation(db, newAnnotation({ documentPath: OTHER_ARTICLE, annotator: 'Budi' }));
    await updateAnnotation(db, a.id, { note: 'checked' }, { annotator: 'Ayu' });
    await deleteAnnotation(db, b.id, { annotator: 'Ayu' });
    await createAnnotations(db, [newAnnotation({ start: 1, end: 3 }), newAnnotation({ start: 50, end: 60 })]);
    expect(mirror.forDocument(ARTICLE)).toEqual(await annotationsForDocument(db, ARTICLE));
    expect(mirror.forDocument(ARTICLE)!.find((x) => x.id === a.id)!.note).toBe('checked');
    expect(mirror.forAnnotator('Ayu')).toEqual(await annotationsBy(db, ['Ayu']));
    expect(mirror.forAnnotator('Budi')).toEqual(await annotationsBy(db, ['Budi']));
  });

  it('patches the lists it gave out after each write, in the order the database reads them', async () => {
    const { db, mirror } = mirrored();
    await mirror.ready();
    const check = async (step: string): Promise<void> => {
      expect(mirror.forDocument(ARTICLE), step).toEqual(await annotationsForDocument(db, ARTICLE));
      expect(mirror.forDocument(OTHER_ARTICLE), step).toEqual(
        await annotationsForDocument(db, OTHER_ARTICLE),
      );
      expect(mirror.forAnnotator('Ayu'), step).toEqual(await annotationsBy(db, ['Ayu']));
    };
    await check('empty');
    const made = [];
    for (let i = 0; i < 12; i++) {
      const start = (i * 37) % 50;
      made.push((await createAnnotation(db, newAnnotation({ start, end: start + 3 }))).after!);
      await check(`create ${i}`);
    }
    await updateAnnotation(db, made[3]!.id, { note: 'checked' }, { annotator: 'Ayu' });
    await check('edit');
    await deleteAnnotation(db, made[5]!.id, { annotator: 'Ayu' });
    await check('delete');
    const many = Array.from({ length: 100 }, (_, i) =>
      newAnnotation({ documentPath: i % 2 ? OTHER_ARTICLE : ARTICLE, start: i % 60, end: (i % 60) + 2 }),
    );
    await createAnnotations(db, many); // more than a patch takes: sorted again
    await check('a hundred at once');
    await createAnnotation(db, newAnnotation({ start: 0, end: 1 }));
    await check('one after the hundred');
  });

  it('keeps a list the same array until one of its rows changes', async () => {
    const { db, mirror } = mirrored();
    await mirror.ready();
    await createAnnotation(db, newAnnotation());
    const before = mirror.forDocument(ARTICLE);
    await createAnnotation(db, newAnnotation({ documentPath: OTHER_ARTICLE, annotator: 'Budi' }));
    expect(mirror.forDocument(ARTICLE)).toBe(before);
    await createAnnotation(db, newAnnotation({ start: 1, end: 4 }));
    expect(mirror.forDocument(ARTICLE)).not.toBe(before);
    expect(mirror.forDocument(ARTICLE)).toHaveLength(2);
  });

  it("counts an annotator's annotations per document and tag, again only after that annotator's writes", async () => {
    const { db, mirror } = mirrored();
    expect(mirror.annotatorTallies('Ayu')).toBeUndefined();
    await mirror.ready();
    expect(mirror.annotatorTallies('Ayu')).toEqual(new Map());
    await createAnnotation(db, newAnnotation());
    await createAnnotation(db, newAnnotation({ start: 30, end: 34, tag: 'dispute' }));
    const before = mirror.annotatorTallies('Ayu');
    expect(before?.get(ARTICLE)?.byTag).toEqual(
      new Map([
        ['commitment', 1],
        ['dispute', 1],
      ]),
    );
    await createAnnotation(db, newAnnotation({ annotator: 'Budi' }));
    expect(mirror.annotatorTallies('Ayu')).toBe(before);
    expect(mirror.annotatorTallies('Budi')?.get(ARTICLE)?.byTag).toEqual(new Map([['commitment', 1]]));
    await createAnnotation(db, newAnnotation({ documentPath: OTHER_ARTICLE, start: 1, end: 4 }));
    const after = mirror.annotatorTallies('Ayu');
    expect(after).not.toBe(before);
    expect(after?.get(OTHER_ARTICLE)?.byTag).toEqual(new Map([['commitment', 1]]));
  });

  it('takes nothing from a transaction that was rolled back', async () => {
    const { db, mirror, changes } = mirrored();
    await mirror.ready();
    const seen = changes();
    await expect(
      db.transaction('rw', db.annotations, async () => {
        await db.annotations.add({ ...newAnnotation(), id: 'x', createdAt: 'a', updatedAt: 'a' } as never);
        throw new Error('refused halfway');
      }),
    ).rejects.toThrow('refused halfway');
    expect(mirror.forDocument(ARTICLE)).toEqual([]);
    expect(changes()).toBe(seen);
  });

  it('reads the table again after a range delete, and after another window’s write', async () => {
    const here = mirrored();
    await here.mirror.ready();
    await createAnnotation(here.db, newAnnotation());
    await here.db.annotations.clear();
    await here.mirror.ready();
    expect(here.mirror.forDocument(ARTICLE)).toEqual([]);

    const there = mirrored(new TandaDB(here.db.name));
    await createAnnotation(there.db, newAnnotation({ start: 2, end: 6 }));
    await eventually(() => here.mirror.forDocument(ARTICLE)?.length === 1);
    await here.mirror.ready();
    expect(here.mirror.forDocument(ARTICLE)).toEqual(await annotationsForDocument(here.db, ARTICLE));
    there.db.close();
  });

  it('is undefined until the table has been read', () => {
    const db = freshDb();
    const mirror = new AnnotationMirror(db);
    expect(mirror.loaded()).toBe(false);
    expect(mirror.forDocument(ARTICLE)).toBeUndefined();
    expect(mirror.forAnnotator('Ayu')).toBeUndefined();
  });
});

/**
 * A connection whose mirror's read of the whole table waits for `open()` (the table is being read,
 * as 100,000 annotations keep Chromium a second); other transactions go ahead.
 */
function withTableReadHeld(name: string): { db: TandaDB; open: () => void } {
  const db = new TandaDB(name);
  let open = (): void => {};
  const gate = new Promise<void>((resolve) => (open = resolve));
  const transaction = db.transaction.bind(db) as (...args: unknown[]) => Promise<unknown>;
  (db as unknown as { transaction: (...args: unknown[]) => Promise<unknown> }).transaction = (...args) =>
    args[0] === 'r' && Array.isArray(args[1]) && args[1].includes('tallyCache')
      ? gate.then(() => transaction(...args))
      : transaction(...args);
  return { db, open };
}

describe('AnnotationMirror, before the table is read', () => {
  it('gives a document read on its own, kept current by this window’s writes', async () => {
    const before = freshDb();
    const gone = (await createAnnotation(before, newAnnotation({ start: 30, end: 40 }))).after!;
    await createAnnotation(before, newAnnotation({ start: 5, end: 9 }));
    await createAnnotation(before, newAnnotation({ documentPath: OTHER_ARTICLE }));
    before.close();
    const { db, open } = withTableReadHeld(before.name);
    const mirror = new AnnotationMirror(db);
    mirror.subscribe(() => {});
    expect(mirror.forDocument(ARTICLE)).toBeUndefined();
    await eventually(() => mirror.forDocument(ARTICLE) !== undefined);
    expect(mirror.loaded()).toBe(false);
    expect(mirror.forDocument(ARTICLE)).toEqual(await annotationsForDocument(db, ARTICLE));

    const added = (await createAnnotation(db, newAnnotation({ start: 50, end: 60 }))).after!;
    await updateAnnotation(db, added.id, { note: 'checked' }, { annotator: 'Ayu' });
    await deleteAnnotation(db, gone.id, { annotator: 'Ayu' });
    await createAnnotation(db, newAnnotation({ documentPath: OTHER_ARTICLE, start: 1, end: 3 }));
    expect(mirror.loaded()).toBe(false);
    expect(mirror.forDocument(ARTICLE)).toEqual(await annotationsForDocument(db, ARTICLE));
    expect(mirror.forDocument(ARTICLE)!.find((a) => a.id === added.id)?.note).toBe('checked');

    open();
    await mirror.ready();
    expect(mirror.forDocument(ARTICLE)).toEqual(await annotationsForDocument(db, ARTICLE));
    expect(mirror.forDocument(OTHER_ARTICLE)).toHaveLength(2);
    db.close();
  });

  it('drops what it read on its own after a write it cannot follow there, and waits for the table', async () => {
    const before = freshDb();
    await createAnnotation(before, newAnnotation());
    before.close();
    const { db, open } = withTableReadHeld(before.name);
    const mirror = new AnnotationMirror(db);
    mirror.subscribe(() => {});
    mirror.forDocument(ARTICLE);
    await eventually(() => mirror.forDocument(ARTICLE) !== undefined);
    // A team merge's packed row: its records may lose to rows of the table.
    await db.colleagueAnnotations.put({
      id: 'packed-1',
      annotator: 'Budi',
      records: [{ ...(await annotationsForDocument(db, ARTICLE))[0]!, id: 'from-budi', annotator: 'Budi' }],
    });
    expect(mirror.forDocument(ARTICLE)).toBeUndefined();
    open();
    await mirror.ready();
    expect(
      mirror
        .forDocument(ARTICLE)
        ?.map((a) => a.annotator)
        .sort(),
    ).toEqual(['Ayu', 'Budi']);
    db.close();
  });
});
