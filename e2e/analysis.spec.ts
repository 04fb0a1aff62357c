import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import Papa from 'papaparse';
import type { Locator, Page } from '@playwright/test';
import {
  annotationList,
  annotationsPanel,
  articleText,
  documents,
  openDocument,
  selectPhrase,
} from './annotate-helpers';
import { expect, test } from './web-fixtures';

test.use({ annotator: 'Ana' });

const TO_LAM = 'Pada malam tanggal 9 Oktober';
const QUANG_NINH = 'Dalam rangka menghadiri Program Pertemuan';

// The suggestion engine has a worker of its own; these tests count the corpus library's.
function libraryWorkers(page: Page): unknown[] {
  return page.workers().filter((worker) => worker.url().includes('library.worker'));
}

function article(page: Page): Locator {
  return page.getByRole('region', { name: 'Article' });
}
function searchField(page: Page): Locator {
  return page.getByRole('searchbox', { name: 'Search corpus' });
}
function filters(page: Page): Locator {
  return page.getByRole('form', { name: 'Segment filters' });
}

/** Tags `phrase` in the open article as a cooperation area with the given sectors. */
async function tagCooperation(page: Page, phrase: string, sectors: string[]): Promise<void> {
  await selectPhrase(page, phrase);
  await page.keyboard.press('3');
  const form = annotationsPanel(page).getByRole('form', { name: 'Selected annotation' });
  for (const sector of sectors) {
    // The box shows what is stored, so it turns checked once the write has committed.
    const box = form.getByRole('group', { name: 'Sector' }).getByLabel(sector, { exact: true });
    await box.click();
    await expect(box).toBeChecked();
  }
  await expect(annotationList(page).getByRole('button', { name: new RegExp(phrase) })).toContainText(
    `Sector: ${sectors.join(', ')}`,
  );
}

/** The cells of the data-table row whose header is `rowName`. */
/** Two rail cooperation areas in different articles, and one commitment beside the second. */
async function tagThreeSegments(page: Page): Promise<void> {
  await openDocument(page, TO_LAM);
  await tagCooperation(page, 'konektivitas kereta api', ['rail']);
  await openDocument(page, QUANG_NINH);
  await tagCooperation(page, 'koneksi kereta api', ['infrastructure & connectivity', 'rail']);
  await selectPhrase(page, 'pembangunan "gerbang perbatasan pintar"');
  await page.keyboard.press('1');
  await expect(annotationList(page).getByRole('listitem')).toHaveCount(2);
}

async function tableRow(table: Locator, rowName: string): Promise<string[]> {
  const row = table
    .getByRole('row')
    .filter({ has: table.page().getByRole('rowheader', { name: rowName, exact: true }) });
  await expect(row).toHaveCount(1);
  return (await row.getByRole('cell').allTextContents()).map((s) => s.trim());
}

test.describe('search', () => {
  test.use({
    extraFiles: {
      '2025-11-02-hanoi.txt': 'Kunjungan ke VIỆT NAM\n\nPresiden Việt Nam menyambut delegasi.\n',
    },
  });

  test('search kereta api with Ctrl+Shift+F and open a hit at its span', async ({ page, webApp }) => {
    // The index lives in a Web Worker; should it fail, search falls back to the page and says so in the console.
    const warnings: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'warning') warnings.push(message.text());
    });
    await webApp.open(page);
    await page.keyboard.press('Control+Shift+F');
    await expect(searchField(page)).toBeFocused();
    await page.keyboard.type('kereta api');
    await page.keyboard.press('Enter');

    const results = page.getByRole('region', { name: 'Search results' });
    // Four of the five sample articles mention it (the index fills in the background).
    await expect(results.getByRole('status')).toHaveText('4 documents for “kereta api”');
    const hit = results.getByRole('listitem').filter({ has: page.getByRole('heading', { name: TO_LAM }) });
    const snippet = hit.getByRole('button', { name: /konektivitas kereta api/ });
    await expect(snippet.locator('mark')).toHaveText('kereta api');
    await snippet.click();

    await expect(article(page).getByRole('heading', { level: 1 })).toContainText(TO_LAM);
    await expect(articleText(page)).toBeFocused();
    await expect.poll(() => page.evaluate(() => window.getSelection()?.toString())).toBe('kereta api');
    // The hit is selected, ready to tag.
    await page
      .getByRole('toolbar', { name: 'Tag selection' })
      .getByRole('button', { name: 'Cooperation area' })
      .click();
    await expect(annotationList(page).getByRole('button', { name: /Cooperation area/ })).toContainText(
      'kereta api',
    );
    expect(warnings.filter((w) => w.includes('worker failed'))).toEqual([]);
    // With fewer than 4 cores (as here and in CI) one worker does both halves.
    const cores = await page.evaluate(() => navigator.hardwareConcurrency);
    expect(libraryWorkers(page)).toHaveLength(cores >= 4 ? 2 : 1);
  });

  test('with four cores or more, two workers share indexing and metadata, with the same results', async ({
    page,
    webApp,
  }) => {
    await page.addInitScript(() =>
      Object.defineProperty(Navigator.prototype, 'hardwareConcurrency', { get: () => 8 }),
    );
    const warnings: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'warning') warnings.push(message.text());
    });
    await webApp.open(page);
    await expect(documents(page).getByRole('button', { name: /^Pada malam/ })).toContainText(
      '2025-10-09 · thanhnien.vn · Indonesian',
    );
    await searchField(page).fill('kereta api');
    await searchField(page).press('Enter');
    await expect(page.getByRole('region', { name: 'Search results' }).getByRole('status')).toHaveText(
      '4 documents for “kereta api”',
    );
    expect(libraryWorkers(page)).toHaveLength(2);
    expect(warnings.filter((w) => w.includes('worker failed'))).toEqual([]);
  });

  test('accents and case are ignored, phrases and prefixes work, and the index follows the folder', async ({
    page,
    webApp,
  }) => {
    await webApp.open(page);
    const field = searchField(page);
    const status = page.getByRole('region', { name: 'Search results' }).getByRole('status');
    await field.fill('viet nam');
    await field.press('Enter');
    await expect(status).toHaveText('1 document for “viet nam”');
    await expect(page.getByRole('region', { name: 'Search results' }).locator('mark').first()).toHaveText(
      'VIỆT NAM',
    );

    // Typed on in the Search view, the results follow: every word somewhere, a phrase as written, prefixes.
    await field.fill('jalan kereta');
    await expect(status).toHaveText('2 documents for “jalan kereta”');
    await field.fill('"jalan kereta"');
    await expect(status).toHaveText('1 document for “"jalan kereta"”');
    await field.fill('konektiv*');
    await expect(status).toHaveText('4 documents for “konektiv*”');
    await field.fill('gerbang perbatasan pint');
    await expect(status).toHaveText('1 document for “gerbang perbatasan pint”');

    await writeFile(
      join(webApp.corpusDir, '2025-12-01-baru.txt'),
      'Jalur kereta api baru\n\nGerbang perbatasan pintar dibuka.\n',
    );
    await expect(status).toHaveText('2 documents for “gerbang perbatasan pint”');
  });
});

test('segments across the corpus: filter by sector = rail, open one, export the view as CSV', async ({
  page,
  webApp,
}, testInfo) => {
  await webApp.open(page);
  await tagThreeSegments(page);

  await page.getByRole('button', { name: 'Segments' }).click();
  const segments = page.getByRole('region', { name: 'Segments' });
  await expect(segments.getByRole('status')).toHaveText('3 segments');
  await filters(page).getByLabel('Sector').selectOption({ label: 'rail' });
  await expect(segments.getByRole('status')).toHaveText('2 of 3 segments');
  const rows = segments.getByRole('list', { name: 'Coded segments' }).getByRole('listitem');
  await expect(rows).toHaveCount(2);
  // Document order: the Quang Ninh file sorts first. Each row shows its quote in its sentence.
  await expect(rows.nth(0)).toContainText(
    'mendorong konektivitas lalu lintas, terutama koneksi kereta api; mempercepat',
  );
  await expect(rows.nth(0).locator('mark')).toHaveText('koneksi kereta api');
  await expect(rows.nth(0)).toContainText('Sector: infrastructure & connectivity, rail');
  await expect(rows.nth(1).locator('mark')).toHaveText('konektivitas kereta api');
  await expect(rows.nth(1)).toContainText('Ana');
  await expect(rows.nth(1)).toContainText('2025-10-09');

  // The text filter searches quotes and notes, ignoring case.
  await filters(page).getByLabel('Filter quotes and notes').fill('KONEKTIVITAS');
  await expect(rows).toHaveCount(1);
  await filters(page).getByLabel('Filter quotes and notes').fill('');
  await expect(rows).toHaveCount(2);

  const download = page.waitForEvent('download');
  await segments.getByRole('button', { name: 'Export these segments (CSV)' }).click();
  const file = testInfo.outputPath('segments.csv');
  await (await download).saveAs(file);
  const parsed = Papa.parse<Record<string, string>>((await readFile(file, 'utf8')).replace(/^\uFEFF/, ''), {
    header: true,
    skipEmptyLines: true,
  });
  expect(parsed.meta.fields!.slice(0, 3)).toEqual(['annotation_id', 'document_id', 'document_path']);
  expect(parsed.meta.fields).toContain('attr:sector');
  expect(parsed.data.map((r) => [r.quote, r['attr:sector']])).toEqual([
    ['koneksi kereta api', 'infrastructure_connectivity; rail'],
    ['konektivitas kereta api', 'rail'],
  ]);

  await rows
    .nth(1)
    .getByRole('button', { name: /^Open Cooperation area “konektivitas kereta api” in Pada malam/ })
    .click();
  await expect(article(page).getByRole('heading', { level: 1 })).toContainText(TO_LAM);
  const selected = annotationsPanel(page).getByRole('form', { name: 'Selected annotation' });
  await expect(selected).toContainText('konektivitas kereta api');

  // The filters are kept for the next visit.
  await page.getByRole('button', { name: 'Segments' }).click();
  await expect(segments.getByRole('status')).toHaveText('2 of 3 segments');
});

test('charts count the filtered segments, show their data and save as PNG and SVG', async ({
  page,
  webApp,
}, testInfo) => {
  await webApp.open(page);
  await tagThreeSegments(page);

  await page.getByRole('button', { name: 'Charts' }).click();
  const charts = page.getByRole('region', { name: 'Charts' });
  await expect(charts.getByRole('status')).toHaveText('3 segments');

  const perDocument = charts.getByRole('figure', { name: 'Tag counts per document' });
  await perDocument.getByText('Data', { exact: true }).click();
  const perDocumentData = perDocument.getByRole('table', { name: 'Tag counts per document data' });
  await expect(perDocumentData.getByRole('columnheader')).toHaveText([
    'Document',
    'Commitment',
    'Cooperation area',
    'Total',
  ]);
  expect(await tableRow(perDocumentData, '2025-02-20-quang-ninh-guangxi.txt')).toEqual(['1', '1', '2']);
  expect(await tableRow(perDocumentData, '2025-10-09-to-lam-bertemu-li-qiang.txt')).toEqual(['0', '1', '1']);

  const values = charts.getByRole('figure', { name: 'Attribute values per tag' });
  await values
    .getByRole('combobox', { name: 'Attribute' })
    .selectOption({ label: 'Cooperation area · Sector' });
  await values.getByText('Data', { exact: true }).click();
  const valuesData = values.getByRole('table', { name: 'Attribute values per tag data' });
  expect(await tableRow(valuesData, 'rail')).toEqual(['2']);
  expect(await tableRow(valuesData, 'infrastructure & connectivity')).toEqual(['1']);
  expect(await tableRow(valuesData, 'trade')).toEqual(['0']);

  const matrix = charts.getByRole('figure', { name: 'Co-occurrence' });
  await matrix.getByText('Data', { exact: true }).click();
  const matrixData = matrix.getByRole('table', { name: 'Co-occurrence data' });
  // The commitment and the Quang Ninh rail segment share a paragraph.
  expect(await tableRow(matrixData, 'Commitment')).toEqual(['0', '1']);
  await matrix.getByRole('combobox', { name: 'Matrix' }).selectOption({ label: 'Tag × attribute value' });
  // Pairs of two different segments: the rail segment is not counted with itself, so only Commitment meets rail.
  await expect(matrixData.getByRole('columnheader')).toHaveText(['Attribute value', 'Commitment']);
  expect(await tableRow(matrixData, 'Cooperation area · Sector = rail')).toEqual(['1']);

  const overTime = charts.getByRole('figure', { name: 'Counts over document dates' });
  await overTime.getByText('Data', { exact: true }).click();
  const overTimeData = overTime.getByRole('table', { name: 'Counts over document dates data' });
  expect(await tableRow(overTimeData, '2025-02')).toEqual(['1', '1', '2']);
  expect(await tableRow(overTimeData, '2025-10')).toEqual(['0', '1', '1']);
  await expect(overTimeData.getByRole('row')).toHaveCount(1 + 9); // 2025-02 … 2025-10

  // Something is drawn on every canvas.
  for (const figure of [perDocument, values, matrix, overTime]) {
    const canvas = figure.getByRole('img').locator('canvas').first();
    await expect(canvas).toBeVisible();
    const inked = await canvas.evaluate((c: HTMLCanvasElement) => {
      const data = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
      let n = 0;
      for (let i = 3; i < data.length; i += 4) if (data[i]! > 0) n++;
      return n;
    });
    expect(inked).toBeGreaterThan(500);
  }
  // The charts follow the Segments filters.
  await filters(page).getByLabel('Sector').selectOption({ label: 'rail' });
  await expect(charts.getByRole('status')).toHaveText('2 of 3 segments');
  await expect(perDocumentData.getByRole('columnheader')).toHaveText([
    'Document',
    'Cooperation area',
    'Total',
  ]);
  expect(await tableRow(overTimeData, '2025-02')).toEqual(['1', '1']);

  await testInfo.attach('charts', { body: await charts.screenshot(), contentType: 'image/png' });

  const svgDownload = page.waitForEvent('download');
  await perDocument.getByRole('button', { name: 'Save Tag counts per document as SVG' }).click();
  const svgFile = testInfo.outputPath('chart.svg');
  await (await svgDownload).saveAs(svgFile);
  const svg = await readFile(svgFile, 'utf8');
  expect(svg).toMatch(/^<svg[\s>]/);
  expect(svg).toContain('Cooperation area');

  const pngDownload = page.waitForEvent('download');
  await perDocument.getByRole('button', { name: 'Save Tag counts per document as PNG' }).click();
  const pngFile = testInfo.outputPath('chart.png');
  await (await pngDownload).saveAs(pngFile);
  expect([...(await readFile(pngFile)).subarray(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]);
});

test('document metadata in the list, a corrected date, and the date filter', async ({ page, webApp }) => {
  await webApp.open(page);
  const list = documents(page);
  await expect(list.getByRole('button', { name: /^Pada malam/ })).toContainText(
    '2025-10-09 · thanhnien.vn · Indonesian',
  );
  await expect(list.getByRole('button', { name: /^Mendorong dan Meningkatkan/ })).toContainText(
    '2024-10 · VOVWORLD · Indonesian',
  );

  await openDocument(page, TO_LAM);
  await tagCooperation(page, 'konektivitas kereta api', ['rail']);
  const date = article(page).getByLabel('Document date');
  await expect(date).toHaveValue('2025-10-09');
  await date.fill('2024-13-01');
  await date.press('Enter');
  await expect(article(page).getByRole('alert')).toContainText('no month 13');
  await date.fill('2024-10-12');
  await date.press('Enter');
  await expect(article(page)).toContainText('set by you');
  await expect(list.getByRole('button', { name: /^Pada malam/ })).toContainText('2024-10-12 · thanhnien.vn');

  await page.getByRole('button', { name: 'Segments' }).click();
  const segments = page.getByRole('region', { name: 'Segments' });
  await filters(page).getByLabel('Date from').fill('2025');
  await expect(segments.getByRole('status')).toHaveText('0 of 1 segment');
  await filters(page).getByLabel('Date from').fill('2024-10');
  await filters(page).getByLabel('Date to').fill('2024-10-31');
  await expect(segments.getByRole('status')).toHaveText('1 segment');

  // Back to the detected date.
  await segments.getByRole('button', { name: /^Open Cooperation area/ }).click();
  await article(page).getByRole('button', { name: 'Use detected date (2025-10-09)' }).click();
  await expect(date).toHaveValue('2025-10-09');
  await expect(article(page)).toContainText('from the file name');
});
