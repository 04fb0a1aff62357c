import { execFile } from 'node:child_process';
import { readdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { expect, test } from '@playwright/test';

/*
 * `npm run bench` at its small size, browser scenarios only: Tanda's long
 * article in browser mode and the peer (@recogito/text-annotator) side by
 * side, and a corpus loading until search is complete, so the benchmark's
 * drivers keep up with the UI. No timing is
 * asserted: only that every figure was measured.
 */

const repoRoot = resolve(__dirname, '..');
const run = promisify(execFile);

const summary = { median: expect.any(Number), min: expect.any(Number), max: expect.any(Number) };
const percentiles = { p50: expect.objectContaining(summary), p95: expect.objectContaining(summary) };

test('the benchmark measures the long article, the peer and a corpus loading in Chromium', async ({}, testInfo) => {
  test.setTimeout(150_000);
  const resultsDir = testInfo.outputPath('bench-results');
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
      'long-article,peer,naive-prosemirror,corpus-load',
      '--results-dir',
      resultsDir,
    ],
    { cwd: repoRoot, maxBuffer: 16 << 20 },
  );
  const result = JSON.parse(stdout);
  expect(await readdir(resultsDir)).toHaveLength(1);
  expect(result.versions.chromium).toMatch(/^\d+\./);

  const { long_article: article, peer } = result.scenarios;
  expect(article).toMatchObject({
    annotations: 200,
    open_ms: expect.objectContaining(summary),
    tag_latency_ms: percentiles,
    delete_latency_ms: percentiles,
    jump_ms: percentiles,
    tag_handler_ms: percentiles,
    keys_ms: {
      tab: percentiles,
      tab_after_delete: percentiles,
      enter: percentiles,
      undo: percentiles,
      all_p95: expect.objectContaining(summary),
    },
    tag_all: {
      query: expect.any(String),
      annotations: expect.any(Number),
      undo_ms: expect.objectContaining(summary),
      redo_ms: expect.objectContaining(summary),
      undo_done_ms: expect.objectContaining(summary),
      redo_done_ms: expect.objectContaining(summary),
    },
    suggestions: 'off',
    js_heap_mb: expect.objectContaining(summary),
    // Only the sections near the screen are drawn in full (section-window.ts): the open ends on a
    // stable page holding the highlights there, some of the 200 but never none.
    highlights: { ids: expect.any(Number), ended: 'stable' },
    operations: { tag: 5, delete: 2, jump: 2 },
  });
  expect(article.highlights.ids).toBeGreaterThan(0);
  expect(article.highlights.ids).toBeLessThan(200);
  expect(peer).toMatchObject({
    open_ms: expect.objectContaining(summary),
    add_latency_ms: percentiles,
    placed: 200,
    ratio_open: expect.any(Number),
    ratio_add: expect.any(Number),
  });
  expect(article.tag_latency_ms.p99).toMatchObject(summary);
  // A Tag all of about a tenth of the annotations, undone and redone.
  expect(article.tag_all.annotations).toBeGreaterThan(5);
  expect(result.scenarios.naive_prosemirror).toMatchObject({
    open_ms: expect.objectContaining(summary),
    add_latency_ms: percentiles,
    placed: 200,
    ratio_open: expect.any(Number),
    ratio_add: expect.any(Number),
  });
  expect(result.scenarios.corpus_load).toMatchObject({
    documents: 100,
    texts_read_ms: expect.objectContaining(summary),
    index_complete_ms: expect.objectContaining(summary),
    long_tasks_ms: expect.objectContaining(summary),
    longest_task_ms: expect.objectContaining(summary),
    js_heap_mb: expect.objectContaining(summary),
    relaunch_texts_read_ms: expect.objectContaining(summary),
    relaunch_index_complete_ms: expect.objectContaining(summary),
  });
  for (const name of [
    'long_article.open_ms',
    'long_article.tag_latency_p95_ms',
    'long_article.js_heap_mb',
    'long_article.tag_latency_p99_ms',
    'long_article.tag_handler_p95_ms',
    'long_article.keys_p95_ms',
    'long_article.tag_all_undo_ms',
    'long_article.tag_all_redo_ms',
    'peer.ratio_open',
    'peer.ratio_add',
    'naive_prosemirror.ratio_open',
    'naive_prosemirror.ratio_add',
  ]) {
    expect(result.targets[name], name).toMatchObject({
      measured_median: expect.any(Number),
      met: expect.any(Boolean),
    });
  }
});
