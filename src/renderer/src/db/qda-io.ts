import { builtinCodebook } from '../../../shared/codebook/builtin-codebook';
import { type Codebook, type Tag, validateCodebook } from '../../../shared/codebook/codebook';
import type { QdpxImportPlan } from '../../../shared/exchange/qdpx-import';
import { validateAnnotation } from './annotation-repo';
import { CODEBOOK_ROW_ID, loadCodebook } from './settings-repo';
import { addStored, ANNOTATION_TABLES, storedAnnotationIdList, storedAnnotations } from './annotation-store';
import type { DocumentStatusRecord, TandaDB } from './tanda-db';

/*
 * The database side of REFI-QDA imports (`shared/exchange/qdpx-*.ts`,
 * `qdc.ts`): one transaction over annotations, statuses and the codebook,
 * so a failure leaves everything as it was. Tags are appended to the
 * codebook stored at commit time (not the one the preview saw), skipping any
 * id it has gained since; annotations and statuses are only added, never
 * replace what is there.
 */

export interface QdaImportResult {
  annotations: number;
  statuses: number;
  tags: number;
}

/** The annotation ids stored now, for the plan's duplicate check. */
export async function storedAnnotationIds(db: TandaDB): Promise<Set<string>> {
  return new Set(await storedAnnotationIdList(db));
}

/** Document statuses of these annotators, for a project export. */
export async function statusesOf(
  db: TandaDB,
  annotators: ReadonlySet<string>,
): Promise<DocumentStatusRecord[]> {
  return (await db.documentStatus.toArray()).filter((s) => annotators.has(s.annotator));
}

/** The codebook in use: the stored one, or the built-in one when none was ever saved. */
export async function codebookInUse(db: TandaDB): Promise<Codebook> {
  const stored = await loadCodebook(db);
  return stored === null ? builtinCodebook() : validateCodebook(stored);
}

export async function importQdpxPlan(
  db: TandaDB,
  plan: QdpxImportPlan,
  now = new Date(),
): Promise<QdaImportResult> {
  const records = plan.annotations.map((a, i) => validateAnnotation(a, `Selection ${i + 1}`));
  return db.transaction('rw', [...ANNOTATION_TABLES, 'documentStatus', 'codebook'], async () => {
    const tags = await appendTags(db, plan.addedTags, now);
    const stored = await storedAnnotations(
      db,
      records.map((r) => r.id),
    );
    const fresh = records.filter((_, i) => stored[i] === undefined);
    await addStored(db, fresh);
    const current = await db.documentStatus.bulkGet(
      plan.statuses.map((s): [string, string] => [s.annotator, s.documentPath]),
    );
    const statuses = plan.statuses.filter((_, i) => current[i] === undefined);
    await db.documentStatus.bulkAdd(statuses);
    return { annotations: fresh.length, statuses: statuses.length, tags };
  });
}

/** Append tags to the stored codebook (one transaction); returns how many were new. */
export async function importQdcTags(db: TandaDB, tags: readonly Tag[], now = new Date()): Promise<number> {
  // An async scope function: returning appendTags' promise as is let Dexie commit before its write (PrematureCommitError).
  return db.transaction('rw', db.codebook, async () => await appendTags(db, tags, now));
}

async function appendTags(db: TandaDB, tags: readonly Tag[], now: Date): Promise<number> {
  if (tags.length === 0) return 0;
  const codebook = await codebookInUse(db);
  const ids = new Set(codebook.tags.map((t) => t.id));
  const added = tags.filter((t) => !ids.has(t.id));
  if (added.length === 0) return 0;
  const next = validateCodebook({ ...codebook, tags: [...codebook.tags, ...added] });
  await db.codebook.put({
    id: CODEBOOK_ROW_ID,
    codebook: JSON.parse(JSON.stringify(next)) as unknown,
    updatedAt: now.toISOString(),
  });
  return added.length;
}
