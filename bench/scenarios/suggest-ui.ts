import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Browser } from '@playwright/test';
import { VIEWPORT } from '../browser/chromium';
import { startProfile, stopProfile } from '../browser/cpu-profile';
import { withWebApp } from '../browser/web-app';
import { ANNOTATOR, LONG_PATH, SHORT_PATH, type BenchContext } from '../context';
import { errorMessage } from '../../src/shared/validation/error-message';
import {
  percentiles,
  round,
  summarize,
  summarizePercentiles,
  type Percentiles,
  type Summary,
} from '../stats';

export interface SuggestUiResult {
  /** Suggestions drawn for the long article (the built-in patterns; nothing learned yet). */
  suggestions: number;
  /** From the request to the worker to the suggestions painted: off the page's thread but for the list and outlines. */
  matching_ms: Summary;
  /** The longest main-thread long task (Long Tasks API) overlapping that span. */
  longest_long_task_ms: Summary;
  /** All long tasks overlapping that span, added up. */
  long_tasks_total_ms: Summary;
  /**
   * From the request to the worker to the outlines on and near the screen drawn (the layer draws
   * only there, a chunk per frame, and follows scrolling).
   */
  drawing_ms: Summary;
  /** How many outlines that is, of `suggestions`. */
  outlines_drawn: number;
  /** The longest main-thread long task over that longer span: what "no long task over 50 ms" is read from. */
  longest_long_task_to_drawn_ms: Summary;
  /** Full matches of the long article during the keys (accepts, rejects): none is the aim, each is a rematch. */
  rematches_during_keys: Summary;
  /** Keypress `x` on the current suggestion → its outline gone, painted; p50 and p95 of each run. */
  reject_to_paint_ms: { p50: Summary; p95: Summary };
  /** Keypress `Enter` on the current suggestion → its outline gone, painted. */
  accept_to_paint_ms: { p50: Summary; p95: Summary };
  /**
   * The same keys timed as tagging is (`tanda-probe.js`): to the message posted from the first
   * requestAnimationFrame without the outline, which arrives once that frame is painted. The figures
   * above wait for the frame after it, so they never come under one frame (16.7 ms at 60 Hz).
   */
  reject_to_frame_ms: { p50: Summary; p95: Summary };
  accept_to_frame_ms: { p50: Summary; p95: Summary };
  /**
   * Of those, the key's event to the first requestAnimationFrame after it: the handlers, React's
   * commit and effects, and the wait for that frame to begin; the rest is style, layout and paint.
   */
  decision_handler_ms: { p50: Summary; p95: Summary };
  /**
   * Commits that rendered each counted component between an accept's or reject's key and its frame
   * painted, all keys added; `scrolls`, the scroll events then (each repaints the visible article).
   */
  renders_before_decision_paint: Record<string, number>;
  /** The same over the `]` keys, each until the page is quiet: moving on renders the panel and the live region, not the Workspace. */
  renders_during_steps: Record<string, number>;
  operations: number;
}

interface RunResult {
  suggestions: number;
  matching: number;
  longest: number;
  total: number;
  drawing: number;
  drawn: number;
  longestToDrawn: number;
  rematches: number;
  reject: Percentiles;
  accept: Percentiles;
  rejectFrame: Percentiles;
  acceptFrame: Percentiles;
  handler: Percentiles;
  beforePaint: Record<string, number>;
  steps: Record<string, number>;
}

type Renders = Record<string, number>;

function addRenders(into: Renders, more: Renders, less: Renders = {}): void {
  for (const [name, n] of Object.entries(more)) into[name] = (into[name] ?? 0) + n - (less[name] ?? 0);
}

/** Keypresses of each kind per run. */
const OPERATIONS = 10;

/**
 * Suggestions in the app: the long article opened in browser mode with
 * suggestions on (the default). Where matching happens is told by the
 * long tasks on the page's thread between the app's User Timing marks
 * `tanda:suggestions-requested` and `tanda:suggestions-painted`; then the
 * analyst's keys, each timed from the key event to the frame painted after
 * the outline went (a `requestAnimationFrame`, then a `MessageChannel`
 * message once that frame is done).
 */
export async function runSuggestUi(ctx: BenchContext): Promise<SuggestUiResult> {
  const data = ctx.longArticle();
  const corpusDir = join(ctx.workDir, 'suggest-ui-corpus');
  await mkdir(corpusDir, { recursive: true });
  await writeFile(join(corpusDir, LONG_PATH), data.article.text);
  await writeFile(join(corpusDir, SHORT_PATH), data.short.text);
  const runs: RunResult[] = [];
  for (let i = 0; i < ctx.browserRuns; i++) {
    // `--profile`: the first run's keys in a CPU profile (written to the profile folder, summary on stderr).
    const profileDir = i === 0 ? ctx.profileDir : null;
    const r = await withWebApp(ctx, corpusDir, (url, browser) =>
      oneRun(url, browser, ctx.workDir, profileDir, ctx.log),
    );
    ctx.log(
      `suggest-ui: run ${i + 1}/${ctx.browserRuns}: ${r.suggestions} suggestions in ${round(r.matching)} ms, ` +
        `longest long task ${round(r.longest)} ms (total ${round(r.total)}), ${r.drawn} outlines drawn in ${round(r.drawing)} ms ` +
        `(longest long task ${round(r.longestToDrawn)} ms), ${r.rematches} rematches, reject p50/p95 ${round(r.reject.p50)}/${round(r.reject.p95)} ms, ` +
        `accept p50/p95 ${round(r.accept.p50)}/${round(r.accept.p95)} ms; to their own frame: reject ` +
        `${round(r.rejectFrame.p50)}/${round(r.rejectFrame.p95)} ms, accept ${round(r.acceptFrame.p50)}/${round(r.acceptFrame.p95)} ms ` +
        `(handlers ${round(r.handler.p50)}/${round(r.handler.p95)} ms); ` +
        `renders before a decision's paint ${JSON.stringify(r.beforePaint)}, during the ] keys ${JSON.stringify(r.steps)}`,
    );
    runs.push(r);
  }
  return {
    suggestions: runs[runs.length - 1]!.suggestions,
    matching_ms: summarize(runs.map((r) => r.matching)),
    longest_long_task_ms: summarize(runs.map((r) => r.longest)),
    long_tasks_total_ms: summarize(runs.map((r) => r.total)),
    drawing_ms: summarize(runs.map((r) => r.drawing)),
    outlines_drawn: runs[runs.length - 1]!.drawn,
    longest_long_task_to_drawn_ms: summarize(runs.map((r) => r.longestToDrawn)),
    rematches_during_keys: summarize(runs.map((r) => r.rematches)),
    reject_to_paint_ms: summarizePercentiles(runs.map((r) => r.reject)),
    accept_to_paint_ms: summarizePercentiles(runs.map((r) => r.accept)),
    reject_to_frame_ms: summarizePercentiles(runs.map((r) => r.rejectFrame)),
    accept_to_frame_ms: summarizePercentiles(runs.map((r) => r.acceptFrame)),
    decision_handler_ms: summarizePercentiles(runs.map((r) => r.handler)),
    renders_before_decision_paint: runs[runs.length - 1]!.beforePaint,
    renders_during_steps: runs[runs.length - 1]!.steps,
    operations: OPERATIONS,
  };
}

interface Drawing {
  drawing: number;
  longest: number;
  drawn: number;
  total: number;
  matches: number;
}

interface Probe {
  __tandaSuggest: {
    painted(path: string): boolean;
    matching(path: string): { matching: number; longest: number; total: number; count: number };
    drawing(path: string): Drawing | null;
    matches(path: string): number;
    settle(quietMs: number): Promise<void>;
    hasCurrent(): boolean;
    armKey(key: string): Promise<{ frame: number; next: number; handler: number; beforePaint: Renders }>;
    renders(): Renders;
  };
}

const PROBE = resolve(__dirname, '../browser/suggest-probe.js');

async function oneRun(
  url: string,
  browser: Browser,
  workDir: string,
  profileDir: string | null,
  log: (line: string) => void,
): Promise<RunResult> {
  const context = await browser.newContext({ viewport: VIEWPORT });
  await context.addInitScript({ path: PROBE });
  const page = await context.newPage();
  try {
    await page.goto(url);
    const prompt = page.getByRole('dialog', { name: 'Who is annotating?' });
    await prompt.getByLabel('Annotator').fill(ANNOTATOR);
    await prompt.getByRole('button', { name: 'Start annotating' }).click();
    await prompt.waitFor({ state: 'hidden' });
    const cdp = profileDir ? await context.newCDPSession(page) : null;
    if (cdp) await startProfile(cdp);
    await page
      .getByRole('navigation', { name: 'Documents' })
      .getByRole('button', { name: new RegExp(LONG_PATH.replace(/[.]/g, '\\.')) })
      .click();
    // The long article's own marks: the short one, opened at start, painted its suggestions first.
    await page.waitForFunction(
      (path) => (globalThis as unknown as Probe).__tandaSuggest.painted(path),
      LONG_PATH,
      { timeout: 300_000, polling: 200 },
    );
    const { count, ...matching } = await page.evaluate(
      (path) => (globalThis as unknown as Probe).__tandaSuggest.matching(path),
      LONG_PATH,
    );
    const heading = await page.getByRole('heading', { name: /^Suggestions \(/ }).textContent();
    const suggestions = Number(/\(([\d,.]+)\)/.exec(heading ?? '')?.[1]?.replace(/[,.]/g, '') ?? NaN);
    if (suggestions !== count)
      throw new Error(`suggest-ui: the panel says "${heading}", the long article drew ${count} suggestions`);
    const drawing = await page
      .waitForFunction((path) => (globalThis as unknown as Probe).__tandaSuggest.drawing(path), LONG_PATH, {
        timeout: 120_000,
        polling: 100,
      })
      .then((h) => h.jsonValue() as Promise<Drawing>);
    if (drawing.total !== count || drawing.drawn === 0 || drawing.drawn > count)
      throw new Error(
        `suggest-ui: ${drawing.drawn} outlines drawn, of ${drawing.total}, for ${count} suggestions`,
      );
    await page.getByRole('textbox', { name: 'Article text' }).focus();
    const reject: number[] = [];
    const accept: number[] = [];
    const rejectFrame: number[] = [];
    const acceptFrame: number[] = [];
    const handler: number[] = [];
    const beforePaint: Renders = {};
    const steps: Renders = {};
    const renders = (): Promise<Renders> =>
      page.evaluate(() => (globalThis as unknown as Probe).__tandaSuggest.renders());
    if (cdp) {
      const top = await stopProfile(cdp, profileDir!, 'suggest-ui-open', 25);
      log(`suggest-ui: opening, CPU self time:\n${top.join('\n')}`);
      await startProfile(cdp);
    }
    for (let i = 0; i < OPERATIONS * 2; i++) {
      const beforeStep = await renders();
      await page.keyboard.press(']');
      await page
        .waitForFunction(() => (globalThis as unknown as Probe).__tandaSuggest.hasCurrent())
        .catch(async (e: unknown) => {
          const shot = join(workDir, 'suggest-ui-no-current.png');
          await page.screenshot({ path: shot });
          throw new Error(
            `suggest-ui: after "]" number ${i + 1}, no suggestion became current (${shot}): ${errorMessage(e)}`,
          );
        });
      await page.evaluate(() => (globalThis as unknown as Probe).__tandaSuggest.settle(150));
      addRenders(steps, await renders(), beforeStep);
      const key = i % 2 === 0 ? 'x' : 'Enter';
      const timed = page.evaluate((k) => (globalThis as unknown as Probe).__tandaSuggest.armKey(k), key);
      // The listener is in place once evaluate's call has run; a short wait makes that certain.
      await page.waitForTimeout(20);
      await page.keyboard.press(key);
      const t = await timed;
      (key === 'x' ? reject : accept).push(t.next);
      (key === 'x' ? rejectFrame : acceptFrame).push(t.frame);
      handler.push(t.handler);
      addRenders(beforePaint, t.beforePaint);
      await page.evaluate(() => (globalThis as unknown as Probe).__tandaSuggest.settle(400));
    }
    if (cdp) {
      const top = await stopProfile(cdp, profileDir!, 'suggest-ui-keys', 25);
      log(`suggest-ui: keys, CPU self time:\n${top.join('\n')}`);
    }
    // The last decision's writes, and any matching they set off, have landed.
    await page.evaluate(() => (globalThis as unknown as Probe).__tandaSuggest.settle(1500));
    const matches = await page.evaluate(
      (path) => (globalThis as unknown as Probe).__tandaSuggest.matches(path),
      LONG_PATH,
    );
    return {
      suggestions,
      ...matching,
      drawing: drawing.drawing,
      drawn: drawing.drawn,
      longestToDrawn: drawing.longest,
      rematches: matches - drawing.matches,
      reject: percentiles(reject),
      accept: percentiles(accept),
      rejectFrame: percentiles(rejectFrame),
      acceptFrame: percentiles(acceptFrame),
      handler: percentiles(handler),
      beforePaint,
      steps,
    };
  } finally {
    await context.close().catch(() => {});
  }
}
