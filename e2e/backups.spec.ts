import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { annotationList, openDocument, selectPhrase } from './annotate-helpers';
import { expect, test } from './web-fixtures';

test.use({ annotator: 'Ana' });
const TO_LAM = 'Pada malam tanggal 9 Oktober';

test('back up by hand, then restore it after the current state is backed up', async ({ page, webApp }) => {
  await webApp.open(page);
  await openDocument(page, TO_LAM);
  await selectPhrase(page, 'kerja sama keamanan dan pertahanan');
  await page.keyboard.press('3');
  await expect(annotationList(page).getByRole('listitem')).toHaveCount(1);
  // A corrected date is work too: it goes into the backup and comes back with it.
  const date = page.getByRole('region', { name: 'Article' }).getByLabel('Document date');
  await date.fill('2024-01-15');
  await date.press('Enter');
  await expect(page.getByRole('region', { name: 'Article' }).getByText('set by you')).toBeVisible();

  await page.getByRole('button', { name: 'Backups' }).click();
  const dialog = page.getByRole('dialog', { name: 'Backups' });
  await dialog.getByRole('button', { name: 'Back up now' }).click();
  const table = dialog.getByRole('table', { name: 'Backups, newest first' });
  await expect(table.getByRole('row')).toHaveCount(2); // header + one backup
  await dialog.getByRole('button', { name: 'Close' }).last().click();

  await selectPhrase(page, 'pariwisata');
  await page.keyboard.press('3');
  await expect(annotationList(page).getByRole('listitem')).toHaveCount(2);
  await date.fill('2023');
  await date.press('Enter');
  await expect(date).toHaveValue('2023');

  await page.getByRole('button', { name: 'Backups' }).click();
  await dialog.getByRole('button', { name: /^Restore backup from/ }).click();
  await dialog.getByRole('alertdialog', { name: 'Restore this backup?' }).getByRole('button', { name: 'Restore backup' }).click();
  await expect(dialog).toBeHidden();
  await expect(annotationList(page).getByRole('listitem')).toHaveCount(1);
  await expect(annotationList(page)).toContainText('kerja sama keamanan dan pertahanan');
  await expect(date).toHaveValue('2024-01-15');

  const files = await readdir(webApp.backupsDir);
  expect(files.filter((f) => f.endsWith('-manual.json'))).toHaveLength(1);
  const before = files.filter((f) => f.endsWith('-before-restore.json'));
  expect(before).toHaveLength(1);
  const saved = JSON.parse(await readFile(join(webApp.backupsDir, before[0]!), 'utf8')) as {
    annotations: unknown[];
    documentDates: { date: string }[];
  };
  expect(saved.annotations).toHaveLength(2);
  expect(saved.documentDates.map((d) => d.date)).toEqual(['2023']);
});

test('stopping browser mode with a tab open writes a quit backup first', async ({ page, webApp }) => {
  await webApp.open(page);
  await openDocument(page, TO_LAM);
  await selectPhrase(page, 'pariwisata');
  await page.keyboard.press('3');
  await expect(annotationList(page).getByRole('listitem')).toHaveCount(1);
  expect(await webApp.stop()).toBe(0);
  const quitBackups = (await readdir(webApp.backupsDir)).filter((f) => f.endsWith('-quit.json'));
  expect(quitBackups).toHaveLength(1);
  const bundle = JSON.parse(await readFile(join(webApp.backupsDir, quitBackups[0]!), 'utf8')) as {
    format: string;
    annotations: { quote: string }[];
  };
  expect(bundle.format).toBe('tanda-bundle');
  expect(bundle.annotations.map((a) => a.quote)).toEqual(['pariwisata']);
});
