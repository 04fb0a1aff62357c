import { realpath } from 'node:fs/promises';
import { strToU8, zipSync } from 'fflate';
import { afterEach, describe, expect, it } from 'vitest';
import { normalizeText } from '../../../shared/text/text-normalize';
import { readCorpusFile, scanCorpus } from '../corpus-scan';
import { extractDocument } from '../document-extract';
import { assembleBlocks } from '../extractors/extraction';
import {
  makeDocx,
  makeOdt,
  makePdf,
  makeRawPdf,
  makeScannedPdf,
  newsPage,
} from '../extractors/test/fixture-files';
import { makeTempCorpus, type TempCorpus } from './temp-corpus';

let corpus: TempCorpus | undefined;
afterEach(async () => {
  await corpus?.remove();
  corpus = undefined;
});

describe('the canonical text', () => {
  it('is paragraphs separated by one blank line, each normalized, empty ones dropped', () => {
    const { text, structure } = assembleBlocks([
      { text: '  Judul\r\n utama ', kind: 'heading', level: 1 },
      { text: ' \n ', kind: 'body' },
      { text: 'Vie\u0323\u0302t 😀\u00a0Nam', kind: 'body', page: 2 },
      { text: 'a\t b \t', kind: 'body' },
    ]);
    expect(text).toBe('Judul utama\n\nViệt 😀 Nam\n\na\tb\t');
    expect(text).toBe(normalizeText(text));
    expect(structure.paragraphs).toEqual([
      { start: 0, end: 11, kind: 'heading', level: 1 },
      { start: 13, end: 23, kind: 'body', page: 2 },
      { start: 25, end: 29, kind: 'body' },
    ]);
  });
});

describe('scanning a corpus of every format', () => {
  it('lists each with its format and extractor, and bad files with a reason, without stopping', async () => {
    const docx = await makeDocx();
    corpus = await makeTempCorpus({
      'a.txt': 'Teks biasa\n',
      'b.md': '# Judul\n',
      'c.html': newsPage({ charset: 'utf-8', headline: 'Berita utama hari ini', body: 'Isi berita.' }),
      'd.docx': docx,
      'e.odt': makeOdt(),
      'f.pdf': await makePdf(),
      'bad/binary.html': Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 0, 0, 1]),
      'bad/truncated.docx': docx.subarray(0, 500),
      'bad/not-word.docx': zipSync({ 'x.txt': strToU8('x') }),
      'bad/corrupt.pdf': Buffer.from('%PDF-1.7\n1 0 obj << /Type /Catalog >>\n%%EOF garbage'),
      'bad/scan.pdf': await makeScannedPdf(),
      'bad/locked.pdf': makeRawPdf({ encrypted: true }),
    });
    const documents = (await scanCorpus(await realpath(corpus.root))).map((d) => d.meta);
    const summary = Object.fromEntries(
      documents.map((d) => [d.path, [d.status, d.format, d.extractor, d.reason ?? d.title]]),
    );
    expect(summary).toEqual({
      'a.txt': ['ok', 'txt', 'text@1', 'Teks biasa'],
      'b.md': ['ok', 'md', 'text@1', '# Judul'],
      'c.html': ['ok', 'html', 'html@1', 'Berita utama hari ini'],
      'd.docx': ['ok', 'docx', 'docx@1', 'Kerja sama Vietnam dan China'],
      'e.odt': ['ok', 'odt', 'odt@1', 'Laut China Selatan'],
      'f.pdf': ['ok', 'pdf', 'pdf@1', 'Ringkasan'],
      'bad/binary.html': ['skipped', 'html', 'html@1', 'binary file (contains NUL bytes), not an HTML page'],
      'bad/truncated.docx': [
        'skipped',
        'docx',
        'docx@1',
        'not a valid Word document (the zip archive is truncated or damaged)',
      ],
      'bad/not-word.docx': [
        'skipped',
        'docx',
        'docx@1',
        'not a Word document (the zip archive has no word/document.xml)',
      ],
      'bad/corrupt.pdf': [
        'skipped',
        'pdf',
        'pdf@1',
        expect.stringMatching(/^(damaged PDF \(|no text layer)/),
      ],
      'bad/scan.pdf': ['skipped', 'pdf', 'pdf@1', 'no text layer (scanned PDF?)'],
      'bad/locked.pdf': ['skipped', 'pdf', 'pdf@1', 'encrypted PDF'],
    });
  });

  it('reads a PDF with its structure, the same for the same bytes', async () => {
    corpus = await makeTempCorpus({ 'r.pdf': await makePdf() });
    const first = await readCorpusFile('r.pdf', corpus.file('r.pdf'));
    const second = await readCorpusFile('r.pdf', corpus.file('r.pdf'));
    expect(second).toEqual(first);
    expect(first.meta).toMatchObject({ status: 'ok', format: 'pdf', extractor: 'pdf@1', encoding: null });
    expect(first.structure!.paragraphs.map((p) => p.page)).toEqual([1, 1, 1, 2]);
  });

  it('reads a PDF over the general size limit, up to its own', async () => {
    corpus = await makeTempCorpus({ 'r.pdf': await makePdf(), 'r.txt': 'x'.repeat(2000) });
    const pdf = await readCorpusFile('r.pdf', corpus.file('r.pdf'), 1000);
    const txt = await readCorpusFile('r.txt', corpus.file('r.txt'), 1000);
    expect(pdf.meta.status).toBe('ok');
    expect(txt.meta).toMatchObject({ status: 'skipped', reason: expect.stringMatching(/^file too large/) });
  });

  it('reports a library failure as a skipped file, never as a failed scan', async () => {
    const result = await extractDocument('x.docx', zipSync({ 'word/document.xml': strToU8('<w:document') }));
    expect(result.meta).toMatchObject({
      status: 'skipped',
      reason: expect.stringMatching(/^damaged Word document/),
    });
    expect(result.text).toBeNull();
  });
});
