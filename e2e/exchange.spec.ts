import { execFileSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import Papa from 'papaparse';
import { annotationList, annotationsPanel, openDocument, selectPhrase } from './annotate-helpers';
import { expect, repoRoot, test } from './web-fixtures';

test.use({ annotator: 'Ana' });
const TO_LAM = 'Pada malam tanggal 9 Oktober';
const TO_LAM_FILE = '2025-10-09-to-lam-bertemu-li-qiang.txt';

function tanda(...args: string[]): string {
  return execFileSync(process.execPath, [join(repoRoot, 'bin/tanda.cjs'), ...args], { encoding: 'utf8' });
}

test('Export CSV downloads a file that parses and holds the annotation at its offsets', async ({
  page,
  webApp,
}, testInfo) => {
  await webApp.open(page);
  await openDocument(page, TO_LAM);
  await selectPhrase(page, 'kerja sama keamanan dan pertahanan');
  await page.keyboard.press('3');
  const form = annotationsPanel(page).getByRole('form', { name: 'Selected annotation' });
  await form.getByRole('group', { name: 'Sector' }).getByLabel('security & defence').check();
  await form.getByLabel('Note').fill('=SUM(A1) "kutipan", baris\nkedua');
  await form.getByLabel('Note').blur();
  await expect(annotationList(page)).toContainText('Sector: security & defence');

  await page.getByRole('button', { name: 'Export CSV' }).click();
  const dialog = page.getByRole('dialog', { name: 'Export' });
  await dialog.getByLabel('Whole corpus').check();
  const download = page.waitForEvent('download');
  await dialog.getByRole('button', { name: 'Export annotations (CSV)' }).click();
  const file = testInfo.outputPath('annotations.csv');
  await (await download).saveAs(file);
  await expect(dialog.getByRole('status')).toContainText('1 annotations');

  const bytes = await readFile(file);
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const parsed = Papa.parse<Record<string, string>>(bytes.toString('utf8').slice(1), {
    header: true,
    skipEmptyLines: true,
  });
  expect(parsed.errors).toEqual([]);
  expect(parsed.meta.fields!.slice(0, 16)).toEqual([
    'annotation_id',
    'document_id',
    'document_path',
    'document_title',
    'content_sha256',
    'annotator',
    'tag',
    'tag_label',
    'start',
    'end',
    'quote',
    'prefix',
    'suffix',
    'note',
    'created_at',
    'updated_at',
  ]);
  const row = parsed.data[0]!;
  expect(row).toMatchObject({
    annotator: 'Ana',
    tag: 'cooperation_area',
    document_path: TO_LAM_FILE,
    'attr:sector': 'security_defence',
  });
  expect(row.note).toBe('\'=SUM(A1) "kutipan", baris\nkedua'); // the formula guard, reversible
  const text = tanda('text', webApp.corpusDir, TO_LAM_FILE);
  expect([...text].slice(Number(row.start), Number(row.end)).join('')).toBe(row.quote);
  expect(tanda('csv-check', '--corpus', webApp.corpusDir, file)).toMatch(/^ok: 1 row/);
});

test("import another annotator's CSV and see it under that annotator", async ({ page, webApp }) => {
  await webApp.open(page);
  await openDocument(page, TO_LAM);
  const text = tanda('text', webApp.corpusDir, TO_LAM_FILE);
  const quote = 'konektivitas kereta api';
  const start = [...text].join('').indexOf(quote); // ASCII before it: UTF-16 index = code point index
  const csv = Papa.unparse([
    {
      annotator: 'Budi',
      tag: 'cooperation_area',
      document_path: TO_LAM_FILE,
      start,
      end: start + quote.length,
      quote,
      'attr:sector': 'rail',
      note: 'dari Budi',
    },
  ]);

  await page.getByRole('button', { name: 'Import' }).click();
  const dialog = page.getByRole('dialog', { name: 'Import annotations' });
  await dialog
    .getByLabel('File to import')
    .setInputFiles({ name: 'budi.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  const preview = dialog.getByRole('region', { name: 'Import preview' });
  await expect(preview).toContainText('1 rows');
  await expect(preview).toContainText('Annotators: Budi');
  await dialog.getByRole('button', { name: 'Import 1 annotations' }).click();
  await expect(dialog).toBeHidden();

  const panel = annotationsPanel(page);
  await panel.getByRole('group', { name: 'Show annotators' }).getByLabel('Budi').check();
  const item = annotationList(page).getByRole('button', { name: /Cooperation area · Budi/ });
  await expect(item).toContainText(quote);
  await expect(item).toContainText('Sector: rail');

  // The same file again adds nothing.
  await page.getByRole('button', { name: 'Import' }).click();
  await dialog
    .getByLabel('File to import')
    .setInputFiles({ name: 'budi.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await expect(preview).toContainText('0 new annotations, 1 already in the database');
});

test('a CSV with bad rows is refused whole, with problems by row', async ({ page, webApp }) => {
  await webApp.open(page);
  await openDocument(page, TO_LAM);
  const csv = [
    'annotator,tag,document_path,start,end,quote',
    `Budi,commitment,${TO_LAM_FILE},0,4,Pada`,
    `Budi,commitment,${TO_LAM_FILE},10,x,malam`,
    `Budi,commitment,hilang.txt,0,4,Pada`,
    `Budi,nonsense,${TO_LAM_FILE},0,4,Pada`,
  ].join('\n');
  await page.getByRole('button', { name: 'Import' }).click();
  const dialog = page.getByRole('dialog', { name: 'Import annotations' });
  await dialog
    .getByLabel('File to import')
    .setInputFiles({ name: 'bad.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  const problems = dialog.getByRole('list', { name: 'Import problems' });
  await expect(problems).toContainText('row 3');
  await expect(problems).toContainText('row 4');
  await expect(problems).toContainText('row 5');
  await expect(dialog.getByRole('button', { name: /^Import \d+ annotations/ })).toHaveCount(0);

  await dialog.getByLabel('File to import').setInputFiles({
    name: 'latin1.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from([0x61, 0x6e, 0x6e, 0x6f, 0x74, 0x61, 0x74, 0x6f, 0x72, 0x0a, 0xe9, 0x0a]),
  });
  await expect(dialog.getByRole('alert')).toContainText(/UTF-8/);
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(annotationList(page)).toHaveCount(0);
});

test('the W3C export names the text its positions count in and the language detected in it', async ({
  page,
  webApp,
}, testInfo) => {
  await webApp.open(page);
  // The list shows the detected language once the library has described the corpus.
  await expect(page.getByRole('navigation', { name: 'Documents' })).toContainText('Indonesian');
  await openDocument(page, TO_LAM);
  await selectPhrase(page, 'kerja sama keamanan dan pertahanan');
  await page.keyboard.press('1');
  await expect(annotationList(page).getByRole('listitem')).toHaveCount(1);

  await page.getByRole('button', { name: 'Export CSV' }).click();
  const dialog = page.getByRole('dialog', { name: 'Export' });
  const download = page.waitForEvent('download');
  await dialog.getByRole('button', { name: 'Export W3C Web Annotations (JSON-LD)' }).click();
  const file = testInfo.outputPath('annotations.jsonld');
  await (await download).saveAs(file);
  const collection = JSON.parse(await readFile(file, 'utf8'));
  const items = collection.first?.items ?? collection.items;
  expect(items).toHaveLength(1);
  const target = items[0].target;
  expect(target.language).toBe('id');
  expect(target.state).toEqual(
    expect.objectContaining({ id: expect.stringMatching(/^urn:tanda:normalized-text:sha256:[0-9a-f]{64}$/) }),
  );
});
