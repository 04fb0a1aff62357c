import type { Locator, Page } from '@playwright/test';
import { annotationRows, importCsv, scrollsSideways, toCsv, TO_LAM_TITLE } from './review-helpers';
import { expect, test } from './web-fixtures';

test.use({ annotator: 'Ana' });

async function withTwoAnnotators(page: Page, corpusDir: string): Promise<Locator> {
  const { budi, citra } = annotationRows(corpusDir);
  for (const [name, rows] of [
    ['budi.csv', budi],
    ['citra.csv', citra],
  ] as const) {
    // Below 1180 px the Import action is in the More menu.
    const more = page.getByRole('button', { name: 'More' });
    if (await more.isVisible()) await more.click();
    await importCsv(page, name, toCsv(rows));
  }
  await page.getByRole('button', { name: 'Compare' }).click();
  const view = page.getByRole('region', { name: 'Compare' });
  await expect(view).toContainText('a = Budi, b = Citra');
  return view;
}

/** Tab (at most `limit` times) until `target` has the focus. */
async function tabTo(page: Page, target: Locator, limit = 20): Promise<void> {
  for (let i = 0; i < limit; i++) {
    if (await target.evaluate((el) => el === document.activeElement)) return;
    await page.keyboard.press('Tab');
  }
  await expect(target).toBeFocused();
}

test('keyboard only: each decision moves the focus to the next undecided disagreement, and says so', async ({
  page,
  webApp,
}) => {
  await webApp.open(page);
  const view = await withTwoAnnotators(page, webApp.corpusDir);
  const documents = view.getByRole('table', { name: 'Documents by disagreement' });
  await documents.getByRole('button', { name: TO_LAM_TITLE }).focus();
  await page.keyboard.press('Enter');
  await expect(view.getByRole('region', { name: 'Comparison' })).toBeFocused();

  const panel = view.getByRole('region', { name: 'Adjudication' });
  const card = panel.getByRole('article', { name: 'Selected unit' });
  const said = view.locator('[aria-live="polite"]');
  await page.keyboard.press('n');
  await expect(card.getByRole('heading', { level: 3 })).toContainText('Only Budi');

  await tabTo(page, card.getByRole('button', { name: 'Accept A', exact: true }));
  await page.keyboard.press('Enter');
  await expect(card).toBeFocused();
  await expect(card.getByRole('heading', { level: 3 })).toContainText('Boundary conflict');
  await expect(said).toHaveText(
    'Accept A: written as adjudicated. Next: Boundary conflict, disagreement 2 of 4.',
  );

  // From the card, Tab reaches its decisions (past a long quote, which scrolls and so takes the focus too).
  await tabTo(page, card.getByRole('button', { name: 'Accept A', exact: true }));
  await page.keyboard.press('Enter');
  await expect(card.getByRole('heading', { level: 3 })).toContainText('Only Citra');
  await expect(card).toBeFocused();
  // Only Citra has no A: its Accept A is disabled, so Tab goes past it.
  await tabTo(page, card.getByRole('button', { name: 'Accept B', exact: true }));
  await page.keyboard.press('Enter');
  await expect(card.getByRole('heading', { level: 3 })).toContainText('Tag conflict');
  await expect(card).toBeFocused();
  await tabTo(page, card.getByRole('button', { name: 'Accept A', exact: true }));
  await page.keyboard.press('Enter');

  // The last one: nothing undecided is left, and the progress line takes the focus.
  const progress = panel.getByRole('status').filter({ hasText: 'disagreements decided' });
  await expect(progress).toHaveText('4 of 4 disagreements decided');
  await expect(progress).toBeFocused();
  await expect(said).toHaveText(
    'Accept A: written as adjudicated. Every disagreement in this document is decided.',
  );
  // Undo with the keyboard: the undone decision is counted again, and the focus stays in the panel.
  await page.keyboard.press('Control+z');
  await expect(progress).toHaveText('3 of 4 disagreements decided');
  await expect(panel.locator(':focus')).toHaveCount(1);
});

/** Whether anything from the element up to the page scrolls sideways. */
for (const size of [
  { width: 1280, height: 800 },
  { width: 1024, height: 768 },
]) {
  test(`Compare's tables fit a ${size.width}×${size.height} window without sideways scrolling`, async ({
    page,
    webApp,
  }) => {
    await page.setViewportSize(size);
    await webApp.open(page);
    await withTwoAnnotators(page, webApp.corpusDir);
    const view = page.getByRole('region', { name: 'Compare' });
    const documents = view.getByRole('table', { name: 'Documents by disagreement' });
    await expect(documents.getByRole('button', { name: TO_LAM_TITLE })).toBeVisible();
    for (const name of ['Agreement by tag', 'Attribute agreement', 'Documents by disagreement']) {
      expect(await scrollsSideways(view.getByRole('table', { name })), name).toBe(false);
    }
    // Every count a reviewer acts on stays; agreements and alpha give way in the narrower window.
    for (const column of ['Disagreements', 'Decided', 'Tag conflicts', 'Only Budi', 'Only Citra', 'Kappa']) {
      await expect(documents.getByRole('columnheader', { name: column, exact: true })).toBeVisible();
    }
    const agree = documents.getByRole('columnheader', { name: 'Agree', exact: true });
    if (size.width < 1100) await expect(agree).toBeHidden();
    else await expect(agree).toBeVisible();
  });
}
