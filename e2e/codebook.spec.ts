import { readFile } from 'node:fs/promises';
import { annotationList, annotationsPanel, documents, openDocument, selectPhrase } from './annotate-helpers';
import { expect, test } from './web-fixtures';

test.use({ annotator: 'Ana' });

const TO_LAM = 'Pada malam tanggal 9 Oktober';

test('rename, retire and add tags: ids stay, annotations of a retired tag are kept', async ({
  page,
  webApp,
}) => {
  await webApp.open(page);
  await openDocument(page, TO_LAM);
  await selectPhrase(page, 'kerja sama keamanan dan pertahanan');
  await page.keyboard.press('1');
  await selectPhrase(page, 'kepercayaan politik', 0);
  await page.keyboard.press('2');
  await expect(annotationList(page).getByRole('listitem')).toHaveCount(2);

  await page.getByRole('button', { name: 'Codebook' }).click();
  const dialog = page.getByRole('dialog', { name: 'Codebook' });
  const tags = dialog.getByRole('region', { name: 'Tags' });
  await tags.getByRole('button', { name: /Commitment/ }).click();
  await dialog.getByLabel('Tag label', { exact: true }).fill('Janji');
  await dialog.getByLabel('Tag label', { exact: true }).press('Enter');
  await expect(tags.getByRole('button', { name: /Janji/ })).toContainText('id: commitment');

  await tags.getByRole('button', { name: /Dispute/ }).click();
  await dialog.getByRole('button', { name: 'Retire tag' }).click();
  await expect(dialog).toContainText('Its 1 annotation is kept and shown as retired.');

  await dialog.getByLabel('New tag label').fill('Konektivitas');
  await dialog.getByRole('button', { name: 'Add tag' }).click();
  await expect(tags.getByRole('button', { name: /Konektivitas/ })).toBeVisible();
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(dialog).toBeHidden();

  const list = annotationList(page);
  await expect(list.getByRole('button', { name: /Janji/ })).toContainText(
    'kerja sama keamanan dan pertahanan',
  );
  await expect(list.getByRole('button', { name: /Dispute \(retired\)/ })).toContainText(
    'kepercayaan politik',
  );
  await selectPhrase(page, 'pariwisata');
  const toolbar = page.getByRole('toolbar', { name: 'Tag selection' });
  await expect(toolbar.getByRole('button', { name: 'Dispute' })).toHaveCount(0);
  await toolbar.getByRole('button', { name: 'Konektivitas' }).click();
  await expect(list.getByRole('button', { name: /Konektivitas/ })).toContainText('pariwisata');

  // The edited codebook survives a reload.
  await page.reload();
  await expect(annotationsPanel(page).getByRole('group', { name: 'Filter by tag' })).toContainText('Janji 1');
});

test('export the codebook as JSON and refuse an import that drops a used tag', async ({
  page,
  webApp,
}, testInfo) => {
  await webApp.open(page);
  await openDocument(page, TO_LAM);
  await selectPhrase(page, 'kepercayaan politik', 0);
  await page.keyboard.press('2');
  await expect(annotationList(page).getByRole('listitem')).toHaveCount(1);

  await page.getByRole('button', { name: 'Codebook' }).click();
  const dialog = page.getByRole('dialog', { name: 'Codebook' });
  const download = page.waitForEvent('download');
  await dialog.getByRole('button', { name: 'Export codebook' }).click();
  const file = testInfo.outputPath('codebook.json');
  await (await download).saveAs(file);
  await expect(dialog.getByText(/^Exported 3 tags: Downloaded .+\.json\.$/)).toBeVisible();
  const exported = JSON.parse(await readFile(file, 'utf8')) as { tags: { id: string }[] };
  expect(exported.tags.map((t) => t.id)).toEqual(['commitment', 'dispute', 'cooperation_area']);

  const withoutDispute = { ...exported, tags: exported.tags.filter((t) => t.id !== 'dispute') };
  await dialog.getByLabel('Import codebook').setInputFiles({
    name: 'smaller.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify(withoutDispute)),
  });
  await expect(dialog.getByRole('alert')).toContainText(/dispute/i);
  await expect(
    dialog.getByRole('region', { name: 'Tags' }).getByRole('button', { name: /Dispute/ }),
  ).toBeVisible();

  await dialog.getByLabel('Import codebook').setInputFiles({
    name: 'broken.json',
    mimeType: 'application/json',
    buffer: Buffer.from('{"version": 1, "tags": [}'),
  });
  await expect(dialog.getByRole('alert')).toContainText(/line 1, column/);
});

test("another annotator's work is shown read-only when chosen", async ({ page, webApp }) => {
  await webApp.open(page);
  await openDocument(page, TO_LAM);
  await selectPhrase(page, 'kerja sama keamanan dan pertahanan');
  await page.keyboard.press('1');
  await expect(annotationList(page).getByRole('listitem')).toHaveCount(1);

  await page.getByRole('button', { name: 'Settings' }).click();
  const settings = page.getByRole('dialog', { name: 'Settings' });
  await settings.getByLabel('Annotator').fill('Budi');
  // Another person at this machine, not a rename: Ana's work stays Ana's.
  await settings.getByLabel('Rename my annotations and statuses too').uncheck();
  await settings.getByRole('button', { name: 'Save settings' }).click();
  await expect(settings).toBeHidden();

  const panel = annotationsPanel(page);
  await expect(panel.getByRole('list', { name: 'Annotations in text order' })).toHaveCount(0);
  await panel.getByRole('group', { name: 'Show annotators' }).getByLabel('Ana').check();
  const item = annotationList(page).getByRole('button', { name: /Commitment · Ana/ });
  await item.click();
  const form = panel.getByRole('form', { name: 'Selected annotation' });
  await expect(form).toContainText('By Ana: read-only');
  await expect(form.getByLabel('Actor')).toBeDisabled();
  await expect(form.getByRole('button', { name: 'Delete annotation' })).toBeDisabled();
});

test('document status is set per document and shown in the list', async ({ page, webApp }) => {
  await webApp.open(page);
  await openDocument(page, TO_LAM);
  await page
    .getByRole('region', { name: 'Article' })
    .getByLabel('Document status')
    .selectOption({ label: 'Done' });
  const entry = documents(page).getByRole('button', { name: TO_LAM });
  await expect(entry).toContainText('Done');
  await page.reload();
  await expect(documents(page).getByRole('button', { name: TO_LAM })).toContainText('Done');
  await expect(page.getByRole('region', { name: 'Article' }).getByLabel('Document status')).toHaveValue(
    'done',
  );
});
