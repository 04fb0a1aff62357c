import { readdir, readFile, writeFile } from 'node:fs/promises';
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
  const confirm = dialog.getByRole('alertdialog', { name: 'Restore this backup?' });
  // What the backup holds, read before anything is replaced, against what is there now.
  await expect(confirm).toContainText(
    'It holds 1 annotation by Ana in 1 document, 0 document statuses, 1 corrected date, a codebook of 3 tags. Now there are 2 annotations.',
  );
  await confirm.getByRole('button', { name: 'Restore backup' }).click();
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

test('a damaged backup is refused when chosen, before anything is backed up or replaced', async ({
  page,
  webApp,
}) => {
  await webApp.open(page);
  await openDocument(page, TO_LAM);
  await selectPhrase(page, 'pariwisata');
  await page.keyboard.press('3');
  await expect(annotationList(page).getByRole('listitem')).toHaveCount(1);

  await page.getByRole('button', { name: 'Backups' }).click();
  const dialog = page.getByRole('dialog', { name: 'Backups' });
  await dialog.getByRole('button', { name: 'Back up now' }).click();
  await expect(dialog.getByRole('table', { name: 'Backups, newest first' }).getByRole('row')).toHaveCount(2);
  const [name] = await readdir(webApp.backupsDir);
  const file = join(webApp.backupsDir, name!);
  const bundle = JSON.parse(await readFile(file, 'utf8')) as { annotations: { start: unknown }[] };
  bundle.annotations[0]!.start = 'nine';
  await writeFile(file, JSON.stringify(bundle));

  await dialog.getByRole('button', { name: /^Restore backup from/ }).click();
  const confirm = dialog.getByRole('alertdialog', { name: 'Restore this backup?' });
  await expect(confirm.getByRole('alert')).toContainText(`${name} cannot be restored`);
  await expect(confirm.getByRole('alert')).toContainText(
    'annotations[0].start: Invalid input: expected number',
  );
  await expect(confirm.getByRole('button', { name: 'Restore backup' })).toBeDisabled();
  await confirm.getByRole('button', { name: 'Cancel' }).click();
  await dialog.getByRole('button', { name: 'Close' }).last().click();
  await expect(annotationList(page).getByRole('listitem')).toHaveCount(1);
  expect(await readdir(webApp.backupsDir)).toEqual([name]);
});
