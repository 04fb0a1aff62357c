import { computeAgreement, type AgreementReport } from '../../../shared/agreement/agreement';
import { agreementInput, orderLikeExports } from '../../../shared/agreement/agreement-scope';
import type { Annotation } from '../../../shared/annotation/annotation-types';
import type { DocumentMeta } from '../../../shared/corpus/corpus-types';
import { rejectedKey } from '../db/adjudication-repo';

export function rejectedIn(
  rows: Map<string, Set<string>> | undefined,
  target: string,
  path: string,
): Set<string> {
  return rows?.get(rejectedKey(target, path)) ?? new Set();
}

/**
 * Annotations whose offsets refer to the document's current text: in a
 * readable document of the corpus, made on (or re-anchored to) its current
 * hash, not orphaned. The others cannot be compared by position; they are
 * counted so the view can say so.
 */
export function placedOnCurrentText(
  annotations: readonly Annotation[],
  documents: ReadonlyMap<string, DocumentMeta>,
): { placed: Annotation[]; leftOut: number } {
  const placed: Annotation[] = [];
  let leftOut = 0;
  for (const a of annotations) {
    const doc = documents.get(a.documentPath);
    const ok =
      doc?.status === 'ok' && doc.sha256 === a.contentSha256 && !a.orphaned && a.end <= (doc.chars ?? 0);
    if (ok) placed.push(a);
    else leftOut += 1;
  }
  return { placed, leftOut };
}

/**
 * The report `tanda agreement` prints for these annotations: the same
 * scope and tag order rules (`agreementInput`), spans in the order the
 * app's exports would give them to it.
 */
export function agreementOf(
  placed: readonly Annotation[],
  annotators: readonly string[],
  documents: ReadonlyMap<string, DocumentMeta>,
): AgreementReport {
  return computeAgreement(
    agreementInput({
      spans: orderLikeExports(placed, annotators),
      annotators,
      lengthOf: (path) => documents.get(path)?.chars ?? 0,
    }),
  );
}
