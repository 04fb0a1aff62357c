import { annotationList, openDocument, selectPhrase } from './annotate-helpers';
import { expect, test } from './web-fixtures';

test.use({ annotator: 'Ana' });

test('three tabs of browser mode all load and work', async ({ page, webApp, context }) => {
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
