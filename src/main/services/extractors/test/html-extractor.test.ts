import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { DEFAULT_EXTRACTION_LIMITS, type ExtractionResult } from '../extraction';
import { htmlExtractor } from '../html-extractor';
import { newsPage } from './fixture-files';

const extract = (html: string | Uint8Array): Promise<ExtractionResult> =>
  htmlExtractor.extract(typeof html === 'string' ? Buffer.from(html) : html, DEFAULT_EXTRACTION_LIMITS);

async function textOf(html: string | Uint8Array): Promise<Extract<ExtractionResult, { kind: 'text' }>> {
  const result = await extract(html);
  if (result.kind !== 'text') throw new Error(`expected text, got ${result.reason}`);
  return result;
}

describe('html extractor', () => {
  it('keeps the article and drops menus, ads, related links, footer, scripts and styles', async () => {
    const page = newsPage({
      charset: 'utf-8',
      headline: 'Vietnam dan China sepakati kerja sama',
      body: 'HANOI — Kedua negara menandatangani perjanjian <b>pem</b>bangunan pada hari Senin.',
    });
    const result = await textOf(page);
    const paragraphs = result.text.split('\n\n');
    expect(paragraphs[0]).toBe('Vietnam dan China sepakati kerja sama');
    expect(paragraphs[1]).toBe('HANOI — Kedua negara menandatangani perjanjian pembangunan pada hari Senin.');
    expect(paragraphs).toContain('Latar belakang');
    for (const dropped of ['Beranda', 'IKLAN', 'Baca juga', 'Berita lain', 'Hak cipta', 'iklan', 'display'])
      expect(result.text).not.toContain(dropped);
    expect(result.title).toBe('Vietnam dan China sepakati kerja sama');
    expect(result.encoding).toBe('utf-8');
    expect(result.structure!.paragraphs[0]).toEqual({ start: 0, end: 37, kind: 'heading', level: 1 });
    const background = result.structure!.paragraphs.find((p) => p.kind === 'heading' && p.level === 2)!;
    expect([...result.text].slice(background.start, background.end).join('')).toBe('Latar belakang');
  });

  it('decodes a page that declares windows-1252', async () => {
    const page = newsPage({
      charset: 'windows-1252',
      headline: 'Café “Hà” reopens',
      body: 'Prices rose 5 € — “sharply”, said the owner.',
    });
    const result = await textOf(iconv.encode(page, 'windows-1252'));
    expect(result.encoding).toBe('windows-1252');
    // “Hà” is not in Windows-1252: iconv wrote "?" for à, which the page really holds.
    expect(result.text).toContain('Prices rose 5 € — “sharply”, said the owner.');
  });

  it('takes the charset from http-equiv, and a BOM over any declaration', async () => {
    const body = '<p>Gdańsk i Łódź podpisały porozumienie o współpracy gospodarczej.</p>';
    const equiv = `<html><head><meta http-equiv="Content-Type" content="text/html; charset=iso-8859-2"></head><body>${body}</body></html>`;
    const latin2 = await textOf(iconv.encode(equiv, 'iso-8859-2'));
    expect(latin2.encoding).toBe('iso-8859-2');
    expect(latin2.text).toBe('Gdańsk i Łódź podpisały porozumienie o współpracy gospodarczej.');

    const lying = `\uFEFF<html><head><meta charset="windows-1252"></head><body><p>Hà Nội</p></body></html>`;
    const bom = await textOf(Buffer.from(lying, 'utf8'));
    expect(bom.encoding).toBe('utf-8-bom');
    expect(bom.text).toBe('Hà Nội');
  });

  it('falls back to the whole body, in paragraphs, when there is no article', async () => {
    const result = await textOf(
      '<html><head><title>Catatan</title></head><body><div>Satu</div><div>Dua<br>Tiga</div><table><tr><td>a</td><td>b c</td></tr></table></body></html>',
    );
    expect(result.text).toBe('Satu\n\nDua\n\nTiga\n\na\tb c');
    expect(result.title).toBe('Catatan');
  });

  it('composes to NFC and turns every run of white space into one space', async () => {
    const result = await textOf('<body><p>Vie\u0323\u0302t   Nam\r\n  dan\u00a0China</p></body>');
    expect(result.text).toBe('Việt Nam dan China');
  });

  it('refuses a binary file, an empty page and deep nesting with reasons', async () => {
    await expect(extract(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 1, 2]))).rejects.toThrow(
      'binary file (contains NUL bytes), not an HTML page',
    );
    expect(await extract('<html><body>  <script>x()</script></body></html>')).toEqual({
      kind: 'skipped',
      reason: 'no text in the page',
    });
    await expect(extract(`${'<div>'.repeat(1200)}deep${'</div>'.repeat(1200)}`)).rejects.toThrow(
      'HTML nested too deeply (over 1,000 levels of elements)',
    );
  });

  it('gives the same text for the same bytes', async () => {
    const page = newsPage({ charset: 'utf-8', headline: 'Sama', body: 'Teks yang sama setiap kali.' });
    expect(await extract(page)).toEqual(await extract(page));
  });
});
