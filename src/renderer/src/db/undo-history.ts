import type { Annotation } from '../../../shared/annotation-types';

/**
 * One committed change to one annotation, as the repository reports it after
 * its transaction completed. `before`/`after` are whole records, so a change
 * can be replayed in either direction exactly (same id, same timestamps).
 */
export type AnnotationChange =
  | { kind: 'create'; before: null; after: Annotation }
  | { kind: 'update'; before: Annotation; after: Annotation }
  | { kind: 'delete'; before: Annotation; after: null };

/** The change that takes the database back from `change.after` to `change.before`. */
export function invertChange(change: AnnotationChange): AnnotationChange {
  switch (change.kind) {
    case 'create':
      return { kind: 'delete', before: change.after, after: null };
    case 'delete':
      return { kind: 'create', before: null, after: change.before };
    case 'update':
      return { kind: 'update', before: change.after, after: change.before };
  }
}

/** The document a change belongs to (an update never moves an annotation). */
export function changeDocumentPath(change: AnnotationChange): string {
  return change.kind === 'create' ? change.after.documentPath : change.before.documentPath;
}

/** Entries kept per document; the oldest are dropped beyond this. */
export const DEFAULT_HISTORY_LIMIT = 500;

/**
 * Undo/redo for one document. Pure: it only stores changes and says which
 * change to write next; the caller writes it (see history-apply.ts).
 */
export class UndoStack {
  private readonly past: AnnotationChange[] = [];
  private readonly future: AnnotationChange[] = [];

  constructor(
    private readonly limit = DEFAULT_HISTORY_LIMIT,
    private readonly onChange: () => void = () => {},
  ) {}

  /** Remember a committed change; a new change ends the redo branch, as usual. */
  record(change: AnnotationChange): void {
    this.past.push(change);
    if (this.past.length > this.limit) this.past.splice(0, this.past.length - this.limit);
    this.future.length = 0;
    this.onChange();
  }

  /** The change to write to undo the latest change, or null when there is none. */
  undo(): AnnotationChange | null {
    const change = this.past.pop();
    if (!change) return null;
    this.future.push(change);
    this.onChange();
    return invertChange(change);
  }

  /** The change to write to redo the latest undone change, or null when there is none. */
  redo(): AnnotationChange | null {
    const change = this.future.pop();
    if (!change) return null;
    this.past.push(change);
    this.onChange();
    return change;
  }

  canUndo(): boolean {
    return this.past.length > 0;
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
  record(change: AnnotationChange): void {
    this.for(changeDocumentPath(change)).record(change);
  }

  undo(documentPath: string): AnnotationChange | null {
    return this.for(documentPath).undo();
  }

  redo(documentPath: string): AnnotationChange | null {
    return this.for(documentPath).redo();
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
