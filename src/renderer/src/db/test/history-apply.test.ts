import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import {
  NotYourAnnotationError,
  annotationsForDocument,
  applyReanchor,
  createAnnotation,
  createAnnotations,
  deleteAnnotation,
  getAnnotation,
  updateAnnotation,
} from '../annotation-repo';
import { HistoryConflictError, applyChange, redoInDocument, undoInDocument } from '../history-apply';
import type { TandaDB } from '../tanda-db';
import { UndoHistory, invertChange, type AnnotationChange, type ChangeGroup } from '../undo-history';
import { ARTICLE, OTHER_ARTICLE, freshDb, newAnnotation, steppingClock } from './annotation-fixtures';

let db: TandaDB;
afterEach(async () => {
  await db?.delete();
});
const ayu = { annotator: 'Ayu' };

describe('undo and redo against the database', () => {
  it('undo of a delete restores the record exactly (same id, same timestamps)', async () => {
    db = freshDb();
    const history = new UndoHistory();
    const clock = steppingClock();
    const created = await createAnnotation(
      db,
      newAnnotation({
        attributes: { actor: ['vn', 'cn'], stance: 'firm' },
        note: 'key line',
        orphaned: false,
      }),
      { now: clock },
    );
    history.record(created);
    const edited = await updateAnnotation(db, created.after!.id, { tag: 'dispute' }, { ...ayu, now: clock });
    history.record(edited);
    const deleted = await deleteAnnotation(db, created.after!.id, ayu);
    history.record(deleted);
    expect(await db.annotations.count()).toBe(0);

    const undone = await undoInDocument(db, history, ARTICLE, ayu);
    expect(undone).toEqual({ kind: 'create', before: null, after: edited.after });
    expect(await getAnnotation(db, created.after!.id)).toEqual(edited.after);

    await redoInDocument(db, history, ARTICLE, ayu);
    expect(await db.annotations.count()).toBe(0);
  });

  it('update, undo, redo: each step puts back the exact record', async () => {
    db = freshDb();
    const history = new UndoHistory();
    const clock = steppingClock();
    const { after: original } = await createAnnotation(db, newAnnotation(), { now: clock });
    const change = await updateAnnotation(
      db,
      original!.id,
      { attributes: { stance: 'soft' }, note: 'rephrased' },
      { ...ayu, now: clock },
    );
    history.record(change);

    await undoInDocument(db, history, ARTICLE, ayu);
    expect(await getAnnotation(db, original!.id)).toEqual(original);
    expect(history.canRedo(ARTICLE)).toBe(true);

    await redoInDocument(db, history, ARTICLE, ayu);
    expect(await getAnnotation(db, original!.id)).toEqual(change.after);
    expect(history.canRedo(ARTICLE)).toBe(false);
  });

  it('undo of a create deletes it; redo brings it back', async () => {
    db = freshDb();
    const history = new UndoHistory();
    const change = await createAnnotation(db, newAnnotation());
    history.record(change);
    await undoInDocument(db, history, ARTICLE, ayu);
    expect(await annotationsForDocument(db, ARTICLE)).toEqual([]);
    await redoInDocument(db, history, ARTICLE, ayu);
    expect(await annotationsForDocument(db, ARTICLE)).toEqual([change.after]);
  });

  it('undo in one document leaves the other document alone', async () => {
    db = freshDb();
    const history = new UndoHistory();
    const here = await createAnnotation(db, newAnnotation());
    const there = await createAnnotation(db, newAnnotation({ documentPath: OTHER_ARTICLE }));
    history.record(here);
    history.record(there);
    await undoInDocument(db, history, ARTICLE, ayu);
    expect(await annotationsForDocument(db, ARTICLE)).toEqual([]);
    expect(await annotationsForDocument(db, OTHER_ARTICLE)).toEqual([there.after]);
    expect(await undoInDocument(db, history, ARTICLE, ayu)).toBeNull();
  });

  it('resolves to null when there is nothing to undo or redo', async () => {
    db = freshDb();
    const history = new UndoHistory();
    expect(await undoInDocument(db, history, ARTICLE, ayu)).toBeNull();
    expect(await redoInDocument(db, history, ARTICLE, ayu)).toBeNull();
  });

  it('refuses to replay a step over a change made elsewhere, and forgets that history', async () => {
    db = freshDb();
    const history = new UndoHistory();
    const created = await createAnnotation(db, newAnnotation());
    history.record(created);
    history.record(await updateAnnotation(db, created.after!.id, { tag: 'dispute' }, ayu));
    await applyReanchor(db, [{ ...created.after!, start: 11, end: 21 }]);
    const reanchored = await getAnnotation(db, created.after!.id);

    await expect(undoInDocument(db, history, ARTICLE, ayu)).rejects.toBeInstanceOf(HistoryConflictError);
    expect(await getAnnotation(db, created.after!.id)).toEqual(reanchored);
    expect(history.canUndo(ARTICLE)).toBe(false);
    expect(history.canRedo(ARTICLE)).toBe(false);
  });

  it("never writes another annotator's annotation", async () => {
    db = freshDb();
    const change = await createAnnotation(db, newAnnotation({ annotator: 'Budi' }));
    await expect(applyChange(db, invertChange(change), ayu)).rejects.toBeInstanceOf(NotYourAnnotationError);
    expect(await getAnnotation(db, change.after!.id)).toEqual(change.after);
  });
});

describe('a group step (Tag all matches) against the database', () => {
  const group = (changes: AnnotationChange[]): ChangeGroup => ({
    kind: 'group',
    before: null,
    after: null,
    documentPath: ARTICLE,
    annotator: 'Ayu',
    label: 'Tag all matches',
    changes,
    settings: [],
  });
  const many = (n: number) =>
    Array.from({ length: n }, (_, i) => newAnnotation({ start: 10 * i, end: 10 * i + 5, quote: 'abcde' }));

  it('undoes and redoes a thousand annotations exactly, leaving the others alone', async () => {
    db = freshDb();
    const history = new UndoHistory();
    const kept = await createAnnotation(db, newAnnotation({ start: 5, end: 9, quote: 'keep' }));
    const changes = await createAnnotations(db, many(1000));
    history.record(group(changes));

    await undoInDocument(db, history, ARTICLE, ayu);
    expect((await annotationsForDocument(db, ARTICLE)).map((a) => a.id)).toEqual([kept.after!.id]);

    await redoInDocument(db, history, ARTICLE, ayu);
    const after = await annotationsForDocument(db, ARTICLE);
    expect(after).toHaveLength(1001);
    for (const change of changes) expect(await getAnnotation(db, change.after!.id)).toEqual(change.after);
  });

  it('checks each change against what the earlier ones of the group left', async () => {
    db = freshDb();
    const [created] = await createAnnotations(db, many(1));
    const edited = { ...created!.after!, tag: 'dispute', updatedAt: '2030-01-01T00:00:00.000Z' };
    // Delete, put back, then edit the same record: each step starts from the one before.
    await applyChange(
      db,
      group([invertChange(created!), created!, { kind: 'update', before: created!.after!, after: edited }]),
      ayu,
    );
    expect(await getAnnotation(db, created!.after!.id)).toEqual(edited);
    // The same again no longer fits: its first change expects the record as it was created.
    await expect(applyChange(db, group([invertChange(created!)]), ayu)).rejects.toBeInstanceOf(
      HistoryConflictError,
    );
  });

  it('writes nothing when one change of the group no longer fits, and forgets that history', async () => {
    db = freshDb();
    const history = new UndoHistory();
    const changes = await createAnnotations(db, many(50));
    history.record(group(changes));
    const moved = { ...changes[30]!.after!, start: 301, end: 306 };
    await applyReanchor(db, [moved]);

    await expect(undoInDocument(db, history, ARTICLE, ayu)).rejects.toBeInstanceOf(HistoryConflictError);
    expect(await annotationsForDocument(db, ARTICLE)).toHaveLength(50);
    expect(await getAnnotation(db, changes[0]!.after!.id)).toEqual(changes[0]!.after);
    expect(history.canUndo(ARTICLE)).toBe(false);
  });
});
