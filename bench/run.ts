import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { longArticleData, SIZES, type BenchContext, type LongArticleData, type Size } from './context';
import { machine, repoRoot, versions } from './machine';
import { runAgreement, type AgreementResult } from './scenarios/agreement';
import { runCorpusLoad, type CorpusLoadResult } from './scenarios/corpus-load';
import { runDocumentViews, type DocumentViewsResult } from './scenarios/document-views';
import { runExchange, type ExchangeResult } from './scenarios/exchange';
import { runExtraction, type ExtractionResult } from './scenarios/extraction';
import { runLongArticle, type LongArticleResult } from './scenarios/long-article';
import { runLongArticleScale, type LongArticleScaleResult } from './scenarios/long-article-scale';
import { runNaiveProseMirror, type NaiveProseMirrorResult } from './scenarios/naive-prosemirror';
import { runPeer, type PeerResult } from './scenarios/peer';
import { runReanchor, type ReanchorResult } from './scenarios/reanchor';
import { runSuggest, type SuggestResult } from './scenarios/suggest';
import { runScan, type ScanResult } from './scenarios/scan';
import { runTeamMerge, type TeamMergeResult } from './scenarios/team-merge';

/*
 * `npm run bench [-- --size small|full] [--runs N] [--only scan,long-article,…]
 *                [--results-dir DIR] [--profile] [--scale]
 *                [--suggestions]`
 *
 * Generates its data (seeded), runs each scenario several times, prints one
 * JSON document on stdout and writes the same to bench/results/<time>.json.
 * Progress goes to stderr. Browser scenarios need the renderer built
 * (`npm run bench` builds it first).
 */

export const SCENARIOS = [
  'scan',
  'long-article',
  'exchange',
  'agreement',
  'reanchor',
  'suggest',
  'peer',
  'naive-prosemirror',
  'corpus-load',
  'extraction',
  'team-merge',
  'document-views',
] as const;
type Scenario = (typeof SCENARIOS)[number];
const BROWSER_SCENARIOS: readonly Scenario[] = [
  'long-article',
  'peer',
  'naive-prosemirror',
  'corpus-load',
  'suggest',
  // Node scenarios with one figure on Chromium's IndexedDB.
  'team-merge',
  'document-views',
];

export interface Target {
  target: number;
  /** `<=`: the figure must not exceed the target; `>=`: it must reach it. */
  comparison: '<=' | '>=';
  measured_median: number | null;
  met: boolean | null;
}

export interface BenchResult {
  machine: ReturnType<typeof machine> & {
    /** 1-minute load average when the run started and ended: well above 0 means something else competed for the CPU. */
    load_average: { start: number; end: number };
  };
  versions: Awaited<ReturnType<typeof versions>>;
  size: Size;
  runs: { node: number; browser: number };
  started_at: string;
  duration_s: number;
  scenarios: {
    scan?: ScanResult;
    long_article?: LongArticleResult;
    /** `--scale`: the long article at 100k / 300k / 1M code points. */
    long_article_scale?: LongArticleScaleResult;
    exchange?: ExchangeResult;
    agreement?: AgreementResult;
    reanchor?: ReanchorResult;
    team_merge?: TeamMergeResult;
    document_views?: DocumentViewsResult;
    suggest?: SuggestResult;
    peer?: PeerResult;
    naive_prosemirror?: NaiveProseMirrorResult;
    corpus_load?: CorpusLoadResult;
    extraction?: ExtractionResult;
  };
  /** The targets, for the full size; a scenario not run gives null. */
  targets: Record<string, Target>;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      size: { type: 'string', default: 'full' },
      runs: { type: 'string' },
      only: { type: 'string' },
      'results-dir': { type: 'string' },
      profile: { type: 'boolean', default: false },
      scale: { type: 'boolean', default: false },
      suggestions: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help) {
    process.stdout.write(
      'usage: npm run bench -- [--size small|full] [--runs N] [--only a,b] [--results-dir DIR] [--profile] [--scale]\n' +
        `  --only     any of ${SCENARIOS.join(', ')} (default: all)\n` +
        '  --runs     runs per scenario (default 5 for Node scenarios, 3 for browser ones)\n' +
        '  --profile  profile one open, tag, delete and jump of the long article (first run; slows it):\n' +
        '             a summary on stderr, CPU profiles and traces in a temporary folder\n' +
        '  --scale    with long-article: also at 100k / 300k code points (1k / 3k annotations), printing the curve\n' +
        '  --suggestions  the long article with suggestions on (off by default)\n',
    );
    return;
  }
  const size = values.size as Size;
  if (!(size in SIZES)) throw new Error(`--size must be small or full, not "${values.size}"`);
  const runs = values.runs === undefined ? null : Number(values.runs);
  if (runs !== null && (!Number.isInteger(runs) || runs < 1))
    throw new Error(`--runs must be a whole number ≥ 1, not "${values.runs}"`);
  const only = values.only ? values.only.split(',').map((s) => s.trim()) : [...SCENARIOS];
  for (const name of only) {
    if (!(SCENARIOS as readonly string[]).includes(name))
      throw new Error(`unknown scenario "${name}"; known: ${SCENARIOS.join(', ')}`);
  }
  const selected = SCENARIOS.filter((s) => only.includes(s));
  const resultsDir = resolve(values['results-dir'] ?? join(repoRoot, 'bench/results'));
  await mkdir(resultsDir, { recursive: true });

  const startedAt = new Date();
  const t0 = performance.now();
  const loadAtStart = loadavg()[0]!;
  const workDir = await mkdtemp(join(tmpdir(), 'tanda-bench-'));
  let article: LongArticleData | null = null;
  const ctx: BenchContext = {
    size,
    config: SIZES[size],
    nodeRuns: runs ?? 5,
    browserRuns: runs ?? 3,
    workDir,
    // Outside the repository: profiles are large and not results.
    profileDir: values.profile ? await mkdtemp(join(tmpdir(), 'tanda-bench-profile-')) : null,
    suggestions: values.suggestions,
    log: (message) => process.stderr.write(`bench: ${message}\n`),
    longArticle: () => (article ??= longArticleData(SIZES[size])),
  };

  const cores = machine().cores;
  if (loadAtStart > cores / 2) {
    ctx.log(
      `warning: the load average is ${loadAtStart.toFixed(1)} on ${cores} cores: other work will slow the figures down`,
    );
  }
  const scenarios: BenchResult['scenarios'] = {};
  try {
    for (const name of selected) {
      ctx.log(`── ${name} (${size})`);
      switch (name) {
        case 'scan':
          scenarios.scan = await runScan(ctx);
          break;
        case 'long-article':
          scenarios.long_article = await runLongArticle(ctx);
          if (values.scale)
            scenarios.long_article_scale = await runLongArticleScale(ctx, scenarios.long_article);
          break;
        case 'exchange':
          scenarios.exchange = await runExchange(ctx);
          break;
        case 'agreement':
          scenarios.agreement = await runAgreement(ctx);
          break;
        case 'reanchor':
          scenarios.reanchor = await runReanchor(ctx);
          break;
        case 'suggest':
          scenarios.suggest = await runSuggest(ctx);
          break;
        case 'peer':
          scenarios.peer = await runPeer(ctx, tandaFigures(scenarios.long_article));
          break;
        case 'naive-prosemirror':
          scenarios.naive_prosemirror = await runNaiveProseMirror(ctx, tandaFigures(scenarios.long_article));
          break;
        case 'team-merge':
          scenarios.team_merge = await runTeamMerge(ctx);
          break;
        case 'document-views':
          scenarios.document_views = await runDocumentViews(ctx);
          break;
        case 'corpus-load':
          scenarios.corpus_load = await runCorpusLoad(ctx);
          break;
        case 'extraction':
          scenarios.extraction = await runExtraction(ctx);
          break;
      }
    }
  } finally {
    await rm(workDir, { recursive: true, force: true });
  }

  const result: BenchResult = {
    machine: { ...machine(), load_average: { start: round2(loadAtStart), end: round2(loadavg()[0]!) } },
    versions: await versions(selected.some((s) => BROWSER_SCENARIOS.includes(s))),
    size,
    runs: { node: ctx.nodeRuns, browser: ctx.browserRuns },
    started_at: startedAt.toISOString(),
    duration_s: Math.round((performance.now() - t0) / 100) / 10,
    scenarios,
    targets: targets(scenarios),
  };
  const json = `${JSON.stringify(result, null, 2)}\n`;
  const file = join(resultsDir, `${startedAt.toISOString().replace(/:/g, '-')}.json`);
  await writeFile(file, json);
  process.stdout.write(json);
  ctx.log(`results written to ${file}`);
  if (ctx.profileDir) ctx.log(`profiles and traces in ${ctx.profileDir}`);
}

/** What the peers are compared with: the long article's figures from this invocation. */
function tandaFigures(
  la: LongArticleResult | undefined,
): { openMs: number; tagP50: number; tagP95: number } | null {
  return la
    ? {
        openMs: la.open_ms.median,
        tagP50: la.tag_latency_ms.p50.median,
        tagP95: la.tag_latency_ms.p95.median,
      }
    : null;
}

function round2(n: number): number {
  return Math.round(n * 100) / 100;
}

/** The targets, checked against the medians. */
export function targets(s: BenchResult['scenarios']): Record<string, Target> {
  const check = (target: number, measured: number | null | undefined): Target => ({
    target,
    comparison: '<=',
    measured_median: measured ?? null,
    met: measured === null || measured === undefined ? null : measured <= target,
  });
  const atLeast = (target: number, measured: number | null | undefined): Target => ({
    target,
    comparison: '>=',
    measured_median: measured ?? null,
    met: measured === null || measured === undefined ? null : measured >= target,
  });
  return {
    // Issue #20, second round: open ≤ 250 ms; a tag in the next frame (p99 ≤ 16.7 ms), its handler p95 ≤ 4 ms;
    // every keyboard action p95 ≤ 50 ms; undo / redo of a 1,000-annotation Tag all ≤ 250 ms.
    'long_article.tag_latency_p95_ms': check(16, s.long_article?.tag_latency_ms.p95.median),
    'long_article.tag_latency_p99_ms': check(16.7, s.long_article?.tag_latency_ms.p99.median),
    'long_article.tag_handler_p95_ms': check(4, s.long_article?.tag_handler_ms.p95.median),
    'long_article.keys_p95_ms': check(50, s.long_article?.keys_ms.all_p95.median),
    'long_article.tag_all_undo_ms': check(250, s.long_article?.tag_all.undo_ms.median),
    'long_article.tag_all_redo_ms': check(250, s.long_article?.tag_all.redo_ms.median),
    'long_article.open_ms': check(250, s.long_article?.open_ms.median),
    'long_article_scale.open_growth_exponent': check(1, s.long_article_scale?.open_growth_exponent),
    'long_article.js_heap_mb': check(300, s.long_article?.js_heap_mb.median),
    // Issue #20, second round: the scan's list ≤ 1 s (was 2 s); CSV import ≤ 1 s (was 2 s); bundle export and
    // import ≤ 0.4 s each (no target before). CSV export keeps the first round's 0.5 s: #20 names none for it.
    'scan.time_to_list_ms': check(1000, s.scan?.time_to_list_ms.median),
    'exchange.csv_export_ms': check(500, s.exchange?.csv_export_ms.median),
    'exchange.csv_import_ms': check(1000, s.exchange?.csv_import_ms.median),
    'exchange.bundle_export_ms': check(400, s.exchange?.bundle_export_ms.median),
    'exchange.bundle_import_ms': check(400, s.exchange?.bundle_import_ms.median),
    'agreement.compute_ms': check(1000, s.agreement?.compute_ms.median),
    'reanchor.reanchor_ms': check(1000, s.reanchor?.reanchor_ms.median),
    // Issue #16: never a wrong placement; orphans only where the text is really gone.
    'reanchor.accuracy.wrong': check(0, s.reanchor?.accuracy.with_previous_text.total.wrong),
    'reanchor.accuracy.orphaned_though_present_pct': check(
      1,
      s.reanchor?.accuracy.with_previous_text.orphaned_though_present_pct,
    ),
    'team_merge.first_merge_ms': check(3000, s.team_merge?.first_merge_ms.median),
    // Issue #15 says "into an empty database": this is that figure (see TeamMergeResult).
    'team_merge.first_merge_into_database_ms': check(3000, s.team_merge?.first_merge_into_database_ms.median),
    // The same merge on Chromium's IndexedDB, which the app uses (the figure above is on fake-indexeddb).
    'team_merge.first_merge_into_chromium_ms': check(3000, s.team_merge?.first_merge_into_chromium_ms.median),
    // Issue #15: a colleague's change visible within 1 s of the file changing (here: in the database).
    'team_merge.change_to_database_ms': check(1000, s.team_merge?.change_to_database_ms.median),
    // … and in what the app shows: the open document's and Compare's live queries have answered with it.
    'team_merge.change_to_visible_ms': check(1000, s.team_merge?.change_to_visible_ms.median),
    // The analyst keeps working during a first merge: a tag held up longer than this reads as a hang.
    'team_merge.tag_during_first_merge_p95_ms': check(
      500,
      s.team_merge?.tag_during_first_merge_ms.p95.median,
    ),
    // Issue #13: the document list's counts after a tag, within the frame (the annotation mirror's
    // tallies, which the app shows); #12: the open document's stored-record checks per change within 1 ms.
    'document_views.tallies_after_tag_ms': check(16, s.document_views?.tallies_after_tag_ms.median),
    'document_views.tallies_after_tag_chromium_ms': check(
      16,
      s.document_views?.tallies_after_tag_chromium_ms.median,
    ),
    'document_views.misfits_per_change_ms': check(1, s.document_views?.misfits_per_change.cached_ms),
    // Ours (#20 review): a relaunch with 100,000 annotations shows the document list's counts within
    // half a second, the budget of a window's first useful paint; the mirror's read is the longest wait in it.
    'document_views.mirror_startup_ms': check(500, s.document_views?.mirror_startup_ms.median),
    // Ours too: the document a launch reopens shows its highlights within half a second as well.
    'document_views.mirror_startup_document_ms': check(
      500,
      s.document_views?.mirror_startup_document_ms.median,
    ),
    // Issue #20: a 10,000-article corpus searchable, and the page responsive while it loads.
    'corpus_load.searchable_ms': check(5000, s.corpus_load?.searchable_ms.median),
    'corpus_load.relaunch_searchable_ms': check(1000, s.corpus_load?.relaunch_searchable_ms.median),
    'corpus_load.long_tasks_ms': check(200, s.corpus_load?.long_tasks_ms.median),
    'corpus_load.longest_task_ms': check(50, s.corpus_load?.longest_task_ms.median),
    'suggest.suggest_ms': check(200, s.suggest?.suggest_ms.median),
    // Issue #17: a 10,000-article corpus in the background worker without a page long task over 50 ms.
    'suggest.corpus.page_longest_batch_ms': check(50, s.suggest?.corpus.page_longest_batch_ms.median),
    // Issue #14: the list at once, a reopened corpus instantly, main never frozen by a parser.
    // The issue names no figure for the cold total, the pages per second or the memory: those
    // targets are ours, for 1,000 mixed files on two cores.
    'extraction.cold_list_ms': check(2000, s.extraction?.cold_list_ms.median),
    'extraction.warm_ms': check(2000, s.extraction?.warm_ms.median),
    'extraction.main_longest_pause_ms': check(100, s.extraction?.main_longest_pause_ms.median),
    'extraction.cold_ms': check(120_000, s.extraction?.cold_ms.median),
    'extraction.pdf_pages_per_s': atLeast(50, s.extraction?.pdf_pages_per_s.median),
    'extraction.peak_rss_mb': check(1024, s.extraction?.peak_rss_mb.median),
    // Matching in the worker: no long task over 50 ms on the page; a key → painted within one frame.
    'suggest.ui.longest_long_task_ms': check(50, s.suggest?.ui.longest_long_task_ms.median),
    // … over the whole span until every outline is drawn (a chunk per frame), not only the first paint.
    'suggest.ui.longest_long_task_to_drawn_ms': check(50, s.suggest?.ui.longest_long_task_to_drawn_ms.median),
    // No full matching of the document after an accept or reject (the list follows them).
    'suggest.ui.rematches_during_keys': check(0, s.suggest?.ui.rematches_during_keys.median),
    // Key → the frame after the decision's own (the figure waits for one frame more by construction):
    // two frames at 60 Hz. Until 2026-12-07 this said 16 ms, which no key could reach; the issue's
    // "within one frame" is read from the `_to_frame` figures below.
    'suggest.ui.reject_to_paint_p95_ms': check(33.3, s.suggest?.ui.reject_to_paint_ms.p95.median),
    'suggest.ui.accept_to_paint_p95_ms': check(33.3, s.suggest?.ui.accept_to_paint_ms.p95.median),
    // The same keys to their own frame (see `reject_to_frame_ms`): what "painted within one frame" reads.
    'suggest.ui.reject_to_frame_p95_ms': check(16.7, s.suggest?.ui.reject_to_frame_ms.p95.median),
    'suggest.ui.accept_to_frame_p95_ms': check(16.7, s.suggest?.ui.accept_to_frame_ms.p95.median),
    // "At least 2× faster than the peer": Tanda's time over the peer's at most 0.5.
    'peer.ratio_open': check(0.5, s.peer?.ratio_open),
    'peer.ratio_add': check(0.5, s.peer?.ratio_add),
    // The naive ProseMirror baseline: Tanda no slower than it (a floor of our own, not the issue's).
    'naive_prosemirror.ratio_open': check(1, s.naive_prosemirror?.ratio_open),
    'naive_prosemirror.ratio_add': check(1, s.naive_prosemirror?.ratio_add),
  };
}

if (require.main === module) {
  main().then(
    () => process.exit(0),
    (error: unknown) => {
      process.stderr.write(
        `bench: failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
      );
      process.exit(1);
    },
  );
}
