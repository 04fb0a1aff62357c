import Dexie from 'dexie';
import type { Annotation } from '../../../shared/annotation/annotation-types';
import { SETTING_KEYS } from './settings-repo';
import { ANNOTATION_TABLES, countStored, putStored, storedWhere } from './annotation-store';
import type { DocumentStatusRecord, TandaDB } from './tanda-db';

/*
 * One analyst under two names ("sari" and "Sari"): renaming yourself, and
 * merging one annotator into another with a preview and an undo. Each is one
 * transaction; in a team project the journal gets the result as one batch.
 */

export interface RenameReport {
  annotations: number;
  statuses: number;
}

/**
 * Gives every annotation and status of `from` to `to`, and makes `to` the
 * annotator name, in one transaction (so "sari" → "Sari" no longer hides
 * work). The journal gets it as one batch on the next sync. Statuses `to`
 * already has for a document are kept (the newer wins).
 */
export async function renameAnnotator(
  db: TandaDB,
  from: string,
  to: string,
  options: { setName: boolean },
): Promise<RenameReport> {
  if (from === to) return { annotations: 0, statuses: 0 };
  return db.transaction('rw', [...ANNOTATION_TABLES, 'documentStatus', 'settings'], async () => {
    const annotations = await storedWhere(db, 'annotator', from);
    await putStored(
      db,
      annotations.map((a) => ({ ...a, annotator: to })),
    );
    const statuses = await db.documentStatus
      .where('[annotator+documentPath]')
      .between([from, Dexie.minKey], [from, Dexie.maxKey])
      .toArray();
    for (const s of statuses) {
      const theirs = await db.documentStatus.get([to, s.documentPath]);
      if (!theirs || theirs.updatedAt < s.updatedAt) await db.documentStatus.put({ ...s, annotator: to });
      await db.documentStatus.delete([from, s.documentPath]);
    }
    if (options.setName) await db.settings.put({ key: SETTING_KEYS.annotator, value: to });
    return { annotations: annotations.length, statuses: statuses.length };
  });
}

/** What merging one annotator into another would move (the preview). */
export async function previewAnnotatorMerge(db: TandaDB, from: string): Promise<RenameReport> {
  const annotations = await countStored(db, 'annotator', from);
  const statuses = await db.documentStatus
    .where('[annotator+documentPath]')
    .between([from, Dexie.minKey], [from, Dexie.maxKey])
    .count();
  return { annotations, statuses };
}

/** What `undoAnnotatorMerge` puts back: the records as they were before the merge. */
export interface AnnotatorMergeUndo {
  from: string;
  to: string;
  annotations: Annotation[];
  statuses: DocumentStatusRecord[];
  /** `to`'s statuses the merge replaced. */
  replaced: DocumentStatusRecord[];
}

/** Merges annotator `from` into `to` (e.g. "sari" into "Sari") in one transaction; returns what undoes it. */
export async function mergeAnnotators(db: TandaDB, from: string, to: string): Promise<AnnotatorMergeUndo> {
  return db.transaction('rw', [...ANNOTATION_TABLES, 'documentStatus', 'settings'], async () => {
    const annotations = await storedWhere(db, 'annotator', from);
    const statuses = await db.documentStatus
      .where('[annotator+documentPath]')
      .between([from, Dexie.minKey], [from, Dexie.maxKey])
      .toArray();
    const replaced = (
      await db.documentStatus.bulkGet(statuses.map((s): [string, string] => [to, s.documentPath]))
    ).filter((s) => s !== undefined);
    await renameAnnotator(db, from, to, { setName: false });
    return { from, to, annotations, statuses, replaced };
  });
}

/** Puts back what `mergeAnnotators` moved, in one transaction. */
export async function undoAnnotatorMerge(db: TandaDB, undo: AnnotatorMergeUndo): Promise<void> {
  await db.transaction('rw', [...ANNOTATION_TABLES, 'documentStatus'], async () => {
    await putStored(db, undo.annotations);
    for (const s of undo.statuses) await db.documentStatus.delete([undo.to, s.documentPath]);
    await db.documentStatus.bulkPut([...undo.statuses, ...undo.replaced]);
  });
}
