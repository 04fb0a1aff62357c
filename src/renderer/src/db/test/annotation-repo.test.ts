import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import {
  AnnotationValidationError,
  NotYourAnnotationError,
  annotationsForDocument,
  annotationsForDocumentBy,
  annotationsBy,
  annotatorsInDb,
  applyReanchor,
  attributeUsageKey,
  countAnnotations,
  countDocumentAnnotations,
  tagUsage,
  usedAttributeValues,
  createAnnotation,
  deleteAnnotation,
  getAnnotation,
  updateAnnotation,
  type AnnotationPatch,
} from '../annotation-repo';
import type { TandaDB } from '../tanda-db';
import { ARTICLE, OTHER_ARTICLE, freshDb, newAnnotation, steppingClock } from './annotation-fixtures';

let db: TandaDB;
afterEach(async () => {
  await db?.delete();
});

describe('createAnnotation and reads', () => {
  it('stores a valid annotation with id and timestamps, and reports the change', async () => {
    db = freshDb();
    const change = await createAnnotation(db, newAnnotation(), {
      now: () => new Date('2025-03-01T08:00:00Z'),
    });
    expect(change.kind).toBe('create');
    expect(change.before).toBeNull();
    const stored = await getAnnotation(db, change.after!.id);
    expect(stored).toEqual(change.after);
    expect(stored?.createdAt).toBe('2025-03-01T08:00:00.000Z');
    expect(stored?.updatedAt).toBe(stored?.createdAt);
  });

  it('lists a document by start then end, whatever the order of creation', async () => {
    db = freshDb();
    await createAnnotation(db, newAnnotation({ start: 30, end: 40 }));
    await createAnnotation(db, newAnnotation({ start: 5, end: 50 }));
    await createAnnotation(db, newAnnotation({ start: 5, end: 9 }));
    await createAnnotation(db, newAnnotation({ documentPath: OTHER_ARTICLE, start: 0, end: 1 }));
    const rows = await annotationsForDocument(db, ARTICLE);
    expect(rows.map((a) => [a.start, a.end])).toEqual([
      [5, 9],
      [5, 50],
      [30, 40],
    ]);
  });

  it('rejects an invalid record with an error naming the field, and stores nothing', async () => {
    db = freshDb();
    const error = await createAnnotation(db, newAnnotation({ start: 20, end: 20 })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AnnotationValidationError);
    expect((error as Error).message).toContain('"end"');
    expect((error as AnnotationValidationError).fields).toEqual(['end']);

    const noTag = await createAnnotation(db, newAnnotation({ tag: '' })).catch((e: unknown) => e);
    expect((noTag as Error).message).toContain('"tag"');
    expect(await db.annotations.count()).toBe(0);
  });

  it('refuses to create an id that already exists', async () => {
    db = freshDb();
    const { after } = await createAnnotation(db, newAnnotation());
    await expect(createAnnotation(db, newAnnotation({ id: after!.id }))).rejects.toThrow(/already exists/);
  });

  it("lists annotators and one annotator's annotations", async () => {
    db = freshDb();
    await createAnnotation(db, newAnnotation({ annotator: 'Ayu' }));
    await createAnnotation(db, newAnnotation({ annotator: 'Budi' }));
    await createAnnotation(db, newAnnotation({ annotator: 'Ayu', start: 1, end: 2 }));
    expect(await annotatorsInDb(db)).toEqual(['Ayu', 'Budi']);
    expect((await annotationsForDocumentBy(db, ARTICLE, 'Ayu')).map((a) => a.start)).toEqual([1, 10]);
  });
});

describe('updateAnnotation', () => {
  it('edits tag, note and attributes and bumps updatedAt', async () => {
    db = freshDb();
    const clock = steppingClock();
    const { after: created } = await createAnnotation(db, newAnnotation(), { now: clock });
    const change = await updateAnnotation(
      db,
      created!.id,
      { tag: 'dispute', note: 'contested', attributes: { actor: 'vn' } },
      { annotator: 'Ayu', now: clock },
    );
    expect(change.kind).toBe('update');
    expect(change.before).toEqual(created);
    expect(change.after).toMatchObject({ tag: 'dispute', note: 'contested', attributes: { actor: 'vn' } });
    expect(change.after!.updatedAt > created!.updatedAt).toBe(true);
    expect(change.after!.createdAt).toBe(created!.createdAt);
    expect(await getAnnotation(db, created!.id)).toEqual(change.after);
  });

  it('keeps updatedAt strictly increasing even when the clock stands still', async () => {
    db = freshDb();
    const frozen = () => new Date('2025-03-01T08:00:00.000Z');
    const { after: created } = await createAnnotation(db, newAnnotation(), { now: frozen });
    const { after } = await updateAnnotation(
      db,
      created!.id,
      { note: 'x' },
      { annotator: 'Ayu', now: frozen },
    );
    expect(after!.updatedAt).toBe('2025-03-01T08:00:00.001Z');
  });

  it("refuses another annotator's annotation and leaves the database unchanged", async () => {
    db = freshDb();
    const { after: created } = await createAnnotation(db, newAnnotation({ annotator: 'Budi' }));
    const error = await updateAnnotation(db, created!.id, { tag: 'dispute' }, { annotator: 'Ayu' }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(NotYourAnnotationError);
    expect((error as Error).message).toMatch(/belongs to annotator "Budi".*"Ayu"/);
    expect(await getAnnotation(db, created!.id)).toEqual(created);
  });

  it('refuses fields other than tag, note and attributes', async () => {
    db = freshDb();
    const { after: created } = await createAnnotation(db, newAnnotation());
    const patch = { start: 0 } as unknown as AnnotationPatch;
    await expect(updateAnnotation(db, created!.id, patch, { annotator: 'Ayu' })).rejects.toThrow(
      /field "start" cannot be edited/,
    );
    expect(await getAnnotation(db, created!.id)).toEqual(created);
  });

  it('refuses an invalid edit (empty tag) naming the field', async () => {
    db = freshDb();
    const { after: created } = await createAnnotation(db, newAnnotation());
    await expect(updateAnnotation(db, created!.id, { tag: '' }, { annotator: 'Ayu' })).rejects.toThrow(
      /"tag"/,
    );
    expect(await getAnnotation(db, created!.id)).toEqual(created);
  });
});

describe('deleteAnnotation', () => {
  it("deletes one's own annotation and reports the record deleted", async () => {
    db = freshDb();
    const { after: created } = await createAnnotation(db, newAnnotation());
    const change = await deleteAnnotation(db, created!.id, { annotator: 'Ayu' });
    expect(change).toEqual({ kind: 'delete', before: created, after: null });
    expect(await db.annotations.count()).toBe(0);
  });

  it("refuses another annotator's annotation", async () => {
    db = freshDb();
    const { after: created } = await createAnnotation(db, newAnnotation({ annotator: 'Budi' }));
    await expect(deleteAnnotation(db, created!.id, { annotator: 'Ayu' })).rejects.toBeInstanceOf(
      NotYourAnnotationError,
    );
    expect(await getAnnotation(db, created!.id)).toEqual(created);
  });

  it('says when the annotation does not exist', async () => {
    db = freshDb();
    await expect(deleteAnnotation(db, crypto.randomUUID(), { annotator: 'Ayu' })).rejects.toThrow(
      /does not exist/,
    );
  });
});

describe('applyReanchor', () => {
  it('moves offsets, keeps edits and timestamps, orphans instead of deleting, skips deleted ones', async () => {
    db = freshDb();
    const { after: moved } = await createAnnotation(db, newAnnotation({ note: 'keep me' }));
    const { after: lost } = await createAnnotation(
      db,
      newAnnotation({ start: 40, end: 45, annotator: 'Budi' }),
    );
    const gone = crypto.randomUUID();
    const newSha = 'cd'.repeat(32);

    // The caller passes whole records; a stale note in them must not win.
    const staleCopy = {
      ...moved!,
      note: 'stale note from the caller',
      contentSha256: newSha,
      start: 12,
      end: 22,
    };
    const result = await applyReanchor(db, [
      staleCopy,
      { ...lost!, contentSha256: newSha, orphaned: true },
      { ...moved!, id: gone },
    ]);

    expect(result).toEqual({ updated: 2, unchanged: 0, missing: [gone] });
    const rows = await annotationsForDocument(db, ARTICLE);
    expect(rows).toHaveLength(2);
    expect(rows[0]).toEqual({ ...moved, contentSha256: newSha, start: 12, end: 22 });
    expect(rows[1]).toEqual({ ...lost, contentSha256: newSha, orphaned: true });
  });

  it('clears orphaned once an annotation is placed again', async () => {
    db = freshDb();
    const { after } = await createAnnotation(db, newAnnotation({ orphaned: true }));
    await applyReanchor(db, [{ ...after!, orphaned: undefined, start: 3, end: 13 }]);
    const stored = await getAnnotation(db, after!.id);
    expect(stored?.orphaned).toBeUndefined();
    expect(stored?.start).toBe(3);
  });

  it('writes nothing when one re-anchored record is invalid', async () => {
    db = freshDb();
    const { after: a } = await createAnnotation(db, newAnnotation());
    const { after: b } = await createAnnotation(db, newAnnotation({ start: 30, end: 35 }));
    await expect(
      applyReanchor(db, [
        { ...a!, start: 0, end: 5 },
        { ...b!, start: 9, end: 9 },
      ]),
    ).rejects.toThrow(/Re-anchored annotation .* field "end"/);
    expect(await getAnnotation(db, a!.id)).toEqual(a);
  });
});

describe('createAnnotations (tag all matches)', () => {
  it('adds all of them in one transaction, or none when one is invalid', async () => {
    const { TandaDB } = await import('../tanda-db');
    const { createAnnotations } = await import('../annotation-repo');
    const db = new TandaDB(`t-${crypto.randomUUID()}`);
    const base = {
      documentPath: 'a.txt',
      contentSha256: 'a'.repeat(64),
      annotator: 'Ana',
      tag: 'commitment',
      quote: 'ab',
      prefix: '',
      suffix: '',
      attributes: {},
      note: '',
    };
    const changes = await createAnnotations(db, [
      { ...base, start: 0, end: 2 },
      { ...base, start: 5, end: 7 },
    ]);
    expect(changes.map((c) => c.kind)).toEqual(['create', 'create']);
    expect(await db.annotations.count()).toBe(2);
    await expect(
      createAnnotations(db, [
        { ...base, start: 10, end: 12 },
        { ...base, start: 20, end: 20 },
      ]),
    ).rejects.toThrow(/Annotation 2 is invalid/);
    expect(await db.annotations.count()).toBe(2);
    db.close();
  });
});

describe('named reads for the views', () => {
  it('count, filter by annotator and tally tags and attribute values across the database', async () => {
    db = freshDb();
    await createAnnotation(db, newAnnotation({ attributes: { actor: 'vietnam', sectors: ['oil', 'fish'] } }));
    await createAnnotation(db, newAnnotation({ annotator: 'Budi', attributes: { actor: 'china' } }));
    await createAnnotation(db, newAnnotation({ documentPath: OTHER_ARTICLE, tag: 'dispute' }));

    expect(await countAnnotations(db)).toBe(3);
    expect(await countDocumentAnnotations(db, ARTICLE)).toBe(2);
    expect(await countDocumentAnnotations(db, 'nowhere.txt')).toBe(0);
    expect((await annotationsBy(db, ['Budi'])).map((a) => a.annotator)).toEqual(['Budi']);
    expect(await annotationsBy(db, [])).toEqual([]);
    // Several names, given twice and out of order: each annotation once, by annotator then id.
    const both = await annotationsBy(db, ['Budi', 'Ayu', 'Budi']);
    expect(both.map((a) => a.annotator)).toEqual(['Ayu', 'Ayu', 'Budi']);
    expect(both.slice(0, 2).map((a) => a.id)).toEqual(
      both
        .slice(0, 2)
        .map((a) => a.id)
        .sort(),
    );
    expect(await tagUsage(db)).toEqual(
      new Map([
        ['commitment', 2],
        ['dispute', 1],
      ]),
    );
    const used = await usedAttributeValues(db);
    expect(used.get(attributeUsageKey('commitment', 'actor'))).toEqual(new Set(['vietnam', 'china']));
    expect(used.get(attributeUsageKey('commitment', 'sectors'))).toEqual(new Set(['oil', 'fish']));
    expect(used.get(attributeUsageKey('dispute', 'actor'))).toBeUndefined();
  });
});
