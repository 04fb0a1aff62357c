import { reanchorAnnotations } from '../../src/shared/text/reanchor';
import { codePointIndex } from '../../src/shared/text/text-quote';
import type { BenchContext } from '../context';
import { sha256Hex } from '../generate';
import { timed } from '../node-timing';
import { round, summarize, type Summary } from '../stats';
import { type ReanchorAccuracy, runReanchorAccuracy } from './reanchor-accuracy';

export interface ReanchorResult {
  annotations: number;
  code_points: number;
  /** Where the edit is, in code points, and how many it inserts. */
  edit: { at: number; inserted: number };
  outcomes: { current: number; placed: number; moved: number; fuzzy: number; orphaned: number };
  reanchor_ms: Summary;
  /** Placement against ground truth on seeded edits of the sample corpus. */
  accuracy: ReanchorAccuracy;
}

/** A sentence a newsroom adds to the second paragraph after publication. */
const CORRECTION =
  'Koreksi: artikel ini diperbarui pada 10 Oktober dengan keterangan tambahan dari kementerian. ';

/**
 * Re-anchoring: the long article's annotations after a sentence is inserted
 * near its start, so nearly all of them move. reanchorAnnotations as the app
 * calls it: no hint about the edit, the shift is learnt.
 */
export async function runReanchor(ctx: BenchContext): Promise<ReanchorResult> {
  const { article, annotations } = ctx.longArticle();
  const second = article.lines[2] ?? article.lines[1]!;
  const at = second.start; // code points
  const utf16 = codePointIndex(article.text).toUtf16(at);
  const text = `${article.text.slice(0, utf16)}${CORRECTION}${article.text.slice(utf16)}`;
  const sha = sha256Hex(text);
  const times: number[] = [];
  let outcomes: ReanchorResult['outcomes'] = { current: 0, placed: 0, moved: 0, fuzzy: 0, orphaned: 0 };
  for (let i = 0; i < ctx.nodeRuns; i++) {
    const { value, ms } = await timed(() => reanchorAnnotations(annotations, text, sha));
    outcomes = {
      current: value.current,
      placed: value.placed,
      moved: value.moved,
      fuzzy: value.fuzzy,
      orphaned: value.orphaned,
    };
    times.push(ms);
    ctx.log(
      `reanchor: run ${i + 1}/${ctx.nodeRuns}: ${round(ms)} ms (${value.moved} moved, ${value.orphaned} orphaned)`,
    );
  }
  return {
    annotations: annotations.length,
    code_points: article.chars + [...CORRECTION].length,
    edit: { at, inserted: [...CORRECTION].length },
    outcomes,
    reanchor_ms: summarize(times),
    accuracy: runReanchorAccuracy(ctx),
  };
}
