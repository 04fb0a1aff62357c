import { type Codebook } from '../../../shared/codebook/codebook';
import type { DocumentMeta } from '../../../shared/corpus/corpus-types';
import { importQdc } from '../../../shared/exchange/qdc';
import { planQdpxImport, type QdpxImportPlan } from '../../../shared/exchange/qdpx-import';
import { MAX_QDPX_BYTES, readQdpxWithRichText, type QdaProject } from '../../../shared/exchange/qdpx-read';
import { api } from '../api/tanda-api';
import { importQdcTags, importQdpxPlan, storedAnnotationIds, type QdaImportResult } from '../db/qda-io';
import { db } from '../db/db';
import { i18n } from '../i18n/i18n';
import { bytesToBase64 } from './deliver-file';
import { commitQdpxPlanWith } from './qdpx-commit';

/*
 * The import dialog's REFI-QDA half: read and plan a `.qdpx` or `.qdc`
 * (shared code, the same as `tanda convert`; DOCX-only sources are read by
 * main's DOCX extractor), then write: new source files into the corpus
 * first (all or none, by main), then the annotations, statuses and tags in
 * one database transaction, taking the new files back if it fails.
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
  const project = await readQdpxWithRichText(bytes, async (name, docx) => {
    const { text } = await api.extractDocumentText({ name, bytesBase64: bytesToBase64(docx) });
    return text;
  });
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

export function commitQdpxPlan(plan: QdpxImportPlan): Promise<QdaImportResult & { files: number }> {
  return commitQdpxPlanWith(plan, {
    writeCorpusFiles: (files) => api.writeCorpusFiles({ files }),
    removeCorpusFiles: (paths) => api.removeCorpusFiles({ paths }),
    reloadCorpus: () => api.reloadCorpus(),
    importPlan: (p) => importQdpxPlan(db, p),
  });
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
