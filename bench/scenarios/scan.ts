import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { BenchContext } from '../context';
import { SEED } from '../context';
import { writeScanCorpus, type CorpusEncoding } from '../generate';
import { repoRoot } from '../machine';
import { round, summarize, type Summary } from '../stats';

const run = promisify(execFile);

export interface ScanResult {
  documents: number;
  corpus_mb: number;
  encodings: Record<CorpusEncoding, number>;
  /** From openCorpus to the complete listing (the 'corpus-opened' event the UI shows the list on). */
  time_to_list_ms: Summary;
  /** To `ready()`: the listing plus the watcher ready. */
  time_to_ready_ms: Summary;
  /** Peak resident set of the process running the corpus service (Node, tsx and the service). */
  peak_rss_mb: Summary;
  /** The same process before opening the corpus: subtract it to see the service's own share. */
  baseline_rss_mb: Summary;
}

interface ChildResult {
  documents: number;
  ok: number;
  time_to_list_ms: number;
  time_to_ready_ms: number;
  baseline_rss_mb: number;
  peak_rss_mb: number;
}

/**
 * Scan: a corpus of news articles in mixed encodings → the complete document
 * list. Each run is a fresh process (scan-child.ts); the files were just
 * written, so they are in the page cache, as after an analyst's first open.
 */
export async function runScan(ctx: BenchContext): Promise<ScanResult> {
  const dir = join(ctx.workDir, 'scan-corpus');
  ctx.log(`scan: writing ${ctx.config.scanDocuments} articles`);
  const written = await writeScanCorpus(dir, ctx.config.scanDocuments, SEED + 1);
  const runs: ChildResult[] = [];
  for (let i = 0; i < ctx.nodeRuns; i++) {
    const { stdout } = await run(
      process.execPath,
      ['--import', 'tsx', join(__dirname, 'scan-child.ts'), dir],
      {
        cwd: repoRoot,
        maxBuffer: 1 << 20,
      },
    );
    const result = JSON.parse(stdout) as ChildResult;
    if (result.documents !== written.documents || result.ok !== written.documents) {
      throw new Error(
        `scan listed ${result.documents} documents (${result.ok} readable), expected ${written.documents}`,
      );
    }
    ctx.log(
      `scan: run ${i + 1}/${ctx.nodeRuns}: list ${round(result.time_to_list_ms)} ms, ready ${round(result.time_to_ready_ms)} ms, peak RSS ${round(result.peak_rss_mb)} MB`,
    );
    runs.push(result);
  }
  return {
    documents: written.documents,
    corpus_mb: round(written.bytes / 2 ** 20),
    encodings: written.encodings,
    time_to_list_ms: summarize(runs.map((r) => r.time_to_list_ms)),
    time_to_ready_ms: summarize(runs.map((r) => r.time_to_ready_ms)),
    peak_rss_mb: summarize(runs.map((r) => r.peak_rss_mb)),
    baseline_rss_mb: summarize(runs.map((r) => r.baseline_rss_mb)),
  };
}
