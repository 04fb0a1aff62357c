// An IndexedDB for the renderer's database code in Node (before Dexie loads).
import 'fake-indexeddb/auto';
import type { Annotation } from '../../src/shared/annotation/annotation-types';
import { tallyByDocument } from '../../src/shared/annotation/document-tally';
import { launchChromium, rememberVersion } from '../browser/chromium';
import { openIdbPage } from '../browser/idb-page';
import type { IdbProbe } from '../browser/idb-probe';
import { talliesAfterTag } from '../browser/mirror-timing';
import { type BenchContext } from '../context';
import { misfitsCost, type MisfitsCost } from '../misfits-cost';
import { timed } from '../node-timing';
import { round, summarize, type Summary } from '../stats';

export interface DocumentViewsResult {
  annotations: number;
  documents: number;
  /**
   * Issue #13: one tag (the annotation repository's create, as a tag key does) → the document list's
   * counts (`useDocumentTallies`: the annotation mirror's `annotatorTallies`) include it, with the
   * analyst's annotations spread over the documents. On fake-indexeddb (slower than Chromium's IndexedDB).
   * Until 2026-12-02 this timed a live query re-reading every row (`documentTallies`), which the app
   * no longer runs.
   */
  tallies_after_tag_ms: Summary;
  /** The same in Chromium, on its own IndexedDB (a bare page with the renderer's database code). */
  tallies_after_tag_chromium_ms: Summary;
  /** The tallies' pure part alone: counting every annotation per document and tag. */
  tally_count_ms: Summary;
  /** Rows stored for `mirror_startup_ms`. */
  mirror_startup_rows: number;
  /**
   * A launch with `mirror_startup_rows` annotations stored, in Chromium, after a session that saved
   * the document list's counts: the database opened until the annotator's counts are known (the
   * saved ones while they are current, else those of the annotation mirror's read of the table).
   */
  mirror_startup_ms: Summary;
  /**
   * The same launch until the reopened document's annotations are given (its highlights): a read of
   * that document alone, while the table is still being read.
   */
  mirror_startup_document_ms: Summary;
  /** The same launch until the mirror has read the whole table. */
  mirror_startup_loaded_ms: Summary;
  /** The table's read alone (`toArray`: IndexedDB and structured clone), for where the time goes. */
  mirror_startup_read_ms: Summary;
  /** Issue #12: the stored-record checks of the open document (the long article), per change of its rows. */
  misfits_per_change: MisfitsCost;
}

const SIZES = { full: { documents: 1_000 }, small: { documents: 20 } };
/** The long article's annotations stored this many times over for the mirror's start-up: 100,000 at full size. */
const STARTUP_COPIES = 10;

/** What the document list and the open document derive from the stored annotations, after each change. */
export async function runDocumentViews(ctx: BenchContext): Promise<DocumentViewsResult> {
  const { documents } = SIZES[ctx.size];
  const data = ctx.longArticle();
  // The long article's annotations, dealt over the corpus's documents.
  const annotations: Annotation[] = data.annotations.map((a, i) => ({
    ...a,
    documentPath: `berita/${String(i % documents).padStart(4, '0')}.txt`,
  }));

  const countTimes: number[] = [];
  for (let run = 0; run < ctx.nodeRuns; run++) {
    const { value, ms } = await timed(() => tallyByDocument(annotations));
    if (value.size !== documents) throw new Error(`tallied ${value.size} documents, expected ${documents}`);
    countTimes.push(ms);
  }

  const tagTimes = await talliesAfterTag(`tanda-bench-views-${Date.now()}`, annotations, ctx.nodeRuns);
  ctx.log(`document-views: tallies after a tag: ${tagTimes.map((t) => round(t)).join(', ')} ms`);
  const browser = await launchChromium();
  rememberVersion(browser);
  let chromiumTimes: number[];
  let startup: { rows: number; ms: number[]; documentMs: number[]; loadedMs: number[]; readMs: number[] };
  try {
    const page = await openIdbPage(browser);
    chromiumTimes = await page.evaluate(
      ({ annotations, runs }) =>
        (globalThis as unknown as { tandaIdbProbe: IdbProbe }).tandaIdbProbe.talliesAfterTag(
          'tanda-bench-views',
          annotations,
          runs,
        ),
      { annotations, runs: ctx.nodeRuns },
    );
    ctx.log(
      `document-views: tallies after a tag in Chromium: ${chromiumTimes.map((t) => round(t)).join(', ')} ms`,
    );
    ctx.log(
      `document-views: storing ${annotations.length * STARTUP_COPIES} annotations for the mirror's start-up`,
    );
    startup = await page.evaluate(
      ({ annotations, copies, runs }) =>
        (globalThis as unknown as { tandaIdbProbe: IdbProbe }).tandaIdbProbe.mirrorStartup(
          'tanda-bench-startup',
          annotations,
          copies,
          runs,
        ),
      { annotations, copies: STARTUP_COPIES, runs: ctx.browserRuns },
    );
  } finally {
    await browser.close();
  }
  ctx.log(
    `document-views: mirror start-up at ${startup.rows} annotations in Chromium: counts shown ${startup.ms.map((t) => round(t)).join(', ')} ms, the reopened document's annotations ${startup.documentMs.map((t) => round(t)).join(', ')} ms, the table read ${startup.loadedMs.map((t) => round(t)).join(', ')} ms (the read alone ${startup.readMs.map((t) => round(t)).join(', ')} ms)`,
  );
  const misfits = misfitsCost(data);
  ctx.log(
    `document-views: stored-record checks per change ${misfits.cached_ms} ms (every record: ${misfits.every_change_ms} ms)`,
  );
  return {
    annotations: annotations.length,
    documents,
    tallies_after_tag_ms: summarize(tagTimes),
    tallies_after_tag_chromium_ms: summarize(chromiumTimes),
    tally_count_ms: summarize(countTimes, 2),
    mirror_startup_rows: startup.rows,
    mirror_startup_ms: summarize(startup.ms),
    mirror_startup_document_ms: summarize(startup.documentMs),
    mirror_startup_loaded_ms: summarize(startup.loadedMs),
    mirror_startup_read_ms: summarize(startup.readMs),
    misfits_per_change: misfits,
  };
}
