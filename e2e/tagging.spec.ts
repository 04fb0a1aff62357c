import { execFileSync } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  annotationList,
  annotationsPanel,
  articleText,
  openDocument,
  selectedOffsets,
  selectPhrase,
  startAnnotating,
  textBeforeCaret,
  withoutSuggestions,
} from './annotate-helpers';
import { expect, repoRoot, test } from './web-fixtures';

const TO_LAM = 'Pada malam tanggal 9 Oktober';
const TO_LAM_FILE = '2025-10-09-to-lam-bertemu-li-qiang.txt';

/** Code point slice of what `tanda text` prints: Python's text[start:end]. */
function cliSlice(corpusDir: string, path: string, start: number, end: number): string {
  const text = execFileSync(process.execPath, [join(repoRoot, 'bin/tanda.cjs'), 'text', corpusDir, path], {
    encoding: 'utf8',
  });
  return [...text].slice(start, end).join('');
}

test('tag a phrase with key 1, set actor and note, and find it after a reload', async ({ page, webApp }) => {
  await webApp.open(page);
  await startAnnotating(page, 'Ana');
  await openDocument(page, TO_LAM);
  const phrase = 'meningkatkan ekspor listrik ke Vietnam';
  await selectPhrase(page, phrase);
  await page.keyboard.press('1');

  const item = annotationList(page).getByRole('button', { name: /Commitment/ });
  await expect(item).toHaveCount(1);
  await expect(item).toContainText(phrase);
  const form = annotationsPanel(page).getByRole('form', { name: 'Selected annotation' });
  await form.getByLabel('Actor').selectOption({ label: 'Vietnam' });
  await form.getByLabel('Note').fill('Listrik: ekspor ke Vietnam');
  await form.getByLabel('Note').blur();
  await expect(item).toContainText('Actor: Vietnam');
  await expect(item).toContainText('Listrik: ekspor ke Vietnam');
  const offsets = await selectedOffsets(page);
  expect(cliSlice(webApp.corpusDir, TO_LAM_FILE, offsets.start, offsets.end)).toBe(phrase);

  await page.reload();
  await expect(articleText(page)).toContainText(phrase);
  const after = annotationList(page).getByRole('button', { name: /Commitment/ });
  await expect(after).toContainText('Actor: Vietnam');
  await expect(after).toContainText('Listrik: ekspor ke Vietnam');
  await after.click();
  expect(await selectedOffsets(page)).toEqual(offsets);
  await expect(articleText(page).getByText(phrase)).toBeVisible();
});

test('the selection is trimmed, tags come from the toolbar, overlaps are named on hover', async ({
  page,
  webApp,
}) => {
  await webApp.open(page);
  await startAnnotating(page, 'Ana');
  await withoutSuggestions(page);
  await openDocument(page, TO_LAM);
  await selectPhrase(page, ' konektivitas kereta api; ');
  await page
    .getByRole('toolbar', { name: 'Tag selection' })
    .getByRole('button', { name: 'Cooperation area' })
    .click();
  const cooperation = annotationList(page).getByRole('button', { name: /Cooperation area/ });
  await expect(cooperation).toContainText('konektivitas kereta api');
  const inner = await selectedOffsets(page);
  expect(cliSlice(webApp.corpusDir, TO_LAM_FILE, inner.start, inner.end)).toBe('konektivitas kereta api;');

  // A longer commitment around it: the two overlap.
  await selectPhrase(page, 'terutama konektivitas kereta api');
  await page.keyboard.press('1');
  await expect(annotationList(page).getByRole('listitem')).toHaveCount(2);
  await expect(annotationsPanel(page).getByRole('group', { name: 'Filter by tag' })).toContainText(
    'Commitment 1',
  );

  await articleText(page).getByText('konektivitas kereta api', { exact: true }).first().hover();
  const tooltip = page.getByRole('tooltip');
  await expect(tooltip).toContainText('Cooperation area');
  await expect(tooltip).toContainText('Commitment');
});

test('keyboard selection with Shift+arrows, then undo and redo', async ({ page, webApp }) => {
  await webApp.open(page);
  await startAnnotating(page, 'Ana');
  await openDocument(page, TO_LAM);
  await selectPhrase(page, 'Li Qiang');
  await page.keyboard.press('ArrowLeft'); // collapse to the start of "Li Qiang"
  for (let i = 0; i < 'Li Qiang'.length; i++) await page.keyboard.press('Shift+ArrowRight');
  await page.keyboard.press('2');
  const items = annotationList(page).getByRole('listitem');
  await expect(items).toHaveCount(1);
  await expect(items.first()).toContainText('Dispute');
  await expect(items.first()).toContainText('Li Qiang');

  await page.keyboard.press('Control+z');
  await expect(items).toHaveCount(0);
  await page.keyboard.press('Control+Shift+z');
  await expect(items).toHaveCount(1);

  // Delete with the keyboard, then undo brings back the very same annotation.
  const before = await selectedOffsets(page);
  await articleText(page).focus();
  await page.keyboard.press('Delete');
  await expect(items).toHaveCount(0);
  await page.keyboard.press('Control+z');
  await expect(items).toHaveCount(1);
  await items.first().getByRole('button').click();
  expect(await selectedOffsets(page)).toEqual(before);
});

test('after a tag key the caret waits at the end of the span, and Shift+arrows go on from there', async ({
  page,
  webApp,
}) => {
  await webApp.open(page);
  await startAnnotating(page, 'Ana');
  await openDocument(page, TO_LAM);
  await selectPhrase(page, 'Perdana Menteri');
  await page.keyboard.press('1');
  const items = annotationList(page).getByRole('listitem');
  await expect(items).toHaveCount(1);
  // The selection becomes a caret at the end of the span right after the highlight's paint.
  await expect.poll(async () => (await textBeforeCaret(page))?.slice(-9)).toBe('a Menteri');
  await expect(articleText(page)).toBeFocused();
  // The next word, with the keyboard only, tagged as a dispute.
  await page.keyboard.press('Control+Shift+ArrowRight');
  await page.keyboard.press('2');
  await expect(items).toHaveCount(2);
  await expect(annotationList(page).getByRole('button', { name: /Dispute/ })).toHaveCount(1);
  await expect(annotationList(page).getByRole('button', { name: /Dispute/ })).toContainText('Tiongkok');
  await expect(annotationList(page).getByRole('button', { name: /Dispute/ })).not.toContainText('Menteri');
});

test('keys pressed faster than saving are applied in order: tag, tag, undo leaves the first', async ({
  page,
  webApp,
}) => {
  await webApp.open(page);
  await startAnnotating(page, 'Ana');
  await withoutSuggestions(page);
  await openDocument(page, TO_LAM);
  await selectPhrase(page, 'Li Qiang');
  await page.keyboard.press('1');
  await selectPhrase(page, 'pariwisata');
  // No waiting in between: the second tag's save has not started when Ctrl+Z arrives.
  await page.keyboard.press('2');
  await page.keyboard.press('Control+z');
  const items = annotationList(page).getByRole('listitem');
  await expect(items).toHaveCount(1);
  await expect(items.first()).toContainText('Li Qiang');
  await expect(articleText(page).getByText('pariwisata', { exact: true })).toHaveCount(0);
  // The undo is drawn before it is written: reload once it is (Redo then offers it back).
  const history = annotationsPanel(page).getByRole('group', { name: 'History' });
  await expect(history.getByRole('button', { name: 'Redo: tag Dispute' })).toBeEnabled();
  await page.reload();
  await expect(annotationList(page).getByRole('listitem')).toHaveCount(1);
  await expect(annotationList(page).getByRole('listitem').first()).toContainText('Li Qiang');
});

test('an annotation chosen while a tag is still saving stays chosen', async ({ page, webApp }) => {
  await webApp.open(page);
  await startAnnotating(page, 'Ana');
  await openDocument(page, TO_LAM);
  await selectPhrase(page, 'Li Qiang');
  await page.keyboard.press('1');
  const items = annotationList(page).getByRole('listitem');
  await expect(items).toHaveCount(1);
  await selectPhrase(page, 'pariwisata');
  // The key and the click in one task: the tag's save (after the next paint) cannot have finished.
  const text = await articleText(page).elementHandle();
  const liQiang = await annotationList(page)
    .getByRole('button', { name: /Commitment/ })
    .elementHandle();
  await page.evaluate(
    ([editor, button]) => {
      editor!.dispatchEvent(
        new KeyboardEvent('keydown', { key: '2', code: 'Digit2', bubbles: true, cancelable: true }),
      );
      (button as HTMLElement).click();
    },
    [text, liQiang] as const,
  );
  await expect(items).toHaveCount(2);
  const form = annotationsPanel(page).getByRole('form', { name: 'Selected annotation' });
  await expect(form).toContainText('Li Qiang');
  // Still so once the save has surely come back.
  await expect(annotationList(page).getByRole('button', { name: /Dispute/ })).toContainText('pariwisata');
  await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 500)));
  await expect(form).toContainText('Li Qiang');
  await expect(form).not.toContainText('pariwisata');
});

test('Tab walks the annotations in text order; attribute edits are undoable', async ({ page, webApp }) => {
  await webApp.open(page);
  await startAnnotating(page, 'Ana');
  await openDocument(page, TO_LAM);
  await selectPhrase(page, 'pariwisata');
  await page.keyboard.press('3');
  await selectPhrase(page, 'Sekretaris Jenderal To Lam', 0);
  await page.keyboard.press('1');
  const form = annotationsPanel(page).getByRole('form', { name: 'Selected annotation' });
  await expect(form.getByRole('blockquote')).toHaveText('Sekretaris Jenderal To Lam');

  // Escape lets go of the annotation; from the start of the text, Tab visits them in order.
  await page.keyboard.press('Escape');
  await expect(form).toBeHidden();
  await page.keyboard.press('Control+Home');
  await page.keyboard.press('Tab');
  await expect(form.getByRole('blockquote')).toHaveText('Sekretaris Jenderal To Lam');
  await page.keyboard.press('Tab');
  await expect(form.getByRole('blockquote')).toHaveText('pariwisata');
  await page.keyboard.press('Shift+Tab');
  await expect(form.getByRole('blockquote')).toHaveText('Sekretaris Jenderal To Lam');

  await form.getByLabel('Strength').selectOption({ label: 'firm' });
  const commitment = annotationList(page).getByRole('button', { name: /Commitment/ });
  await expect(commitment).toContainText('Strength: firm');
  await page.getByRole('button', { name: 'Reload corpus' }).focus(); // focus outside any text field
  await page.keyboard.press('Control+z');
  await expect(commitment).not.toContainText('Strength: firm');
  await page.keyboard.press('Control+Shift+z');
  await expect(commitment).toContainText('Strength: firm');
});

test('an annotation follows its text when the file changes on disk, and orphans are kept', async ({
  page,
  webApp,
}) => {
  await webApp.open(page);
  await startAnnotating(page, 'Ana');
  await openDocument(page, TO_LAM);
  await selectPhrase(page, 'tiga jalur kereta api ukuran standar');
  await page.keyboard.press('3');
  await selectPhrase(page, 'FOTO: VNA');
  await page.keyboard.press('2');
  await annotationList(page)
    .getByRole('button', { name: /Cooperation area/ })
    .click();
  const before = await selectedOffsets(page);

  const file = join(webApp.corpusDir, TO_LAM_FILE);
  const original = await readFile(file, 'utf8');
  const inserted = 'Catatan redaksi: 😀 artikel diperbarui.\n';
  await writeFile(file, inserted + original.replace('FOTO: VNA\n', ''));

  await expect(annotationsPanel(page).getByRole('region', { name: 'Orphaned annotations' })).toContainText(
    'FOTO: VNA',
  );
  await annotationList(page)
    .getByRole('button', { name: /Cooperation area/ })
    .click();
  const after = await selectedOffsets(page);
  const shift = [...inserted].length - [...'FOTO: VNA\n'].length;
  expect(after).toEqual({ start: before.start + shift, end: before.end + shift });
  expect(cliSlice(webApp.corpusDir, TO_LAM_FILE, after.start, after.end)).toBe(
    'tiga jalur kereta api ukuran standar',
  );
  await expect(articleText(page)).toContainText('Catatan redaksi');
});

test('find in the article, tag from a match, tag all matches, undo them as one step', async ({
  page,
  webApp,
}) => {
  await webApp.open(page);
  await startAnnotating(page, 'Ana');
  await openDocument(page, TO_LAM);
  await articleText(page).focus();
  await page.keyboard.press('Control+f');
  const find = page.getByRole('search', { name: 'Find in article' });
  await find.getByRole('searchbox', { name: 'Find in article' }).fill('KERETA API');
  await expect(find).toContainText('1 of 2');
  await find.getByRole('searchbox', { name: 'Find in article' }).press('Enter');
  await expect(find).toContainText('2 of 2');

  // Escape hands the current match to the article as a selection: a tag key tags it.
  await find.getByRole('searchbox', { name: 'Find in article' }).press('Escape');
  await page.keyboard.press('2');
  await expect(annotationList(page).getByRole('button', { name: /Dispute/ })).toContainText('kereta api');

  await page.keyboard.press('Control+f');
  await find.getByRole('searchbox', { name: 'Find in article' }).fill('kereta api');
  await find.getByLabel('Tag for all matches').selectOption({ label: 'Cooperation area' });
  await find.getByRole('button', { name: 'Tag all matches' }).click();
  const confirm = find.getByRole('alertdialog', { name: 'Tag all matches?' });
  await expect(confirm).toContainText('Create 2 Cooperation area annotations');
  await confirm.getByRole('button', { name: 'Tag 2 matches' }).click();
  const cooperation = annotationList(page).getByRole('button', { name: /Cooperation area/ });
  await expect(cooperation).toHaveCount(2);

  await find.getByRole('button', { name: 'Close find' }).click();
  await page.keyboard.press('Control+z');
  await expect(cooperation).toHaveCount(0);
  await expect(annotationList(page).getByRole('listitem')).toHaveCount(1);
});
