import { READ_DOCUMENTS_MAX_PATHS, type ReadDocumentsItem } from '../../../shared/api/api-contract';
import type { Annotation } from '../../../shared/annotation/annotation-types';
import type { DocumentMeta } from '../../../shared/corpus/corpus-types';
import { spanPage, type DocumentStructure } from '../../../shared/corpus/document-structure';

/**
 * The `page` of each annotation for a bundle export: the structure sidecars
 * of the corpus's PDFs (the only documents with pages), read through the
 * API in batches, then `spanPage` per annotation. A document that cannot be
 * read now simply gives no page: `page` is optional, the export goes on.
 */
export async function spanPagesOf(
  documents: readonly DocumentMeta[],
  readDocuments: (paths: string[]) => Promise<ReadDocumentsItem[]>,
): Promise<(annotation: Annotation) => number | undefined> {
  const pending = documents.filter((d) => d.format === 'pdf' && d.status === 'ok').map((d) => d.path);
  const texts = new Map<string, { sha256: string; structure?: DocumentStructure }>();
  while (pending.length > 0) {
    const asked = pending.slice(0, READ_DOCUMENTS_MAX_PATHS);
    const items = await readDocuments(asked);
    // The answer may stop early (a size cap); what it did not reach is asked again.
    pending.splice(0, Math.max(1, items.length));
    for (const item of items) {
      if (!item.ok || item.document.meta.sha256 === null) continue;
      const { meta, structure } = item.document;
      texts.set(meta.path, { sha256: meta.sha256!, ...(structure ? { structure } : {}) });
    }
  }
  return (annotation) => spanPage(annotation, texts.get(annotation.documentPath));
}
