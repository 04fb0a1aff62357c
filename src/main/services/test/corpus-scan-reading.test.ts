import { mkdtemp, realpath, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { CorpusEvent, DocumentMeta, ReadingProgress } from '../../../shared/corpus/corpus-types';
import { scanCorpus, type ScannedDocument } from '../corpus-scan';
import { openCorpus, type CorpusService } from '../corpus-service';
import { extractionCache } from '../extraction-cache';
import { inProcessRunner, type ExtractionRunner } from '../extraction-pool';
import { makeDocx, makePdf, newsPage } from '../extractors/test/fixture-files';
import { makeTempCorpus, waitFor, type TempCorpus } from './temp-corpus';

/** The in-process runner, holding every file until `release()`, and counting what it was given. */
function gatedRunner(): ExtractionRunner & { names: string[]; release(): void } {
  const inner = inProcessRunner();
  let open!: () => void;
  const gate = new Promise<void>((resolve) => (open = resolve));
  const names: string[] = [];
  return {
    parallelism: 2,
    names,
    release: () => open(),
    async run(name, bytes, limits) {
      names.push(name);
      await gate;
      return inner.run(name, bytes, limits);
    },
    close: () => inner.close(),
  };
}

async function mixedCorpus(): Promise<TempCorpus> {
  return makeTempCorpus({
    'a.txt': 'Teks biasa\n',
    'b.html': newsPage({ charset: 'utf-8', headline: 'Berita', body: 'Isi berita yang cukup panjang.' }),
    'c.docx': await makeDocx(),
    'd.pdf': await makePdf(),
  });
}

let corpus: TempCorpus | undefined;
let service: CorpusService | undefined;
let cacheDir: string | undefined;
afterEach(async () => {
  await service?.close();
  await corpus?.remove();
  if (cacheDir) await rm(cacheDir, { recursive: true, force: true });
  service = corpus = cacheDir = undefined;
});

const statuses = (documents: { meta: DocumentMeta }[] | DocumentMeta[]) =>
  documents.map((d) => ('meta' in d ? d.meta : d)).map((m) => `${m.path}:${m.status}`);

describe('a scan with files to extract', () => {
  it('lists every file before the extractors are done, then reports each as it is read', async () => {
    corpus = await mixedCorpus();
    const runner = gatedRunner();
    const listings: { documents: ScannedDocument[]; reading: ReadingProgress }[] = [];
    const reads: { path: string; reading: ReadingProgress }[] = [];
    const scanning = scanCorpus(await realpath(corpus.root), {
      runner,
      onListed: (documents, reading) => listings.push({ documents, reading }),
      onRead: (document, reading) => reads.push({ path: document.meta.path, reading }),
    });
    await waitFor(() => listings.length === 1, 'the early listing');
    expect(statuses(listings[0]!.documents)).toEqual([
      'a.txt:ok',
      'b.html:reading',
      'c.docx:reading',
      'd.pdf:reading',
    ]);
    expect(listings[0]!.documents[3]!.meta).toMatchObject({
      format: 'pdf',
      extractor: 'pdf@1',
      sha256: null,
    });
    expect(listings[0]!.reading).toEqual({ done: 0, total: 3 });
    expect(reads).toEqual([]);

    runner.release();
    const done = await scanning;
    expect(statuses(done)).toEqual(['a.txt:ok', 'b.html:ok', 'c.docx:ok', 'd.pdf:ok']);
    expect(reads.map((r) => r.path).sort()).toEqual(['b.html', 'c.docx', 'd.pdf']);
    expect(reads.map((r) => r.reading)).toEqual([1, 2, 3].map((n) => ({ done: n, total: 3 })));
    // Plain text never goes to the runner.
    expect(runner.names.sort()).toEqual(['b.html', 'c.docx', 'd.pdf']);
  });

  it('sends no cached file to the runner, and lists a warm corpus in one go', async () => {
    corpus = await mixedCorpus();
    cacheDir = await mkdtemp(path.join(os.tmpdir(), 'tanda-cache-'));
    const cache = extractionCache(cacheDir);
    const root = await realpath(corpus.root);
    const cold = gatedRunner();
    cold.release();
    const first = await scanCorpus(root, { cache, runner: cold });
    expect(cold.names).toHaveLength(3);

    const warm = gatedRunner();
    const listings: unknown[] = [];
    const second = await scanCorpus(root, { cache, runner: warm, onListed: (d) => listings.push(d) });
    expect(warm.names).toEqual([]);
    expect(listings).toEqual([]);
    expect(second).toEqual(first);
  });
});

describe('a corpus opened with files to extract', () => {
  it('shows the list with reading rows, opens a ready document meanwhile, and ends with the full list', async () => {
    corpus = await mixedCorpus();
    const runner = gatedRunner();
    service = await openCorpus(corpus.root, { watch: false, runner });
    const events: CorpusEvent[] = [];
    service.onEvent((event) => events.push(event));

    const early = await waitFor(
      () => events.find((e) => e.type === 'corpus-opened'),
      'the early corpus-opened event',
    );
    expect(early.type === 'corpus-opened' && early.snapshot).toMatchObject({
      scanning: true,
      reading: { done: 0, total: 3 },
    });
    expect(statuses(service.snapshot().documents)).toContain('d.pdf:reading');
    // The plain text file opens without waiting for the PDF.
    expect((await service.readDocument('a.txt')).text).toBe('Teks biasa\n');

    runner.release();
    const ready = await service.ready();
    expect(statuses(ready.documents)).toEqual(['a.txt:ok', 'b.html:ok', 'c.docx:ok', 'd.pdf:ok']);
    expect(ready.reading).toBeUndefined();

    const read = events.flatMap((e) => (e.type === 'documents-read' ? e.documents.map((d) => d.path) : []));
    expect(read.sort()).toEqual(['b.html', 'c.docx', 'd.pdf']);
    const progress = events.flatMap((e) => (e.type === 'documents-read' ? [e.reading] : []));
    expect(progress.at(-1)).toEqual({ done: 3, total: 3 });
    // The final list comes last, after every read.
    expect(events.at(-1)).toMatchObject({ type: 'corpus-opened', snapshot: { scanning: false } });
  });

  it('hands no more files to the shared workers once the corpus is closed', async () => {
    const pages = Object.fromEntries(
      Array.from({ length: 6 }, (_, i) => [`p${i}.html`, `<html><body><p>Halaman ${i}</p></body></html>`]),
    );
    corpus = await makeTempCorpus(pages);
    const runner = gatedRunner();
    service = await openCorpus(corpus.root, { watch: false, runner });
    await waitFor(() => runner.names.length === 3, 'the first files handed to the runner');
    const closed = service;
    await closed.close();
    runner.release();
    await closed.ready();
    // The runner reads two at a time and has one more waiting: those three, and no other.
    expect(runner.names).toHaveLength(3);
  });

  it('reads in a worker thread and lists a file that stalls it as skipped, naming the time limit', async () => {
    process.env.TANDA_TEST_STALL_EXTRACTION = 'tanda-test-stall-marker';
    try {
      const { workerPool } = await import('../extraction-pool');
      const runner = workerPool({ size: 1, timeLimitMs: 3000 });
      corpus = await makeTempCorpus({
        'lambat.html': '<p>tanda-test-stall-marker</p>',
        'cepat.html': '<!doctype html><html><body><h1>Cepat</h1><p>Isi.</p></body></html>',
      });
      service = await openCorpus(corpus.root, { watch: false, runner });
      const ready = await service.ready();
      expect(ready.documents.map((d) => [d.path, d.status, d.reason])).toEqual([
        ['cepat.html', 'ok', undefined],
        ['lambat.html', 'skipped', 'extraction took longer than 3 s'],
      ]);
      await runner.close();
    } finally {
      delete process.env.TANDA_TEST_STALL_EXTRACTION;
    }
  });
});
