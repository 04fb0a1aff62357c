import { describe, expect, it } from 'vitest';
import { DEFAULT_EXTRACTION_LIMITS, type ExtractionResult } from '../extraction';
import { pdfExtractor } from '../pdf-extractor';
import { joinLines, pdfBlocks, type PdfPiece } from '../pdf-layout';
import { makePdf, makeRawPdf, makeScannedPdf } from './fixture-files';

const limits = DEFAULT_EXTRACTION_LIMITS;

function paragraphsOf(result: ExtractionResult) {
  if (result.kind !== 'text') throw new Error(`expected text, got ${result.reason}`);
  const chars = [...result.text];
  return result.structure!.paragraphs.map((p) => ({ text: chars.slice(p.start, p.end).join(''), ...p }));
}

describe('pdf extractor', () => {
  it('joins lines into paragraphs, re-joins a hyphenated word, drops the running header and page numbers', async () => {
    const result = await pdfExtractor.extract(await makePdf(), limits);
    expect(paragraphsOf(result).map(({ text, kind, level, page }) => ({ text, kind, level, page }))).toEqual([
      { text: 'Ringkasan', kind: 'heading', level: 1, page: 1 },
      {
        text: 'Kedua negara melanjutkan pembangunan jalur kereta api.',
        kind: 'body',
        level: undefined,
        page: 1,
      },
      { text: 'Paragraf kedua dimulai dengan baris yang menjorok.', kind: 'body', level: undefined, page: 1 },
      { text: 'Halaman kedua berisi teks lain.', kind: 'body', level: undefined, page: 2 },
    ]);
    expect(result).toMatchObject({ encoding: null, pages: 2 });
  });

  it('expands a ligature glyph into its letters', async () => {
    const result = await pdfExtractor.extract(makeRawPdf({ ligature: true }), limits);
    expect(result).toMatchObject({ kind: 'text', text: 'Konfirmasi final' });
  });

  it('gives the same text for the same bytes', async () => {
    const bytes = await makePdf();
    expect(await pdfExtractor.extract(bytes, limits)).toEqual(await pdfExtractor.extract(bytes, limits));
  });

  it('skips a scan, an encrypted file, and refuses a damaged file or one over the page limit', async () => {
    expect(await pdfExtractor.extract(await makeScannedPdf(), limits)).toEqual({
      kind: 'skipped',
      reason: 'no text layer (scanned PDF?)',
    });
    expect(await pdfExtractor.extract(makeRawPdf({ encrypted: true }), limits)).toEqual({
      kind: 'skipped',
      reason: 'encrypted PDF',
    });
    await expect(pdfExtractor.extract(Buffer.from('hello, not a pdf'), limits)).rejects.toThrow(
      'not a PDF (no %PDF- header)',
    );
    const truncated = (await makePdf()).subarray(0, 300);
    await expect(pdfExtractor.extract(truncated, limits)).rejects.toThrow(/^damaged PDF \(|no text layer/);
    await expect(pdfExtractor.extract(await makePdf(), { ...limits, maxPages: 1 })).rejects.toThrow(
      'PDF has 2 pages, over the limit of 1',
    );
    await expect(pdfExtractor.extract(await makePdf(), { ...limits, maxPdfMillis: -1 })).rejects.toThrow(
      'PDF took longer than -0.001 s to read (stopped at page 1 of 2)',
    );
  });
});

const piece = (str: string, x: number, y: number, size = 10): PdfPiece => ({
  str,
  x,
  y,
  width: str.length * size * 0.5,
  size,
  hasEOL: false,
});

describe('pdf layout', () => {
  it('re-joins a hyphenated word only before a lower-case letter', () => {
    expect(joinLines('pem-', 'bangunan')).toBe('pembangunan');
    expect(joinLines('Vietnam-', 'China')).toBe('Vietnam-China');
    expect(joinLines('tahun 2020-', '2024')).toBe('tahun 2020- 2024');
    expect(joinLines('ker\u00ad', 'ja')).toBe('kerja');
    expect(joinLines('satu ', ' dua')).toBe('satu dua');
  });

  it('puts a space between pieces of a line only where there is a gap', () => {
    const pieces = [piece('Ha', 0, 300), piece('noi', 10, 300), piece('kota', 40, 300)];
    expect(pdfBlocks([{ height: 600, pieces }]).map((b) => b.text)).toEqual(['Hanoi kota']);
  });

  it('starts a paragraph at a larger gap', () => {
    const pieces = [
      piece('satu', 0, 300),
      piece('dua', 0, 288),
      piece('tiga', 0, 260),
      piece('empat', 0, 248),
    ];
    expect(pdfBlocks([{ height: 600, pieces }]).map((b) => b.text)).toEqual(['satu dua', 'tiga empat']);
  });

  it('drops a line repeated in the margins of most pages, keeps one that repeats on few', () => {
    const page = (n: number, extra: PdfPiece[] = []) => ({
      height: 600,
      pieces: [
        piece('Laporan', 0, 580),
        piece(`body of page ${n}`, 0, 300),
        ...extra,
        piece(`${n}`, 100, 10),
      ],
    });
    const blocks = pdfBlocks([page(1, [piece('Catatan', 0, 20)]), page(2), page(3)]);
    expect(blocks.map((b) => b.text)).toEqual([
      'body of page 1',
      'Catatan',
      'body of page 2',
      'body of page 3',
    ]);
  });
});
