import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { NoteConflictError, createAnnotation, getAnnotation, updateAnnotation } from '../annotation-repo';
import type { TandaDB } from '../tanda-db';
import { freshDb, newAnnotation } from './annotation-fixtures';

let db: TandaDB;
afterEach(async () => {
  await db?.delete();
});

describe('two tabs editing the same note', () => {
  it('refuses the later save made from an older note, naming the stored one; a save from it then goes through', async () => {
    db = freshDb();
    const { after: created } = await createAnnotation(db, newAnnotation());
    const id = created!.id;
    // Both tabs start from the empty note; tab A saves first.
    await updateAnnotation(db, id, { note: 'dari tab A' }, { annotator: 'Ayu', expectedNote: '' });
    const late = updateAnnotation(db, id, { note: 'dari tab B' }, { annotator: 'Ayu', expectedNote: '' });
    await expect(late).rejects.toBeInstanceOf(NoteConflictError);
    await expect(late).rejects.toMatchObject({ stored: 'dari tab A', yours: 'dari tab B' });
    expect((await getAnnotation(db, id))?.note).toBe('dari tab A');

    // Tab B has seen tab A's note; saving again from it is a choice to replace it.
    await updateAnnotation(db, id, { note: 'dari tab B' }, { annotator: 'Ayu', expectedNote: 'dari tab A' });
    expect((await getAnnotation(db, id))?.note).toBe('dari tab B');
  });

  it('lets the same text through, and other fields are not checked', async () => {
    db = freshDb();
    const { after: created } = await createAnnotation(db, newAnnotation());
    const id = created!.id;
    await updateAnnotation(db, id, { note: 'sama' }, { annotator: 'Ayu', expectedNote: '' });
    await updateAnnotation(db, id, { note: 'sama' }, { annotator: 'Ayu', expectedNote: '' });
    await updateAnnotation(db, id, { tag: 'dispute' }, { annotator: 'Ayu', expectedNote: 'old' });
    expect(await getAnnotation(db, id)).toMatchObject({ note: 'sama', tag: 'dispute' });
  });
});
