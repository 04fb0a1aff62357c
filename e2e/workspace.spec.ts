import {
  annotationList,
  annotationsPanel,
  articleText,
  openDocument,
  selectPhrase,
  startAnnotating,
} from './annotate-helpers';
import { expect, test } from './web-fixtures';
import type { Page } from '@playwright/test';

const TO_LAM = 'Pada malam tanggal 9 Oktober';

/** What the Article region last said to screen readers. */
function liveRegion(page: Page): ReturnType<Page['locator']> {
  return page.getByRole('region', { name: 'Article' }).locator('[aria-live="polite"]');
}

test('Ctrl+Z behind an open dialog changes nothing; the Undo button names its step', async ({
  page,
  webApp,
}) => {
  await webApp.open(page);
  await startAnnotating(page, 'Ana');
  await openDocument(page, TO_LAM);
  await selectPhrase(page, 'Li Qiang');
  await page.keyboard.press('1');
  const items = annotationList(page).getByRole('listitem');
  await expect(items).toHaveCount(1);

  for (const name of ['Codebook', 'Settings', 'Export CSV']) {
    await page.getByRole('button', { name, exact: true }).click();
    const dialog = page.getByRole('dialog');
    await expect(dialog).toBeVisible();
    await page.keyboard.press('Control+z');
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
    // Focus goes back to the button that opened it, not to the page's body.
    await expect(page.getByRole('button', { name, exact: true })).toBeFocused();
    await expect(items).toHaveCount(1);
  }

  const history = annotationsPanel(page).getByRole('group', { name: 'History' });
  await history.getByRole('button', { name: 'Undo: tag Commitment' }).click();
  await expect(items).toHaveCount(0);
  await expect(liveRegion(page)).toHaveText('Undid tag Commitment');
  await history.getByRole('button', { name: 'Redo: tag Commitment' }).click();
  await expect(items).toHaveCount(1);
  await expect(liveRegion(page)).toHaveText('Redid tag Commitment');
  await expect(history.getByRole('button', { name: 'Redo', exact: true })).toBeDisabled();
});

test('a tag key that cannot act says why', async ({ page, webApp }) => {
  await webApp.open(page);
  await startAnnotating(page, 'Ana');
  await openDocument(page, TO_LAM);
  await articleText(page).focus();
  await page.keyboard.press('Control+Home');
  await page.keyboard.press('2');
  await expect(liveRegion(page)).toHaveText(/^Select some text first, then press 2 to tag it as Dispute/);
  await expect(annotationList(page)).toHaveCount(0);
});

test('the app shell never scrolls: only its panes do', async ({ page, webApp }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await webApp.open(page);
  await startAnnotating(page, 'Ana');
  await openDocument(page, TO_LAM);
  for (const phrase of ['Li Qiang', 'pariwisata', 'Sekretaris Jenderal To Lam']) {
    await selectPhrase(page, phrase);
    await page.keyboard.press('1');
  }
  await expect(annotationList(page).getByRole('listitem')).toHaveCount(3);
  await annotationList(page)
    .getByRole('button', { name: /pariwisata/ })
    .click();
  await page.mouse.move(100, 400);
  await page.mouse.wheel(0, 5000);
  const shell = await page.evaluate(() => ({
    scrollHeight: document.scrollingElement!.scrollHeight,
    scrollTop: document.scrollingElement!.scrollTop,
    height: window.innerHeight,
  }));
  expect(shell).toEqual({ scrollHeight: 800, scrollTop: 0, height: 800 });
  await expect(page.getByRole('banner')).toBeInViewport();
});

test('keyboard only: select, tag, Enter to the form, attribute and note, Escape, next annotation', async ({
  page,
  webApp,
}) => {
  await webApp.open(page);
  await startAnnotating(page, 'Ana');
  await openDocument(page, TO_LAM);
  const text = articleText(page);
  await text.focus();
  await page.keyboard.press('Control+Home');
  // The first word of the text, with the keyboard.
  await page.keyboard.press('Control+Shift+ArrowRight');
  await page.keyboard.press('1');
  const form = annotationsPanel(page).getByRole('form', { name: 'Selected annotation' });
  await expect(form.getByRole('blockquote')).toHaveText('Pada');

  await page.keyboard.press('Enter');
  await expect(form.getByLabel('Tag')).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(form.getByLabel('Actor')).toBeFocused();
  await form.getByLabel('Actor').selectOption({ label: 'Vietnam' });
  await page.keyboard.press('Tab');
  await expect(form.getByLabel('Strength')).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(form.getByLabel('Note')).toBeFocused();
  await page.keyboard.type('Pembuka');
  await page.keyboard.press('Escape');
  await expect(text).toBeFocused();
  const item = annotationList(page).getByRole('button', { name: /Commitment/ });
  await expect(item).toContainText('Actor: Vietnam');
  await expect(item).toContainText('Pembuka');

  // A second annotation further on, then Tab from the first one moves to it and says what it is.
  await selectPhrase(page, 'pariwisata');
  await page.keyboard.press('3');
  await expect(annotationList(page).getByRole('listitem')).toHaveCount(2);
  await page.keyboard.press('Control+Home');
  await page.keyboard.press('Tab');
  await expect(form.getByRole('blockquote')).toHaveText('Pada');
  await page.keyboard.press('Tab');
  await expect(form.getByRole('blockquote')).toHaveText('pariwisata');
  await expect(liveRegion(page)).toHaveText('Cooperation area: pariwisata');

  // Delete on a focused list entry.
  await annotationList(page)
    .getByRole('button', { name: /pariwisata/ })
    .focus();
  await page.keyboard.press('Delete');
  await expect(annotationList(page).getByRole('listitem')).toHaveCount(1);
});
