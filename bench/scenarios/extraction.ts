import { mkdir, mkdtemp, realpath, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Document, HeadingLevel, Packer, Paragraph } from 'docx';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { scanCorpus } from '../../src/main/services/corpus-scan';
import { extractionCache } from '../../src/main/services/extraction-cache';
import type { BenchContext } from '../context';
import { SEED } from '../context';
import { createRng, generateArticle } from '../generate';
import { round, summarize, type Summary } from '../stats';

export interface ExtractionResult {
  documents: number;
  formats: { html: number; docx: number; pdf: number };
  pdf_pages: number;
  /** From the walk to the complete listing, every file extracted, with an empty cache. */
  cold_ms: Summary;
  /** The same with the cache the cold run filled: read, hash, look up. */
  warm_ms: Summary;
  /** PDF pages per second in the cold run. */
  pdf_pages_per_s: Summary;
  /** Peak resident set of this process during the cold run. */
  peak_rss_mb: Summary;
}

/**
 * Extraction: a corpus of HTML pages, Word documents and PDFs of 1–20 pages,
 * generated here (seeded), scanned in this process with an empty extraction
 * cache (cold) and again with the cache it filled (warm).
 */
export async function runExtraction(ctx: BenchContext): Promise<ExtractionResult> {
  const dir = join(ctx.workDir, 'extraction-corpus');
  const n = ctx.config.extractionDocuments;
  ctx.log(`extraction: writing ${n} HTML, DOCX and PDF files`);
  const written = await writeMixedCorpus(dir, n, SEED + 7);
  const root = await realpath(dir);
  const cold: number[] = [];
  const warm: number[] = [];
  const rates: number[] = [];
  const peaks: number[] = [];
  for (let i = 0; i < ctx.nodeRuns; i++) {
    const cacheDir = await mkdtemp(join(ctx.workDir, 'extraction-cache-'));
    const cache = extractionCache(cacheDir);
    let peak = process.memoryUsage().rss;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
    const t0 = performance.now();
    const listed = await scanCorpus(root, { cache });
    const coldMs = performance.now() - t0;
    clearInterval(sampler);
    const ok = listed.filter((d) => d.meta.status === 'ok').length;
    if (listed.length !== n || ok !== n)
      throw new Error(`extraction listed ${ok} of ${n} documents as readable`);
    const t1 = performance.now();
    await scanCorpus(root, { cache });
    const warmMs = performance.now() - t1;
    cold.push(coldMs);
    warm.push(warmMs);
    rates.push(written.pdfPages / (coldMs / 1000));
    peaks.push(peak / 2 ** 20);
    ctx.log(`extraction: run ${i + 1}/${ctx.nodeRuns}: cold ${round(coldMs)} ms, warm ${round(warmMs)} ms`);
    await rm(cacheDir, { recursive: true, force: true });
  }
  return {
    documents: n,
    formats: written.formats,
    pdf_pages: written.pdfPages,
    cold_ms: summarize(cold),
    warm_ms: summarize(warm),
    pdf_pages_per_s: summarize(rates),
    peak_rss_mb: summarize(peaks),
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
