import { ANNOTATION_TABLES, countStored, lastEditedStored } from './annotation-store';
import type { TandaDB } from './tanda-db';

/**
 * A cheap fingerprint of everything a backup holds: when it changes,
 * something changed since the last backup.
 */
export async function databaseFingerprint(db: TandaDB): Promise<string> {
  return db.transaction('r', [...ANNOTATION_TABLES, 'documentStatus', 'codebook'], async () => {
    const [annotations, lastEdit, statuses, lastStatus, codebook] = await Promise.all([
      countStored(db),
      lastEditedStored(db),
      db.documentStatus.count(),
      db.documentStatus.toCollection().last(),
      db.codebook.get('current'),
    ]);
    return JSON.stringify([
      annotations,
      lastEdit?.updatedAt,
      lastEdit?.id,
      statuses,
      lastStatus?.updatedAt,
      codebook?.updatedAt,
    ]);
  });
}
