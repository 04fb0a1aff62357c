import type { Page } from '@playwright/test';
import type { Annotation } from '../src/shared/annotation/annotation-types';
import { builtinCodebook } from '../src/shared/codebook/builtin-codebook';
import { buildBundle, bundleToJson } from '../src/shared/exchange/bundle';
import { annotationList, annotationsPanel, openDocument, selectPhrase } from './annotate-helpers';
import { expect, test } from './web-fixtures';

test.use({ annotator: 'Ana' });
const TO_LAM = 'Pada malam tanggal 9 Oktober';
const BROKEN_ID = '00000000-0000-4000-8000-00000000dead';

/** Tag one phrase and read its stored record back, straight from IndexedDB. */
async function tagOne(page: Page): Promise<Annotation> {
  await openDocument(page, TO_LAM);
  await selectPhrase(page, 'pariwisata');
  await page.keyboard.press('3');
  await expect(annotationList(page).getByRole('listitem')).toHaveCount(1);
  return page.evaluate(
    () =>
      new Promise<Annotation>((resolve, reject) => {
        const open = indexedDB.open('tanda');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const request = open.result.transaction('annotations').objectStore('annotations').getAll();
          request.onsuccess = () => {
            open.result.close();
            resolve((request.result as Annotation[])[0]!);
          };
        };
      }),
  );
}

test('a record planted in IndexedDB that does not fit its text is shown as a problem; the app keeps working', async ({
  page,
  webApp,
}) => {
  await webApp.open(page);
  const good = await tagOne(page);
  await page.evaluate(
    (record) =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('tanda');
        open.onsuccess = () => {
          const tx = open.result.transaction('annotations', 'readwrite');
          tx.objectStore('annotations').put(record);
          tx.oncomplete = () => {
            open.result.close();
            resolve();
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
    { ...good, id: BROKEN_ID, end: 100000 },
  );
  await page.reload();

  // The document reopens, its good annotation is drawn, and the bad one is listed with what is wrong.
  const misfits = annotationsPanel(page).getByRole('region', {
    name: 'Annotations that do not fit the text',
  });
  await expect(misfits).toContainText(/end 100000 is beyond the text \([\d,]+ code points\)/);
  await expect(annotationList(page).getByRole('listitem')).toHaveCount(1);
  await expect(page.getByRole('region', { name: 'Article' }).getByText('pariwisata').first()).toBeVisible();

  // Tagging still works, and Backups is reachable.
  await selectPhrase(page, 'kerja sama keamanan dan pertahanan');
  await page.keyboard.press('3');
  await expect(annotationList(page).getByRole('listitem')).toHaveCount(2);
  await page.getByRole('button', { name: 'Backups' }).click();
  await expect(page.getByRole('dialog', { name: 'Backups' })).toBeVisible();
});

test('a bundle whose record does not fit its text is refused at import, and nothing is written', async ({
  page,
  webApp,
}) => {
  await webApp.open(page);
  const good = await tagOne(page);
  const bundle = buildBundle({
    codebook: builtinCodebook(),
    documents: [{ path: good.documentPath, title: 'To Lam', sha256: good.contentSha256 }],
    annotations: [{ ...good, id: BROKEN_ID, end: 100000 }],
    statuses: [],
    now: new Date('2026-12-01T00:00:00Z'),
  });
  await page.getByRole('button', { name: 'Import' }).click();
  const dialog = page.getByRole('dialog', { name: 'Import annotations' });
  await dialog.getByLabel('File to import').setInputFiles({
    name: 'broken.json',
    mimeType: 'application/json',
    buffer: Buffer.from(bundleToJson(bundle)),
  });
  await expect(dialog.getByRole('alert')).toContainText(
    /annotations\[0\]\.end: end 100000 is beyond the text \([\d,]+ code points\)/,
  );
  await expect(dialog.getByRole('button', { name: /Merge bundle/ })).toHaveCount(0);
  await dialog.getByRole('button', { name: 'Close' }).last().click();
  await expect(annotationList(page).getByRole('listitem')).toHaveCount(1);
});

test.describe('folder symlinks in browser mode', () => {
  // `here` loops back to the corpus folder; `again` is a second name for it (as `latest -> 2024` would be).
  test.use({ extraLinks: { here: '.', again: '.', 'up.txt': '.' } });

  test('each document is listed once, after the scan and after the watcher caught up', async ({
    page,
    webApp,
  }) => {
    await webApp.open(page);
    const list = page.getByRole('navigation', { name: 'Documents' });
    await expect(list.getByRole('button', { name: /Pada malam tanggal 9 Oktober/ })).toHaveCount(1);
    await page.waitForTimeout(1500); // the watcher's catch-up runs after the first listing
    await page.reload();
    await expect(list.getByRole('button', { name: /Pada malam tanggal 9 Oktober/ })).toHaveCount(1);
    await expect(list.getByRole('button', { name: /^again|^here/ })).toHaveCount(0);
    await page.getByRole('button', { name: 'Reload corpus' }).click();
    await expect(list.getByRole('button', { name: /Pada malam tanggal 9 Oktober/ })).toHaveCount(1);
  });
});
