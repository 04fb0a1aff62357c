import { readFile } from 'node:fs/promises';
import type { Locator, Page } from '@playwright/test';
import Papa from 'papaparse';
import {
  annotationList,
  annotationsPanel,
  articleText,
  openDocument,
  selectPhrase,
  startAnnotating,
} from './annotate-helpers';
import { expect, test } from './web-fixtures';

const TO_LAM = 'Pada malam tanggal 9 Oktober';
const QUANG_NINH = 'Dalam rangka menghadiri Program Pertemuan Musim Semi';

function suggestionList(page: Page): Locator {
  return annotationsPanel(page).getByRole('list', { name: 'Suggestions' });
}

test('a phrase tagged in one article is suggested in another: Enter accepts, x rejects for good', async ({
  page,
  webApp,
}, testInfo) => {
  await webApp.open(page);
  await startAnnotating(page, 'Ana');
  await openDocument(page, TO_LAM);
  await selectPhrase(page, 'kereta api');
  await page.keyboard.press('3');
  await expect(annotationList(page).getByRole('button', { name: /Cooperation area/ })).toHaveCount(1);

  await openDocument(page, QUANG_NINH);
  await expect(annotationsPanel(page).getByRole('heading', { name: /^Suggestions \(\d+\)$/ })).toBeVisible();
  const learned = suggestionList(page)
    .getByRole('listitem')
    .filter({ hasText: /you tagged this \d×/ });
  await expect(learned).toHaveCount(2);
  await expect(learned.first()).toContainText('kereta api');
  await expect(learned.first()).toContainText('Cooperation area');
  // Drawn in the article by their own layer, with a description for screen readers.
  // (An outline crossing another layer's span is drawn in pieces, so this counts pieces.)
  await expect(articleText(page).locator('[aria-description*="you tagged this"]').first()).toBeVisible();

  // ] moves through the suggestions; the panel shows which one is current.
  await articleText(page).focus();
  await page.keyboard.press(']');
  await expect(suggestionList(page).locator('[aria-current="true"]')).toHaveCount(1);

  // Make the first learned one current, back in the article, and accept it with Enter.
  await learned.first().getByRole('button', { name: '“kereta api”', exact: true }).click();
  await expect(learned.first()).toHaveAttribute('aria-current', 'true');
  await articleText(page).focus();
  await page.keyboard.press('Enter');
  const accepted = annotationList(page).getByRole('button', { name: /Cooperation area/ });
  await expect(accepted).toHaveCount(1);
  await expect(accepted).toContainText('kereta api');
  await expect(learned).toHaveCount(1);

  // x rejects the other; it stays gone after a reload.
  await learned.first().getByRole('button', { name: '“kereta api”', exact: true }).click();
  await articleText(page).focus();
  await page.keyboard.press('x');
  await expect(learned).toHaveCount(0);
  await page.reload();
  await openDocument(page, QUANG_NINH);
  await expect(annotationList(page).getByRole('button', { name: /Cooperation area/ })).toHaveCount(1);
  await expect(annotationsPanel(page).getByRole('heading', { name: /^Suggestions \(\d+\)$/ })).toBeVisible();
  await expect(learned).toHaveCount(0);

  // The accepted suggestion is an annotation like any: exported in the CSV.
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
  expect(
    rows
      .map((r) => [r.document_path, r.annotator, r.tag, r.quote])
      .sort((a, b) => a[0]!.localeCompare(b[0]!)),
  ).toEqual([
    ['2025-02-20-quang-ninh-guangxi.txt', 'Ana', 'cooperation_area', 'kereta api'],
    ['2025-10-09-to-lam-bertemu-li-qiang.txt', 'Ana', 'cooperation_area', 'kereta api'],
  ]);
});
