import { decisionId, type SuggestionDecision } from '../../../shared/suggest/suggestion-types';
import { allDecisions, putDecisions } from './suggestion-repo';
import { builtinCodebook } from '../../../shared/codebook/builtin-codebook';
import {
  type Bundle,
  type BundleDocument,
  type BundleDocumentDate,
  type BundleRejectedUnits,
} from '../../../shared/exchange/bundle-schema';
import {
  type BundleMergePlan,
  type BundleMergeReport,
  mergeReport,
  planBundleMerge,
} from '../../../shared/exchange/bundle-merge';
import type { Annotation } from '../../../shared/annotation/annotation-types';
import { buildBundle, storedAnnotation, validateBundle } from '../../../shared/exchange/bundle';
import { rekeyedAnnotationId } from '../../../shared/exchange/csv-format';
import { type Codebook, validateCodebook } from '../../../shared/codebook/codebook';
import {
  allRejectedUnits,
  parseRejectedKey,
  REJECTED_KEY_PREFIX,
  rejectedKey,
  type RejectedUnits,
} from './adjudication-repo';
import { METADATA_KEY_PREFIX, metadataKey, metadataOverrides, parseOverride } from './metadata-repo';
import { CODEBOOK_ROW_ID, loadCodebook } from './settings-repo';
import {
  addStored,
  ANNOTATION_TABLES,
  clearStored,
  everyStoredAnnotation,
  putStored,
  storedAnnotations,
} from './annotation-store';
import type { DocumentStatusRecord, TandaDB } from './tanda-db';
import { annotationsBy } from './annotation-repo';

/** What an import or a restore writes. */
const BUNDLE_TABLES = [...ANNOTATION_TABLES, 'documentStatus', 'codebook', 'settings', 'suggestionDecisions'];

/*
 * The database side of bundles (format and merge rule: shared/exchange/bundle.ts).
 * Export reads one consistent snapshot; import and restore are each ONE
 * transaction over annotations, statuses and codebook, so a failure at any
 * point (an invalid record, quota, a crash) leaves the database as it was.
 * Of the settings rows, the work ones travel: analysts' document dates
 * (`metadata-repo.ts`) and rejected adjudication units
 * (`adjudication-repo.ts`). The rest (annotator name, snap-to-words,
 * backups…) belong to this machine and are never exported, imported or
 * restored.
 */

export interface ExportBundleOptions {
  /** Only these annotators' annotations and statuses; absent: everyone (a backup). */
  annotators?: readonly string[];
  /** The corpus documents (a corpus snapshot's `documents` will do). */
  documents: readonly BundleDocument[];
  /** The page an annotation starts on, for documents with pages (written as its `page`). */
  pageOf?: (annotation: Annotation) => number | undefined;
  now: Date;
  appVersion?: string;
}

/**
 * A bundle of the database: the chosen annotators' annotations and statuses,
 * and the codebook in use (the stored one, or the built-in one when none was
 * ever saved).
 */
export async function exportBundle(db: TandaDB, options: ExportBundleOptions): Promise<Bundle> {
  const { annotations, statuses, codebook, documentDates, rejectedUnits, suggestionDecisions } =
    await db.transaction(
      'r',
      [...ANNOTATION_TABLES, 'documentStatus', 'codebook', 'settings', 'suggestionDecisions'],
      async () => ({
        annotations: options.annotators
          ? await annotationsBy(db, [...options.annotators])
          : await everyStoredAnnotation(db),
        statuses: await db.documentStatus.toArray(),
        codebook: await loadCodebook(db),
        documentDates: await storedDates(db),
        rejectedUnits: await storedRejected(db),
        suggestionDecisions: await allDecisions(db),
      }),
    );
  return buildBundle({
    codebook: codebook === null ? builtinCodebook() : validateCodebook(codebook),
    documents: options.documents,
    annotations,
    statuses,
    documentDates,
    rejectedUnits,
    suggestionDecisions,
    ...(options.annotators ? { annotators: options.annotators } : {}),
    ...(options.pageOf ? { pageOf: options.pageOf } : {}),
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
  return db.transaction('rw', BUNDLE_TABLES, async () => {
    const plan = await planAgainstStored(db, checked);
    await putStored(db, [...plan.annotations.added, ...plan.annotations.updated]);
    await db.documentStatus.bulkPut([...plan.statuses.added, ...plan.statuses.updated]);
    if (plan.codebook === 'added') await putCodebook(db, checked.codebook, updatedAt);
    await putDates(db, plan.documentDates.added);
    await putRejected(db, plan.rejectedUnits.write);
    await mergeDecisions(db, checked.suggestionDecisions ?? []);
    return mergeReport(plan);
  });
}

/** What `importBundle` would do with this bundle, read without writing anything. */
export async function previewBundleImport(db: TandaDB, bundle: Bundle): Promise<BundleMergeReport> {
  const checked = validateBundle(bundle);
  return db.transaction('r', [...ANNOTATION_TABLES, 'documentStatus', 'codebook', 'settings'], async () =>
    mergeReport(await planAgainstStored(db, checked)),
  );
}

/** The merge plan of a checked bundle against what the database holds of its records. */
async function planAgainstStored(db: TandaDB, checked: Bundle): Promise<BundleMergePlan> {
  // A colleague's annotation may have been re-keyed by an earlier import: fetch those ids too.
  const stored = await storedAnnotations(
    db,
    checked.annotations.flatMap((a) => [a.id, rekeyedAnnotationId(a.annotator, a.id)]),
  );
  const storedStatuses = await db.documentStatus.bulkGet(
    checked.documentStatuses.map((s): [string, string] => [s.annotator, s.documentPath]),
  );
  const storedCodebook = await loadCodebook(db);
  return planBundleMerge(checked, {
    annotations: stored.filter((a) => a !== undefined),
    statuses: storedStatuses.filter((s) => s !== undefined),
    codebook: storedCodebook === null ? null : validateCodebook(storedCodebook),
    documentDates: await storedDates(db),
    rejectedUnits: await storedRejected(db),
  });
}

export interface RestoreReport {
  annotations: number;
  statuses: number;
}

/**
 * Replace the database's annotations, statuses and codebook with the
 * bundle's, in one transaction; also its document dates and rejected units
 * when it has them (a bundle of an older Tanda has neither, and then the
 * stored ones stay). Destructive by design (a restore): the caller asks
 * first and backs up the current state before calling.
 */
export async function restoreBundle(
  db: TandaDB,
  bundle: Bundle,
  options?: { now?: () => Date },
): Promise<RestoreReport> {
  const checked = validateBundle(bundle);
  const updatedAt = (options?.now ? options.now() : new Date()).toISOString();
  return db.transaction('rw', BUNDLE_TABLES, async () => {
    // One after another: clearStored is an async function, and Dexie follows its transaction through
    // plain awaits only (a Promise.all over it commits the transaction early).
    await clearStored(db);
    await db.documentStatus.clear();
    await db.codebook.clear();
    await addStored(db, checked.annotations.map(storedAnnotation));
    await db.documentStatus.bulkAdd(checked.documentStatuses satisfies DocumentStatusRecord[]);
    await putCodebook(db, checked.codebook, updatedAt);
    if (checked.documentDates) {
      await db.settings.where('key').startsWith(METADATA_KEY_PREFIX).delete();
      await putDates(db, checked.documentDates);
    }
    if (checked.rejectedUnits) {
      await db.settings.where('key').startsWith(REJECTED_KEY_PREFIX).delete();
      await putRejected(db, checked.rejectedUnits);
    }
    if (checked.suggestionDecisions) {
      await db.suggestionDecisions.clear();
      await putDecisions(db, checked.suggestionDecisions);
    }
    return { annotations: checked.annotations.length, statuses: checked.documentStatuses.length };
  });
}

/** A bundle's suggestion decisions: added, or replacing a stored one only when strictly newer. */
async function mergeDecisions(db: TandaDB, decisions: readonly SuggestionDecision[]): Promise<void> {
  const stored = await db.suggestionDecisions.bulkGet(decisions.map((d) => decisionId(d)));
  const newer = decisions.filter((d, i) => !stored[i] || stored[i]!.decidedAt < d.decidedAt);
  await putDecisions(db, newer);
}

function putCodebook(db: TandaDB, codebook: Codebook, updatedAt: string): Promise<unknown> {
  return db.codebook.put({ id: CODEBOOK_ROW_ID, codebook, updatedAt });
}

/** The analysts' document dates, as bundle entries (call inside a transaction over `settings`). */
async function storedDates(db: TandaDB): Promise<BundleDocumentDate[]> {
  const dates: BundleDocumentDate[] = [];
  for (const [documentPath, override] of await metadataOverrides(db)) {
    if (override.date !== undefined) dates.push({ documentPath, date: override.date });
  }
  return dates;
}

/** Every rejected-units row, as bundle entries; rows whose key does not parse are skipped. */
async function storedRejected(db: TandaDB): Promise<BundleRejectedUnits[]> {
  const entries: BundleRejectedUnits[] = [];
  for (const [key, units] of await allRejectedUnits(db)) {
    const owner = parseRejectedKey(key);
    if (owner && units.size > 0)
      entries.push({ annotator: owner.target, documentPath: owner.documentPath, units: [...units].sort() });
  }
  return entries;
}

/** Write dates into the metadata rows, keeping the rows' other fields. */
async function putDates(db: TandaDB, dates: readonly BundleDocumentDate[]): Promise<void> {
  for (const { documentPath, date } of dates) {
    const key = metadataKey(documentPath);
    const current = (await db.settings.get(key))?.value;
    await db.settings.put({ key, value: { ...parseOverride(current), date } });
  }
}

async function putRejected(db: TandaDB, entries: readonly BundleRejectedUnits[]): Promise<void> {
  await db.settings.bulkPut(
    entries.map((r) => ({
      key: rejectedKey(r.annotator, r.documentPath),
      value: { rejected: [...r.units].sort() } satisfies RejectedUnits,
    })),
  );
}
