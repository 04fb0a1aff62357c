import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { allAnnotations, createAnnotation, getAnnotation } from '../annotation-repo';
import { applyChange } from '../history-apply';
import { invertChange } from '../undo-history';
import { forgetUnsaved, rememberUnsaved, replayUnsaved } from '../unsaved-writes';
import { deletedAfterEach, newAnnotation } from './annotation-fixtures';

/** sessionStorage as the page has it, in memory. */
function memoryStorage(): Storage {
  const items = new Map<string, string>();
  return {
    get length() {
      return items.size;
    },
    key: (i) => [...items.keys()][i] ?? null,
    getItem: (k) => items.get(k) ?? null,
    setItem: (k, v) => void items.set(k, String(v)),
    removeItem: (k) => void items.delete(k),
    clear: () => items.clear(),
  };
}

const tracked = deletedAfterEach();
const ID = '00000000-0000-4000-8000-0000000000aa';

describe('writes drawn before they were written', () => {
  it('are written at the next start, in the order drawn, once', async () => {
    const db = tracked();
    const storage = memoryStorage();
    // Two tags drawn; the page went before either was written.
    const first = { ...newAnnotation(), id: ID };
    const second = { ...newAnnotation({ start: 30, end: 40 }), id: '00000000-0000-4000-8000-0000000000bb' };
    rememberUnsaved(db, { kind: 'create', input: first }, storage);
    rememberUnsaved(db, { kind: 'create', input: second }, storage);
    expect(storage.length).toBe(2);
    expect(await replayUnsaved(db, storage)).toBe(2);
    expect(storage.length).toBe(0);
    expect((await allAnnotations(db)).map((a) => [a.id, a.start])).toEqual([
      [ID, 10],
      [second.id, 30],
    ]);
    expect(await replayUnsaved(db, storage)).toBe(0);
  });

  it('drops a note whose write did commit, without writing it again', async () => {
    const db = tracked();
    const storage = memoryStorage();
    const input = { ...newAnnotation(), id: ID };
    // The page went between the commit and the note's removal.
    rememberUnsaved(db, { kind: 'create', input }, storage);
    const { after } = await createAnnotation(db, input);
    expect(await replayUnsaved(db, storage)).toBe(0);
    expect(await getAnnotation(db, ID)).toEqual(after);
    const undo = invertChange({ kind: 'create' as const, before: null, after: after! });
    const key = rememberUnsaved(db, { kind: 'step', entry: undo, annotator: 'Ayu' }, storage);
    await applyChange(db, undo, { annotator: 'Ayu' });
    expect(await replayUnsaved(db, storage)).toBe(0);
    expect(storage.length).toBe(0);
    expect(await getAnnotation(db, ID)).toBeUndefined();
    forgetUnsaved(key, storage);
  });

  it('writes an undo drawn after its tag was written', async () => {
    const db = tracked();
    const storage = memoryStorage();
    const { after } = await createAnnotation(db, { ...newAnnotation(), id: ID });
    const key = rememberUnsaved(
      db,
      {
        kind: 'step',
        entry: invertChange({ kind: 'create', before: null, after: after! }),
        annotator: 'Ayu',
      },
      storage,
    );
    expect(key).not.toBeNull();
    expect(await replayUnsaved(db, storage)).toBe(1);
    expect(await getAnnotation(db, ID)).toBeUndefined();
  });

  it('leaves another database’s notes alone', async () => {
    const db = tracked();
    const other = tracked();
    const storage = memoryStorage();
    rememberUnsaved(other, { kind: 'create', input: { ...newAnnotation(), id: ID } }, storage);
    expect(await replayUnsaved(db, storage)).toBe(0);
    expect(storage.length).toBe(1);
    expect(await replayUnsaved(other, storage)).toBe(1);
    expect(await getAnnotation(other, ID)).toMatchObject({ id: ID });
  });
});

describe('notes that are not ours to act on', () => {
  it('drops a note not of the right shape, or refused as invalid, and still writes the good ones', async () => {
    const db = tracked();
    const storage = memoryStorage();
    storage.setItem('tanda.unsaved.broken', '{not json');
    storage.setItem(
      'tanda.unsaved.odd',
      JSON.stringify({ database: db.name, seq: 1, write: { kind: 'delete' } }),
    );
    storage.setItem('someone.else', 'kept');
    rememberUnsaved(
      db,
      { kind: 'create', input: { ...newAnnotation({ start: 5, end: 2 }), id: ID } },
      storage,
    );
    rememberUnsaved(
      db,
      { kind: 'create', input: { ...newAnnotation(), id: '00000000-0000-4000-8000-0000000000cc' } },
      storage,
    );
    expect(await replayUnsaved(db, storage)).toBe(1);
    expect(storage.length).toBe(1);
    expect(storage.getItem('someone.else')).toBe('kept');
    expect((await allAnnotations(db)).map((a) => a.id)).toEqual(['00000000-0000-4000-8000-0000000000cc']);
  });

  it('keeps a write the database could not take for a few starts, then gives it up', async () => {
    const db = tracked();
    const storage = memoryStorage();
    rememberUnsaved(db, { kind: 'create', input: { ...newAnnotation(), id: ID } }, storage);
    db.close();
    expect(await replayUnsaved(db, storage)).toBe(0);
    expect(storage.length).toBe(1);
    expect(await replayUnsaved(db, storage)).toBe(0);
    expect(storage.length).toBe(1);
    expect(await replayUnsaved(db, storage)).toBe(0);
    expect(storage.length).toBe(0);
  });
});
