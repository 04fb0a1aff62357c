import { describe, expect, it } from 'vitest';
import type { Annotation } from '../../../../shared/annotation/annotation-types';
import {
  UndoHistory,
  UndoStack,
  invertChange,
  type AnnotationChange,
  type ChangeGroup,
} from '../undo-history';
import { ARTICLE, OTHER_ARTICLE, newAnnotation } from './annotation-fixtures';

function record(overrides: Partial<Annotation> = {}): Annotation {
  return {
    ...newAnnotation(),
    id: crypto.randomUUID(),
    createdAt: '2025-03-01T08:00:00.000Z',
    updatedAt: '2025-03-01T08:00:00.000Z',
    ...overrides,
  };
}
const created = (a: Annotation): AnnotationChange => ({ kind: 'create', before: null, after: a });
const edited = (a: Annotation, tag: string): AnnotationChange => ({
  kind: 'update',
  before: a,
  after: { ...a, tag },
});

describe('invertChange', () => {
  it('turns create into delete, delete into create and swaps an update', () => {
    const a = record();
    expect(invertChange(created(a))).toEqual({ kind: 'delete', before: a, after: null });
    expect(invertChange({ kind: 'delete', before: a, after: null })).toEqual(created(a));
    const e = edited(a, 'dispute');
    expect(invertChange(e)).toEqual({ kind: 'update', before: e.after, after: a });
    expect(invertChange(invertChange(e))).toEqual(e);
  });
});

describe('UndoStack', () => {
  it('undoes newest first and redoes in order', () => {
    const stack = new UndoStack();
    const a = record();
    const first = created(a);
    const second = edited(a, 'dispute');
    stack.record(first);
    stack.record(second);

    expect(stack.undo()).toEqual(invertChange(second));
    expect(stack.undo()).toEqual(invertChange(first));
    expect(stack.canUndo()).toBe(false);
    expect(stack.undo()).toBeNull();
    expect(stack.redo()).toEqual(first);
    expect(stack.redo()).toEqual(second);
    expect(stack.canRedo()).toBe(false);
    expect(stack.redo()).toBeNull();
  });

  it('a new change after undo clears redo', () => {
    const stack = new UndoStack();
    const a = record();
    stack.record(created(a));
    stack.record(edited(a, 'dispute'));
    stack.undo();
    expect(stack.canRedo()).toBe(true);
    stack.record(edited(a, 'cooperation'));
    expect(stack.canRedo()).toBe(false);
    expect(stack.undo()).toEqual(invertChange(edited(a, 'cooperation')));
  });

  it('keeps at most `limit` entries, dropping the oldest', () => {
    const stack = new UndoStack(2);
    const [a, b, c] = [record(), record(), record()];
    stack.record(created(a));
    stack.record(created(b));
    stack.record(created(c));
    expect(stack.undo()?.before).toEqual(c);
    expect(stack.undo()?.before).toEqual(b);
    expect(stack.canUndo()).toBe(false);
  });
});

describe('UndoHistory', () => {
  it('keeps one history per document across switches', () => {
    const history = new UndoHistory();
    const here = record();
    const there = record({ documentPath: OTHER_ARTICLE });
    history.record(created(here));
    history.record(created(there));
    history.record({ kind: 'delete', before: there, after: null });

    expect(history.canUndo(ARTICLE)).toBe(true);
    expect(history.undo(ARTICLE)).toEqual({ kind: 'delete', before: here, after: null });
    expect(history.canUndo(ARTICLE)).toBe(false);
    expect(history.canRedo(ARTICLE)).toBe(true);

    // The other document's history is untouched by undo in this one.
    expect(history.undo(OTHER_ARTICLE)).toEqual(created(there));
    expect(history.canUndo(OTHER_ARTICLE)).toBe(true);
    expect(history.canRedo(ARTICLE)).toBe(true);
  });

  it('knows nothing of a document never touched', () => {
    const history = new UndoHistory();
    expect(history.canUndo('never.txt')).toBe(false);
    expect(history.undo('never.txt')).toBeNull();
    expect(history.redo('never.txt')).toBeNull();
  });

  it('clears one document or all, and notifies subscribers of every change', () => {
    const history = new UndoHistory();
    let calls = 0;
    const unsubscribe = history.subscribe(() => (calls += 1));
    history.record(created(record()));
    history.record(created(record({ documentPath: OTHER_ARTICLE })));
    const rev = history.revision;
    history.clear(ARTICLE);
    expect(history.canUndo(ARTICLE)).toBe(false);
    expect(history.canUndo(OTHER_ARTICLE)).toBe(true);
    expect(history.revision).toBe(rev + 1);
    history.clear();
    expect(history.canUndo(OTHER_ARTICLE)).toBe(false);
    expect(calls).toBe(4);
    unsubscribe();
    history.record(created(record()));
    expect(calls).toBe(4);
  });

  it('a fresh history (a reload) has nothing to undo', () => {
    const history = new UndoHistory();
    history.record(created(record()));
    expect(new UndoHistory().canUndo(ARTICLE)).toBe(false);
  });
});

describe('grouped changes', () => {
  const group = (changes: AnnotationChange[]): ChangeGroup => ({
    kind: 'group',
    before: null,
    after: null,
    documentPath: ARTICLE,
    annotator: 'adjudicated',
    label: 'Accept both',
    changes,
    settings: [{ key: 'k', before: null, after: { rejected: ['x'] } }],
  });

  it('inverts as a whole: each change inverted, in reverse order, settings swapped', () => {
    const [a, b] = [record(), record()];
    const g = group([created(a), created(b)]);
    const inverse = invertChange(g) as ChangeGroup;
    expect(inverse.changes).toEqual([invertChange(created(b)), invertChange(created(a))]);
    expect(inverse.settings).toEqual([{ key: 'k', before: { rejected: ['x'] }, after: null }]);
    expect(inverse.label).toBe('Accept both');
    expect(invertChange(inverse)).toEqual(g);
  });

  it("is one step of its document's history, and can be looked at before undoing", () => {
    const history = new UndoHistory();
    const single = created(record());
    const g = group([created(record()), created(record())]);
    history.record(single);
    history.record(g);
    expect(history.peekUndo(ARTICLE)).toBe(g);
    expect(history.peekRedo(ARTICLE)).toBeNull();
    expect(history.undo(ARTICLE)).toEqual(invertChange(g));
    expect(history.peekUndo(ARTICLE)).toBe(single);
    expect(history.peekRedo(ARTICLE)).toBe(g);
    expect(history.redo(ARTICLE)).toEqual(g);
    expect(history.peekUndo('never.txt')).toBeNull();
  });
});
