import type { Annotation } from '../../../shared/annotation/annotation-types';
import { reanchorAnnotations } from '../../../shared/text/reanchor';
import { annotationsForDocument, applyReanchor } from '../db/annotation-repo';
import { keepText, keptTexts } from '../db/document-text-repo';
import type { TandaDB } from '../db/tanda-db';

export interface ReanchorReport {
  moved: number;
  fuzzy: number;
  orphaned: number;
  /** Placements marked "moved — check" (not the exact quote where the edit put it). */
  toCheck: number;
}

/**
 * Brings a document's stored annotations (every annotator's) onto its
 * current text, following the edit from the kept text each was placed on
 * when there is one. The current text is kept in turn, for the next change.
 * Orphans keep their original selector, so they are tried again whenever
 * the text changes, and come back if their text does.
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
  // Kept even before the first annotation: the text it will be made on.
  if (!stored.some((a) => a.contentSha256 !== sha256 || a.orphaned)) {
    await keepText(db, path, sha256, text, stored);
    return null;
  }
  const texts = await keptTexts(db, path);
  const result = reanchorAnnotations(stored, text, sha256, { previousText: (sha) => texts.get(sha) });
  const changed = result.annotations.filter((_, i) => result.outcomes[i] !== 'current');
  if (changed.length > 0) await applyReanchor(db, changed);
  await keepText(db, path, sha256, text, result.annotations);
  if (changed.length === 0) return null;
  return {
    moved: result.moved + result.placed,
    fuzzy: result.fuzzy,
    orphaned: result.orphaned,
    toCheck: changed.filter((a) => a.placement === 'moved' && !a.orphaned).length,
  };
}
