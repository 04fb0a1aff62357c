import { join } from 'node:path';
import type { Page } from '@playwright/test';
import {
  LIBRARY_CACHED_MARK,
  LIBRARY_COMPLETE_MARK,
  LIBRARY_READ_MARK,
  LIBRARY_SEARCHABLE_MARK,
} from '../../src/shared/corpus/perf-marks';
import { VIEWPORT } from '../browser/chromium';
import { startProfile, stopProfile } from '../browser/cpu-profile';
import { withWebApp } from '../browser/web-app';
import type { BenchContext } from '../context';
import { SEED } from '../context';
import { writeScanCorpus } from '../generate';
import { round, summarize, type Summary } from '../stats';

export interface CorpusLoadResult {
  documents: number;
  /** From navigation to every document searchable (indexed in the worker): the issue's "searchable" figure. */
  searchable_ms: Summary;
  /** From navigation to every text read by the page (the corpus library's first mark). */
  texts_read_ms: Summary;
  /** From navigation to every text indexed and described in the worker: search and metadata complete. */
  index_complete_ms: Summary;
  /** Main-thread tasks over 50 ms until then (PerformanceObserver 'longtask'): their total and the longest. */
  long_tasks_ms: Summary;
  longest_task_ms: Summary;
  /** The page's JS heap once complete, after a garbage collection (the worker's heap is its own). */
  js_heap_mb: Summary;
  /** The same corpus opened again (a reload: tomorrow's launch), with the languages detected the first time kept. */
  relaunch_texts_read_ms: Summary;
  /** Reopened: searchable through the index kept in the cache database, before the texts are read again. */
  relaunch_searchable_ms: Summary;
  relaunch_index_complete_ms: Summary;
}

interface RunResult {
  searchable: number;
  relaunchSearchable: number;
  read: number;
  complete: number;
  longTotal: number;
  longest: number;
  heapMb: number;
  relaunchRead: number;
  relaunchComplete: number;
}

/**
 * Corpus load: the scan scenario's kind of corpus opened in browser mode, in
 * the annotating view an analyst starts in, until the corpus library (texts
 * for search and keyword in context, the search index, detected metadata)
 * is complete, then reloaded (tomorrow's launch: languages and the search
 * index kept in the cache database). Issue #20's targets: searchable in
 * 5 s, 1 s reopened; main-thread long tasks 200 ms in all, none over 50 ms.
 */
export async function runCorpusLoad(ctx: BenchContext): Promise<CorpusLoadResult> {
  const corpusDir = join(ctx.workDir, 'load-corpus');
  ctx.log(`corpus-load: writing ${ctx.config.loadDocuments} articles`);
  await writeScanCorpus(corpusDir, ctx.config.loadDocuments, SEED + 6);
  const runs: RunResult[] = [];
  for (let i = 0; i < ctx.browserRuns; i++) {
    const result = await oneRun(ctx, corpusDir, i === 0 ? ctx.profileDir : null);
    ctx.log(
      `corpus-load: run ${i + 1}/${ctx.browserRuns}: searchable ${round(result.searchable)} ms, texts read ${round(result.read)} ms, index complete ${round(result.complete)} ms, ` +
        `long tasks ${round(result.longTotal)} ms (longest ${round(result.longest)} ms); ` +
        `relaunched: searchable ${round(result.relaunchSearchable)} ms, read ${round(result.relaunchRead)} ms, complete ${round(result.relaunchComplete)} ms`,
    );
    runs.push(result);
  }
  return {
    documents: ctx.config.loadDocuments,
    searchable_ms: summarize(
      runs.map((r) => r.searchable),
      0,
    ),
    texts_read_ms: summarize(
      runs.map((r) => r.read),
      0,
    ),
    index_complete_ms: summarize(
      runs.map((r) => r.complete),
      0,
    ),
    long_tasks_ms: summarize(
      runs.map((r) => r.longTotal),
      0,
    ),
    longest_task_ms: summarize(
      runs.map((r) => r.longest),
      0,
    ),
    js_heap_mb: summarize(runs.map((r) => r.heapMb)),
    relaunch_texts_read_ms: summarize(
      runs.map((r) => r.relaunchRead),
      0,
    ),
    relaunch_searchable_ms: summarize(
      runs.map((r) => r.relaunchSearchable),
      0,
    ),
    relaunch_index_complete_ms: summarize(
      runs.map((r) => r.relaunchComplete),
      0,
    ),
  };
}

/** With `profileDir`, the page's CPU profile from navigation until searchable (`--profile`, first run). */
function oneRun(ctx: BenchContext, corpusDir: string, profileDir: string | null): Promise<RunResult> {
  return withWebApp(ctx, corpusDir, async (openUrl, browser) => {
    const context = await browser.newContext({ viewport: VIEWPORT });
    await context.addInitScript(() => {
      const tasks: [start: number, duration: number][] = [];
      (globalThis as { __tandaLongTasks?: typeof tasks }).__tandaLongTasks = tasks;
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) tasks.push([entry.startTime, entry.duration]);
      }).observe({ type: 'longtask' as never, buffered: true });
      // What ran in each long frame (Long Animation Frames): the long tasks' causes, without a profiler.
      const frames: string[] = [];
      (globalThis as { __tandaLongFrames?: string[] }).__tandaLongFrames = frames;
      type Script = { invoker: string; sourceFunctionName: string; sourceURL: string; duration: number };
      type Frame = {
        startTime: number;
        duration: number;
        renderStart: number;
        styleAndLayoutStart: number;
        scripts: Script[];
      };
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries() as unknown as Frame[]) {
          const scripts = entry.scripts.filter((x) => x.duration >= 10);
          const end = entry.startTime + entry.duration;
          const layout = entry.styleAndLayoutStart > 0 ? end - entry.styleAndLayoutStart : 0;
          if (scripts.length === 0 && layout < 30) continue;
          const named = scripts.map(
            (x) =>
              `${x.invoker} ${x.sourceFunctionName || ''}@${x.sourceURL.split('/').pop()} ${Math.round(x.duration)} ms`,
          );
          if (layout >= 10) named.push(`style and layout ${Math.round(layout)} ms`);
          frames.push(`${Math.round(entry.startTime)}: ${named.join(', ')}`);
        }
      }).observe({ type: 'long-animation-frame' as never, buffered: true });
    });
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    if (profileDir) await startProfile(cdp);
    await page.goto(openUrl);
    const searchable = await waitForMark(page, LIBRARY_SEARCHABLE_MARK, ctx.config.loadDocuments);
    if (profileDir) {
      const top = await stopProfile(cdp, profileDir, 'corpus-load-first-open', 25);
      ctx.log(`corpus-load: page CPU until searchable, by self time:\n${top.join('\n')}`);
    }
    const complete = await waitForMark(page, LIBRARY_COMPLETE_MARK, ctx.config.loadDocuments);
    const read = await waitForMark(page, LIBRARY_READ_MARK, ctx.config.loadDocuments);
    const timed = await page.evaluate(
      () => (globalThis as { __tandaLongTasks?: [number, number][] }).__tandaLongTasks ?? [],
    );
    // Which tasks, and when: the figure to start from when one of them grows.
    ctx.log(
      `corpus-load: long tasks (at ms: duration ms): ${timed.map(([at, d]) => `${round(at)}: ${round(d)}`).join(', ') || 'none'}`,
    );
    const frames = await page.evaluate(
      () => (globalThis as { __tandaLongFrames?: string[] }).__tandaLongFrames ?? [],
    );
    if (frames.length > 0)
      ctx.log(`corpus-load: scripts of the long frames (at ms):\n  ${frames.join('\n  ')}`);
    const tasks = timed.map(([, duration]) => duration);
    await cdp.send('HeapProfiler.collectGarbage');
    const heap = await cdp.send('Runtime.getHeapUsage');
    await waitForMark(page, LIBRARY_CACHED_MARK, ctx.config.loadDocuments);
    await page.reload();
    const relaunchComplete = await waitForMark(page, LIBRARY_COMPLETE_MARK, ctx.config.loadDocuments);
    const relaunchRead = await waitForMark(page, LIBRARY_READ_MARK, ctx.config.loadDocuments);
    const relaunchSearchable = await waitForMark(page, LIBRARY_SEARCHABLE_MARK, ctx.config.loadDocuments);
    await context.close();
    return {
      searchable,
      relaunchSearchable,
      read,
      complete,
      longTotal: tasks.reduce((a, b) => a + b, 0),
      longest: Math.max(0, ...tasks),
      heapMb: heap.usedSize / 2 ** 20,
      relaunchRead,
      relaunchComplete,
    };
  });
}

/** The mark's time since navigation; checks it counted every document. */
async function waitForMark(page: Page, name: string, documents: number): Promise<number> {
  const handle = await page.waitForFunction(
    (mark) => {
      const entry = performance.getEntriesByName(mark)[0] as
        { startTime: number; detail: { documents: number } } | undefined;
      return entry ? { at: entry.startTime, documents: entry.detail.documents } : null;
    },
    name,
    { timeout: 600_000, polling: 100 },
  );
  const { at, documents: counted } = (await handle.jsonValue())!;
  if (counted !== documents) throw new Error(`${name} counted ${counted} documents, expected ${documents}`);
  return at;
}
