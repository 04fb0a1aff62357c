import type { Annotation } from './annotation-types';

/** What the document list says about one document's annotations (one annotator's). */
export interface DocumentTally {
  /** Annotations per tag id, orphans left out (they are not on the text). */
  byTag: Map<string, number>;
  /** Placed by re-anchoring and not confirmed yet: "moved — check". */
  moved: number;
  /** Annotations re-anchoring could not place. */
  orphaned: number;
}

/** Per document path, from the annotations of one annotator (any order). */
export function tallyByDocument(
  annotations: readonly Pick<Annotation, 'documentPath' | 'tag' | 'orphaned' | 'placement'>[],
): Map<string, DocumentTally> {
  const tallies = new Map<string, DocumentTally>();
  for (const a of annotations) {
    let tally = tallies.get(a.documentPath);
    if (!tally) tallies.set(a.documentPath, (tally = { byTag: new Map(), moved: 0, orphaned: 0 }));
    if (a.orphaned) {
      tally.orphaned++;
      continue;
    }
    tally.byTag.set(a.tag, (tally.byTag.get(a.tag) ?? 0) + 1);
    if (a.placement === 'moved') tally.moved++;
  }
  return tallies;
}
