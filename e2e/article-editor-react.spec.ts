import { annotationList, articleText, openDocument, startAnnotating } from './annotate-helpers';
import { expect, test } from './web-fixtures';

const TO_LAM = 'Pada malam tanggal 9 Oktober';

/*
 * ArticleEditor hides the editor element's `contentEditable` property from
 * React (see hideEditableFromReact). Without it, React walks every node of
 * the focused article before and after each commit to save and restore a
 * selection it never rendered: 70–100 ms of every keypress that rendered
 * anything on a 1,000,000-character article. These tests fail if that is
 * undone, while the caret and the selection keep working.
 */

test('a React commit while the article has the focus does not walk the article', async ({ page, webApp }) => {
  await webApp.open(page);
  await startAnnotating(page, 'Ana');
  await openDocument(page, TO_LAM);
  const text = articleText(page);
  await text.focus();
  // The caret at the very end: a walk to it covers the whole text.
  await page.keyboard.press('Control+End');

  // The whole text drawn (it comes with its highlights, once the annotations are read).
  await expect(text).toContainText('Komentar');
  const facts = await text.evaluate((el: HTMLElement) => ({
    property: el.contentEditable,
    attribute: el.getAttribute('contenteditable'),
    editable: el.isContentEditable,
    nodes: (() => {
      const walker = document.createTreeWalker(el, NodeFilter.SHOW_ALL);
      let n = 0;
      while (walker.nextNode()) n++;
      return n;
    })(),
  }));
  // The browser still treats the text as editable (caret, selection); only the property React reads differs.
  expect(facts).toMatchObject({ attribute: 'true', editable: true });
  expect(facts.property).not.toBe('true');

  // Count reads of `firstChild` on the article's nodes, as React's walk makes one per node.
  await text.evaluate((el) => {
    const own = Object.getOwnPropertyDescriptor(Node.prototype, 'firstChild')!;
    const probe = {
      reads: 0,
      on: true,
      restore: () => Object.defineProperty(Node.prototype, 'firstChild', own),
    };
    Object.defineProperty(Node.prototype, 'firstChild', {
      configurable: true,
      get(this: Node) {
        if (probe.on && el.contains(this)) probe.reads++;
        return own.get!.call(this);
      },
    });
    (window as unknown as { __walk: typeof probe }).__walk = probe;
  });
  // A tag key with nothing selected: the app says why, a React commit that changes nothing in the article.
  await page.keyboard.press('1');
  const live = page.getByRole('region', { name: 'Article' }).locator('[aria-live="polite"]');
  await expect(live).not.toBeEmpty();
  const reads = await page.evaluate(() => {
    const probe = (window as unknown as { __walk: { reads: number; on: boolean; restore(): void } }).__walk;
    probe.on = false;
    probe.restore();
    return probe.reads;
  });
  // A walk reads every element and text node of the article; ProseMirror itself reads a few.
  expect(facts.nodes).toBeGreaterThan(100);
  expect(reads).toBeLessThan(facts.nodes / 10);

  // The caret still moves and a selection is still read by the editor.
  await page.keyboard.press('Control+Home');
  await page.keyboard.press('Control+Shift+ArrowRight');
  await expect(page.getByRole('toolbar', { name: 'Tag selection' })).toBeVisible();
});

test('Tab keeps the selected entry of a long Annotations list in view', async ({ page, webApp }) => {
  await webApp.open(page);
  await startAnnotating(page, 'Ana');
  await openDocument(page, TO_LAM);
  const text = articleText(page);
  await text.focus();
  // Enough annotations that the list scrolls: every "dan" of the article.
  await page.keyboard.press('Control+f');
  const find = page.getByRole('search', { name: 'Find in article' });
  await find.getByRole('searchbox', { name: 'Find in article' }).fill('dan');
  await find.getByRole('checkbox', { name: 'Whole words' }).check();
  await find.getByRole('button', { name: 'Tag all matches' }).click();
  await find
    .getByRole('alertdialog', { name: 'Tag all matches?' })
    .getByRole('button', { name: /^Tag \d+ matches$/ })
    .click();
  await expect(find.getByRole('status').filter({ hasText: 'Tagged' })).toBeVisible();
  await find.getByRole('button', { name: 'Close find' }).click();
  const list = annotationList(page);
  const rows = Number(await list.getByRole('listitem').first().getAttribute('aria-setsize'));
  expect(rows).toBeGreaterThan(20);

  const selected = list.locator('[aria-current="true"]');
  // In the list's own scrolled view (the panel around it scrolls separately).
  const inListView = (): Promise<boolean> =>
    selected.evaluate((el) => {
      const box = el.getBoundingClientRect();
      const view = el.closest('ol')!.parentElement!.getBoundingClientRect();
      return box.height > 0 && box.top >= view.top - 1 && box.bottom <= view.bottom + 1;
    });
  // From the end backwards: the list scrolls to its last entry.
  await text.focus();
  await page.keyboard.press('Control+End');
  await page.keyboard.press('Shift+Tab');
  await expect.poll(inListView).toBe(true);
  await expect(
    list.getByRole('listitem').filter({ has: page.locator('[aria-current="true"]') }),
  ).toHaveAttribute('aria-posinset', String(rows));
  // Back to the top: the first entry, scrolled back to.
  await page.keyboard.press('Control+Home');
  await page.keyboard.press('Tab');
  await expect(
    list.getByRole('listitem').filter({ has: page.locator('[aria-current="true"]') }),
  ).toHaveAttribute('aria-posinset', '1');
  await expect.poll(inListView).toBe(true);
  // One entry on, already in view: still the one shown as selected.
  await page.keyboard.press('Tab');
  await expect(
    list.getByRole('listitem').filter({ has: page.locator('[aria-current="true"]') }),
  ).toHaveAttribute('aria-posinset', '2');
  await expect.poll(inListView).toBe(true);
});
