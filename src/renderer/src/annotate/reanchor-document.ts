import type { Annotation } from '../../../shared/annotation/annotation-types';
import { reanchorAnnotations } from '../../../shared/text/reanchor';
import { annotationsForDocument, applyReanchor } from '../db/annotation-repo';
import type { TandaDB } from '../db/tanda-db';

export interface ReanchorReport {
  moved: number;
  fuzzy: number;
  orphaned: number;
}

/**
 * Brings a document's stored annotations (every annotator's) onto its
 * current text. Orphans keep their old offsets and hash, so they are tried
 * again whenever the text changes, and come back if their quote does.
 */
export async function reanchorDocument(
  db: TandaDB,
  path: string,
  text: string,
  sha256: string,
  /** The document's annotations if the caller has just read them. */
  preloaded?: readonly Annotation[],
): Promise<ReanchorReport | null> {
  const stored = preloaded ?? (await annotationsForDocument(db, path));
  if (!stored.some((a) => a.contentSha256 !== sha256 || a.orphaned)) return null;
  const result = reanchorAnnotations(stored, text, sha256);
  const changed = result.annotations.filter((_, i) => result.outcomes[i] !== 'current');
  if (changed.length === 0) return null;
  await applyReanchor(db, changed);
  return { moved: result.moved + result.placed, fuzzy: result.fuzzy, orphaned: result.orphaned };
}
