import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Browser, BrowserContext, CDPSession, Page } from '@playwright/test';
import { VIEWPORT } from '../browser/chromium';
import { startProfile, stopProfile } from '../browser/cpu-profile';
import { startTrace, stopTrace } from '../browser/trace-summary';
import { withWebApp } from '../browser/web-app';
import {
  ANNOTATOR,
  formatCount,
  LONG_PATH,
  SHORT_PATH,
  titleOf,
  type BenchContext,
  type LongArticleData,
} from '../context';
import { misfitsCost, type MisfitsCost } from '../misfits-cost';
import { keyOps, probe, tagAllQuery, tagAllOps } from './long-article-keys';
import {
  percentile,
  percentiles,
  round,
  summarize,
  summarizePercentiles,
  type Percentiles,
  type Summary,
} from '../stats';

export interface LongArticleResult {
  /**
   * Whether suggestions were on (`--suggestions`). Off by default: they are
   * matched on the main thread after every change (seconds on this article
   * until they move to a worker, issue #17), which would measure them, not
   * the editor, and cut into the selections the operations make.
   */
  suggestions: 'on' | 'off';
  code_points: number;
  paragraphs: number;
  annotations: number;
  /** Click on the document → its last paragraph and every highlight painted. */
  open_ms: Summary;
  /** Keypress "1" with a selection → the new highlight painted; p50, p95 and p99 of each run's operations. */
  tag_latency_ms: { p50: Summary; p95: Summary; p99: Summary };
  /** The tag keypress's handler: keydown → the new highlight in the DOM (before the frame). */
  tag_handler_ms: { p50: Summary; p95: Summary };
  /** Delete with a highlight selected → its element gone, painted. */
  delete_latency_ms: { p50: Summary; p95: Summary };
  /** Click on an entry of the Annotations list → its highlight in view, flashing, painted. */
  jump_ms: { p50: Summary; p95: Summary };
  /**
   * Keyboard actions, from the keydown's timestamp to the painted effect:
   * Tab → the next annotation selected; the same right after a Delete was
   * painted (its save still running); Enter → the focus in the annotation's
   * form; Ctrl+Z of a tag → its highlight gone. `all_p95` is the worst p95.
   */
  keys_ms: {
    tab: { p50: Summary; p95: Summary };
    tab_after_delete: { p50: Summary; p95: Summary };
    enter: { p50: Summary; p95: Summary };
    undo: { p50: Summary; p95: Summary };
    all_p95: Summary;
  };
  /**
   * Undo and redo of one *Tag all matches* step (`annotations` of them):
   * keydown → all gone / all drawn, painted (`undo_ms`, `redo_ms`); → written
   * and announced (`undo_done_ms`, `redo_done_ms`). Medians of each run's cycles.
   */
  tag_all: {
    query: string;
    annotations: number;
    undo_ms: Summary;
    redo_ms: Summary;
    undo_done_ms: Summary;
    redo_done_ms: Summary;
  };
  /** Used JS heap after opening and a full GC (CDP Runtime.getHeapUsage). */
  js_heap_mb: Summary;
  /** DOM nodes of the page after opening (CDP Memory.getDOMCounters). */
  dom_nodes: Summary;
  /** Highlight elements and distinct ids drawn after opening (last run). */
  highlights: { elements: number; ids: number; ended: string };
  operations: { tag: number; delete: number; jump: number };
  /**
   * Workspace's check that each stored record fits the text, per change of
   * the stored rows (in Node, on the same article and annotations, median of
   * 9): `every_change_ms` checking every record again (before), `cached_ms`
   * with the checks kept per record and text (now; new row objects, as the
   * live query gives).
   */
  misfits_per_change: MisfitsCost;
  /** Setup, not a target: the UI import of the seed CSV (parse, check, write to IndexedDB). */
  seed_import_ms: Summary;
}

interface RunResult {
  open: number;
  heapMb: number;
  domNodes: number;
  highlights: { elements: number; ids: number; ended: string };
  tag: Percentiles;
  tagP99: number;
  handler: Percentiles;
  del: Percentiles;
  jump: Percentiles;
  keys: { tab: Percentiles; tabAfterDelete: Percentiles; enter: Percentiles; undo: Percentiles };
  tagAll: {
    query: string;
    annotations: number;
    undo: number;
    redo: number;
    undoDone: number;
    redoDone: number;
  };
  seed: number;
}

const PROBE = resolve(__dirname, '../browser/tanda-probe.js');

/**
 * Long article in browser mode: Tanda's real server and UI, the article and
 * a short one in a corpus folder, the annotations seeded through the Import
 * dialog; then the page is reloaded and every figure is timed inside it
 * (see tanda-probe.js for where each measurement starts and ends).
 */
export async function runLongArticle(ctx: BenchContext): Promise<LongArticleResult> {
  const data = ctx.longArticle();
  const corpusDir = join(ctx.workDir, 'long-article-corpus');
  await mkdir(corpusDir, { recursive: true });
  await writeFile(join(corpusDir, LONG_PATH), data.article.text);
  await writeFile(join(corpusDir, SHORT_PATH), data.short.text);

  // A tenth of the article's annotations in one Tag all step: 1,000 at full size.
  const tagAll = tagAllQuery(data.article.text, Math.round(data.annotations.length / 10));
  const runs: RunResult[] = [];
  for (let i = 0; i < ctx.browserRuns; i++) {
    const result = await oneRun(ctx, data, tagAll, corpusDir, i);
    ctx.log(
      `long-article: run ${i + 1}/${ctx.browserRuns}: open ${round(result.open)} ms, tag p50/p95 ${round(result.tag.p50)}/${round(result.tag.p95)} ms, ` +
        `delete p50/p95 ${round(result.del.p50)}/${round(result.del.p95)} ms, jump p50/p95 ${round(result.jump.p50)}/${round(result.jump.p95)} ms, ` +
        `heap ${round(result.heapMb)} MB; keys p95: tab ${round(result.keys.tab.p95)}, tab after delete ${round(result.keys.tabAfterDelete.p95)}, ` +
        `enter ${round(result.keys.enter.p95)}, undo ${round(result.keys.undo.p95)} ms; tag all of ${result.tagAll.annotations}: ` +
        `undo ${round(result.tagAll.undo)} (done ${round(result.tagAll.undoDone)}) ms, redo ${round(result.tagAll.redo)} (done ${round(result.tagAll.redoDone)}) ms`,
    );
    runs.push(result);
  }
  return {
    suggestions: ctx.suggestions ? 'on' : 'off',
    misfits_per_change: misfitsCost(data),
    code_points: data.article.chars,
    paragraphs: data.article.lines.length - 1,
    annotations: data.annotations.length,
    open_ms: summarize(runs.map((r) => r.open)),
    tag_latency_ms: {
      ...summarizePercentiles(runs.map((r) => r.tag)),
      p99: summarize(runs.map((r) => r.tagP99)),
    },
    tag_handler_ms: summarizePercentiles(runs.map((r) => r.handler)),
    delete_latency_ms: summarizePercentiles(runs.map((r) => r.del)),
    jump_ms: summarizePercentiles(runs.map((r) => r.jump)),
    keys_ms: {
      tab: summarizePercentiles(runs.map((r) => r.keys.tab)),
      tab_after_delete: summarizePercentiles(runs.map((r) => r.keys.tabAfterDelete)),
      enter: summarizePercentiles(runs.map((r) => r.keys.enter)),
      undo: summarizePercentiles(runs.map((r) => r.keys.undo)),
      all_p95: summarize(runs.map((r) => Math.max(...Object.values(r.keys).map((k) => k.p95)))),
    },
    tag_all: {
      query: runs[0]!.tagAll.query,
      annotations: runs[0]!.tagAll.annotations,
      undo_ms: summarize(runs.map((r) => r.tagAll.undo)),
      redo_ms: summarize(runs.map((r) => r.tagAll.redo)),
      undo_done_ms: summarize(runs.map((r) => r.tagAll.undoDone)),
      redo_done_ms: summarize(runs.map((r) => r.tagAll.redoDone)),
    },
    js_heap_mb: summarize(runs.map((r) => r.heapMb)),
    dom_nodes: summarize(
      runs.map((r) => r.domNodes),
      0,
    ),
    highlights: runs[runs.length - 1]!.highlights,
    operations: { tag: ctx.config.tagOps, delete: ctx.config.deleteOps, jump: ctx.config.jumpOps },
    seed_import_ms: summarize(
      runs.map((r) => r.seed),
      0,
    ),
  };
}

async function oneRun(
  ctx: BenchContext,
  data: LongArticleData,
  tagAllQuery: { query: string; matches: number },
  corpusDir: string,
  run: number,
): Promise<RunResult> {
  const profiling = ctx.profileDir !== null && run === 0;
  return withWebApp(ctx, corpusDir, async (openUrl, browser) => {
    const context = await browser.newContext({ viewport: VIEWPORT });
    await context.addInitScript({ path: PROBE });
    const page = await context.newPage();
    // The page's own errors and warnings go to the bench's log: a figure that never comes needs them.
    page.on('pageerror', (error) => ctx.log(`long-article: page error: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error' || message.type() === 'warning')
        ctx.log(`long-article: console ${message.type()}: ${message.text().slice(0, 300)}`);
    });
    const seed = await openAndSeed(page, openUrl, data);
    if (!ctx.suggestions) await suggestionsOff(page);

    // A fresh page load, the short article open: the state an analyst starts from.
    await page.reload();
    await page
      .getByRole('region', { name: 'Article' })
      .getByRole('heading', { level: 1 })
      .filter({ hasText: titleOf(data.short) })
      .waitFor();
    await probe(page, 'settle', 5, 500);
    const cdp = await context.newCDPSession(page);
    const profiler: Profiler = { ctx, browser, page, cdp, on: profiling };

    const open = await profiled(profiler, 'open', true, async () => {
      await probe(page, 'armOpen', data.lastLine, data.annotations.length);
      await page
        .getByRole('navigation', { name: 'Documents' })
        .getByRole('button', { name: new RegExp(escapeRegExp(LONG_PATH)) })
        .click();
      return (await probe(page, 'result')) as { ms: number; highlights: number; ended: string };
    });
    const highlights = {
      ...((await probe(page, 'highlightCounts')) as { elements: number; ids: number }),
      ended: open.ended,
    };
    if (open.ended !== 'complete')
      ctx.log(`long-article: open ended on a stable page with ${open.highlights} highlight elements`);

    await probe(page, 'quiet', 500);
    await cdp.send('HeapProfiler.collectGarbage');
    const heap = await cdp.send('Runtime.getHeapUsage');
    const dom = await cdp.send('Memory.getDOMCounters');
    await probe(page, 'settle', 5, 300);

    const tag = await tagOps(profiler);
    const del = await deleteOps(profiler);
    const jump = await jumpOps(profiler);
    const keys = await keyOps(ctx, page, ctx.config.deleteOps, (name, when, work) =>
      profiled(profiler, name, when, work),
    );
    const tagAll = await profiled(profiler, 'tag-all-undo-redo', true, () =>
      tagAllOps(ctx, page, tagAllQuery, ctx.size === 'full' ? 3 : 1),
    );
    await closeQuietly(context);
    const med = (values: number[]): number => percentile(values, 50);
    return {
      open: open.ms,
      heapMb: heap.usedSize / 2 ** 20,
      domNodes: dom.nodes,
      highlights,
      tag: percentiles(tag.map((t) => t.ms)),
      tagP99: percentile(
        tag.map((t) => t.ms),
        99,
      ),
      handler: percentiles(tag.map((t) => t.handler)),
      keys: {
        tab: percentiles(keys.tab),
        tabAfterDelete: percentiles(keys.tabAfterDelete),
        enter: percentiles(keys.enter),
        undo: percentiles(keys.undo),
      },
      tagAll: {
        query: tagAll.query,
        annotations: tagAll.annotations,
        undo: med(tagAll.undo),
        redo: med(tagAll.redo),
        undoDone: med(tagAll.undoDone),
        redoDone: med(tagAll.redoDone),
      },
      del: percentiles(del),
      jump: percentiles(jump),
      seed,
    };
  });
}

/** First run: name the annotator, then import the seed CSV through the Import dialog. Returns the import's duration. */
async function openAndSeed(page: Page, url: string, data: LongArticleData): Promise<number> {
  await page.goto(url);
  const prompt = page.getByRole('dialog', { name: 'Who is annotating?' });
  await prompt.getByLabel('Annotator').fill(ANNOTATOR);
  await prompt.getByRole('button', { name: 'Start annotating' }).click();
  await prompt.waitFor({ state: 'hidden' });
  await page.getByRole('navigation', { name: 'Documents' }).getByRole('button').first().waitFor();

  const t0 = performance.now();
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Import annotations' });
  await dialog
    .getByLabel('File to import')
    .setInputFiles({ name: 'seed.csv', mimeType: 'text/csv', buffer: Buffer.from(data.csv) });
  await dialog
    .getByRole('button', { name: `Import ${formatCount(data.annotations.length)} annotations` })
    .click({ timeout: 180_000 });
  await dialog.waitFor({ state: 'hidden', timeout: 180_000 });
  return performance.now() - t0;
}

/** Settings → both suggestion sources off, as an analyst would switch them. */
async function suggestionsOff(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Settings' }).click();
  const settings = page.getByRole('dialog', { name: 'Settings' });
  for (const name of ['Suggest from codebook patterns', 'Suggest phrases I tagged elsewhere']) {
    const box = settings.getByLabel(name);
    // Each box saves at once and then shows what was saved: wait for that rather than let uncheck() judge.
    if (await box.isChecked()) await box.click();
    for (let tries = 0; await box.isChecked(); tries++) {
      if (tries > 100) throw new Error(`"${name}" did not switch off`);
      await page.waitForTimeout(50);
    }
  }
  await settings.getByRole('button', { name: 'Cancel' }).click();
  await settings.waitFor({ state: 'hidden' });
}

async function tagOps(profiler: Profiler): Promise<{ ms: number; handler: number }[]> {
  const { ctx, page } = profiler;
  const n = ctx.config.tagOps;
  const times: { ms: number; handler: number }[] = [];
  let slowest: { ms: number; phases: Record<string, number> } | null = null;
  const toolbar = page.getByRole('toolbar', { name: 'Tag selection' });
  for (let i = 0; i < n; i++) {
    await probe(page, 'selectFresh', i, n);
    await toolbar.waitFor({ state: 'visible' }).catch(async (error: unknown) => {
      throw new Error(
        `${String(error)}\nin the page: ${JSON.stringify(await probe(page, 'selectionState'))}`,
      );
    });
    await probe(page, 'settle');
    const result = await profiled(profiler, 'tag', i === Math.floor(n / 2), async () => {
      await probe(page, 'armAdd', '1');
      await page.keyboard.press('1');
      return (await probe(page, 'result')) as { ms: number; phases: Record<string, number> };
    });
    times.push({ ms: result.ms, handler: result.phases.handler ?? result.ms });
    if (slowest === null || result.ms > slowest.ms) slowest = result;
    await probe(page, 'quiet');
  }
  // Where the slowest one's time went tells a tail apart from a slow handler.
  if (slowest)
    ctx.log(
      `long-article: slowest tag ${round(slowest.ms)} ms: ${Object.entries(slowest.phases)
        .map(([k, v]) => `${k} ${round(v)}`)
        .join(', ')}`,
    );
  return times;
}

async function deleteOps(profiler: Profiler): Promise<number[]> {
  const { ctx, page } = profiler;
  const n = ctx.config.deleteOps;
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const target = (await probe(page, 'pickHighlight', i, n)) as {
      id: string;
      quote: string;
      x: number;
      y: number;
    };
    await page.mouse.click(target.x, target.y);
    // A function, not a string: a string predicate that is not true at once is polled with eval, which the CSP forbids.
    await page.waitForFunction(
      (quote) =>
        (
          globalThis as unknown as { __tandaBench: { selectedQuote(): string | null } }
        ).__tandaBench.selectedQuote() === quote,
      target.quote,
    );
    await probe(page, 'settle');
    const result = await profiled(profiler, 'delete', i === Math.floor(n / 2), async () => {
      await probe(page, 'armDelete', target.id);
      await page.keyboard.press('Delete');
      return (await probe(page, 'result')) as { ms: number };
    });
    times.push(result.ms);
    await probe(page, 'quiet');
  }
  return times;
}

async function jumpOps(profiler: Profiler): Promise<number[]> {
  const { ctx, page } = profiler;
  const n = ctx.config.jumpOps;
  const list = page.locator('section[aria-label="Annotations"] ol[aria-label="Annotations in text order"]');
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    // Alternate between the end and the start of the list (text order): every jump crosses the article.
    // The list is virtualized: scroll it there, then take a row it rendered (rows come and go meanwhile).
    const end = i % 2 === 0;
    let entry = list.locator('li').first().getByRole('button');
    for (let tries = 0; ; tries++) {
      await list.evaluate((ol, toEnd) => {
        const scroller = ol.parentElement!;
        scroller.scrollTop = toEnd ? scroller.scrollHeight : 0;
      }, end);
      await probe(page, 'settle', 3);
      const rows = list.locator('li');
      const count = await rows.count();
      const k = Math.min(count - 1, i >> 1);
      entry = rows.nth(end ? count - 1 - k : k).getByRole('button');
      try {
        await entry.scrollIntoViewIfNeeded({ timeout: 5_000 });
        break;
      } catch (error) {
        if (tries >= 5) throw error;
      }
    }
    await probe(page, 'settle');
    const result = await profiled(profiler, 'jump', i === Math.floor(n / 2), async () => {
      await probe(page, 'armJump');
      await entry.click();
      return (await probe(page, 'result')) as { ms: number };
    });
    times.push(result.ms);
    await probe(page, 'quiet');
  }
  return times;
}

interface Profiler {
  ctx: BenchContext;
  browser: Browser;
  page: Page;
  cdp: CDPSession;
  /** Profile in this run (`--profile`, first run only: profiling slows what it watches). */
  on: boolean;
}

/** Runs `work`; with `--profile` and `when`, under a CPU profile and a trace, and logs where the time went. */
async function profiled<T>(
  profiler: Profiler,
  name: string,
  when: boolean,
  work: () => Promise<T>,
): Promise<T> {
  if (!profiler.on || !when) return work();
  const { ctx, browser, page, cdp } = profiler;
  // The profiler starts outside the trace and stops after it, so its own start-up is not in the breakdown.
  await startProfile(cdp);
  await startTrace(browser, page);
  const result = await work();
  const phases = await stopTrace(browser, ctx.profileDir!, `long-article-${name}`);
  const functions = await stopProfile(cdp, ctx.profileDir!, `long-article-${name}`);
  ctx.log(
    `long-article: ${name} under the profiler:\n${phases.join('\n')}\n  JavaScript by self time:\n${functions.join('\n')}`,
  );
  return result;
}

/** Closing the page makes the app back up on quit; the measurements are done, so don't wait long for it. */
async function closeQuietly(context: BrowserContext): Promise<void> {
  await Promise.race([context.close(), new Promise((done) => setTimeout(done, 5_000))]);
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
