import { annotationList, annotationsPanel, openDocument, selectPhrase } from './annotate-helpers';
import { expect, test } from './web-fixtures';

test.use({ annotator: 'Ana' });

test('three tabs of browser mode all load and work', async ({ page, webApp, context }) => {
  test.slow(); // three pages, each indexing the corpus in its worker, on a shared 2-core machine
  await webApp.open(page);
  const tabs = [page, await context.newPage(), await context.newPage()];
  // Each tab needs the token in its own URL (it is kept per tab).
  for (const tab of tabs.slice(1)) {
    await tab.goto(webApp.openUrl);
    await expect(
      tab.getByRole('navigation', { name: 'Documents' }).getByRole('button').first(),
    ).toBeVisible();
  }
  for (const tab of tabs) await openDocument(tab, 'Pada malam tanggal 9 Oktober');
  await selectPhrase(tabs[2]!, 'pariwisata');
  await tabs[2]!.keyboard.press('3');
  // The other tabs see it through the shared database, and can still talk to the server.
  for (const tab of tabs) await expect(annotationList(tab).getByRole('listitem')).toHaveCount(1);
  await tabs[0]!.getByRole('button', { name: 'Reload corpus' }).click();
  await expect(
    tabs[0]!.getByRole('navigation', { name: 'Documents' }).getByRole('button').first(),
  ).toBeVisible();
  await tabs[1]!.getByRole('button', { name: 'Backups' }).click();
  await expect(
    tabs[1]!.getByRole('dialog', { name: 'Backups' }).getByRole('button', { name: 'Back up now' }),
  ).toBeEnabled();
});

test('two tabs editing one note: the later save does not erase the other, and its tab is told', async ({
  page,
  webApp,
  context,
}) => {
  await webApp.open(page);
  const other = await context.newPage();
  await other.goto(webApp.openUrl);
  for (const tab of [page, other]) await openDocument(tab, 'Pada malam tanggal 9 Oktober');
  await selectPhrase(page, 'pariwisata');
  await page.keyboard.press('3');
  await expect(annotationList(other).getByRole('listitem')).toHaveCount(1);
  await annotationList(other)
    .getByRole('button', { name: /Cooperation area/ })
    .click();

  const noteIn = (tab: typeof page) =>
    annotationsPanel(tab).getByRole('form', { name: 'Selected annotation' }).getByLabel('Note');
  await noteIn(other).focus(); // the other tab starts editing from the empty note…
  await noteIn(page).fill('dari tab pertama');
  await noteIn(page).blur(); // …while this one saves first
  await expect(annotationList(other).getByRole('button', { name: /Cooperation area/ })).toContainText(
    'dari tab pertama',
  );
  await expect(noteIn(other)).toHaveValue(''); // what it is typing is not replaced meanwhile
  await noteIn(other).fill('dari tab kedua');
  await noteIn(other).blur();
  await expect(other.getByRole('alert')).toContainText('another tab saved a different note');
  await expect(other.getByRole('alert')).toContainText('"dari tab pertama"');
  await expect(noteIn(other)).toHaveValue('dari tab kedua');
  await expect(annotationList(page).getByRole('button', { name: /Cooperation area/ })).toContainText(
    'dari tab pertama',
  );
});
