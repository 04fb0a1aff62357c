import type { Annotation } from '../../../shared/annotation/annotation-types';
import { selectorOf } from '../../../shared/text/reanchor';
import type { TandaDB } from './tanda-db';

/*
 * Earlier texts of a document, kept so re-anchoring can diff the text an
 * annotation was placed on against the text now (see `reanchor.ts`). One
 * row per text hash; a text is dropped as soon as no annotation's selector
 * (current or original) names it, so a document costs one copy of its
 * text, two while an edit is still being followed.
 */

/** The document's kept texts, by hash. */
export async function keptTexts(db: TandaDB, documentPath: string): Promise<Map<string, string>> {
  const rows = await db.documentTexts.where('documentPath').equals(documentPath).toArray();
  return new Map(rows.map((r) => [r.sha256, r.text]));
}

/**
 * Keep `text` (hash `sha256`) as the document's current text, and drop the
 * kept texts no annotation of the document needs any more. One transaction.
 */
export async function keepText(
  db: TandaDB,
  documentPath: string,
  sha256: string,
  text: string,
  annotations: readonly Annotation[],
): Promise<void> {
  const needed = new Set([sha256]);
  for (const a of annotations) {
    needed.add(a.contentSha256);
    needed.add(selectorOf(a).contentSha256);
  }
  await db.transaction('rw', db.documentTexts, async () => {
    const stale = (await db.documentTexts.where('documentPath').equals(documentPath).primaryKeys()).filter(
      (sha) => !needed.has(sha),
    );
    await db.documentTexts.bulkDelete(stale);
    if (!(await db.documentTexts.get(sha256))) await db.documentTexts.put({ sha256, documentPath, text });
  });
}
