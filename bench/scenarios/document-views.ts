// An IndexedDB for the renderer's database code in Node (before Dexie loads).
import 'fake-indexeddb/auto';
import { liveQuery } from 'dexie';
import { createAnnotation, documentTallies } from '../../src/renderer/src/db/annotation-repo';
import { TandaDB } from '../../src/renderer/src/db/tanda-db';
import type { Annotation } from '../../src/shared/annotation/annotation-types';
import { tallyByDocument, type DocumentTally } from '../../src/shared/annotation/document-tally';
import { launchChromium, rememberVersion } from '../browser/chromium';
import { openIdbPage } from '../browser/idb-page';
import type { IdbProbe } from '../browser/idb-probe';
import { ANNOTATOR, type BenchContext } from '../context';
import { misfitsCost, type MisfitsCost } from '../misfits-cost';
import { timed } from '../node-timing';
import { round, summarize, type Summary } from '../stats';

export interface DocumentViewsResult {
  annotations: number;
  documents: number;
  /**
   * Issue #13: one tag (the annotation repository's create, as a tag key does) → the document list's
   * live query (`useDocumentTallies`) has answered with the new count, with the analyst's annotations
   * spread over the documents. On fake-indexeddb (slower than Chromium's IndexedDB).
   */
  tallies_after_tag_ms: Summary;
  /** The same in Chromium, on its own IndexedDB (a bare page with the renderer's database code). */
  tallies_after_tag_chromium_ms: Summary;
  /** The same live query's pure part alone: counting every annotation per document and tag. */
  tally_count_ms: Summary;
  /** Issue #12: the stored-record checks of the open document (the long article), per change of its rows. */
  misfits_per_change: MisfitsCost;
}

const SIZES = { full: { documents: 1_000 }, small: { documents: 20 } };

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

  const db = new TandaDB(`tanda-bench-views-${Date.now()}`);
  await db.open();
  await db.annotations.bulkPut(annotations);
  const tagTimes: number[] = [];
  try {
    for (let run = 0; run < ctx.nodeRuns; run++) {
      const path = annotations[run % annotations.length]!.documentPath;
      const before = countOf(await documentTallies(db, ANNOTATOR), path);
      let answered: () => void = () => {};
      let counted: () => void = () => {};
      const first = new Promise<void>((resolve) => (answered = resolve));
      const updated = new Promise<void>((resolve) => (counted = resolve));
      const subscription = liveQuery(() => documentTallies(db, ANNOTATOR)).subscribe({
        next: (tallies) => {
          answered();
          if (countOf(tallies, path) > before) counted();
        },
      });
      await first;
      const t0 = performance.now();
      await createAnnotation(db, { ...annotations[run]!, id: crypto.randomUUID(), note: 'new' });
      await updated;
      tagTimes.push(performance.now() - t0);
      subscription.unsubscribe();
      ctx.log(
        `document-views: tallies after a tag ${run + 1}/${ctx.nodeRuns}: ${round(tagTimes.at(-1)!)} ms`,
      );
    }
  } finally {
    await db.delete();
  }
  const browser = await launchChromium();
  rememberVersion(browser);
  let chromiumTimes: number[];
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
  } finally {
    await browser.close();
  }
  ctx.log(
    `document-views: tallies after a tag in Chromium: ${chromiumTimes.map((t) => round(t)).join(', ')} ms`,
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
    misfits_per_change: misfits,
  };
}

function countOf(tallies: ReadonlyMap<string, DocumentTally>, path: string): number {
  let n = 0;
  for (const count of tallies.get(path)?.byTag.values() ?? []) n += count;
  return n;
}
