import { articleText, openDocument, startAnnotating } from './annotate-helpers';
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
