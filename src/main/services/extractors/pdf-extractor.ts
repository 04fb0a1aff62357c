import type * as PdfJsModule from 'pdfjs-dist/legacy/build/pdf.mjs';
import { MAX_PDF_BYTES } from './extraction-limits';
import { ExtractionRefused, extractedFromBlocks, type Extractor } from './extraction';
import { loadOnce } from './load-once';
import { pdfBlocks, type PdfPage, type PdfPiece } from './pdf-layout';

/**
 * A PDF → its text layer, through pdf.js (Mozilla's, the legacy build that
 * runs in Node). Nothing is evaluated (`isEvalSupported: false`), no font,
 * worker or CMap is fetched: the text layer needs none of them. The layout
 * rules (lines, paragraphs, hyphenation, running headers) are in
 * pdf-layout.ts. Every paragraph carries its page.
 */

/**
 * Loaded on first use: pdf.js is large, and most corpora have no PDF. Its
 * worker module is loaded first, into this thread: pdf.js then finds it on
 * `globalThis.pdfjsWorker` instead of importing `pdf.worker.mjs` by a path
 * beside itself, a path that does not exist once the app is bundled.
 */
const loadPdfJs = loadOnce<typeof PdfJsModule>(async () => {
  // @ts-expect-error pdfjs-dist ships no types for its worker module; it is loaded for its side effect.
  await import('pdfjs-dist/legacy/build/pdf.worker.mjs');
  return import('pdfjs-dist/legacy/build/pdf.mjs');
});

export const pdfExtractor: Extractor = {
  format: 'pdf',
  id: 'pdf@1',
  maxBytes: MAX_PDF_BYTES,
  async extract(bytes, limits) {
    if (!startsWithPdfHeader(bytes)) throw new ExtractionRefused('not a PDF (no %PDF- header)');
    const pdfjs = await loadPdfJs();
    const task = pdfjs.getDocument({
      // pdf.js takes ownership of (detaches) the buffer it is given.
      data: new Uint8Array(bytes),
      isEvalSupported: false,
      disableFontFace: true,
      useSystemFonts: false,
      useWorkerFetch: false,
      disableAutoFetch: true,
      disableStream: true,
      stopAtErrors: false,
      verbosity: 0,
    });
    let pdf;
    try {
      pdf = await task.promise;
    } catch (error) {
      await task.destroy().catch(() => {});
      const name = (error as { name?: string }).name;
      if (name === 'PasswordException') return { kind: 'skipped', reason: 'encrypted PDF' };
      throw new ExtractionRefused(`damaged PDF (${String((error as Error).message ?? error).slice(0, 200)})`);
    }
    try {
      if (pdf.numPages > limits.maxPages) {
        throw new ExtractionRefused(
          `PDF has ${pdf.numPages.toLocaleString('en')} pages, over the limit of ${limits.maxPages.toLocaleString('en')}`,
        );
      }
      const pages: PdfPage[] = [];
      const deadline = Date.now() + limits.maxPdfMillis;
      for (let n = 1; n <= pdf.numPages; n++) {
        if (Date.now() > deadline) {
          throw new ExtractionRefused(
            `PDF took longer than ${limits.maxPdfMillis / 1000} s to read (stopped at page ${n} of ${pdf.numPages})`,
          );
        }
        const page = await pdf.getPage(n);
        const content = await page.getTextContent();
        const pieces: PdfPiece[] = [];
        for (const item of content.items) {
          if (!('str' in item)) continue;
          const [a, b, c, d, x, y] = item.transform as number[];
          pieces.push({
            str: item.str,
            x: x!,
            y: y!,
            width: item.width,
            size: Math.hypot(c!, d!) || Math.hypot(a!, b!) || item.height,
            hasEOL: item.hasEOL,
          });
        }
        const [, bottom, , top] = page.view;
        pages.push({ height: Math.abs(top! - bottom!), pieces });
        page.cleanup();
      }
      if (!pages.some((p) => p.pieces.some((piece) => piece.str.trim() !== ''))) {
        return { kind: 'skipped', reason: 'no text layer (scanned PDF?)' };
      }
      return extractedFromBlocks(pdfBlocks(pages), {
        encoding: null,
        pages: pdf.numPages,
        emptyReason: 'no text layer (scanned PDF?)',
      });
    } finally {
      await pdf.destroy();
    }
  },
};

function startsWithPdfHeader(bytes: Uint8Array): boolean {
  // The header may follow up to 1024 bytes of junk, as readers allow.
  const head = Buffer.from(bytes.subarray(0, 1024)).toString('latin1');
  return head.includes('%PDF-');
}
