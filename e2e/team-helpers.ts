import { expect, type Locator, type Page } from '@playwright/test';
import { openDocument, selectPhrase } from './annotate-helpers';

export const TO_LAM = 'Pada malam tanggal 9 Oktober';

/** Team → Share annotations through this folder, confirmed after reading what it writes. */
export async function shareFolder(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Team' }).click();
  const team = page.getByRole('dialog', { name: 'Team' });
  await team.getByRole('button', { name: 'Share annotations through this folder' }).click();
  await expect(team).toContainText('.tanda/project.json');
  await team.getByRole('button', { name: 'Share this folder' }).click();
  await expect(team.getByRole('status').first()).toContainText('This corpus folder is shared');
  await team.getByRole('button', { name: 'Close' }).click();
}

/** Opens To Lam's visit and tags `phrase` as a cooperation area. */
export async function tagInToLam(page: Page, phrase: string): Promise<void> {
  await openDocument(page, TO_LAM);
  await selectPhrase(page, phrase);
  await page
    .getByRole('toolbar', { name: 'Tag selection' })
    .getByRole('button', { name: 'Cooperation area' })
    .click();
}

/** The annotator checkboxes of Compare (opening it first). */
export async function compareAnnotators(page: Page): Promise<Locator> {
  await page.getByRole('button', { name: 'Compare' }).click();
  return page.getByRole('region', { name: 'Compare' }).getByRole('group', { name: 'Annotators to compare' });
}

export function teamTable(page: Page): Locator {
  return page
    .getByRole('dialog', { name: 'Team' })
    .getByRole('table', { name: 'Annotators in this project' });
}
