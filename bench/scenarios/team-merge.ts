// An IndexedDB for the renderer's database code in Node (before Dexie loads); no other Node scenario uses one.
import 'fake-indexeddb/auto';
import { mkdir, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  appendTeamChanges,
  compactIfLarge,
  createTeamProject,
  readTeamChanges,
  watchTeamFolder,
} from '../../src/main/services/team-folder';
import type { Annotation } from '../../src/shared/annotation/annotation-types';
import { liveQuery } from 'dexie';
import { launchChromium, rememberVersion } from '../browser/chromium';
import { startProfile, stopProfile } from '../browser/cpu-profile';
import { openIdbPage } from '../browser/idb-page';
import type { IdbProbe } from '../browser/idb-probe';
import {
  annotationsBy,
  annotationsForDocument,
  countAnnotations,
  getAnnotation,
} from '../../src/renderer/src/db/annotation-repo';
import { applyTeamBatch } from '../../src/renderer/src/db/team-sync';
import { TandaDB } from '../../src/renderer/src/db/tanda-db';
import { teamAnnotation as annotation } from '../team-sample';
import { formatHlc } from '../../src/shared/team/hlc';
import { journalLineText, putEntry, type JournalEntry } from '../../src/shared/team/journal-line';
import { mergeAll } from '../../src/shared/team/journal-merge';
import { journalPath } from '../../src/shared/team/team-paths';
import type { BenchContext } from '../context';
import { timed } from '../node-timing';
import { percentiles, round, summarize, summarizePercentiles, type Summary } from '../stats';

export interface TeamMergeResult {
  annotators: number;
  annotations_per_annotator: number;
  /** Reading every journal from the start, validating each line and merging (main's read + the pure merge). */
  first_merge_ms: Summary;
  /**
   * The same journals merged into an empty database as the app does it (main's read, then the
   * renderer's applyTeamBatch, one transaction per batch), on fake-indexeddb: an IndexedDB written
   * in JavaScript, slower than Chromium's, so this errs on the slow side.
   */
  first_merge_into_database_ms: Summary;
  /**
   * The same batches applied by the same code in Chromium, on its own IndexedDB (a bare page with
   * the renderer's database code; the batches handed over first, so IPC is not included): what the
   * app's first merge costs, where the figure above overstates it.
   */
  first_merge_into_chromium_ms: Summary;
  /**
   * During that merge, the analyst tags a document every 250 ms (the app's createAnnotation): how
   * long each tag takes to commit, p50 and p95 of each run's tags, and the longest. The merge's
   * transactions hold the annotations table; the tag waits for the one under way.
   */
  tag_during_first_merge_ms: { p50: Summary; p95: Summary; max: Summary; tags: number };
  /**
   * A colleague's line appended to their journal → in this database (over the 100,000 merged): the
   * folder watcher's event, main's incremental read and applyTeamBatch, as the app's sync loop does
   * on 'team-changed'. The app then shows it through a live query: see change_to_visible_ms.
   */
  change_to_database_ms: Summary;
  /**
   * The same change → the live queries the app shows it through have answered with it: the open
   * document's annotations (the article) and the colleague's annotations (Compare, with 10,000 of
   * theirs), as Dexie re-runs them after the merge's transaction. React's render of the answer is
   * not included (one document's highlights: see the long-article scenario's add → painted).
   */
  change_to_visible_ms: Summary;
  journal_bytes_per_annotation: number;
  /** One journal where every annotation was edited twice, compacted to its live lines. */
  compaction_ms: Summary;
}

const SIZES = { full: { annotators: 10, perAnnotator: 10_000 }, small: { annotators: 3, perAnnotator: 500 } };
const T0 = Date.parse('2026-12-01T08:00:00.000Z');

/** Every journal read from the start and applied in a Chromium page, once per run; ms per run. */
async function mergeInChromium(
  ctx: BenchContext,
  root: string,
  expected: number,
): Promise<{ times: number[]; tagWaits: number[][] }> {
  const browser = await launchChromium();
  rememberVersion(browser);
  const times: number[] = [];
  const tagWaits: number[][] = [];
  try {
    for (let run = 0; run < ctx.nodeRuns; run++) {
      // A fresh page per run: in one page for all runs, the third full-size merge lost its page.
      const page = await openIdbPage(browser);
      const cdp = run === 0 && ctx.profileDir ? await page.context().newCDPSession(page) : null;
      let cursors = {};
      for (;;) {
        const answer = await readTeamChanges(root, cursors);
        // One batch per answer, as the sync loop applies them (team-sync-loop.ts's pull).
        await page.evaluate(
          (entries) => (globalThis as unknown as { tandaIdbProbe: IdbProbe }).tandaIdbProbe.addBatch(entries),
          answer.batches.flatMap((b) => b.entries),
        );
        cursors = answer.cursors;
        if (answer.done) break;
      }
      if (cdp) await startProfile(cdp);
      const {
        ms,
        stored,
        tagWaits: waits,
      } = await page.evaluate(
        (name) =>
          (globalThis as unknown as { tandaIdbProbe: IdbProbe }).tandaIdbProbe.mergeAll(name, 'analyst-0'),
        `tanda-bench-team-${run}`,
      );
      if (cdp) {
        const top = await stopProfile(cdp, ctx.profileDir!, 'team-merge-chromium', 25);
        ctx.log(
          `team-merge: page CPU during the first merge into Chromium, by self time:\n${top.join('\n')}`,
        );
      }
      // Each earlier Node run left one change in the journals.
      if (stored < expected)
        throw new Error(`Chromium's database holds ${stored} annotations, expected ${expected}`);
      times.push(ms);
      tagWaits.push(waits);
      await page.context().close();
      ctx.log(
        `team-merge: first merge into Chromium's IndexedDB ${run + 1}/${ctx.nodeRuns}: ${round(ms)} ms; ` +
          `${waits.length} tags meanwhile, the longest ${round(Math.max(0, ...waits))} ms`,
      );
    }
  } finally {
    await browser.close();
  }
  return { times, tagWaits };
}

/**
 * Subscribes the live queries that show `change` (its document's annotations, its annotator's) and
 * waits for their first answer, so only the re-run after the change is timed; `visible` gives the
 * time of the answer that holds the change.
 */
async function shownBy(db: TandaDB, change: Annotation): Promise<{ visible: Promise<number> }> {
  let ready: () => void = () => {};
  let found: (at: number) => void = () => {};
  let failed: (error: unknown) => void = () => {};
  const answered = new Promise<void>((resolve) => (ready = resolve));
  const visible = new Promise<number>((resolve, reject) => ((found = resolve), (failed = reject)));
  const subscription = liveQuery(() =>
    Promise.all([annotationsForDocument(db, change.documentPath), annotationsBy(db, [change.annotator])]),
  ).subscribe({
    next: ([article, theirs]) => {
      ready();
      if (article.some((a) => a.id === change.id) && theirs.some((a) => a.id === change.id)) {
        subscription.unsubscribe();
        found(performance.now());
      }
    },
    error: (error: unknown) => {
      ready();
      failed(error);
    },
  });
  await answered;
  return { visible };
}

/** Team journals in a corpus folder: how long a first merge and a compaction take. */
export async function runTeamMerge(ctx: BenchContext): Promise<TeamMergeResult> {
  const { annotators, perAnnotator } = SIZES[ctx.size];
  const root = join(ctx.workDir, 'team-corpus');
  await mkdir(root, { recursive: true });
  await createTeamProject(root);
  let bytes = 0;
  for (let a = 0; a < annotators; a++) {
    const name = `analyst-${a}`;
    const device = `${String(a).padStart(8, '0')}-0000-4000-8000-000000000000`;
    const lines: string[] = [];
    for (let i = 0; i < perAnnotator; i++) {
      const hlc = formatHlc({ wall: T0 + i, counter: 0, device });
      lines.push(journalLineText(putEntry('annotation', annotation(name, i, ''), hlc)));
    }
    const text = lines.join('');
    bytes += Buffer.byteLength(text);
    const file = join(root, journalPath(name, device));
    await mkdir(join(file, '..'), { recursive: true });
    await writeFile(file, text);
  }

  const mergeTimes: number[] = [];
  for (let run = 0; run < ctx.nodeRuns; run++) {
    const { value, ms } = await timed(async () => {
      const batches: JournalEntry[][] = [];
      let cursors = {};
      for (;;) {
        const answer = await readTeamChanges(root, cursors);
        for (const b of answer.batches) batches.push(b.entries);
        cursors = answer.cursors;
        if (answer.done) break;
      }
      return mergeAll(batches).size;
    });
    if (value !== annotators * perAnnotator)
      throw new Error(`merged ${value} records, expected ${annotators * perAnnotator}`);
    mergeTimes.push(ms);
    ctx.log(`team-merge: first merge ${run + 1}/${ctx.nodeRuns}: ${round(ms)} ms`);
  }

  const dbTimes: number[] = [];
  const latencies: number[] = [];
  const visibleLatencies: number[] = [];
  for (let run = 0; run < ctx.nodeRuns; run++) {
    const db = new TandaDB(`tanda-bench-team-${run}-${Date.now()}`);
    await db.open();
    let cursors = {};
    const pull = async (): Promise<void> => {
      for (;;) {
        const answer = await readTeamChanges(root, cursors);
        for (const b of answer.batches) await applyTeamBatch(db, b.entries, 'analyst-0');
        cursors = answer.cursors;
        if (answer.done) break;
      }
    };
    const { ms } = await timed(pull);
    // Each earlier run left its one change in the journals.
    const expected = annotators * perAnnotator + run;
    const stored = await countAnnotations(db);
    if (stored !== expected)
      throw new Error(`the database holds ${stored} annotations, expected ${expected}`);
    dbTimes.push(ms);

    // One change after the first merge, as a colleague's tag arriving through the shared folder.
    let arrived: () => void = () => {};
    const watcher = watchTeamFolder(root, () => void pull().then(() => arrived()));
    await watcher.ready;
    const colleague = `${String(1).padStart(8, '0')}-0000-4000-8000-000000000000`;
    const change = annotation('analyst-1', perAnnotator + run, `run ${run}`);
    const hlc = formatHlc({ wall: T0 + perAnnotator + run, counter: 0, device: colleague });
    const seen = new Promise<void>((resolve) => {
      arrived = () => void getAnnotation(db, change.id).then((a) => a && resolve());
    });
    const shown = await shownBy(db, change);
    const t0 = performance.now();
    await appendTeamChanges(root, 'analyst-1', colleague, [putEntry('annotation', change, hlc)]);
    await seen;
    latencies.push(performance.now() - t0);
    visibleLatencies.push((await shown.visible) - t0);
    await watcher.close();
    await db.delete();
    ctx.log(
      `team-merge: first merge into the database ${run + 1}/${ctx.nodeRuns}: ${round(ms)} ms; ` +
        `a colleague's change in the database after ${round(latencies.at(-1)!)} ms, ` +
        `in the live queries after ${round(visibleLatencies.at(-1)!)} ms`,
    );
  }

  const chromium = await mergeInChromium(ctx, root, annotators * perAnnotator);
  // A merge shorter than one tag's interval has no tag to time: zero, it held nothing up.
  const waits = chromium.tagWaits.map((w) => (w.length > 0 ? w : [0]));

  const compactTimes: number[] = [];
  const device = 'ffffffff-0000-4000-8000-000000000000';
  const file = join(root, journalPath('editor', device));
  for (let run = 0; run < ctx.nodeRuns; run++) {
    const lines: string[] = [];
    for (let edit = 0; edit < 3; edit++)
      for (let i = 0; i < perAnnotator; i++) {
        const hlc = formatHlc({ wall: T0 + edit * perAnnotator + i, counter: 0, device });
        lines.push(journalLineText(putEntry('annotation', annotation('editor', i, `edit ${edit}`), hlc)));
      }
    await mkdir(join(file, '..'), { recursive: true });
    await writeFile(file, lines.join(''));
    const { value, ms } = await timed(() => compactIfLarge(file, journalPath('editor', device)));
    if (!value) throw new Error('the journal was not compacted');
    compactTimes.push(ms);
    ctx.log(
      `team-merge: compaction ${run + 1}/${ctx.nodeRuns}: ${round(ms)} ms (${(await stat(file)).size} bytes left)`,
    );
  }
  return {
    annotators,
    annotations_per_annotator: perAnnotator,
    first_merge_ms: summarize(mergeTimes),
    first_merge_into_database_ms: summarize(dbTimes),
    first_merge_into_chromium_ms: summarize(chromium.times),
    tag_during_first_merge_ms: {
      ...summarizePercentiles(waits.map(percentiles)),
      max: summarize(waits.map((w) => Math.max(...w))),
      tags: waits.reduce((n, w) => n + w.length, 0),
    },
    change_to_database_ms: summarize(latencies),
    change_to_visible_ms: summarize(visibleLatencies),
    journal_bytes_per_annotation: round(bytes / (annotators * perAnnotator)),
    compaction_ms: summarize(compactTimes),
  };
}
