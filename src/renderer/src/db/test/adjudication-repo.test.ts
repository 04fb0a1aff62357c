import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import {
  adjudicatedId,
  decisionOf,
  planDecision,
  unitPartIds,
  type Decision,
} from '../../../../shared/agreement/adjudication';
import type { Annotation } from '../../../../shared/annotation/annotation-types';
import { compareSpans, type ComparisonUnit } from '../../../../shared/agreement/disagreements';
import {
  NotYourAnnotationError,
  annotationsForDocumentBy,
  createAnnotation,
  updateAnnotation,
} from '../annotation-repo';
import { rejectedUnits, writeDecisions } from '../adjudication-repo';
import { HistoryConflictError, applyChange, redoInDocument, undoInDocument } from '../history-apply';
import type { TandaDB } from '../tanda-db';
import { UndoHistory, type ChangeGroup } from '../undo-history';
import { ARTICLE, freshDb, newAnnotation, steppingClock } from './annotation-fixtures';

let db: TandaDB;
afterEach(async () => {
  await db?.delete();
});

const TARGET = 'adjudicated';
const NOW = '2025-04-01T10:00:00.000Z';

/** Ayu tagged 10–20 as a commitment, Budi as a dispute: one tag conflict. */
async function tagConflict(): Promise<ComparisonUnit<Annotation>> {
  const clock = steppingClock();
  const a = (
    await createAnnotation(
      db,
      newAnnotation({ annotator: 'Ayu', note: 'firm pledge', attributes: { strength: 'firm' } }),
      { now: clock },
    )
  ).after!;
  const b = (await createAnnotation(db, newAnnotation({ annotator: 'Budi', tag: 'dispute' }), { now: clock }))
    .after!;
  const [unit] = compareSpans([a], [b]);
  expect(unit!.kind).toBe('tag-conflict');
  return unit!;
}

async function decide(
  unit: ComparisonUnit<Annotation>,
  decision: Decision,
  label: string = decision,
): Promise<ChangeGroup | null> {
  return writeDecisions(db, {
    target: TARGET,
    documentPath: ARTICLE,
    label,
    plans: [planDecision(unit, decision, { target: TARGET, documentPath: ARTICLE, now: NOW })],
  });
}

async function adjudicated(): Promise<Annotation[]> {
  return annotationsForDocumentBy(db, ARTICLE, TARGET);
}

async function currentDecision(unit: ComparisonUnit<Annotation>): Promise<Decision | null> {
  const ids = new Set((await adjudicated()).map((a) => a.id));
  return decisionOf(
    unit.key,
    unitPartIds(TARGET, ARTICLE, unit),
    ids,
    await rejectedUnits(db, TARGET, ARTICLE),
  );
}

describe('adjudication decisions in the database', () => {
  it("accept A copies a's annotation to the target under an id derived from the unit", async () => {
    db = freshDb();
    const unit = await tagConflict();
    const group = await decide(unit, 'a', 'Accept A');
    expect(group).toMatchObject({
      kind: 'group',
      annotator: TARGET,
      documentPath: ARTICLE,
      label: 'Accept A',
      settings: [],
    });
    const [copy] = await adjudicated();
    expect(copy).toMatchObject({
      id: adjudicatedId(TARGET, ARTICLE, unit.key, `a:${unit.a[0]!.id}`),
      annotator: TARGET,
      tag: 'commitment',
      start: 10,
      end: 20,
      note: 'firm pledge',
      attributes: { strength: 'firm' },
      createdAt: NOW,
    });
    expect(await currentDecision(unit)).toBe('a');
  });

  it('accepting the same unit again writes nothing', async () => {
    db = freshDb();
    const unit = await tagConflict();
    await decide(unit, 'a');
    expect(await decide(unit, 'a')).toBeNull();
    expect(await adjudicated()).toHaveLength(1);
  });

  it('accept both is one group that one undo takes back whole, and one redo puts back', async () => {
    db = freshDb();
    const history = new UndoHistory();
    const unit = await tagConflict();
    history.record((await decide(unit, 'both'))!);
    expect((await adjudicated()).map((a) => a.tag).sort()).toEqual(['commitment', 'dispute']);
    expect(await currentDecision(unit)).toBe('both');

    // The person at the keyboard is Ayu; the group replays as its target.
    await undoInDocument(db, history, ARTICLE, { annotator: 'Ayu' });
    expect(await adjudicated()).toEqual([]);
    expect(await currentDecision(unit)).toBeNull();
    await redoInDocument(db, history, ARTICLE, { annotator: 'Ayu' });
    expect(await adjudicated()).toHaveLength(2);
  });

  it('a new decision replaces the previous one', async () => {
    db = freshDb();
    const unit = await tagConflict();
    await decide(unit, 'a');
    const group = await decide(unit, 'b');
    expect(group!.changes.map((c) => c.kind)).toEqual(['delete', 'create']);
    expect((await adjudicated()).map((a) => a.tag)).toEqual(['dispute']);
    expect(await currentDecision(unit)).toBe('b');
  });

  it('reject leaves no annotation, is remembered, and is undoable', async () => {
    db = freshDb();
    const history = new UndoHistory();
    const unit = await tagConflict();
    await decide(unit, 'a');
    const group = (await decide(unit, 'reject'))!;
    history.record(group);
    expect(await adjudicated()).toEqual([]);
    expect(await currentDecision(unit)).toBe('reject');
    expect([...(await rejectedUnits(db, TARGET, ARTICLE))]).toEqual([unit.key]);

    await undoInDocument(db, history, ARTICLE, { annotator: 'Ayu' });
    expect(await currentDecision(unit)).toBe('a');
    expect(await rejectedUnits(db, TARGET, ARTICLE)).toEqual(new Set());
    expect(await db.settings.count()).toBe(0);
  });

  it('an edit is written as the reviewer set it, and a second edit updates it in place', async () => {
    db = freshDb();
    const unit = await tagConflict();
    const edited = {
      tag: 'dispute',
      start: 12,
      end: 18,
      quote: 'rja sa',
      prefix: '',
      suffix: '',
      attributes: {},
      note: 'narrower',
    };
    const plan = (e: typeof edited) =>
      planDecision(unit, 'edit', { target: TARGET, documentPath: ARTICLE, now: NOW, edited: e });
    await writeDecisions(db, { target: TARGET, documentPath: ARTICLE, label: 'Edit', plans: [plan(edited)] });
    expect(await currentDecision(unit)).toBe('edit');
    const second = await writeDecisions(db, {
      target: TARGET,
      documentPath: ARTICLE,
      label: 'Edit',
      plans: [plan({ ...edited, end: 19, quote: 'rja sam' })],
    });
    expect(second!.changes.map((c) => c.kind)).toEqual(['update']);
    const [stored] = await adjudicated();
    expect(stored).toMatchObject({ start: 12, end: 19, createdAt: NOW });
    expect(stored!.updatedAt > NOW).toBe(true);
  });

  it('undo is refused, writing nothing, when the adjudicated annotation was changed since', async () => {
    db = freshDb();
    const history = new UndoHistory();
    const unit = await tagConflict();
    const group = (await decide(unit, 'both'))!;
    history.record(group);
    const [first] = await adjudicated();
    await updateAnnotation(db, first!.id, { note: 'changed meanwhile' }, { annotator: TARGET });
    await expect(undoInDocument(db, history, ARTICLE, { annotator: 'Ayu' })).rejects.toBeInstanceOf(
      HistoryConflictError,
    );
    expect(await adjudicated()).toHaveLength(2); // the other one was not deleted either
    expect(history.canUndo(ARTICLE)).toBe(false);
  });

  it("a group touching someone else's annotation is refused before anything is written", async () => {
    db = freshDb();
    const unit = await tagConflict();
    const bad: ChangeGroup = {
      kind: 'group',
      before: null,
      after: null,
      documentPath: ARTICLE,
      annotator: TARGET,
      label: 'sneaky',
      changes: [{ kind: 'delete', before: unit.a[0]!, after: null }],
      settings: [],
    };
    await expect(applyChange(db, bad, { annotator: 'Ayu' })).rejects.toBeInstanceOf(NotYourAnnotationError);
    expect(await db.annotations.count()).toBe(2);
  });

  it('several units in one call are one group (accept all agreements)', async () => {
    db = freshDb();
    const clock = steppingClock();
    const spans = async (annotator: string) => [
      (
        await createAnnotation(db, newAnnotation({ annotator, start: 0, end: 5, quote: 'Kedua' }), {
          now: clock,
        })
      ).after!,
      (await createAnnotation(db, newAnnotation({ annotator }), { now: clock })).after!,
    ];
    const units = compareSpans(await spans('Ayu'), await spans('Budi'));
    expect(units.map((u) => u.kind)).toEqual(['agree', 'agree']);
    const group = await writeDecisions(db, {
      target: TARGET,
      documentPath: ARTICLE,
      label: 'Accept all agreements',
      plans: units.map((u) => planDecision(u, 'a', { target: TARGET, documentPath: ARTICLE, now: NOW })),
    });
    expect(group!.changes).toHaveLength(2);
    expect(await adjudicated()).toHaveLength(2);
  });
});
