import {
  AnnotationExistsError,
  AnnotationNotFoundError,
  assertOwner,
  sameAnnotation,
  validateAnnotation,
} from './annotation-repo';
import type { TandaDB } from './tanda-db';
import type { AnnotationChange, UndoHistory } from './undo-history';

/**
 * The database no longer holds the state a history entry expects (the
 * annotation was edited by re-anchoring, an import, another window…).
 * Replaying the entry would overwrite that work, so it is refused.
 */
export class HistoryConflictError extends Error {
  override readonly name = 'HistoryConflictError';
  constructor(readonly id: string) {
    super(`Annotation ${id} was changed elsewhere since this step; it cannot be undone or redone.`);
  }
}

/**
 * Write one change (a forward change, or the inverse `UndoHistory.undo`
 * returned) in one transaction. Records are written exactly as given: undo
 * of a delete re-inserts the same id and timestamps, undo of an update puts
 * back the previous record. The stored record must equal `change.before`
 * (absent for a create) and every record touched must belong to `annotator`;
 * otherwise nothing is written.
 */
export async function applyChange(
  db: TandaDB,
  change: AnnotationChange,
  options: { annotator: string },
): Promise<AnnotationChange> {
  const id = (change.after ?? change.before).id;
  if (change.before) assertOwner(change.before, options.annotator);
  if (change.after) {
    assertOwner(change.after, options.annotator);
    validateAnnotation(change.after, `Annotation ${id}`);
  }
  return db.transaction('rw', db.annotations, async () => {
    const current = await db.annotations.get(id);
    if (!sameAnnotation(current, change.before)) {
      if (change.kind === 'create' && current) throw new AnnotationExistsError(id);
      if (change.kind !== 'create' && !current) throw new AnnotationNotFoundError(id);
      throw new HistoryConflictError(id);
    }
    if (change.after) await db.annotations.put(change.after);
    else await db.annotations.delete(id);
    return change;
  });
}

/**
 * Undo the latest change of a document and write it. Resolves to the change
 * written, or null when there is nothing to undo. If writing fails, the
 * document's history is cleared (it no longer matches the database; the data
 * itself is untouched) and the error is rethrown for the UI to show.
 */
export async function undoInDocument(
  db: TandaDB,
  history: UndoHistory,
  documentPath: string,
  options: { annotator: string },
): Promise<AnnotationChange | null> {
  const change = history.undo(documentPath);
  return change && writeOrForget(db, history, documentPath, change, options);
}

/** Redo the latest undone change of a document; same failure rule as undo. */
export async function redoInDocument(
  db: TandaDB,
  history: UndoHistory,
  documentPath: string,
  options: { annotator: string },
): Promise<AnnotationChange | null> {
  const change = history.redo(documentPath);
  return change && writeOrForget(db, history, documentPath, change, options);
}

async function writeOrForget(
  db: TandaDB,
  history: UndoHistory,
  documentPath: string,
  change: AnnotationChange,
  options: { annotator: string },
): Promise<AnnotationChange> {
  try {
    return await applyChange(db, change, options);
  } catch (error) {
    history.clear(documentPath);
    throw error;
  }
}
