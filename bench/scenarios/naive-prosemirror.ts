import { join, resolve } from 'node:path';
import type { BenchContext } from '../context';
import { buildPeerPage, servePeer } from '../peer/build';
import { round, summarize, summarizePercentiles, type Percentiles, type Summary } from '../stats';
import { oneRun, peerData } from './peer';

export interface NaiveProseMirrorResult {
  library: 'prosemirror-view (naive: every decoration rebuilt per change)';
  /** The document and every decoration created → the last paragraph and every highlight painted. */
  open_ms: Summary;
  /** Keypress with a selection → the new highlight painted (the whole set rebuilt). */
  add_latency_ms: { p50: Summary; p95: Summary };
  js_heap_mb: Summary;
  /** Distinct annotations drawn after opening, last run. */
  placed: number;
  /** Tanda's median / the baseline's (long-article open_ms and tag p50, p95). */
  ratio_open: number | null;
  ratio_add: number | null;
  ratio_add_p95: number | null;
}

/**
 * The naive ProseMirror baseline of ../shared/PERF-BASELINE.md beside Tanda:
 * a flat document of one paragraph per line, all annotations as inline
 * decorations in one set rebuilt from the whole list on every change (see
 * bench/naive/naive-page.js). Driven exactly as the other peer, same data.
 */
export async function runNaiveProseMirror(
  ctx: BenchContext,
  tanda: { openMs: number; tagP50: number; tagP95: number } | null,
): Promise<NaiveProseMirrorResult> {
  const data = ctx.longArticle();
  const outDir = join(ctx.workDir, 'naive-site');
  ctx.log('naive-prosemirror: bundling the baseline page with vite');
  await buildPeerPage(outDir, resolve(__dirname, '../naive'));
  const site = await servePeer(outDir, peerData(data));
  const runs: { open: number; add: Percentiles; heap: number; placed: number }[] = [];
  try {
    for (let i = 0; i < ctx.browserRuns; i++) {
      const result = await oneRun(ctx, site.url, data.annotations.length);
      ctx.log(
        `naive-prosemirror: run ${i + 1}/${ctx.browserRuns}: open ${round(result.open)} ms (${result.placed} drawn), ` +
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
    library: 'prosemirror-view (naive: every decoration rebuilt per change)',
    open_ms: open,
    add_latency_ms: add,
    js_heap_mb: summarize(runs.map((r) => r.heap)),
    placed: runs[runs.length - 1]!.placed,
    ratio_open: tanda ? round(tanda.openMs / open.median, 3) : null,
    ratio_add: tanda ? round(tanda.tagP50 / add.p50.median, 3) : null,
    ratio_add_p95: tanda ? round(tanda.tagP95 / add.p95.median, 3) : null,
  };
}
