import { execFileSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import Papa from 'papaparse';
import {
  makeDocx,
  makeOdt,
  makePdf,
  makeScannedPdf,
  newsPage,
} from '../src/main/services/extractors/test/fixture-files';
import { annotationList, articleText, documents, selectPhrase } from './annotate-helpers';
import { expect, repoRoot, test, type ExtraFiles } from './web-fixtures';

/** The corpus: the sample articles plus one file of each new format, generated here. */
test.use({
  annotator: 'Ana',
  // Playwright reads a fixture's dependencies from its first parameter, which must be a pattern.
  extraFiles: async ({}, use) => {
    const files: ExtraFiles = {
      'berita.html': newsPage({
        charset: 'utf-8',
        headline: 'Vietnam dan China sepakati jalur kereta',
        body: 'HANOI — Kedua negara menandatangani perjanjian pada hari Senin.',
      }),
      'kliping.docx': Array.from(await makeDocx()),
      'catatan.odt': Array.from(makeOdt()),
      'laporan.pdf': Array.from(await makePdf()),
      'pindaian.pdf': Array.from(await makeScannedPdf()),
    };
    await use(files);
  },
});

function tanda(...args: string[]): string {
  return execFileSync(process.execPath, [join(repoRoot, 'bin/tanda.cjs'), ...args], { encoding: 'utf8' });
}

async function shownText(page: Page): Promise<string> {
  // One paragraph per line of the canonical text; page markers are drawn by CSS and add no text.
  return articleText(page).evaluate((el) =>
    Array.from(el.getElementsByTagName('p'), (p) => p.textContent ?? '').join('\n'),
  );
}

test('opens HTML, DOCX, ODT and PDF files with their headings and exact text; a scan says why it is skipped', async ({
  page,
  webApp,
}, testInfo) => {
  // The first scan loads pdf.js, mammoth and linkedom: slower than a text-only corpus.
  test.slow();
  await webApp.open(page, { timeout: 30_000 });
  const list = documents(page);
  const opened = [
    { file: 'berita.html', title: 'Vietnam dan China sepakati jalur kereta', heading: 'Latar belakang' },
    { file: 'kliping.docx', title: 'Kerja sama Vietnam dan China', heading: 'Bidang kerja sama' },
    { file: 'catatan.odt', title: 'Laut China Selatan', heading: 'Reaksi' },
    { file: 'laporan.pdf', title: 'Ringkasan', heading: 'Ringkasan' },
  ];
  for (const doc of opened) {
    await list.getByRole('button', { name: doc.title }).click();
    await expect(articleText(page).getByRole('heading', { name: doc.heading })).toBeVisible();
    await expect.poll(() => shownText(page)).toBe(tanda('text', webApp.corpusDir, doc.file));
  }
  // The PDF's second page starts with a marker that is not part of the text.
  await expect(articleText(page).getByRole('separator', { name: 'Page 2' })).toBeAttached();

  const scan = list.getByRole('button', { name: /pindaian\.pdf/ });
  await expect(scan).toHaveAccessibleDescription('Skipped: no text layer (scanned PDF?)');

  await selectPhrase(page, 'pembangunan jalur kereta');
  await page.keyboard.press('1');
  await expect(annotationList(page)).toContainText('p. 1');

  await page.getByRole('button', { name: 'Export CSV' }).click();
  const dialog = page.getByRole('dialog', { name: 'Export' });
  await dialog.getByLabel('Whole corpus').check();
  const download = page.waitForEvent('download');
  await dialog.getByRole('button', { name: 'Export annotations (CSV)' }).click();
  const file = testInfo.outputPath('annotations.csv');
  await (await download).saveAs(file);
  const rows = Papa.parse<Record<string, string>>((await readFile(file, 'utf8')).replace(/^\uFEFF/, ''), {
    header: true,
    skipEmptyLines: true,
  }).data;
  expect(rows).toHaveLength(1);
  const row = rows[0]!;
  expect(row).toMatchObject({ document_path: 'laporan.pdf', quote: 'pembangunan jalur kereta' });
  const text = tanda('text', webApp.corpusDir, 'laporan.pdf');
  expect([...text].slice(Number(row.start), Number(row.end)).join('')).toBe(row.quote);

  // The page attribute of a span: in the Annotations panel, and as the Segments page and filter.
  await dialog.getByRole('button', { name: 'Close' }).click();
  await selectPhrase(page, 'teks lain');
  await page.keyboard.press('1');
  await expect(annotationList(page).getByRole('listitem').filter({ hasText: 'teks lain' })).toContainText(
    'p. 2',
  );
  await page.getByRole('button', { name: 'Segments' }).click();
  const segments = page.getByRole('region', { name: 'Segments' });
  const segmentRows = segments.getByRole('list', { name: 'Coded segments' }).getByRole('listitem');
  await expect(segmentRows).toHaveCount(2);
  await expect(segmentRows.filter({ hasText: 'teks lain' })).toContainText('p. 2');
  const pages = page.getByRole('form', { name: 'Segment filters' }).getByLabel('Pages');
  await pages.fill('2');
  await expect(segmentRows).toHaveCount(1);
  await expect(segmentRows.first().locator('mark')).toHaveText('teks lain');
  await pages.fill('1-2');
  await expect(segmentRows).toHaveCount(2);
  await pages.fill('p. 2');
  await expect(pages).toHaveAttribute('aria-invalid', 'true');
  await expect(pages).toHaveAccessibleDescription('Give a page (3) or a range (2–5)');
});

test.describe('a file still being read', () => {
  // The marker makes the server's extraction worker stall on that file, as a runaway parser would.
  const STALL = 'tanda-e2e-stall-marker';
  test.use({
    annotator: 'Ana',
    serverEnv: { TANDA_TEST_STALL_EXTRACTION: STALL, TANDA_EXTRACTION_TIME_LIMIT_MS: '10000' },
    extraFiles: { 'lambat.html': `<!doctype html><html><body><p>${STALL}</p></body></html>` },
  });

  test('is listed as reading with a count, while the others open; then skipped with the time limit', async ({
    page,
    webApp,
  }) => {
    test.slow();
    await webApp.open(page);
    const list = documents(page);
    await expect(list.getByRole('status')).toHaveText('Reading 0 of 1');
    const row = list.getByRole('button', { name: /lambat\.html/ });
    await expect(row).toHaveAccessibleDescription('Reading…');
    // The plain text articles are ready meanwhile: one opens at once, any other on a click.
    await expect(articleText(page)).toBeVisible();
    await expect(list.getByRole('status')).toHaveText('Reading 0 of 1');
    const first = list.getByRole('button', { name: /^Mendorong dan Meningkatkan/ });
    await first.click();
    await expect(first).toHaveAttribute('aria-current', 'page');

    await expect(row).toHaveAccessibleDescription('Skipped: extraction took longer than 10 s', {
      timeout: 25_000,
    });
    await expect(list.getByRole('status')).toHaveText('');
  });

  test.describe('in Indonesian', () => {
    test.use({ locale: 'id-ID', annotator: null });

    test('the count and the row say so in Indonesian', async ({ page, webApp }) => {
      await page.goto(webApp.openUrl);
      const first = page.getByRole('dialog');
      await first.getByRole('textbox').fill('Ana');
      await first.getByRole('button').last().click();
      const list = page.getByRole('navigation', { name: 'Dokumen' });
      await expect(list.getByRole('status')).toHaveText('Sedang membaca 0 dari 1');
      await expect(list.getByRole('button', { name: /lambat\.html/ })).toHaveAccessibleDescription(
        'Sedang membaca…',
      );
    });
  });
});
