import type { Annotation } from '../../../shared/annotation/annotation-types';
import { spanProblem } from '../../../shared/exchange/record-checks';
import type { CodePointIndex } from '../../../shared/text/text-quote';

/** A stored annotation that cannot be drawn on this text, and why. */
export interface Misfit {
  annotation: Annotation;
  problem: string;
}

/**
 * The stored records of one text version that do not fit it (see
 * `spanProblem`), checked once per record and text: the live query hands
 * over new objects for every row on every change, so the cache is keyed by
 * what the check reads (id, offsets, quote), not by identity. A keystroke's
 * change then costs a lookup per annotation instead of a slice and compare.
 */
export function misfitChecker(index: CodePointIndex): (annotations: readonly Annotation[]) => Misfit[] {
  const checked = new Map<string, { start: number; end: number; quote: string; problem: string | null }>();
  return (annotations) => {
    const misfits: Misfit[] = [];
    for (const annotation of annotations) {
      const { id, start, end, quote } = annotation;
      let known = checked.get(id);
      if (!known || known.start !== start || known.end !== end || known.quote !== quote) {
        known = { start, end, quote, problem: spanProblem(index, annotation)?.message ?? null };
        checked.set(id, known);
      }
      if (known.problem !== null) misfits.push({ annotation, problem: known.problem });
    }
    return misfits;
  };
}
