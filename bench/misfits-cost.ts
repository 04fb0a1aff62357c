import { misfitChecker } from '../src/renderer/src/annotate/misfits';
import { spanProblem } from '../src/shared/exchange/record-checks';
import { codePointIndex } from '../src/shared/text/text-quote';
import type { LongArticleData } from './context';
import { percentile, round } from './stats';

/**
 * The open document's check that each stored record fits its text, per change of the stored rows
 * (Workspace, `misfitChecker`), on the long article and its annotations; medians of 9.
 */
export interface MisfitsCost {
  /** Every record checked again: what each change cost before the checks were kept (and what opening costs). */
  every_change_ms: number;
  /** The checks kept per record and text, handed new row objects as the live query does (now). */
  cached_ms: number;
}

export function misfitsCost(data: LongArticleData): MisfitsCost {
  const index = codePointIndex(data.article.text);
  const time = (work: () => void): number => {
    const values: number[] = [];
    for (let i = 0; i < 9; i++) {
      const t0 = performance.now();
      work();
      values.push(performance.now() - t0);
    }
    return round(percentile(values, 50), 2);
  };
  const everyChange = time(() => {
    for (const a of data.annotations) spanProblem(index, a);
  });
  const check = misfitChecker(index);
  check(data.annotations);
  const reread = data.annotations.map((a) => ({ ...a }));
  const cached = time(() => check(reread));
  return { every_change_ms: everyChange, cached_ms: cached };
}
