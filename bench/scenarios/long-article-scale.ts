import { longArticleData, type BenchContext, type LongArticleData, type SizeConfig } from '../context';
import { round } from '../stats';
import { runLongArticle, type LongArticleResult } from './long-article';

/** The points of `--scale`: code points and annotations of the long article. */
export const SCALE_POINTS: readonly { chars: number; annotations: number }[] = [
  { chars: 100_000, annotations: 1_000 },
  { chars: 300_000, annotations: 3_000 },
  { chars: 1_000_000, annotations: 10_000 },
];

export interface ScalePoint {
  code_points: number;
  annotations: number;
  open_ms: number;
  tag_p95_ms: number;
  tag_handler_p95_ms: number;
  keys_p95_ms: number;
  tag_all_undo_ms: number;
  tag_all_redo_ms: number;
}

export interface LongArticleScaleResult {
  points: ScalePoint[];
  /**
   * How open grows from the smallest point to the largest: the exponent k
   * of open ∝ size^k (log-log slope; size = code points, the annotations
   * grow in step). At most 1 is linear or better.
   */
  open_growth_exponent: number;
  open_linear_or_better: boolean;
}

/**
 * `--scale`: the long-article scenario at each point of SCALE_POINTS (scaled
 * down by `--size small`), with the runs and operation counts of the size, printing the curve on
 * stderr as it goes. The full-size point is the long-article figure itself.
 */
export async function runLongArticleScale(
  ctx: BenchContext,
  atFull: LongArticleResult | undefined,
): Promise<LongArticleScaleResult> {
  const points: ScalePoint[] = [];
  for (const full of SCALE_POINTS) {
    // `--size small` runs a flatter curve of its own size, so the option stays tested (a tenth of it
    // would leave too few annotations for the operations).
    const share = ctx.size === 'full' ? full.chars / 1_000_000 : 0.5 + full.chars / 2_000_000;
    const point = {
      chars: Math.round(ctx.config.articleChars * share),
      annotations: Math.round(ctx.config.articleAnnotations * share),
    };
    let result: LongArticleResult;
    if (atFull && atFull.annotations === point.annotations && atFull.code_points >= point.chars)
      result = atFull;
    else {
      const config: SizeConfig = {
        ...ctx.config,
        articleChars: point.chars,
        articleAnnotations: point.annotations,
      };
      let data: LongArticleData | null = null;
      ctx.log(`── long-article at ${point.chars} code points, ${point.annotations} annotations`);
      result = await runLongArticle({
        ...ctx,
        config,
        longArticle: () => (data ??= longArticleData(config)),
      });
    }
    points.push({
      code_points: result.code_points,
      annotations: result.annotations,
      open_ms: result.open_ms.median,
      tag_p95_ms: result.tag_latency_ms.p95.median,
      tag_handler_p95_ms: result.tag_handler_ms.p95.median,
      keys_p95_ms: result.keys_ms.all_p95.median,
      tag_all_undo_ms: result.tag_all.undo_ms.median,
      tag_all_redo_ms: result.tag_all.redo_ms.median,
    });
  }
  const first = points[0]!;
  const last = points[points.length - 1]!;
  const exponent = round(
    Math.log(last.open_ms / first.open_ms) / Math.log(last.code_points / first.code_points),
    2,
  );
  ctx.log(
    'long-article scale: code points, annotations → open, tag p95, handler p95, keys p95, tag-all undo/redo (ms)',
  );
  for (const p of points)
    ctx.log(
      `  ${p.code_points.toLocaleString('en')} / ${p.annotations.toLocaleString('en')} → ${p.open_ms}, ${p.tag_p95_ms}, ` +
        `${p.tag_handler_p95_ms}, ${p.keys_p95_ms}, ${p.tag_all_undo_ms}/${p.tag_all_redo_ms}`,
    );
  ctx.log(
    `  open grows as size^${exponent}${exponent <= 1 ? ' (linear or better)' : ' (worse than linear)'}`,
  );
  return { points, open_growth_exponent: exponent, open_linear_or_better: exponent <= 1 };
}
