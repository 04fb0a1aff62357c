import { expect, test } from './web-fixtures';

/*
 * A view that throws while rendering stays inside its error boundary: the
 * top bar, Backups and Export are still there. The fault is injected from
 * the test (the Charts view is the one place that asks `matchMedia` about the
 * dark colour scheme while rendering), so the app carries no trigger of its
 * own that could ship.
 */

test.use({ annotator: 'Ana' });

test('a view that throws keeps the top bar, Backups and Export reachable, and recovers', async ({
  page,
  webApp,
}) => {
  await page.addInitScript(() => {
    const original = window.matchMedia.bind(window);
    window.matchMedia = (query: string) => {
      if ((window as { __failCharts?: boolean }).__failCharts && query.includes('prefers-color-scheme'))
        throw new Error('injected failure of the charts');
      return original(query);
    };
  });
  await webApp.open(page);
  await page.evaluate(() => ((window as { __failCharts?: boolean }).__failCharts = true));

  await page.getByRole('button', { name: 'Charts' }).click();
  const failed = page.getByRole('alert', { name: 'the charts view failed' });
  await expect(failed).toContainText('Tanda could not show the charts view');
  await expect(failed).toContainText('injected failure of the charts');

  // The top bar is still there and its dialogs open.
  await page.getByRole('button', { name: 'Backups' }).click();
  const backups = page.getByRole('dialog', { name: 'Backups' });
  await expect(backups).toBeVisible();
  await backups.getByRole('button', { name: 'Close' }).first().click();
  await page.getByRole('button', { name: 'Export CSV' }).click();
  const exportDialog = page.getByRole('dialog', { name: 'Export' });
  await expect(exportDialog).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(exportDialog).toBeHidden();

  // Another view works, and the failed one comes back once its fault is gone.
  await page.getByRole('button', { name: 'Segments' }).click();
  await expect(page.getByRole('region', { name: 'Segments' })).toBeVisible();
  await page.getByRole('button', { name: 'Charts' }).click();
  await expect(failed).toBeVisible();
  await page.evaluate(() => ((window as { __failCharts?: boolean }).__failCharts = false));
  await failed.getByRole('button', { name: 'Try again' }).click();
  await expect(page.getByRole('region', { name: 'Charts' })).toBeVisible();
  await expect(failed).toBeHidden();
});

test('a start that cannot load the workspace says so instead of an empty window', async ({
  page,
  webApp,
}) => {
  // The workspace is loaded in parts after the database (main.tsx): one that fails to arrive.
  await page.route(/\/assets\/app-root-[^/]*\.js$/, (route) => route.abort('failed'));
  await page.goto(webApp.openUrl);
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('Tanda could not start:');
  await expect(alert).toContainText('app-root');
  await page.unroute(/\/assets\/app-root-[^/]*\.js$/);
  await page.reload(); // the same address: open() alone would only move to its fragment
  await webApp.open(page);
  await expect(page.getByRole('alert').filter({ hasText: 'could not start' })).toHaveCount(0);
});
