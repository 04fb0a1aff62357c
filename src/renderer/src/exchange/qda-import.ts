import { type Codebook } from '../../../shared/codebook/codebook';
import type { DocumentMeta } from '../../../shared/corpus/corpus-types';
import { importQdc } from '../../../shared/exchange/qdc';
import { planQdpxImport, type QdpxImportPlan } from '../../../shared/exchange/qdpx-import';
import { MAX_QDPX_BYTES, readQdpx, type QdaProject } from '../../../shared/exchange/qdpx-read';
import { WRITE_CORPUS_FILES_MAX } from '../../../shared/api/api-contract';
import { api } from '../api/tanda-api';
import { importQdcTags, importQdpxPlan, storedAnnotationIds, type QdaImportResult } from '../db/qda-io';
import { db } from '../db/db';
import { i18n } from '../i18n/i18n';

/*
 * The import dialog's REFI-QDA half: read and plan a `.qdpx` or `.qdc`
 * (shared code, the same as `tanda convert`), then write: new source files
 * into the corpus first (all or none, by main), then the annotations,
 * statuses and tags in one database transaction.
 */

export function defaultImportFolder(project: QdaProject): string {
  return `imported/${project.name}`;
}

export async function planQdpxFile(
  bytes: Uint8Array,
  documents: readonly DocumentMeta[],
  codebook: Codebook,
): Promise<{ project: QdaProject; plan: QdpxImportPlan }> {
  if (bytes.length > MAX_QDPX_BYTES)
    throw new Error(i18n.t('exchange:import.tooLarge', { max: MAX_QDPX_BYTES }));
  const project = readQdpx(bytes);
  return { project, plan: await planQdpxProject(project, documents, codebook, defaultImportFolder(project)) };
}

/** Plan (again) for a project already read, e.g. for the folder the analyst chose in the preview. */
export async function planQdpxProject(
  project: QdaProject,
  documents: readonly DocumentMeta[],
  codebook: Codebook,
  folder: string,
): Promise<QdpxImportPlan> {
  return planQdpxImport(project, {
    documents,
    codebook,
    folder,
    sha256,
    existingIds: await storedAnnotationIds(db),
    now: new Date().toISOString(),
  });
}

export async function commitQdpxPlan(plan: QdpxImportPlan): Promise<QdaImportResult & { files: number }> {
  for (let i = 0; i < plan.files.length; i += WRITE_CORPUS_FILES_MAX)
    await api.writeCorpusFiles({
      files: plan.files.slice(i, i + WRITE_CORPUS_FILES_MAX).map((f) => ({ path: f.path, text: f.text })),
    });
  const result = await importQdpxPlan(db, plan);
  if (plan.files.length > 0) await api.reloadCorpus();
  return { ...result, files: plan.files.length };
}

export function planQdcText(
  text: string,
  codebook: Codebook,
  fileName: string,
): ReturnType<typeof importQdc> {
  return importQdc(text, codebook, fileName);
}

export function commitQdcTags(tags: Parameters<typeof importQdcTags>[1]): Promise<number> {
  return importQdcTags(db, tags);
}

/** Hex SHA-256 of a text as UTF-8, as the corpus computes `sha256`. */
async function sha256(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}
