import { BUILTIN_CODEBOOK } from '../../../shared/builtin-codebook';
import {
  type Bundle,
  type BundleDocument,
  type BundleMergeReport,
  buildBundle,
  mergeReport,
  planBundleMerge,
  validateBundle,
} from '../../../shared/bundle';
import { type Codebook, validateCodebook } from '../../../shared/codebook';
import { CODEBOOK_ROW_ID, loadCodebook } from './settings-repo';
import type { DocumentStatusRecord, TandaDB } from './tanda-db';

/*
 * The database side of bundles (format and merge rule: shared/bundle.ts).
 * Export reads one consistent snapshot; import and restore are each ONE
 * transaction over annotations, statuses and codebook, so a failure at any
 * point (an invalid record, quota, a crash) leaves the database as it was.
 * Settings (annotator name, snap-to-words…) belong to this machine and are
 * never exported, imported or restored.
 */

export interface ExportBundleOptions {
  /** Only these annotators' annotations and statuses; absent: everyone (a backup). */
  annotators?: readonly string[];
  /** The corpus documents (a corpus snapshot's `documents` will do). */
  documents: readonly BundleDocument[];
  now: Date;
  appVersion?: string;
}

/**
 * A bundle of the database: the chosen annotators' annotations and statuses,
 * and the codebook in use (the stored one, or the built-in one when none was
 * ever saved).
 */
export async function exportBundle(db: TandaDB, options: ExportBundleOptions): Promise<Bundle> {
  const { annotations, statuses, codebook } = await db.transaction(
    'r',
    db.annotations,
    db.documentStatus,
    db.codebook,
    async () => ({
      annotations: options.annotators
        ? await db.annotations.where('annotator').anyOf([...options.annotators]).toArray()
        : await db.annotations.toArray(),
      statuses: await db.documentStatus.toArray(),
      codebook: await loadCodebook(db),
    }),
  );
  return buildBundle({
    codebook: codebook === null ? BUILTIN_CODEBOOK : validateCodebook(codebook),
    documents: options.documents,
    annotations,
    statuses,
    ...(options.annotators ? { annotators: options.annotators } : {}),
    now: options.now,
    ...(options.appVersion === undefined ? {} : { appVersion: options.appVersion }),
  });
}

/**
 * Merge a bundle into the database (see `planBundleMerge`): annotations by
 * id and statuses by annotator + document, a bundle record winning only with
 * a strictly later `updatedAt`; nothing is ever deleted. The codebook is
 * taken from the bundle only when the database has none saved; otherwise
 * the database keeps its own and the report says `different` when they
 * differ (the analyst decides in the codebook editor, where the codebook's
 * rules about ids apply). The bundle is validated again here, so no caller
 * can write what the schema refuses.
 */
export async function importBundle(
  db: TandaDB,
  bundle: Bundle,
  options?: { now?: () => Date },
): Promise<BundleMergeReport> {
  const checked = validateBundle(bundle);
  const updatedAt = (options?.now ? options.now() : new Date()).toISOString();
  return db.transaction('rw', db.annotations, db.documentStatus, db.codebook, async () => {
    const storedAnnotations = await db.annotations.bulkGet(checked.annotations.map((a) => a.id));
    const storedStatuses = await db.documentStatus.bulkGet(
      checked.documentStatuses.map((s): [string, string] => [s.annotator, s.documentPath]),
    );
    const storedCodebook = await loadCodebook(db);
    const plan = planBundleMerge(checked, {
      annotations: storedAnnotations.filter((a) => a !== undefined),
      statuses: storedStatuses.filter((s) => s !== undefined),
      codebook: storedCodebook === null ? null : validateCodebook(storedCodebook),
    });
    await db.annotations.bulkPut([...plan.annotations.added, ...plan.annotations.updated]);
    await db.documentStatus.bulkPut([...plan.statuses.added, ...plan.statuses.updated]);
    if (plan.codebook === 'added') await putCodebook(db, checked.codebook, updatedAt);
    return mergeReport(plan);
  });
}

export interface RestoreReport {
  annotations: number;
  statuses: number;
}

/**
 * Replace the database's annotations, statuses and codebook with the
 * bundle's, in one transaction. Destructive by design (a restore): the
 * caller asks first and backs up the current state before calling.
 */
export async function restoreBundle(
  db: TandaDB,
  bundle: Bundle,
  options?: { now?: () => Date },
): Promise<RestoreReport> {
  const checked = validateBundle(bundle);
  const updatedAt = (options?.now ? options.now() : new Date()).toISOString();
  return db.transaction('rw', db.annotations, db.documentStatus, db.codebook, async () => {
    await Promise.all([db.annotations.clear(), db.documentStatus.clear(), db.codebook.clear()]);
    await db.annotations.bulkAdd(checked.annotations);
    await db.documentStatus.bulkAdd(checked.documentStatuses satisfies DocumentStatusRecord[]);
    await putCodebook(db, checked.codebook, updatedAt);
    return { annotations: checked.annotations.length, statuses: checked.documentStatuses.length };
  });
}

function putCodebook(db: TandaDB, codebook: Codebook, updatedAt: string): Promise<unknown> {
  return db.codebook.put({ id: CODEBOOK_ROW_ID, codebook, updatedAt });
}
