import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

/*
 * `npm run bench` at its small size, Node scenarios only (the browser ones
 * run in e2e/bench-small.spec.ts; team-merge and document-views open one
 * bare Chromium page each, for IndexedDB), so the benchmark keeps working as the
 * code it calls changes. No timing is asserted: only that every figure is
 * there and is a number.
 */

const repoRoot = resolve(__dirname, '../..');
const run = promisify(execFile);

const summary = {
  median: expect.any(Number),
  min: expect.any(Number),
  max: expect.any(Number),
  values: [expect.any(Number)],
};

describe('the benchmark at --size small', () => {
  it('prints one JSON document with every Node figure and writes the same to the results folder', async () => {
    const resultsDir = await mkdtemp(join(tmpdir(), 'tanda-bench-test-'));
    try {
      const { stdout } = await run(
        process.execPath,
        [
          '--import',
          'tsx',
          'bench/run.ts',
          '--size',
          'small',
          '--runs',
          '1',
          '--only',
          'scan,exchange,agreement,reanchor,extraction,team-merge,document-views',
          '--results-dir',
          resultsDir,
        ],
        { cwd: repoRoot, maxBuffer: 16 << 20 },
      );
      const result = JSON.parse(stdout);
      const files = await readdir(resultsDir);
      expect(files).toHaveLength(1);
      expect(files[0]).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}\.\d{3}Z\.json$/);
      expect(JSON.parse(await readFile(join(resultsDir, files[0]!), 'utf8'))).toEqual(result);

      expect(result).toMatchObject({
        machine: { cpu_model: expect.any(String), cores: expect.any(Number), memory_gb: expect.any(Number) },
        versions: {
          node: process.version,
          prosemirror_view: expect.any(String),
          recogito_text_annotator: expect.any(String),
        },
        size: 'small',
        runs: { node: 1, browser: 1 },
      });
      const { scan, exchange, agreement, reanchor, extraction } = result.scenarios;
      expect(extraction).toMatchObject({
        documents: 12,
        formats: { html: 4, docx: 4, pdf: 4 },
        pdf_pages: expect.any(Number),
        workers: expect.any(Number),
        cold_list_ms: summary,
        cold_ms: summary,
        warm_ms: summary,
        pdf_pages_per_s: summary,
        peak_rss_mb: summary,
        main_longest_pause_ms: summary,
      });
      expect(scan).toMatchObject({
        documents: 200,
        time_to_list_ms: summary,
        time_to_ready_ms: summary,
        peak_rss_mb: summary,
      });
      expect(Object.values(scan.encodings as Record<string, number>).every((n) => n > 0)).toBe(true);
      expect(exchange).toMatchObject({
        annotations: 1000,
        csv_export_ms: summary,
        csv_import_ms: summary,
        bundle_export_ms: summary,
        bundle_import_ms: summary,
      });
      expect(agreement).toMatchObject({
        spans_per_annotator: 1000,
        compute_ms: summary,
        macro_kappa: expect.any(Number),
      });
      expect(reanchor).toMatchObject({ annotations: 200, reanchor_ms: summary, outcomes: { orphaned: 0 } });
      expect(reanchor.outcomes.moved).toBeGreaterThan(150);
      expect(reanchor.accuracy.with_previous_text.total.wrong).toBe(0);
      expect(result.scenarios.team_merge).toMatchObject({
        annotators: 3,
        annotations_per_annotator: 500,
        first_merge_ms: summary,
        first_merge_into_database_ms: summary,
        first_merge_into_chromium_ms: summary,
        tag_during_first_merge_ms: { p50: summary, p95: summary, max: summary, tags: expect.any(Number) },
        change_to_database_ms: summary,
        change_to_visible_ms: summary,
        compaction_ms: summary,
        journal_bytes_per_annotation: expect.any(Number),
      });

      for (const name of [
        'scan.time_to_list_ms',
        'exchange.csv_export_ms',
        'exchange.csv_import_ms',
        'exchange.bundle_export_ms',
        'exchange.bundle_import_ms',
        'agreement.compute_ms',
        'reanchor.reanchor_ms',
        'reanchor.accuracy.wrong',
        'reanchor.accuracy.orphaned_though_present_pct',
        'team_merge.first_merge_ms',
        'extraction.cold_list_ms',
        'extraction.warm_ms',
        'extraction.main_longest_pause_ms',
        'extraction.cold_ms',
        'extraction.pdf_pages_per_s',
        'extraction.peak_rss_mb',
        'team_merge.first_merge_into_chromium_ms',
        'team_merge.change_to_visible_ms',
        'team_merge.tag_during_first_merge_p95_ms',
        'document_views.tallies_after_tag_ms',
        'document_views.tallies_after_tag_chromium_ms',
        'document_views.misfits_per_change_ms',
        'document_views.mirror_startup_ms',
        'document_views.mirror_startup_document_ms',
      ]) {
        expect(result.targets[name], name).toMatchObject({
          target: expect.any(Number),
          measured_median: expect.any(Number),
          met: expect.any(Boolean),
        });
      }
      expect(result.scenarios.document_views).toMatchObject({
        annotations: 200,
        documents: 20,
        tallies_after_tag_ms: summary,
        tallies_after_tag_chromium_ms: summary,
        tally_count_ms: summary,
        mirror_startup_rows: 2000,
        mirror_startup_ms: summary,
        mirror_startup_document_ms: summary,
        mirror_startup_loaded_ms: summary,
        misfits_per_change: { every_change_ms: expect.any(Number), cached_ms: expect.any(Number) },
      });
      // Scenarios not run have no figure, and no verdict.
      expect(result.targets['long_article.open_ms']).toMatchObject({ measured_median: null, met: null });
    } finally {
      await rm(resultsDir, { recursive: true, force: true });
    }
  }, 60_000);
});
