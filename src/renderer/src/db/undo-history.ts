import type { Annotation } from '../../../shared/annotation/annotation-types';

/**
 * One committed change to one annotation, as the repository reports it after
 * its transaction completed. `before`/`after` are whole records, so a change
 * can be replayed in either direction exactly (same id, same timestamps).
 */
export type AnnotationChange =
  | { kind: 'create'; before: null; after: Annotation }
  | { kind: 'update'; before: Annotation; after: Annotation }
  | { kind: 'delete'; before: Annotation; after: null };

/** One settings row as it was and as it became; null is "no row". */
export interface SettingChange {
  key: string;
  before: unknown;
  after: unknown;
}

/**
 * Several changes of one document that were committed in one transaction and
 * undo and redo as one step: an adjudication decision ("accept both" creates
 * two annotations, a new decision replaces an earlier one and clears its
 * settings mark). Annotation changes run in order, then settings changes.
 *
 * `before`/`after` are always null so that code written for single changes
 * (`change.after?.id`) reads nothing from a group rather than failing.
 *
 * The changes were written as `annotator` (the adjudication's target, not
 * the person at the keyboard), so undo and redo replay them as that
 * annotator: every record they touch must belong to it.
 */
export interface ChangeGroup {
  kind: 'group';
  before: null;
  after: null;
  documentPath: string;
  annotator: string;
  /** What the step did, for buttons and announcements ("Accept A"). */
  label: string;
  changes: AnnotationChange[];
  settings: SettingChange[];
}

/** What the history stores: a single change, or a group that acts as one. */
export type HistoryEntry = AnnotationChange | ChangeGroup;

/** The change that takes the database back from `change.after` to `change.before`. */
export function invertChange(change: AnnotationChange): AnnotationChange;
export function invertChange(change: HistoryEntry): HistoryEntry;
export function invertChange(change: HistoryEntry): HistoryEntry {
  switch (change.kind) {
    case 'create':
      return { kind: 'delete', before: change.after, after: null };
    case 'delete':
      return { kind: 'create', before: null, after: change.before };
    case 'update':
      return { kind: 'update', before: change.after, after: change.before };
    case 'group':
      return {
        ...change,
        changes: change.changes.map((c) => invertChange(c)).reverse(),
        settings: change.settings.map((c) => ({ key: c.key, before: c.after, after: c.before })).reverse(),
      };
  }
}

/** The document a change belongs to (an update never moves an annotation). */
function changeDocumentPath(change: HistoryEntry): string {
  if (change.kind === 'group') return change.documentPath;
  return change.kind === 'create' ? change.after.documentPath : change.before.documentPath;
}

/** Entries kept per document; the oldest are dropped beyond this. */
const DEFAULT_HISTORY_LIMIT = 500;

/**
 * Undo/redo for one document. Pure: it only stores changes and says which
 * change to write next; the caller writes it (see history-apply.ts).
 */
export class UndoStack {
  private readonly past: HistoryEntry[] = [];
  private readonly future: HistoryEntry[] = [];

  constructor(
    private readonly limit = DEFAULT_HISTORY_LIMIT,
    private readonly onChange: () => void = () => {},
  ) {}

  /** Remember a committed change; a new change ends the redo branch, as usual. */
  record(change: HistoryEntry): void {
    this.past.push(change);
    if (this.past.length > this.limit) this.past.splice(0, this.past.length - this.limit);
    this.future.length = 0;
    this.onChange();
  }

  /** The change to write to undo the latest change, or null when there is none. */
  undo(): HistoryEntry | null {
    const change = this.past.pop();
    if (!change) return null;
    this.future.push(change);
    this.onChange();
    return invertChange(change);
  }

  /** The change to write to redo the latest undone change, or null when there is none. */
  redo(): HistoryEntry | null {
    const change = this.future.pop();
    if (!change) return null;
    this.past.push(change);
    this.onChange();
    return change;
  }

  canUndo(): boolean {
    return this.past.length > 0;
  }

  /** The entry `undo` would take back (as recorded, not inverted), without taking it. */
  peekUndo(): HistoryEntry | null {
    return this.past[this.past.length - 1] ?? null;
  }

  /** The entry `redo` would write, without writing it. */
  peekRedo(): HistoryEntry | null {
    return this.future[this.future.length - 1] ?? null;
  }

  canRedo(): boolean {
    return this.future.length > 0;
  }

  clear(): void {
    if (this.past.length === 0 && this.future.length === 0) return;
    this.past.length = 0;
    this.future.length = 0;
    this.onChange();
  }
}

/**
 * The session's undo history: one `UndoStack` per document path, so switching
 * documents keeps each document's own history. Nothing is persisted: a reload
 * starts a fresh history while the data itself stays in IndexedDB.
 *
 * `subscribe`/`revision` fit React's `useSyncExternalStore`, so Undo/Redo
 * buttons can follow `canUndo`/`canRedo`.
 */
export class UndoHistory {
  private readonly stacks = new Map<string, UndoStack>();
  private readonly listeners = new Set<() => void>();
  private rev = 0;

  constructor(private readonly limit = DEFAULT_HISTORY_LIMIT) {}

  /** The stack of one document, created empty on first use. */
  for(documentPath: string): UndoStack {
    let stack = this.stacks.get(documentPath);
    if (!stack) {
      stack = new UndoStack(this.limit, () => this.changed());
      this.stacks.set(documentPath, stack);
    }
    return stack;
  }

  /** Record a committed change in its own document's stack. */
  record(change: HistoryEntry): void {
    this.for(changeDocumentPath(change)).record(change);
  }

  undo(documentPath: string): HistoryEntry | null {
    return this.for(documentPath).undo();
  }

  redo(documentPath: string): HistoryEntry | null {
    return this.for(documentPath).redo();
  }

  peekUndo(documentPath: string): HistoryEntry | null {
    return this.stacks.get(documentPath)?.peekUndo() ?? null;
  }

  peekRedo(documentPath: string): HistoryEntry | null {
    return this.stacks.get(documentPath)?.peekRedo() ?? null;
  }

  canUndo(documentPath: string): boolean {
    return this.stacks.get(documentPath)?.canUndo() ?? false;
  }

  canRedo(documentPath: string): boolean {
    return this.stacks.get(documentPath)?.canRedo() ?? false;
  }

  /** Forget one document's history, or every document's when no path is given. */
  clear(documentPath?: string): void {
    if (documentPath === undefined) {
      for (const stack of this.stacks.values()) stack.clear();
    } else {
      this.stacks.get(documentPath)?.clear();
    }
  }

  /** Bumped on every change to any stack. */
  get revision(): number {
    return this.rev;
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private changed(): void {
    this.rev += 1;
    for (const listener of this.listeners) listener();
  }
}
