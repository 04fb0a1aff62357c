import type { Page } from '@playwright/test';
import { spawnBrowserMode } from '../src/main/web/web-child';
import { openDocument, selectPhrase, startAnnotating } from './annotate-helpers';
import { expect, test } from './web-fixtures';

test.use({ annotator: 'Ana' });

const TO_LAM = 'Pada malam tanggal 9 Oktober';

function teamRows(page: Page) {
  return page
    .getByRole('dialog', { name: 'Team' })
    .getByRole('table', { name: 'Annotators in this project' });
}

test('two analysts on one shared corpus folder see each other without reloading', async ({
  page,
  browser,
  webApp,
}) => {
  test.setTimeout(90_000);
  // Ana turns sharing on, after being told what it writes.
  await webApp.open(page);
  await page.getByRole('button', { name: 'Team' }).click();
  const team = page.getByRole('dialog', { name: 'Team' });
  await team.getByRole('button', { name: 'Share annotations through this folder' }).click();
  await expect(team).toContainText('.tanda/project.json');
  await team.getByRole('button', { name: 'Share this folder' }).click();
  await expect(team.getByRole('status').first()).toContainText('This corpus folder is shared');
  await team.getByRole('button', { name: 'Close' }).click();

  // Budi runs his own Tanda (another server, another browser) on the same folder, a network drive.
  const second = await spawnBrowserMode({
    corpusDir: webApp.corpusDir,
    dataDir: `${webApp.corpusDir}-data-b`,
    timeoutMs: 20_000,
  });
  const context = await browser.newContext();
  try {
    const budi = await context.newPage();
    await budi.goto(second.openUrl);
    await startAnnotating(budi, 'budi');

    await openDocument(page, TO_LAM);
    await selectPhrase(page, 'konektivitas kereta api');
    await page
      .getByRole('toolbar', { name: 'Tag selection' })
      .getByRole('button', { name: 'Cooperation area' })
      .click();
    await page.getByLabel('Document status').selectOption('in_progress');

    // Budi sees Ana's work in Compare within seconds, without reloading.
    await budi.getByRole('button', { name: 'Compare' }).click();
    const pickers = budi
      .getByRole('region', { name: 'Compare' })
      .getByRole('group', { name: 'Annotators to compare' });
    await expect(pickers.getByLabel('Ana')).toBeVisible({ timeout: 10_000 });

    // Budi tags too, then renames himself: his work follows the new name.
    await budi.getByRole('button', { name: 'Annotate' }).click();
    await openDocument(budi, TO_LAM);
    await selectPhrase(budi, 'kerja sama keamanan dan pertahanan');
    await budi
      .getByRole('toolbar', { name: 'Tag selection' })
      .getByRole('button', { name: 'Cooperation area' })
      .click();
    await budi.getByLabel('Document status').selectOption('done');
    await budi.getByRole('button', { name: 'Settings' }).click();
    const settings = budi.getByRole('dialog', { name: 'Settings' });
    await settings.getByLabel('Annotator').fill('Budi');
    await expect(settings.getByLabel('Rename my annotations and statuses too')).toBeChecked();
    await settings.getByRole('button', { name: 'Save settings' }).click();
    await expect(settings).toBeHidden();

    // Ana's Team panel shows both, with their statuses, and no "budi" left.
    await page.getByRole('button', { name: 'Team' }).click();
    await expect(teamRows(page).getByRole('rowheader')).toHaveText(['Ana', 'Budi'], { timeout: 10_000 });
    const budiRow = teamRows(page).getByRole('row', { name: /^Budi/ });
    await expect(budiRow.getByRole('cell')).toHaveText(['1', '1', '0', '0', '1', /./]);
    const anaRow = teamRows(page).getByRole('row', { name: /^Ana/ });
    await expect(anaRow.getByRole('cell')).toHaveText(['1', '1', '0', '1', '0', /./]);
  } finally {
    await context.close();
    await second.stop();
  }
});
