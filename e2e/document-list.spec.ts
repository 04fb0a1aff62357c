import { readFile, writeFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import { join } from 'node:path';
import {
  annotationList,
  documents,
  holdAnnotations,
  openDocument,
  selectPhrase,
  startAnnotating,
  withoutSuggestions,
} from './annotate-helpers';
import { TO_LAM_FILE, TO_LAM_TITLE as TO_LAM } from './review-helpers';
import { expect, sampleCorpus, test } from './web-fixtures';

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

test('each document shows its status and the analyst’s annotations per tag, and what to check after an edit', async ({
  page,
  webApp,
}) => {
  await webApp.open(page);
  await startAnnotating(page, 'Ana');
  const row = documents(page).getByRole('button', { name: new RegExp(`^${TO_LAM}`) });
  await expect(row).toContainText('Not started');
  await expect(row.getByTitle(/^Commitment:/)).toHaveCount(0);

  await openDocument(page, TO_LAM);
  await selectPhrase(page, 'Li Qiang');
  await page.keyboard.press('1');
  await selectPhrase(page, 'tiga jalur kereta api ukuran standar');
  await page.keyboard.press('3');
  await selectPhrase(page, 'kerja sama keamanan dan pertahanan');
  await page.keyboard.press('3');
  await expect(annotationList(page).getByRole('listitem')).toHaveCount(3);
  await expect(row.getByTitle('Commitment: 1')).toBeVisible();
  await expect(row.getByTitle('Cooperation area: 2')).toBeVisible();
  // The counts are part of what the row says to a screen reader.
  await expect(row).toHaveAccessibleName(/Commitment 1 Cooperation area 2/);

  await page.getByLabel('Document status').selectOption({ label: 'In progress' });
  await expect(row).toContainText('In progress');
  await expect(row).not.toContainText('Not started');

  // Counts belong to their own document.
  const other = documents(page).getByRole('button', { name: /^Pertemuan ke-14/ });
  await expect(other).toContainText('Not started');
  await expect(other.getByTitle(/^Commitment:/)).toHaveCount(0);

  // An edit on disk that moves a placement: the row says how many wait for a check.
  const file = join(webApp.corpusDir, TO_LAM_FILE);
  const original = await readFile(file, 'utf8');
  await writeFile(
    file,
    original.replace('tiga jalur kereta api ukuran standar', 'tiga jalur kereta api berukuran standar'),
  );
  await expect(row).toContainText('1 moved — check');
  await annotationList(page)
    .getByRole('button', { name: /moved — check/ })
    .click();
  await page.keyboard.press('c');
  await expect(row).not.toContainText('moved — check');
  await expect(row.getByTitle('Cooperation area: 2')).toBeVisible();
});

/** Whether the counts saved for the next launch are those of the annotations as stored now. */
async function savedCountsCurrent(page: Page): Promise<boolean> {
  return page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const open = indexedDB.open('tanda');
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    const store = db.transaction('tallyCache').objectStore('tallyCache');
    const get = (key: string) =>
      new Promise<{ epoch?: unknown } | undefined>(
        (resolve) => (store.get(key).onsuccess = (e) => resolve((e.target as IDBRequest).result)),
      );
    const [epoch, tallies] = await Promise.all([get('epoch'), get('tallies')]);
    db.close();
    return epoch !== undefined && tallies?.epoch === epoch.epoch;
  });
}

test('a reload shows the counts saved before while the annotations are still being read, and never stale ones', async ({
  page,
  context,
  webApp,
}) => {
  await webApp.open(page);
  await startAnnotating(page, 'Ana');
  await withoutSuggestions(page);
  const row = documents(page).getByRole('button', { name: new RegExp(`^${TO_LAM}`) });
  await openDocument(page, TO_LAM);
  await selectPhrase(page, 'Li Qiang');
  await page.keyboard.press('1');
  await selectPhrase(page, 'tiga jalur kereta api ukuran standar');
  await page.keyboard.press('3');
  await expect(row.getByTitle('Cooperation area: 1')).toBeVisible();
  await expect.poll(() => savedCountsCurrent(page), { timeout: 10_000 }).toBe(true);

  // Another tab holds the annotations table, so this one's read of it waits 4 s: the counts come first.
  const other = await context.newPage();
  await other.goto(page.url());
  await page.reload();
  await holdAnnotations(other, 4000);
  await expect(row.getByTitle('Commitment: 1')).toBeVisible({ timeout: 2000 });
  await expect(row.getByTitle('Cooperation area: 1')).toBeVisible();
  await expect(annotationList(page).getByRole('listitem')).toHaveCount(2, { timeout: 10_000 });

  // A delete since the save: the saved counts are not the table's any more, and are not shown.
  await annotationList(page)
    .getByRole('button', { name: /Commitment/ })
    .click();
  await page.keyboard.press('Delete');
  await expect(row.getByTitle(/^Commitment:/)).toHaveCount(0);
  await expect.poll(() => savedCountsCurrent(page)).toBe(false);
  await page.reload();
  await holdAnnotations(other, 4000);
  // While the table is held, the row shows no counts at all rather than the saved, stale ones.
  const commitments: number[] = [];
  for (let i = 0; i < 6; i++) {
    commitments.push(await row.getByTitle(/^Commitment:/).count());
    await page.waitForTimeout(300);
  }
  expect(commitments).toEqual([0, 0, 0, 0, 0, 0]);
  await expect(row.getByTitle('Cooperation area: 1')).toBeVisible({ timeout: 10_000 });
  await expect(row.getByTitle(/^Commitment:/)).toHaveCount(0);
  await other.close();
});

test('a title that is a whole first paragraph is shortened on screen, whole in its name and tooltip', async ({
  page,
  webApp,
}) => {
  await webApp.open(page);
  const full = (await readFile(join(sampleCorpus, TO_LAM_FILE), 'utf8')).split('\n')[0]!;
  expect(full.length).toBeGreaterThan(90);
  const row = documents(page).getByRole('button', { name: full });
  await expect(row).toHaveAccessibleName(new RegExp(`^${escapeRegExp(full)}`));
  const title = row.getByTitle(full, { exact: true });
  await expect(title).toBeVisible();
  // What is drawn: the title up to the last word before 90 characters, then an ellipsis.
  const drawn = await title.evaluate((el) => {
    const range = document.createRange();
    const parts: string[] = [];
    for (const node of el.childNodes) {
      // A visually hidden element is a 1 px box, whatever its text measures.
      if (node instanceof Element) {
        if (node.getBoundingClientRect().width > 1) parts.push(node.textContent ?? '');
        continue;
      }
      range.selectNodeContents(node);
      if (range.getBoundingClientRect().width > 1) parts.push(node.textContent ?? '');
    }
    return parts.join('');
  });
  expect(drawn).toBe(
    'Pada malam tanggal 9 Oktober, Sekretaris Jenderal To Lam bertemu dengan Perdana Menteri…',
  );
});

test('the annotation list is as tall as its entries: the last one is never cut off', async ({
  page,
  webApp,
}) => {
  await webApp.open(page);
  await startAnnotating(page, 'Ana');
  await withoutSuggestions(page);
  await openDocument(page, TO_LAM);
  for (const phrase of ['Li Qiang', 'pariwisata', 'konektivitas kereta api']) {
    await selectPhrase(page, phrase);
    await page.keyboard.press('3');
  }
  // A note makes an entry taller than the others.
  const form = page.getByRole('form', { name: 'Selected annotation' });
  await expect(form.getByRole('blockquote')).toHaveText('konektivitas kereta api');
  const note = form.getByLabel('Note');
  await note.fill(
    'Catatan yang cukup panjang untuk memakan beberapa baris di daftar anotasi: ' +
      'konektivitas kereta api disebut dua kali, sekali sebagai strategi dan sekali sebagai proyek, ' +
      'dan keduanya perlu dibandingkan dengan artikel lain tentang jalur kereta api ukuran standar.',
  );
  await note.blur();
  const list = annotationList(page);
  await expect(list.getByRole('listitem')).toHaveCount(3);
  await expect(list.getByRole('listitem').last()).toContainText('Catatan yang cukup panjang');
  const last = list.getByRole('listitem').last();
  await last.scrollIntoViewIfNeeded();
  // Its box holds every entry: nothing to scroll inside it, and the last entry inside its bounds.
  await expect
    .poll(() =>
      list.evaluate((el) => {
        const box = el.parentElement!;
        const entry = el.lastElementChild!.getBoundingClientRect();
        return (
          box.scrollHeight <= box.clientHeight && entry.bottom <= box.getBoundingClientRect().bottom + 0.5
        );
      }),
    )
    .toBe(true);
});

test.describe('a list longer than the window', () => {
  // Titles that are whole first paragraphs: rows of two title lines, taller than short ones.
  test.use({
    extraFiles: Object.fromEntries(
      Array.from({ length: 24 }, (_, i) => [
        `zz-${String(i).padStart(2, '0')}.txt`,
        `Laporan ${i}: pertemuan para menteri luar negeri membahas kerja sama ekonomi, perdagangan dan pariwisata di kawasan\n\nIsi.`,
      ]),
    ),
  });

  test('scrolled to its end, the last row is whole', async ({ page, webApp }) => {
    await page.setViewportSize({ width: 1280, height: 700 });
    await webApp.open(page);
    await startAnnotating(page, 'Ana');
    const list = documents(page);
    await expect(list.getByRole('button', { name: /^Laporan 0:/ })).toBeVisible();
    const last = list.getByRole('button', { name: /^Laporan 23:/ });
    // Rows are measured as they are drawn, so the end moves while the first scroll lands: scroll again until it stays.
    await expect
      .poll(() =>
        list.evaluate((nav) => {
          nav.scrollTo({ top: nav.scrollHeight });
          const rows = [...nav.querySelectorAll('li')];
          const bottom = Math.max(...rows.map((r) => r.getBoundingClientRect().bottom));
          return (
            bottom <= nav.getBoundingClientRect().bottom &&
            nav.scrollTop + nav.clientHeight >= nav.scrollHeight - 1
          );
        }),
      )
      .toBe(true);
    await expect(last).toBeVisible();
  });
});

test.describe('in Indonesian', () => {
  test.use({ locale: 'id-ID' });

  test('the document list and the annotations panel speak the analyst’s language', async ({
    page,
    webApp,
  }) => {
    await page.goto(webApp.openUrl);
    const first = page.getByRole('dialog');
    await first.getByRole('textbox').fill('Ana');
    await first.getByRole('button').last().click();
    await expect(first).toBeHidden();
    const list = page.getByRole('navigation', { name: 'Dokumen' });
    const row = list.getByRole('button', { name: new RegExp(`^${TO_LAM}`) });
    await expect(row).toContainText('Belum dimulai');
    await expect(row).toContainText('karakter');
    await row.click();
    const panel = page.getByRole('region', { name: 'Anotasi' });
    await expect(panel).toContainText('Belum ada anotasi');
    // The key goes to the article once its text is there (a key pressed while it loads is said, then
    // cleared with the document's session).
    await expect(
      page.getByRole('region', { name: 'Artikel' }).getByRole('heading', { level: 1 }),
    ).toContainText(TO_LAM);
    await page
      .getByRole('region', { name: 'Artikel' })
      .getByRole('textbox', { name: 'Teks artikel' })
      .focus();
    await page.keyboard.press('2');
    await expect(page.getByRole('region', { name: 'Artikel' }).locator('[aria-live="polite"]')).toHaveText(
      /^Pilih teks terlebih dahulu, lalu tekan 2/,
    );
    await expect(
      panel.getByRole('group', { name: 'Riwayat' }).getByRole('button', { name: 'Urungkan' }),
    ).toBeDisabled();
  });
});
