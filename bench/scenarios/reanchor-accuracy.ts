import { reanchorAnnotations } from '../../src/shared/text/reanchor';
import { codePointIndex } from '../../src/shared/text/text-quote';
import { SEED, type BenchContext } from '../context';
import { createRng } from '../generate';
import { EDIT_KINDS, type EditKind, editArticle, sampleArticles, type Truth } from '../reanchor-edits';

/**
 * Re-anchoring accuracy on seeded edits of the sample corpus, against the
 * ground truth the edit generator tracks: how many annotations land on
 * their passage (correct), on another one (wrong: the dataset is silently
 * corrupted), are orphaned although their text is still there, or are
 * orphaned because it is gone or rewritten (correct too).
 */

export interface Tally {
  annotations: number;
  correct: number;
  wrong: number;
  orphaned_though_present: number;
  correctly_orphaned: number;
  /** Annotations whose text is still there (the denominator of orphaned_though_present_pct). */
  present: number;
}

export interface AccuracyMode {
  total: Tally;
  by_edit: Record<EditKind, Tally>;
  wrong_pct: number;
  orphaned_though_present_pct: number;
}

export interface ReanchorAccuracy {
  articles: number;
  annotations: number;
  versions: number;
  /** As the app runs it: the text the annotations were made on is kept, the edit is diffed. */
  with_previous_text: AccuracyMode;
  /** A text changed before any copy was kept: positions guessed from neighbours. */
  without_previous_text: AccuracyMode;
}

/** Overlap over union of two spans must reach this for a placement to be the same passage. */
const SAME_PASSAGE = 0.5;

export function runReanchorAccuracy(ctx: BenchContext): ReanchorAccuracy {
  const rng = createRng(SEED + 16);
  const articles = sampleArticles(rng, ctx.config.reanchorAnnotationsPerArticle);
  const withText = emptyMode();
  const withoutText = emptyMode();
  let versions = 0;
  for (const article of articles) {
    for (const kind of EDIT_KINDS) {
      for (let k = 0; k < ctx.config.reanchorVersionsPerEdit; k++) {
        const edited = editArticle(rng, article, kind);
        versions++;
        const previousText = (sha: string): string | undefined =>
          sha === article.sha256 ? article.text : undefined;
        for (const [mode, options] of [
          [withText, { previousText }],
          [withoutText, {}],
        ] as const) {
          const result = reanchorAnnotations(article.annotations, edited.text, edited.sha256, options);
          const index = codePointIndex(edited.text);
          result.annotations.forEach((a, i) => {
            const placed = a.orphaned ? null : { start: index.toUtf16(a.start), end: index.toUtf16(a.end) };
            const verdict = judge(placed, edited.truth[i]!);
            for (const tally of [mode.total, mode.by_edit[kind]]) {
              tally.annotations++;
              tally[verdict]++;
              if (edited.truth[i]!.kind === 'present') tally.present++;
            }
          });
        }
      }
    }
  }
  for (const mode of [withText, withoutText]) {
    mode.wrong_pct = pct(mode.total.wrong, mode.total.annotations);
    mode.orphaned_though_present_pct = pct(mode.total.orphaned_though_present, mode.total.present);
  }
  const annotations = articles.reduce((n, a) => n + a.annotations.length, 0);
  ctx.log(
    `reanchor accuracy: ${annotations} annotations, ${versions} versions: ` +
      `${withText.total.wrong} wrong, ${withText.total.orphaned_though_present} orphaned though present ` +
      `(without the old text: ${withoutText.total.wrong} wrong, ${withoutText.total.orphaned_though_present})`,
  );
  return {
    articles: articles.length,
    annotations,
    versions,
    with_previous_text: withText,
    without_previous_text: withoutText,
  };
}

function judge(
  placed: { start: number; end: number } | null,
  truth: Truth,
): Exclude<keyof Tally, 'annotations' | 'present'> {
  if (truth.kind === 'gone') return placed ? 'wrong' : 'correctly_orphaned';
  if (!placed) return truth.kind === 'present' ? 'orphaned_though_present' : 'correctly_orphaned';
  if (truth.kind === 'changed')
    return placed.start < truth.end && placed.end > truth.start ? 'correct' : 'wrong';
  const overlap = Math.min(placed.end, truth.end) - Math.max(placed.start, truth.start);
  const union = Math.max(placed.end, truth.end) - Math.min(placed.start, truth.start);
  return overlap / union >= SAME_PASSAGE ? 'correct' : 'wrong';
}

function emptyTally(): Tally {
  return {
    annotations: 0,
    correct: 0,
    wrong: 0,
    orphaned_though_present: 0,
    correctly_orphaned: 0,
    present: 0,
  };
}

function emptyMode(): AccuracyMode {
  const by_edit = Object.fromEntries(EDIT_KINDS.map((k) => [k, emptyTally()])) as Record<EditKind, Tally>;
  return { total: emptyTally(), by_edit, wrong_pct: 0, orphaned_though_present_pct: 0 };
}

function pct(n: number, of: number): number {
  return of === 0 ? 0 : Math.round((n / of) * 10_000) / 100;
}
