import {
  AnnotationExistsError,
  AnnotationNotFoundError,
  assertOwner,
  sameAnnotation,
  validateAnnotation,
} from './annotation-repo';
import type { Annotation } from '../../../shared/annotation/annotation-types';
import {
  ANNOTATION_TABLES,
  deleteStored,
  putStored,
  storedAnnotation,
  storedAnnotations,
} from './annotation-store';
import type { TandaDB } from './tanda-db';
import type { AnnotationChange, ChangeGroup, HistoryEntry, UndoHistory } from './undo-history';

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
 *
 * A group is written whole or not at all, under the same rules for each of
 * its changes, in order, and as the group's own annotator (see ChangeGroup).
 */
export async function applyChange(
  db: TandaDB,
  change: AnnotationChange,
  options: { annotator: string },
): Promise<AnnotationChange>;
export async function applyChange(
  db: TandaDB,
  change: HistoryEntry,
  options: { annotator: string },
): Promise<HistoryEntry>;
export async function applyChange(
  db: TandaDB,
  change: HistoryEntry,
  options: { annotator: string },
): Promise<HistoryEntry> {
  if (change.kind === 'group') return applyGroup(db, change);
  checkChange(change, options.annotator);
  // An async scope function: the store's reads await more than Dexie's own promises (PrematureCommitError).
  return db.transaction('rw', [...ANNOTATION_TABLES], async () => await writeChecked(db, change));
}

function checkChange(change: AnnotationChange, annotator: string): void {
  const id = (change.after ?? change.before).id;
  if (change.before) assertOwner(change.before, annotator);
  if (change.after) {
    assertOwner(change.after, annotator);
    validateAnnotation(change.after, `Annotation ${id}`);
  }
}

/** Inside a transaction: write `change` if the stored record is still `change.before`. */
async function writeChecked(db: TandaDB, change: AnnotationChange): Promise<AnnotationChange> {
  const id = idOf(change);
  assertStillBefore(change, await storedAnnotation(db, id));
  if (change.after) await putStored(db, [change.after]);
  else await deleteStored(db, [id]);
  return change;
}

function idOf(change: AnnotationChange): string {
  return (change.after ?? change.before).id;
}

/** Throws unless `current` (the stored record, or undefined) is what `change` starts from. */
function assertStillBefore(change: AnnotationChange, current: Annotation | undefined): void {
  if (sameAnnotation(current, change.before)) return;
  const id = idOf(change);
  if (change.kind === 'create' && current) throw new AnnotationExistsError(id);
  if (change.kind !== 'create' && !current) throw new AnnotationNotFoundError(id);
  throw new HistoryConflictError(id);
}

/**
 * A group (a *Tag all* of a thousand, or its undo) is read with one bulkGet
 * and written with one bulkPut and one bulkDelete: a get and a put per
 * change, awaited one after another, took most of a second. The checks still
 * run in order against the state the earlier changes leave, so a later
 * change may touch what an earlier one wrote.
 */
async function applyGroup(db: TandaDB, group: ChangeGroup): Promise<ChangeGroup> {
  for (const change of group.changes) checkChange(change, group.annotator);
  return db.transaction('rw', [...ANNOTATION_TABLES, 'settings'], async () => {
    const ids = [...new Set(group.changes.map(idOf))];
    const found = await storedAnnotations(db, ids);
    const state = new Map(ids.map((id, i) => [id, found[i]]));
    for (const change of group.changes) {
      assertStillBefore(change, state.get(idOf(change)));
      state.set(idOf(change), change.after ?? undefined);
    }
    const puts: Annotation[] = [];
    const deletes: string[] = [];
    for (const [id, record] of state) {
      if (record) puts.push(record);
      else deletes.push(id);
    }
    await putStored(db, puts);
    await deleteStored(db, deletes);
    for (const { key, before, after } of group.settings) {
      const current = await db.settings.get(key);
      if (!sameJson(current?.value ?? null, before)) throw new HistoryConflictError(key);
      if (after === null) await db.settings.delete(key);
      else await db.settings.put({ key, value: after });
    }
    return group;
  });
}

/** Plain JSON values equal, whatever their key order. */
function sameJson(a: unknown, b: unknown): boolean {
  const canonical = (value: unknown): string =>
    JSON.stringify(value, (_key, v: unknown) =>
      v && typeof v === 'object' && !Array.isArray(v)
        ? Object.fromEntries(Object.entries(v).sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0)))
        : v,
    );
  return canonical(a) === canonical(b);
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
): Promise<HistoryEntry | null> {
  const change = history.undo(documentPath);
  return change && writeOrForget(db, history, documentPath, change, options);
}

/** Redo the latest undone change of a document; same failure rule as undo. */
export async function redoInDocument(
  db: TandaDB,
  history: UndoHistory,
  documentPath: string,
  options: { annotator: string },
): Promise<HistoryEntry | null> {
  const change = history.redo(documentPath);
  return change && writeOrForget(db, history, documentPath, change, options);
}

async function writeOrForget(
  db: TandaDB,
  history: UndoHistory,
  documentPath: string,
  change: HistoryEntry,
  options: { annotator: string },
): Promise<HistoryEntry> {
  try {
    return await applyChange(db, change, options);
  } catch (error) {
    history.clear(documentPath);
    throw error;
  }
}
