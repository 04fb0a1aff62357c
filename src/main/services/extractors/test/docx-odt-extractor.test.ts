import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { docxExtractor } from '../docx-extractor';
import { DEFAULT_EXTRACTION_LIMITS, type ExtractionResult } from '../extraction';
import { odtExtractor } from '../odt-extractor';
import { makeDocx, makeOdt } from './fixture-files';

const limits = DEFAULT_EXTRACTION_LIMITS;

function paragraphsOf(result: ExtractionResult): { text: string; kind: string; level?: number }[] {
  if (result.kind !== 'text') throw new Error(`expected text, got ${result.reason}`);
  const chars = [...result.text];
  return result.structure!.paragraphs.map((p) => ({
    text: chars.slice(p.start, p.end).join(''),
    kind: p.kind,
    ...(p.level === undefined ? {} : { level: p.level }),
  }));
}

describe('docx extractor', () => {
  it('reads headings by style, joins runs inside a word, lists, table rows with tabs, footnotes last', async () => {
    const result = await docxExtractor.extract(await makeDocx(), limits);
    expect(paragraphsOf(result)).toEqual([
      { text: 'Kerja sama Vietnam dan China', kind: 'heading', level: 1 },
      { text: 'Kedua negara sepakat melanjutkan pembangunan jalur kereta[1].', kind: 'body' },
      { text: 'Bidang kerja sama', kind: 'heading', level: 2 },
      { text: 'Perdagangan', kind: 'body' },
      { text: 'Energi', kind: 'body' },
      { text: 'Tahun\tNilai', kind: 'body' },
      { text: '2024\t200', kind: 'body' },
      { text: 'Sumber: Kementerian Luar Negeri.', kind: 'body' },
    ]);
    expect(result).toMatchObject({ encoding: 'utf-8' });
  });

  it('gives the same text for the same bytes', async () => {
    const bytes = await makeDocx();
    expect(await docxExtractor.extract(bytes, limits)).toEqual(await docxExtractor.extract(bytes, limits));
  });

  it('refuses a truncated file, a zip that is not a Word document and a zip bomb, saying which', async () => {
    const bytes = await makeDocx();
    await expect(docxExtractor.extract(bytes.subarray(0, bytes.length - 200), limits)).rejects.toThrow(
      'not a valid Word document (the zip archive is truncated or damaged)',
    );
    await expect(docxExtractor.extract(zipSync({ 'notes.txt': strToU8('hi') }), limits)).rejects.toThrow(
      'not a Word document (the zip archive has no word/document.xml)',
    );
    await expect(docxExtractor.extract(bytes, { ...limits, maxUnzippedBytes: 1000 })).rejects.toThrow(
      /^Word document would unpack to \d+ bytes, over the limit of 1000 bytes \(zip bomb\?\)$/,
    );
    const garbage = zipSync({ 'word/document.xml': strToU8('<not xml') });
    await expect(docxExtractor.extract(garbage, limits)).rejects.toThrow(/^damaged Word document \(/);
  });
});

describe('odt extractor', () => {
  it('reads content.xml: headings by outline level, spans joined, lists, table rows, notes last; drops comments', async () => {
    expect(paragraphsOf(await odtExtractor.extract(makeOdt(), limits))).toEqual([
      { text: 'Laut China Selatan', kind: 'heading', level: 1 },
      { text: 'Kapal penjaga pantai terlihat di dekat karang.', kind: 'body' },
      { text: 'Dua spasi & entitas.', kind: 'body' },
      { text: 'Reaksi', kind: 'heading', level: 2 },
      { text: 'Protes resmi', kind: 'body' },
      { text: 'Negara\tKapal', kind: 'body' },
      { text: 'Menurut saksi.', kind: 'body' },
    ]);
  });

  it('refuses a zip without content.xml, damaged XML and a truncated archive', async () => {
    await expect(odtExtractor.extract(zipSync({ 'a.txt': strToU8('x') }), limits)).rejects.toThrow(
      'not an OpenDocument text (the zip archive has no content.xml)',
    );
    await expect(
      odtExtractor.extract(makeOdt('<office:document-content><office:body>'), limits),
    ).rejects.toThrow(/^(damaged OpenDocument text|not an OpenDocument text)/);
    const odt = makeOdt();
    await expect(odtExtractor.extract(odt.subarray(0, 100), limits)).rejects.toThrow(
      'not a valid OpenDocument text (the zip archive is truncated or damaged)',
    );
  });
});
