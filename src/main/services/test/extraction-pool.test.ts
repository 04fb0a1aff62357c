import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  defaultPoolSize,
  inProcessRunner,
  timeLimitReason,
  workerPool,
  type ExtractionRunner,
} from '../extraction-pool';
import { runExtractor } from '../extraction-run';
import { DEFAULT_EXTRACTION_LIMITS, type ExtractionResult } from '../extractors/extraction';
import { makeDocx, makePdf, newsPage } from '../extractors/test/fixture-files';

const STALL = 'tanda-test-stall-marker';
const limits = DEFAULT_EXTRACTION_LIMITS;
const page = (headline: string) =>
  Buffer.from(`<!doctype html><html><body><h1>${headline}</h1><p>Isi berita.</p></body></html>`);
/** The article's headline: the first paragraph of its text. */
const headline = (result: ExtractionResult) =>
  result.kind === 'text' ? result.text.split('\n')[0] : result.reason;

let runner: ExtractionRunner | undefined;
afterEach(async () => {
  await runner?.close();
  runner = undefined;
  delete process.env.TANDA_TEST_STALL_EXTRACTION;
});

describe('the pool of extraction workers', () => {
  it('leaves one core to main and uses at most four', () => {
    expect([1, 2, 3, 4, 8, 64].map((cores) => defaultPoolSize(cores))).toEqual([1, 1, 2, 3, 4, 4]);
  });

  it('gives, in worker threads, exactly what the extractors give in this thread', async () => {
    runner = workerPool({ size: 2 });
    const files: [string, Uint8Array][] = [
      ['a.html', Buffer.from(newsPage({ charset: 'utf-8', headline: 'Satu', body: 'Isi berita.' }))],
      ['b.html', page('Dua')],
      ['c.docx', await makeDocx()],
      ['d.pdf', await makePdf()],
    ];
    const inWorkers = await Promise.all(files.map(([name, bytes]) => runner!.run(name, bytes, limits)));
    const here = await Promise.all(files.map(([name, bytes]) => runExtractor(name, bytes, limits)));
    expect(inWorkers).toEqual(here);
    expect(inWorkers.map((r) => r.kind)).toEqual(['text', 'text', 'text', 'text']);
  });

  it('never changes the caller’s bytes', async () => {
    runner = workerPool({ size: 1 });
    const bytes = page('Utuh');
    const copy = Buffer.from(bytes);
    await runner.run('a.html', bytes, limits);
    expect(bytes.equals(copy)).toBe(true);
  });

  it('ends a worker that overruns the time limit, skips that file and reads the next in a new worker', async () => {
    process.env.TANDA_TEST_STALL_EXTRACTION = STALL;
    runner = workerPool({ size: 1, timeLimitMs: 1500 });
    const stuck = runner.run('stuck.html', Buffer.from(`<p>${STALL}</p>`), limits);
    // Plain text, so the new worker's time goes to the file, not to loading a parser library.
    const next = runner.run('next.txt', Buffer.from('Berikutnya\n'), limits);
    expect(await stuck).toEqual({ kind: 'skipped', reason: 'extraction took longer than 1.5 s' });
    expect(headline(await next)).toBe('Berikutnya');
  });

  it('skips the file a worker dies on, and reads the next in a new worker', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'tanda-worker-'));
    try {
      // A worker that loads, then dies on its first file, as one running out of memory would.
      const script = path.join(dir, 'dies.cjs');
      await writeFile(
        script,
        `const { parentPort } = require('node:worker_threads');
         parentPort.on('message', () => process.exit(3));
         parentPort.postMessage({ type: 'ready' });`,
      );
      runner = workerPool({ size: 1, script: async () => script });
      expect(await runner.run('a.html', page('Satu'), limits)).toEqual({
        kind: 'skipped',
        reason: 'cannot extract text (worker stopped with exit code 3)',
      });
      expect(await runner.run('b.html', page('Dua'), limits)).toMatchObject({ kind: 'skipped' });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('says the limit in seconds', () => {
    expect(timeLimitReason(30_000)).toBe('extraction took longer than 30 s');
    expect(timeLimitReason(250)).toBe('extraction took longer than 0.3 s');
  });
});

describe('when no worker can start', () => {
  it('reads in this process, and says so once', async () => {
    const notices: string[] = [];
    runner = workerPool({
      size: 2,
      script: () => Promise.reject(new Error('no extract-worker.js beside out/main')),
      log: (message) => notices.push(message),
    });
    const results = await Promise.all([
      runner.run('a.html', page('Satu'), limits),
      runner.run('b.html', page('Dua'), limits),
    ]);
    expect(results.map(headline)).toEqual(['Satu', 'Dua']);
    expect(headline(await runner.run('c.html', page('Tiga'), limits))).toBe('Tiga');
    expect(notices).toEqual([
      'tanda: extraction worker could not start (no extract-worker.js beside out/main); reading documents in the main process instead',
    ]);
  });

  it('falls back too when the script does not load as a worker', async () => {
    const notices: string[] = [];
    runner = workerPool({
      script: async () => '/nonexistent/extract-worker.js',
      log: (m) => notices.push(m),
    });
    expect(headline(await runner.run('a.html', page('Satu'), limits))).toBe('Satu');
    expect(notices).toHaveLength(1);
  });

  it('still keeps the time limit for a file that stalls', async () => {
    process.env.TANDA_TEST_STALL_EXTRACTION = STALL;
    runner = inProcessRunner({ timeLimitMs: 200 });
    expect(await runner.run('stuck.html', Buffer.from(`<p>${STALL}</p>`), limits)).toEqual({
      kind: 'skipped',
      reason: 'extraction took longer than 0.2 s',
    });
  });
});
