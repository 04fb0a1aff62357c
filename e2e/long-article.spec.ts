import {
  annotationList,
  annotationsPanel,
  articleText,
  openDocument,
  selectedOffsets,
  selectPhrase,
  withoutSuggestions,
} from './annotate-helpers';
import { expect, test } from './web-fixtures';

/*
 * A long article is drawn in full only near what the analyst sees; the rest
 * is its plain text (see src/renderer/src/editor/section-window.ts). Nothing
 * of that may show: the text is all there, a selection anywhere tags exactly
 * what was selected, and a highlight far down is drawn when it is scrolled or
 * jumped to.
 */

const TITLE = 'Laporan panjang kerja sama Vietnam Tiongkok';
const SECTORS = ['kereta api', 'energi bersih', 'ekonomi digital', 'pertanian', 'pariwisata'];
const LINES = [
  TITLE,
  ...Array.from(
    { length: 600 },
    (_, i) =>
      `Paragraf ${i + 1}: delegasi Vietnam dan Tiongkok membahas kerja sama ${SECTORS[i % SECTORS.length]} ` +
      'di perbatasan, termasuk jadwal, pendanaan dan pengawasan bersama oleh kedua pihak.',
  ),
  'Penutup: kedua negara sepakat membangun kereta cepat Hanoi sebelum akhir dekade.',
];
const TEXT = LINES.join('\n');
const PHRASE = 'kereta cepat Hanoi';

test.use({ annotator: 'Ana', extraFiles: { 'laporan-panjang.txt': TEXT } });

test('a long article: all its text is there, a selection far down tags exactly it, and far highlights are drawn when reached', async ({
  page,
  webApp,
}) => {
  await webApp.open(page);
  await withoutSuggestions(page);
  await openDocument(page, TITLE);
  const text = articleText(page);
  // The last paragraph is in the article (and in its accessible text) before it is ever scrolled to.
  await expect(text).toContainText(LINES[LINES.length - 1]!);

  // A selection made far below, without scrolling there first, lands on exactly that text.
  await selectPhrase(page, PHRASE);
  await page.keyboard.press('1');
  const entry = annotationList(page).getByRole('button', { name: /Commitment/ });
  await expect(entry).toHaveCount(1);
  await expect(entry).toContainText(PHRASE);
  const start = [...TEXT.slice(0, TEXT.indexOf(PHRASE))].length;
  expect(await selectedOffsets(page)).toEqual({ start, end: start + PHRASE.length });

  // After a reload the article opens at its top: the far highlight is not drawn yet, and is drawn once
  // jumped to from the list, in view.
  await page.reload();
  await openDocument(page, TITLE);
  await expect(text).toContainText(LINES[1]!);
  const highlight = text.getByText(PHRASE, { exact: true });
  await expect(highlight).toHaveCount(0);
  await annotationList(page)
    .getByRole('button', { name: /Commitment/ })
    .click();
  await expect(highlight).toBeInViewport();
  await expect(annotationsPanel(page).getByRole('form', { name: 'Selected annotation' })).toContainText(
    PHRASE,
  );

  // Scrolling there (the way a wheel would) draws a far section too: tag in the middle, reload, scroll.
  const middle = LINES[300]!;
  await page.reload();
  await openDocument(page, TITLE);
  await text.getByText(middle).scrollIntoViewIfNeeded();
  await selectPhrase(page, middle.slice(0, 13));
  await page.keyboard.press('2');
  await expect(annotationList(page).getByRole('button', { name: /Dispute/ })).toHaveCount(1);
  await page.reload();
  await openDocument(page, TITLE);
  const far = text.getByText(middle.slice(0, 13), { exact: true });
  await expect(far).toHaveCount(0);
  await text.getByText(LINES[298]!).scrollIntoViewIfNeeded();
  await expect(far).toBeInViewport();
});

test.describe('a long saved web page', () => {
  const paragraphs = LINES.slice(1, 400).map((line) => `<p>${line}</p>`);
  const html =
    `<!doctype html><html><head><title>${TITLE}</title></head><body>` +
    `${paragraphs.join('')}<h2>Bagian akhir</h2><p>${LINES[LINES.length - 1]}</p></body></html>`;
  test.use({ extraFiles: { 'laporan-panjang.html': html } });

  test('keeps its headings far down, before they are scrolled to', async ({ page, webApp }) => {
    await webApp.open(page);
    await openDocument(page, TITLE);
    const text = articleText(page);
    const heading = text.getByRole('heading', { name: 'Bagian akhir', level: 2 });
    await expect(heading).toHaveCount(1);
    await heading.scrollIntoViewIfNeeded();
    await expect(heading).toBeInViewport();
    await expect(text.getByRole('heading', { name: 'Bagian akhir', level: 2 })).toHaveCount(1);
  });
});
