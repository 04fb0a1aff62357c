import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { strToU8, zipSync } from 'fflate';
import { spawnBrowserMode } from '../src/main/web/web-child';
import {
  annotationList,
  annotationsPanel,
  openDocument,
  selectPhrase,
  startAnnotating,
} from './annotate-helpers';
import { expect, test } from './web-fixtures';

test.use({ annotator: 'Ana' });
const TO_LAM = 'Pada malam tanggal 9 Oktober';
const QUOTE = 'kerja sama keamanan dan pertahanan';

test('a QDPX export imports into a fresh origin with the same annotations; a workbook keeps notes as text', async ({
  page,
  browser,
  webApp,
}, testInfo) => {
  test.setTimeout(120_000);
  await webApp.open(page);
  await openDocument(page, TO_LAM);
  await selectPhrase(page, QUOTE);
  await page.keyboard.press('3');
  const form = annotationsPanel(page).getByRole('form', { name: 'Selected annotation' });
  await form.getByRole('group', { name: 'Sector' }).getByLabel('security & defence').check();
  await form.getByLabel('Note').fill('2025-10-09 and 0012345');
  await form.getByLabel('Note').blur();
  await expect(annotationList(page)).toContainText('Sector: security & defence');

  await page.getByRole('button', { name: 'Export CSV' }).click();
  const dialog = page.getByRole('dialog', { name: 'Export' });
  await dialog.getByLabel('Whole corpus').check();
  const projectDownload = page.waitForEvent('download');
  await dialog.getByRole('button', { name: 'Export REFI-QDA project (QDPX)' }).click();
  const project = testInfo.outputPath('project.qdpx');
  await (await projectDownload).saveAs(project);
  await expect(dialog.getByRole('status')).toContainText('5 documents, 1 annotations');

  const bookDownload = page.waitForEvent('download');
  await dialog.getByRole('button', { name: 'Export Excel workbook (XLSX)' }).click();
  const bookFile = testInfo.outputPath('annotations.xlsx');
  await (await bookDownload).saveAs(bookFile);
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(bookFile);
  const sheet = book.getWorksheet('Annotations')!;
  expect(sheet.getRow(1).getCell(14).value).toBe('note');
  expect(sheet.getRow(2).getCell(14).value).toBe('2025-10-09 and 0012345');
  expect(sheet.getRow(2).getCell(11).value).toBe(QUOTE);

  // Another port is another origin: an empty database, the same corpus folder.
  const dataDir = await mkdtemp(join(tmpdir(), 'tanda-e2e-fresh-'));
  const fresh = await spawnBrowserMode({ corpusDir: webApp.corpusDir, dataDir, timeoutMs: 20_000 });
  const other = await browser.newPage();
  try {
    await other.goto(fresh.openUrl);
    await startAnnotating(other, 'Eve');
    await other.getByRole('button', { name: 'Import' }).click();
    const importDialog = other.getByRole('dialog', { name: 'Import annotations' });
    await importDialog.getByLabel('File to import').setInputFiles(project);
    const preview = importDialog.getByRole('region', { name: 'Import preview' });
    await expect(preview).toContainText('5 text source(s) (5 already in the corpus, 0 new)');
    await expect(preview).toContainText('1 user(s) (Ana)');
    await expect(preview).toContainText('1 selection(s) → 1 annotation(s)');
    await importDialog.getByRole('button', { name: 'Import 1 annotations' }).click();
    await expect(importDialog).toBeHidden();

    await openDocument(other, TO_LAM);
    await annotationsPanel(other).getByRole('group', { name: 'Show annotators' }).getByLabel('Ana').check();
    const item = annotationList(other).getByRole('button', { name: /Cooperation area · Ana/ });
    await expect(item).toContainText(QUOTE);
    await expect(item).toContainText('Sector: security & defence');
  } finally {
    await other.close();
    await fresh.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
});

test('a malformed QDPX is refused whole, saying where', async ({ page, webApp }) => {
  await webApp.open(page);
  await page.getByRole('button', { name: 'Import' }).click();
  const dialog = page.getByRole('dialog', { name: 'Import annotations' });
  await dialog
    .getByLabel('File to import')
    .setInputFiles({ name: 'broken.qdpx', mimeType: 'application/zip', buffer: Buffer.from('not a zip') });
  await expect(dialog.getByRole('alert')).toContainText('not a zip archive');
  await expect(dialog.getByRole('button', { name: /^Import \d+ annotations/ })).toHaveCount(0);
});

test("another tool's project: its source becomes a document in the chosen folder, its code a tag", async ({
  page,
  webApp,
}) => {
  await webApp.open(page);
  const g = (n: number): string => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
  const xml = `<?xml version="1.0" encoding="utf-8"?>
<Project xmlns="urn:QDA-XML:project:1.0" name="Trial">
  <Users><User guid="${g(1)}" name="Maria"/></Users>
  <CodeBook><Codes><Code guid="${g(10)}" name="Economy" isCodable="true"/></Codes></CodeBook>
  <Sources>
    <TextSource guid="${g(20)}" name="Interview 1" plainTextPath="internal://${g(20)}.txt">
      <PlainTextSelection guid="${g(30)}" name="trade deal" startPosition="13" endPosition="23" creatingUser="${g(1)}">
        <Coding guid="${g(40)}" creatingUser="${g(1)}"><CodeRef targetGUID="${g(10)}"/></Coding>
      </PlainTextSelection>
      <PlainTextSelection guid="${g(31)}" startPosition="3" endPosition="3" creatingUser="${g(1)}">
        <Coding guid="${g(41)}" creatingUser="${g(1)}"><CodeRef targetGUID="${g(10)}"/></Coding>
      </PlainTextSelection>
    </TextSource>
  </Sources>
</Project>`;
  const zip = zipSync({
    'Trial.qde': strToU8(xml),
    [`Sources/${g(20)}.txt`]: strToU8('Line one.\r\nA trade deal.\r\n'),
  });
  await page.getByRole('button', { name: 'Import' }).click();
  const dialog = page.getByRole('dialog', { name: 'Import annotations' });
  await dialog
    .getByLabel('File to import')
    .setInputFiles({ name: 'Trial.qdpx', mimeType: 'application/zip', buffer: Buffer.from(zip) });
  const preview = dialog.getByRole('region', { name: 'Import preview' });
  await expect(preview).toContainText('1 text source(s) (0 already in the corpus, 1 new)');
  const adaptations = dialog.getByRole('list', { name: 'Adaptations' });
  await expect(adaptations).toContainText('the project file is named Trial.qde');
  await expect(adaptations).toContainText('1 zero-length selection(s) skipped');
  await expect(adaptations).toContainText('counted the CR of CRLF');
  await dialog.getByLabel(/Folder for the 1 new documents/).fill('from-qda/Trial');
  await dialog.getByRole('button', { name: 'Import 1 annotations' }).click();
  await expect(dialog).toBeHidden();

  expect(await readFile(join(webApp.corpusDir, 'from-qda/Trial/Interview 1.txt'), 'utf8')).toBe(
    'Line one.\nA trade deal.\n',
  );
  await openDocument(page, 'Line one.');
  await annotationsPanel(page).getByRole('group', { name: 'Show annotators' }).getByLabel('Maria').check();
  await expect(annotationList(page).getByRole('button', { name: /Economy · Maria/ })).toContainText(
    'trade deal',
  );
});
