import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import type { Annotation } from '../../../../shared/annotation/annotation-types';
import { codePointIndex } from '../../../../shared/text/text-quote';
import { annotationsForDocument, createAnnotation } from '../../db/annotation-repo';
import { ARTICLE, SHA, freshDb, newAnnotation } from '../../db/test/annotation-fixtures';
import type { TandaDB } from '../../db/tanda-db';
import { UndoHistory } from '../../db/undo-history';
import type { HighlightSpan, SpanDelta } from '../../editor/highlight-plugin';
import { i18n } from '../../i18n/i18n';
import { DocumentSession, describeStep } from '../document-session';

const TEXT = 'Kedua negara sepakat memperluas kerja sama di bidang energi dan pariwisata.';
const LABELS: Record<string, string> = { commitment: 'Commitment', dispute: 'Dispute' };

let db: TandaDB;
afterEach(async () => {
  await db?.delete();
});

/** A session on ARTICLE as Ayu, with what it announced, its errors and every delta it sent. */
function open(annotator = 'Ayu'): {
  session: DocumentSession;
  said: string[];
  errors: (string | null)[];
  deltas: SpanDelta[];
  history: UndoHistory;
  /** What a live query would deliver now. */
  sync(): Promise<Annotation[]>;
} {
  db = freshDb();
  const said: string[] = [];
  const errors: (string | null)[] = [];
  const deltas: SpanDelta[] = [];
  const history = new UndoHistory();
  const session = new DocumentSession({
    db,
    history,
    path: ARTICLE,
    sha: SHA,
    annotator,
    cpIndex: codePointIndex(TEXT),
    tagLabel: (id) => LABELS[id] ?? id,
    announce: (m) => said.push(m),
    onError: (m) => errors.push(m),
  });
  session.subscribe((d) => deltas.push(d));
  const sync = async (): Promise<Annotation[]> => {
    const rows = await annotationsForDocument(db, ARTICLE);
    session.setSaved(rows.map(spanOf), rows);
    return rows;
  };
  return { session, said, errors, deltas, history, sync };
}

const spanOf = (a: Annotation): HighlightSpan => ({ id: a.id, tag: a.tag, start: a.start, end: a.end });
const ids = (session: DocumentSession): string[] => session.current().map((s) => s.id);

describe('DocumentSession', () => {
  it('draws a tag at once as pending, and as saved once the live query brings its row', async () => {
    const { session, deltas, said, sync } = open();
    const saving = session.tag('commitment', 32, 42);
    expect(session.current()).toEqual([expect.objectContaining({ tag: 'commitment', pending: true })]);
    expect(deltas).toHaveLength(1);
    const id = await saving;
    expect(id).toBe(session.current()[0]!.id);
    expect(session.selectedId()).toBe(id);
    expect(said).toEqual(['Tagged as Commitment: kerja sama']);
    await sync();
    expect(session.current()).toEqual([{ id, tag: 'commitment', start: 32, end: 42 }]);
  });

  it('goes on with later writes when reporting an outcome throws (the queue is never left stuck)', async () => {
    db = freshDb();
    const said: string[] = [];
    const session = new DocumentSession({
      db,
      history: new UndoHistory(),
      path: ARTICLE,
      sha: SHA,
      annotator: 'Ayu',
      cpIndex: codePointIndex(TEXT),
      tagLabel: (id) => LABELS[id] ?? id,
      announce: (m) => said.push(m),
      onError: () => {
        throw new Error('a view that failed to show the outcome');
      },
    });
    const first = session.tag('commitment', 32, 42);
    await expect(first).rejects.toThrow('a view that failed');
    // Without the queue recovering, this undo would never run (its own report throws too).
    await session.undoRedo('undo').catch(() => {});
    expect(said.at(-1)).toBe('Undid tag Commitment');
    expect((await annotationsForDocument(db, ARTICLE)).length).toBe(0);
  });

  it('takes back a pending highlight whose write fails, and says why', async () => {
    const { session, errors } = open();
    // An empty span is refused by the repository's validation.
    const id = await session.tag('commitment', 5, 5);
    expect(id).toBeNull();
    expect(session.current()).toEqual([]);
    expect(errors.at(-1)).toMatch(/\S/);
  });

  it('removes a deleted highlight at once and keeps it off once the delete is written', async () => {
    const { session, sync, deltas } = open();
    const id = (await session.tag('commitment', 32, 42))!;
    await sync();
    deltas.length = 0;
    expect(session.delete(id)).toBe(true);
    expect(deltas).toEqual([{ add: [], remove: [id] }]);
    expect(ids(session)).toEqual([]);
    // A live query that still has the row (the delete is in the queue) does not bring it back.
    const rows = await annotationsForDocument(db, ARTICLE);
    session.setSaved(rows.map(spanOf), rows);
    expect(ids(session)).toEqual([]);
    await session.undoRedo('undo'); // waits for the queue, so for the delete, then undoes it
    await sync();
    expect(ids(session)).toEqual([id]);
  });

  it('refuses to delete another annotator’s annotation and draws nothing differently', async () => {
    const { session, sync } = open('Budi');
    const theirs = (await createAnnotation(db, newAnnotation())).after!;
    await sync();
    expect(session.delete(theirs.id)).toBe(false);
    expect(ids(session)).toEqual([theirs.id]);
  });

  it('draws an undo before writing it, and names the step it will take', async () => {
    const { session, sync, said } = open();
    await session.tagAll('commitment', [
      { start: 0, end: 5 },
      { start: 6, end: 12 },
    ]);
    await sync();
    expect(session.stepName('undo')).toBe('Tag all matches');
    const undoing = session.undoRedo('undo');
    await Promise.resolve();
    await Promise.resolve();
    expect(ids(session)).toEqual([]);
    await undoing;
    expect(said.at(-1)).toBe('Undid Tag all matches');
    expect(session.stepName('redo')).toBe('Tag all matches');
    await session.undoRedo('redo');
    await sync();
    expect(session.current()).toHaveLength(2);
    await session.undoRedo('redo');
    expect(said.at(-1)).toBe('Nothing to redo');
  });

  it('Tag all skips matches that already carry the tag and says how many', async () => {
    const { session, sync, said } = open();
    await session.tag('commitment', 0, 5);
    await sync();
    await session.tagAll('commitment', [
      { start: 0, end: 5 },
      { start: 6, end: 12 },
    ]);
    const rows = await sync();
    expect(rows).toHaveLength(2);
    expect(said.at(-1)).toBe('Tagged 1 match as Commitment; 1 already had this tag and was skipped');
    await session.tagAll('commitment', [{ start: 6, end: 12 }]);
    expect(said.at(-1)).toBe('Nothing tagged: the match already has Commitment');
    await session.tagAll('commitment', [
      { start: 0, end: 5 },
      { start: 6, end: 12 },
      { start: 13, end: 20 },
    ]);
    expect(said.at(-1)).toBe('Tagged 1 match as Commitment; 2 already had this tag and were skipped');
    expect(await annotationsForDocument(db, ARTICLE)).toHaveLength(3);
  });

  it('a write finishing later does not take back a choice made meanwhile', async () => {
    const { session, sync } = open();
    const first = (await session.tag('commitment', 0, 5))!;
    await sync();
    const saving = session.tag('dispute', 6, 12);
    session.choose(first);
    await saving;
    expect(session.selectedId()).toBe(first);
  });

  it('a write finishing later does not select its result once the caret was moved with the keyboard', async () => {
    const { session, sync } = open();
    const first = (await session.tag('commitment', 0, 5))!;
    expect(session.selectedId()).toBe(first); // with no move meanwhile, the new annotation is chosen
    await sync();
    const saving = session.tag('dispute', 6, 12);
    session.caretMoved();
    const second = await saving;
    expect(second).not.toBeNull();
    expect(session.selectedId()).toBe(first);
  });
});

describe('in Indonesian', () => {
  afterEach(async () => {
    await i18n.changeLanguage('en');
  });

  it('says what was tagged, skipped and undone in the interface language', async () => {
    await i18n.changeLanguage('id');
    const { session, sync, said } = open();
    await session.tag('commitment', 0, 5);
    await sync();
    expect(said.at(-1)).toBe('Diberi tag Commitment: Kedua');
    await session.tagAll('commitment', [
      { start: 0, end: 5 },
      { start: 6, end: 12 },
    ]);
    await sync();
    expect(said.at(-1)).toBe('1 kecocokan diberi tag Commitment; 1 sudah bertag ini dan dilewati');
    expect(session.stepName('undo')).toBe('Beri tag semua kecocokan');
    await session.undoRedo('undo');
    expect(said.at(-1)).toBe('Diurungkan: Beri tag semua kecocokan');
  });
});

describe('describeStep', () => {
  it('names single changes by what they did and groups by their label', () => {
    const a = { ...newAnnotation(), id: 'x', createdAt: 't', updatedAt: 't' } as Annotation;
    const label = (id: string): string => LABELS[id] ?? id;
    expect(describeStep({ kind: 'create', before: null, after: a }, label)).toBe('tag Commitment');
    expect(describeStep({ kind: 'delete', before: a, after: null }, label)).toBe('delete Commitment');
    expect(describeStep({ kind: 'update', before: a, after: { ...a, tag: 'dispute' } }, label)).toBe(
      'edit Dispute',
    );
  });
});
