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

/** The codebook editor open at Dispute, and its form for a new pattern. */
async function newDisputePattern(page: Page): Promise<{ dialog: Locator; form: Locator }> {
  await page.getByRole('button', { name: 'Codebook' }).click();
  const dialog = page.getByRole('dialog', { name: 'Codebook' });
  await dialog
    .getByRole('region', { name: 'Tags' })
    .getByRole('button', { name: /Dispute/ })
    .click();
  return { dialog, form: dialog.getByRole('form', { name: 'New pattern for Dispute' }) };
}

/**
 * Ana adds a dispute pattern for every word of four letters or more and opens
 * the Komite Pengarah article: hundreds of suggestions. Returns their heading.
 */
async function everyLongWordSuggested(page: Page): Promise<Locator> {
  await startAnnotating(page, 'Ana');
  const { dialog, form } = await newDisputePattern(page);
  await form.getByLabel('Pattern kind').selectOption('regex');
  await form.getByLabel('Pattern', { exact: true }).fill('[a-z]{4,}');
  await form.getByRole('button', { name: 'Add pattern' }).click();
  await dialog.getByRole('button', { name: 'Close' }).click();
  await openDocument(page, 'Pertemuan ke-14 Komite Pengarah');
  const heading = annotationsPanel(page).getByRole('heading', { name: /^Suggestions \([\d,]+\)$/ });
  await expect(heading).toBeVisible();
  return heading;
}

function suggestionList(page: Page): Locator {
  return annotationsPanel(page).getByRole('list', { name: 'Suggestions' });
}

/** Ana tags *kereta api* as a cooperation area in To Lam's article, then opens Quang Ninh's: its learned suggestions. */
async function learnedInQuangNinh(page: Page): Promise<Locator> {
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
  return learned;
}

test('a phrase tagged in one article is suggested in another: Enter accepts, x rejects for good', async ({
  page,
  webApp,
}, testInfo) => {
  await webApp.open(page);
  const learned = await learnedInQuangNinh(page);
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

test('a suggestion accepted under another tag (its key) becomes that annotation and stays answered after a reload', async ({
  page,
  webApp,
}) => {
  await webApp.open(page);
  const learned = await learnedInQuangNinh(page);
  await learned.first().getByRole('button', { name: '“kereta api”', exact: true }).click();
  await articleText(page).focus();
  // 2 is Dispute's key: the cooperation-area suggestion becomes a dispute.
  await page.keyboard.press('2');
  const disputes = annotationList(page).getByRole('button', { name: /Dispute/ });
  await expect(disputes).toHaveCount(1);
  await expect(disputes).toContainText('kereta api');
  // The one answered is gone; the other occurrence is now proposed for both tags the analyst has given it.
  const asArea = learned.filter({ hasText: 'Cooperation area' });
  const asDispute = learned.filter({ hasText: 'Dispute' });
  await expect(asArea).toHaveCount(1);
  await expect(asDispute).toHaveCount(1);
  // Nor does the pattern that waited behind the learned phrase propose the answered span as a cooperation area:
  // the only suggestions of the phrase are those two, at the other occurrence.
  const ofPhrase = suggestionList(page).getByRole('listitem').filter({ hasText: '“kereta api”' });
  await expect(ofPhrase).toHaveCount(2);
  await expect(ofPhrase.filter({ hasText: 'pattern: kereta api' })).toHaveCount(0);
  // Answered for good: not proposed again beside the annotation it became.
  await page.reload();
  await openDocument(page, QUANG_NINH);
  await expect(annotationList(page).getByRole('button', { name: /Dispute/ })).toHaveCount(1);
  await expect(annotationsPanel(page).getByRole('heading', { name: /^Suggestions \(\d+\)$/ })).toBeVisible();
  await expect(asDispute).toHaveCount(1);
  await expect(asArea).toHaveCount(1);
  await expect(ofPhrase).toHaveCount(2);
});

test('a pattern added in the codebook editor shows its match count, then its suggestions', async ({
  page,
  webApp,
}) => {
  await webApp.open(page);
  await startAnnotating(page, 'Ana');
  const { dialog, form } = await newDisputePattern(page);
  await form.getByLabel('Pattern', { exact: true }).fill('Rantai  Pasokan');
  await expect(form.getByRole('status')).toHaveText('1 match in the corpus');
  await form.getByLabel('Pattern kind').selectOption('regex');
  await form.getByLabel('Pattern', { exact: true }).fill('rantai (');
  await expect(form.getByRole('status')).toContainText('Not a pattern: it is not a valid regular expression');
  await expect(form.getByRole('button', { name: 'Add pattern' })).toBeDisabled();
  await form.getByLabel('Pattern kind').selectOption('phrase');
  await form.getByLabel('Pattern', { exact: true }).fill('rantai pasokan');
  await form.getByRole('button', { name: 'Add pattern' }).click();
  const listed = dialog.getByRole('list', { name: 'Patterns of Dispute' }).getByRole('listitem').filter({
    hasText: 'rantai pasokan',
  });
  await expect(listed).toContainText('1 match in the corpus · accepted 0, rejected 0, precision –');
  await dialog.getByRole('button', { name: 'Close' }).click();

  await openDocument(page, 'Pertemuan ke-14 Komite Pengarah');
  const suggestion = suggestionList(page)
    .getByRole('listitem')
    .filter({ hasText: 'pattern: rantai pasokan' });
  await expect(suggestion).toContainText('Dispute');
  await suggestion.getByRole('button', { name: /^Accept suggestion/ }).click();
  await expect(annotationList(page).getByRole('button', { name: /Dispute/ })).toContainText('rantai pasokan');
  await expect(suggestion).toHaveCount(0);

  // Its record says so in the codebook editor.
  await page.getByRole('button', { name: 'Codebook' }).click();
  await dialog
    .getByRole('region', { name: 'Tags' })
    .getByRole('button', { name: /Dispute/ })
    .click();
  await expect(listed).toContainText('accepted 1, rejected 0, precision 100 %');
});

test('a pattern is edited in place: a bad regex is refused at its field, a good one replaces it', async ({
  page,
  webApp,
}) => {
  await webApp.open(page);
  await startAnnotating(page, 'Ana');
  await page.getByRole('button', { name: 'Codebook' }).click();
  const dialog = page.getByRole('dialog', { name: 'Codebook' });
  await dialog
    .getByRole('region', { name: 'Tags' })
    .getByRole('button', { name: /Dispute/ })
    .click();
  const list = dialog.getByRole('list', { name: 'Patterns of Dispute' });
  const before = await list.getByRole('listitem').count();
  await list.getByRole('button', { name: 'Edit pattern sengketa*' }).click();
  const form = dialog.getByRole('form', { name: 'Edit pattern sengketa*' });
  await expect(form.getByLabel('Pattern kind')).toHaveValue('wildcard');
  const field = form.getByLabel('Pattern', { exact: true });
  await expect(field).toHaveValue('sengketa*');

  await form.getByLabel('Pattern kind').selectOption('regex');
  await field.fill('sengketa (');
  await expect(field).toHaveAttribute('aria-invalid', 'true');
  await expect(field).toHaveAccessibleDescription(/Not a pattern: it is not a valid regular expression/);
  await expect(form.getByRole('button', { name: 'Save pattern' })).toBeDisabled();

  await field.fill('sengketa\\s\\p{L}+');
  await expect(field).toHaveAttribute('aria-invalid', 'false');
  await expect(form.getByRole('status')).toHaveText(/^\d+ match(es)? in the corpus$/);
  await form.getByRole('button', { name: 'Save pattern' }).click();
  await expect(form).toHaveCount(0);
  await expect(list.getByRole('listitem')).toHaveCount(before);
  await expect(list.getByRole('listitem').filter({ hasText: 'sengketa\\s\\p{L}+' })).toContainText('(regex)');
  await expect(list.getByRole('button', { name: 'Edit pattern sengketa*' })).toHaveCount(0);

  // Escape leaves an edit without saving.
  await list.getByRole('button', { name: 'Edit pattern protes*' }).click();
  await dialog
    .getByRole('form', { name: 'Edit pattern protes*' })
    .getByLabel('Pattern', { exact: true })
    .fill('x');
  await page.keyboard.press('Escape');
  await expect(list.getByRole('button', { name: 'Edit pattern protes*' })).toBeVisible();
});

test('accept all from a source in the whole corpus: counted first, accepted in every document, undone in one step', async ({
  page,
  webApp,
}) => {
  await webApp.open(page);
  await startAnnotating(page, 'Ana');
  await page.getByRole('button', { name: 'Codebook' }).click();
  const dialog = page.getByRole('dialog', { name: 'Codebook' });
  await dialog
    .getByRole('region', { name: 'Tags' })
    .getByRole('button', { name: /Dispute/ })
    .click();
  const form = dialog.getByRole('form', { name: 'New pattern for Dispute' });
  await form.getByLabel('Pattern', { exact: true }).fill('Tiongkok');
  await form.getByRole('button', { name: 'Add pattern' }).click();
  const row = dialog
    .getByRole('list', { name: 'Patterns of Dispute' })
    .getByRole('listitem')
    .filter({ hasText: /^Tiongkok/ });
  // The corpus is read in the background: wait until every sample article counts.
  await expect(row).toContainText(/[1-9]\d+ matches in the corpus/, { timeout: 20_000 });
  const total = Number(/(\d+) matches/.exec((await row.textContent()) ?? '')![1]);
  await dialog.getByRole('button', { name: 'Close' }).click();

  await openDocument(page, TO_LAM);
  const fromSource = suggestionList(page).getByRole('listitem').filter({ hasText: 'pattern: Tiongkok' });
  await expect(fromSource.first()).toBeVisible();
  await fromSource.first().getByRole('button', { name: 'Accept all from this source…' }).click();
  const confirm = annotationsPanel(page).getByRole('group', { name: 'Confirm accept all' });
  await confirm.getByRole('button', { name: 'In the whole corpus…' }).click();
  await expect(confirm).toContainText(
    new RegExp(`Accept ${total} suggestions from “pattern: Tiongkok” in [2-9] documents of the corpus\\?`),
  );
  await confirm.getByRole('button', { name: `Accept ${total} in the corpus` }).click();
  const done = annotationsPanel(page)
    .getByRole('status')
    .filter({ hasText: /^Accepted \d+ suggestions in/ });
  await expect(done).toContainText(`Accepted ${total} suggestions in`);
  await expect(fromSource).toHaveCount(0);

  // Another document has them as annotations, and no suggestion from that source.
  await openDocument(page, QUANG_NINH);
  const disputes = annotationList(page).getByRole('button', { name: /Dispute/ });
  await expect(disputes.first()).toContainText('Tiongkok');
  const inQuangNinh = await disputes.count();
  expect(inQuangNinh).toBeGreaterThan(0);
  await expect(fromSource).toHaveCount(0);

  await done.getByRole('button', { name: 'Undo accept all in the corpus' }).click();
  await expect(disputes).toHaveCount(0);
  await expect(fromSource).toHaveCount(inQuangNinh);
});

test('a long list shows 100 at a time, says so, and follows ] and [ beyond them', async ({
  page,
  webApp,
}) => {
  await webApp.open(page);
  const heading = await everyLongWordSuggested(page);
  const total = Number(/\(([\d,]+)\)/.exec((await heading.textContent()) ?? '')![1]!.replace(/,/g, ''));
  expect(total).toBeGreaterThan(200);
  const n = total.toLocaleString('en');
  const panel = annotationsPanel(page);
  await expect(panel.getByText(`Showing 1–100 of ${n}:`)).toBeVisible();
  await expect(suggestionList(page).getByRole('listitem')).toHaveCount(100);

  // [ from no current one goes to the last: the list moves to show it, current.
  await articleText(page).focus();
  await page.keyboard.press('[');
  await expect(panel.getByText(`Showing ${(total - 99).toLocaleString('en')}–${n} of ${n}:`)).toBeVisible();
  await expect(suggestionList(page).getByRole('listitem').last()).toHaveAttribute('aria-current', 'true');
  await expect(
    articleText(page).locator('[aria-description^="current suggestion"]').first(),
  ).toBeInViewport();
  // x rejects it; the one before becomes current, still listed.
  await page.keyboard.press('x');
  await expect(heading).toHaveText(`Suggestions (${(total - 1).toLocaleString('en')})`);
  await expect(suggestionList(page).locator('[aria-current="true"]')).toHaveCount(1);
});

test('after x, the next suggestion is scrolled into view (in the frame after the decision)', async ({
  page,
  webApp,
}) => {
  await webApp.open(page);
  await everyLongWordSuggested(page);

  // A short window, so that the article scrolls.
  await page.setViewportSize({ width: 1280, height: 480 });
  const current = articleText(page).locator('[aria-description^="current suggestion"]');
  await articleText(page).focus();
  await page.keyboard.press(']');
  await expect(current).toHaveCount(1);
  const first = await current.getAttribute('data-suggestion-key');
  // The analyst scrolls away to the end of the article; the current one is out of view now.
  await articleText(page).hover();
  await page.mouse.wheel(0, 5000);
  await expect(current).not.toBeInViewport();
  await page.keyboard.press('x');
  await expect(current).toHaveCount(1);
  expect(await current.getAttribute('data-suggestion-key')).not.toBe(first);
  await expect(current).toBeInViewport();
});
