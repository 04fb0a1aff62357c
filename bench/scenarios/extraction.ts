import { mkdir, mkdtemp, realpath, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { Document, HeadingLevel, Packer, Paragraph } from 'docx';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { scanCorpus } from '../../src/main/services/corpus-scan';
import { extractionCache } from '../../src/main/services/extraction-cache';
import { defaultPoolSize, workerPool } from '../../src/main/services/extraction-pool';
import type { BenchContext } from '../context';
import { SEED } from '../context';
import { createRng, generateArticle } from '../generate';
import { round, summarize, type Summary } from '../stats';

export interface ExtractionResult {
  documents: number;
  formats: { html: number; docx: number; pdf: number };
  pdf_pages: number;
  /** Extraction worker threads (one core left to main). */
  workers: number;
  /** From the walk to the list shown with `reading` rows, with an empty cache. */
  cold_list_ms: Summary;
  /** From the walk to the complete listing, every file extracted, with an empty cache. */
  cold_ms: Summary;
  /** The same with the cache the cold run filled: read, hash, look up. */
  warm_ms: Summary;
  /** PDF pages per second in the cold run. */
  pdf_pages_per_s: Summary;
  /** Peak resident set of this process (its workers included) during the cold run. */
  peak_rss_mb: Summary;
  /** The longest stretch main's event loop could not run a timer during the cold run (IPC and the server wait that long). */
  main_longest_pause_ms: Summary;
}

/**
 * Extraction: a corpus of HTML pages, Word documents and PDFs of 1–20 pages,
 * generated here (seeded), scanned in this process with an empty extraction
 * cache (cold) and again with the cache it filled (warm), the extractors
 * running in the app's pool of worker threads. Main's event loop is watched
 * throughout the cold run: its longest delay is what a click or an API call
 * would wait at worst.
 */
export async function runExtraction(ctx: BenchContext): Promise<ExtractionResult> {
  const dir = join(ctx.workDir, 'extraction-corpus');
  const n = ctx.config.extractionDocuments;
  ctx.log(`extraction: writing ${n} HTML, DOCX and PDF files`);
  const written = await writeMixedCorpus(dir, n, SEED + 7);
  const root = await realpath(dir);
  const cold: number[] = [];
  const coldList: number[] = [];
  const warm: number[] = [];
  const rates: number[] = [];
  const peaks: number[] = [];
  const pauses: number[] = [];
  const workers = defaultPoolSize();
  for (let i = 0; i < ctx.nodeRuns; i++) {
    const cacheDir = await mkdtemp(join(ctx.workDir, 'extraction-cache-'));
    const cache = extractionCache(cacheDir);
    // A fresh pool per run: the cold run pays for starting its workers, as a first scan does.
    const runner = workerPool({ size: workers });
    let peak = process.memoryUsage().rss;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
    const delay = monitorEventLoopDelay({ resolution: 10 });
    delay.enable();
    const t0 = performance.now();
    let listedAt: number | null = null;
    const listed = await scanCorpus(root, {
      cache,
      runner,
      onListed: () => (listedAt = performance.now()),
    });
    const coldMs = performance.now() - t0;
    delay.disable();
    clearInterval(sampler);
    const ok = listed.filter((d) => d.meta.status === 'ok').length;
    if (listed.length !== n || ok !== n) {
      const bad = listed.find((d) => d.meta.status !== 'ok')?.meta;
      throw new Error(`extraction listed ${ok} of ${n} documents as readable (${bad?.path}: ${bad?.reason})`);
    }
    const t1 = performance.now();
    await scanCorpus(root, { cache, runner });
    const warmMs = performance.now() - t1;
    await runner.close();
    cold.push(coldMs);
    coldList.push((listedAt ?? performance.now()) - t0);
    warm.push(warmMs);
    rates.push(written.pdfPages / (coldMs / 1000));
    peaks.push(peak / 2 ** 20);
    pauses.push(delay.max / 1e6);
    ctx.log(
      `extraction: run ${i + 1}/${ctx.nodeRuns}: listed ${round(coldList.at(-1)!)} ms, cold ${round(coldMs)} ms, ` +
        `warm ${round(warmMs)} ms, longest main pause ${round(delay.max / 1e6)} ms (${workers} workers)`,
    );
    await rm(cacheDir, { recursive: true, force: true });
  }
  return {
    documents: n,
    formats: written.formats,
    pdf_pages: written.pdfPages,
    workers,
    cold_list_ms: summarize(coldList),
    cold_ms: summarize(cold),
    warm_ms: summarize(warm),
    pdf_pages_per_s: summarize(rates),
    peak_rss_mb: summarize(peaks),
    main_longest_pause_ms: summarize(pauses),
  };
}

async function writeMixedCorpus(
  dir: string,
  count: number,
  seed: number,
): Promise<{ formats: ExtractionResult['formats']; pdfPages: number }> {
  await mkdir(dir, { recursive: true });
  const rng = createRng(seed);
  const formats = { html: 0, docx: 0, pdf: 0 };
  let pdfPages = 0;
  for (let i = 0; i < count; i++) {
    const article = generateArticle(rng, 3000);
    const paragraphs = article.text.split('\n').filter((line) => line.trim() !== '');
    const name = String(i).padStart(5, '0');
    const kind = (['html', 'docx', 'pdf'] as const)[i % 3]!;
    formats[kind]++;
    if (kind === 'html') {
      const body = paragraphs
        .map((p, j) => (j === 0 ? `<h1>${escape(p)}</h1>` : `<p>${escape(p)}</p>`))
        .join('\n');
      await writeFile(
        join(dir, `${name}.html`),
        `<!doctype html><html><head><meta charset="utf-8"><title>${escape(paragraphs[0] ?? name)}</title></head><body><nav><a href="/">Beranda</a></nav><article>${body}</article><footer>© Berita</footer></body></html>`,
      );
    } else if (kind === 'docx') {
      const doc = new Document({
        sections: [
          {
            children: paragraphs.map((p, j) =>
              j === 0 ? new Paragraph({ text: p, heading: HeadingLevel.HEADING_1 }) : new Paragraph(p),
            ),
          },
        ],
      });
      await writeFile(join(dir, `${name}.docx`), await Packer.toBuffer(doc));
    } else {
      const pages = 1 + Math.floor(rng() * 20);
      pdfPages += pages;
      await writeFile(join(dir, `${name}.pdf`), await makeBenchPdf(paragraphs, pages));
    }
  }
  return { formats, pdfPages };
}

async function makeBenchPdf(paragraphs: string[], pages: number): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const words = paragraphs
    .join(' ')
    .replace(/[^\x20-\x7e]/g, '')
    .split(/\s+/);
  let w = 0;
  for (let p = 0; p < pages; p++) {
    const page = doc.addPage([595, 842]);
    page.drawText(`Laporan ${p + 1}`, { x: 50, y: 810, size: 8, font });
    for (let line = 0; line < 40; line++) {
      const text: string[] = [];
      while (text.join(' ').length < 80) text.push(words[w++ % words.length]!);
      page.drawText(text.join(' '), {
        x: 50,
        y: 780 - line * 14 - Math.floor(line / 8) * 10,
        size: 11,
        font,
      });
    }
  }
  return doc.save();
}

function escape(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
