/**
 * How much one file may cost to read. Each limit turns a file that would
 * hang or exhaust a scan into a `skipped` document with the limit named.
 */

export interface ExtractionLimits {
  /** Pages read from one PDF at most. */
  maxPages: number;
  /** Bytes decompressed from one DOCX or ODT at most (zip bombs). */
  maxUnzippedBytes: number;
  /** Elements nested inside each other in an HTML page at most. */
  maxHtmlDepth: number;
  /**
   * Milliseconds one PDF may take, checked between pages (pdf.js works page
   * by page, yielding in between). The other formats are read in one call.
   */
  maxPdfMillis: number;
}

export const DEFAULT_EXTRACTION_LIMITS: ExtractionLimits = {
  maxPages: 2000,
  maxUnzippedBytes: 256 * 1024 * 1024,
  maxHtmlDepth: 1000,
  maxPdfMillis: 30_000,
};

/** PDFs are often long reports with images: a larger limit than the corpus's 32 MiB. */
export const MAX_PDF_BYTES = 200 * 1024 * 1024;
