import {
  annotationList,
  annotationsPanel,
  articleText,
  expectTopBarOneLine,
  openDocument,
  selectPhrase,
  startAnnotating,
  textBeforeCaret,
} from './annotate-helpers';
import { expect, test } from './web-fixtures';
import type { Page } from '@playwright/test';
import { basename } from 'node:path';

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
  // Only punctuation and a space: nothing is tagged, and the selection stays, to be corrected.
  await selectPhrase(page, ', ');
  await page.keyboard.press('1');
  await expect(liveRegion(page)).toHaveText(/^Nothing to tag/);
  expect(await page.evaluate(() => window.getSelection()!.toString())).toBe(', ');
  await expect(annotationList(page)).toHaveCount(0);

  // The article's text is marked with its detected language (Indonesian).
  expect(await articleText(page).evaluate((el) => el.closest('[lang]')?.getAttribute('lang'))).toBe('id');

  // What each tag means, without hovering: the legend under the tag chips.
  const panel = annotationsPanel(page);
  await panel.getByText('What the tags mean').press('Enter');
  await expect(panel.getByRole('term').filter({ hasText: 'Dispute' })).toContainText('key 2');
  await expect(panel.getByRole('definition').first()).toBeVisible();
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
  // Straight on, without waiting for the save: a caret move is the analyst's, whenever the save lands.
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

test('a caret moved with the keyboard while a tag is saving stays where it was moved', async ({
  page,
  webApp,
}) => {
  await webApp.open(page);
  await startAnnotating(page, 'Ana');
  await openDocument(page, TO_LAM);
  await selectPhrase(page, 'Li Qiang');
  await page.keyboard.press('1');
  const form = annotationsPanel(page).getByRole('form', { name: 'Selected annotation' });
  await expect(form.getByRole('blockquote')).toHaveText('Li Qiang');
  await selectPhrase(page, 'pariwisata');
  // The tag key and Ctrl+Home in one task: the tag's save (after the next paint) cannot have finished.
  // A dispatched key has no default action, so the caret is put where Ctrl+Home puts it, as the browser would.
  await articleText(page).evaluate((editor) => {
    const key = (init: KeyboardEventInit): boolean =>
      editor.dispatchEvent(new KeyboardEvent('keydown', { bubbles: true, cancelable: true, ...init }));
    key({ key: '3', code: 'Digit3' });
    if (key({ key: 'Home', code: 'Home', ctrlKey: true })) {
      const first = document.createTreeWalker(editor, NodeFilter.SHOW_TEXT).nextNode()!;
      window.getSelection()!.collapse(first, 0);
    }
  });
  const items = annotationList(page).getByRole('listitem');
  await expect(items).toHaveCount(2);
  // Once the save has surely come back, the caret is still at the top and the new annotation was not chosen.
  await expect(annotationList(page).getByRole('button', { name: /Cooperation area/ })).toContainText(
    'pariwisata',
  );
  await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 500)));
  await expect(form.getByRole('blockquote')).toHaveText('Li Qiang');
  expect(await textBeforeCaret(page)).toBe('');
  // From there Tab walks the annotations from the top.
  await page.keyboard.press('Tab');
  await expect(form.getByRole('blockquote')).toHaveText('Li Qiang');
  await page.keyboard.press('Tab');
  await expect(form.getByRole('blockquote')).toHaveText('pariwisata');
});

/** Characters on the first full line of the article's longest paragraph. */
async function charactersPerLine(page: Page): Promise<number> {
  return articleText(page).evaluate((root) => {
    const paragraphs = [...root.querySelectorAll('p')].sort(
      (a, b) => (b.textContent ?? '').length - (a.textContent ?? '').length,
    );
    const node = document.createTreeWalker(paragraphs[0]!, NodeFilter.SHOW_TEXT).nextNode() as Text;
    const range = document.createRange();
    let firstTop: number | null = null;
    for (let i = 0; i < node.data.length; i++) {
      range.setStart(node, i);
      range.setEnd(node, i + 1);
      const top = range.getBoundingClientRect().top;
      if (firstTop === null) firstTop = top;
      else if (top > firstTop + 2) return i;
    }
    return node.data.length;
  });
}

test('at 1024×768 the article keeps a readable line, the top bar one row, and the panes resize', async ({
  page,
  webApp,
}) => {
  await page.setViewportSize({ width: 1024, height: 768 });
  await webApp.open(page);
  await startAnnotating(page, 'Ana');
  const documents = page.getByRole('navigation', { name: 'Documents' });
  // Narrow: the document list starts folded away, behind a tab that names it; the tab brings it back.
  await expect(documents).toBeHidden();
  await expect(page.getByRole('button', { name: 'Show the document list' })).toHaveText(/Document list/);
  await page.getByRole('button', { name: 'Show the document list' }).click();
  await openDocument(page, TO_LAM);
  await page.getByRole('button', { name: 'Hide the document list' }).click();
  const perLine = await charactersPerLine(page);
  expect(perLine).toBeGreaterThanOrEqual(60);
  expect(perLine).toBeLessThanOrEqual(80);

  const bar = await page.getByRole('banner').boundingBox();
  expect(bar!.height).toBeLessThan(50);
  await page.getByRole('button', { name: 'More' }).click();
  await page.getByRole('group', { name: 'More actions' }).getByRole('button', { name: 'Settings' }).click();
  await expect(page.getByRole('dialog', { name: 'Settings' })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('button', { name: 'More' })).toBeFocused();

  // The annotations pane narrows with the keyboard, and stays so after a reload.
  const resizer = page.getByRole('separator', { name: 'Width of the annotations pane' });
  const before = Number(await resizer.getAttribute('aria-valuenow'));
  await resizer.focus();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await expect(resizer).toHaveAttribute('aria-valuenow', String(before - 32));
  await page.reload();
  await expect(page.getByRole('separator', { name: 'Width of the annotations pane' })).toHaveAttribute(
    'aria-valuenow',
    String(before - 32),
  );
});

test('at 1280×800 a long annotator name does not push actions to a second row; names give way, whole in their tooltip', async ({
  page,
  webApp,
}) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await webApp.open(page);
  const name = 'Ana Wulandari Kusumaningrum';
  await startAnnotating(page, name);
  await expect(page.getByRole('banner')).toContainText(name.slice(0, 6));
  await expectTopBarOneLine(page, 'English, full name', 1280);
  await expect(page.getByRole('button', { name: 'Reload corpus' })).toBeVisible();
  // What is cut off on screen is whole where the pointer and a screen reader find it.
  await expect(page.getByRole('banner').getByText(name)).toHaveAttribute('title', new RegExp(`^${name}: `));
  const corpusName = basename(webApp.corpusDir);
  await expect(page.getByRole('banner').getByText(corpusName, { exact: true })).toHaveAttribute(
    'title',
    new RegExp(`${corpusName}$`),
  );
});

test('the window has its icon, and loading the app asks for nothing that is missing', async ({
  page,
  webApp,
}) => {
  const missing: string[] = [];
  page.on('response', (response) => {
    if (response.status() === 404) missing.push(response.url());
  });
  await webApp.open(page);
  await startAnnotating(page, 'Ana');
  await openDocument(page, TO_LAM);
  const href = await page.evaluate(() => document.querySelector<HTMLLinkElement>('link[rel="icon"]')?.href);
  expect(href).toMatch(/\/icon\.svg$/);
  const icon = await page.request.get(href!);
  expect(icon.status()).toBe(200);
  expect(icon.headers()['content-type']).toContain('image/svg+xml');
  expect(await icon.text()).toContain('<title>Tanda</title>');
  expect(missing).toEqual([]);
});
