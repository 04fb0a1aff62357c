import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { codePointIndex } from '../../src/shared/text/text-quote';
import { launchChromium, rememberVersion, VIEWPORT } from '../browser/chromium';
import type { BenchContext, LongArticleData } from '../context';
import { buildPeerPage, servePeer, type PeerData } from '../peer/build';
import {
  percentiles,
  round,
  summarize,
  summarizePercentiles,
  type Percentiles,
  type Summary,
} from '../stats';

export interface PeerResult {
  library: '@recogito/text-annotator';
  /** Paragraphs into the page + createTextAnnotator + setAnnotations → first highlights painted. */
  open_ms: Summary;
  /** Keypress with a selection → its highlight painted (selector precomputed, as the peer's selection handler does). */
  add_latency_ms: { p50: Summary; p95: Summary };
  js_heap_mb: Summary;
  /** Annotations the peer placed (revived to a DOM range) out of those given, last run. */
  placed: number;
  /** Tanda's median / the peer's median (long-article open_ms and tag p50): below 0.5 is "at least 2× faster". */
  ratio_open: number | null;
  ratio_add: number | null;
  /** The same with p95s. */
  ratio_add_p95: number | null;
}

/**
 * The peer side by side: the same article and annotations in
 * @recogito/text-annotator, in the same Chromium with the same flags and
 * window, a fresh browser per run. Ratios need the long-article scenario's
 * figures from the same invocation.
 */
export async function runPeer(
  ctx: BenchContext,
  tanda: { openMs: number; tagP50: number; tagP95: number } | null,
): Promise<PeerResult> {
  const data = ctx.longArticle();
  const outDir = join(ctx.workDir, 'peer-site');
  ctx.log('peer: bundling the peer page with vite');
  await buildPeerPage(outDir);
  const site = await servePeer(outDir, peerData(data));
  const runs: { open: number; add: Percentiles; heap: number; placed: number }[] = [];
  try {
    for (let i = 0; i < ctx.browserRuns; i++) {
      const result = await oneRun(ctx, site.url, data.annotations.length);
      ctx.log(
        `peer: run ${i + 1}/${ctx.browserRuns}: open ${round(result.open)} ms (${result.placed}/${data.annotations.length} placed), ` +
          `add p50/p95 ${round(result.add.p50)}/${round(result.add.p95)} ms, heap ${round(result.heap)} MB`,
      );
      runs.push(result);
    }
  } finally {
    await site.close();
  }
  const open = summarize(runs.map((r) => r.open));
  const add = summarizePercentiles(runs.map((r) => r.add));
  return {
    library: '@recogito/text-annotator',
    open_ms: open,
    add_latency_ms: add,
    js_heap_mb: summarize(runs.map((r) => r.heap)),
    placed: runs[runs.length - 1]!.placed,
    ratio_open: tanda ? round(tanda.openMs / open.median, 3) : null,
    ratio_add: tanda ? round(tanda.tagP50 / add.p50.median, 3) : null,
    ratio_add_p95: tanda ? round(tanda.tagP95 / add.p95.median, 3) : null,
  };
}

/** One fresh browser on a peer page (window.__peer: ready, open, selectFresh, armAdd, result, settle, quiet). */
export async function oneRun(
  ctx: BenchContext,
  url: string,
  expected: number,
): Promise<{ open: number; add: Percentiles; heap: number; placed: number }> {
  const browser = await launchChromium();
  rememberVersion(browser);
  try {
    const context = await browser.newContext({ viewport: VIEWPORT });
    const page = await context.newPage();
    await page.goto(url);
    await call(page, 'ready');
    await call(page, 'settle', 300);
    const open = (await call(page, 'open')) as { ms: number; drawn: number; loaded: number; placed: number };
    if (open.loaded !== expected)
      throw new Error(`the peer holds ${open.loaded} annotations, expected ${expected}`);
    const cdp = await context.newCDPSession(page);
    await call(page, 'quiet', 500);
    await cdp.send('HeapProfiler.collectGarbage');
    const heap = await cdp.send('Runtime.getHeapUsage');
    await call(page, 'settle', 300);

    const n = ctx.config.peerAddOps;
    const times: number[] = [];
    for (let i = 0; i < n; i++) {
      await call(page, 'selectFresh', i, n);
      await call(page, 'settle');
      await call(page, 'armAdd', '1');
      await page.keyboard.press('1');
      times.push(((await call(page, 'result')) as { ms: number }).ms);
      await call(page, 'quiet');
    }
    await context.close();
    return { open: open.ms, add: percentiles(times), heap: heap.usedSize / 2 ** 20, placed: open.placed };
  } finally {
    await browser.close();
  }
}

/** The long article as the peer counts: UTF-16 offsets into the lines' text without the line breaks. */
export function peerData(data: LongArticleData): PeerData {
  const { text } = data.article;
  const index = codePointIndex(text);
  const lines = text.split('\n');
  // UTF-16 offset where each line starts in the full text, to subtract the line breaks before it.
  const lineStarts: number[] = [];
  let at = 0;
  for (const line of lines) {
    lineStarts.push(at);
    at += line.length + 1;
  }
  const lineOf = (utf16: number): number => {
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (lineStarts[mid]! <= utf16) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };
  return {
    lines,
    annotations: data.annotations.map((a) => {
      const start = index.toUtf16(a.start);
      const end = index.toUtf16(a.end);
      const line = lineOf(start);
      return { id: a.id, tag: a.tag, quote: a.quote, start: start - line, end: end - line };
    }),
  };
}

function call(page: Page, method: string, ...args: unknown[]): Promise<unknown> {
  const list = args.map((a) => JSON.stringify(a)).join(', ');
  return page.evaluate(`window.__peer.${method}(${list})`);
}
