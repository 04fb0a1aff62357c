import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { openDocument, selectPhrase, startAnnotating } from './annotate-helpers';
import { expect, test } from './web-fixtures';

/** Serious and critical axe-core violations on the page as it is now, named with where they are. */
async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} ×${v.nodes.length}: ${v.nodes[0]?.target.join(' ')}`);
}

for (const scheme of ['light', 'dark'] as const) {
  test(`the main views have no serious or critical axe-core violations (${scheme})`, async ({
    page,
    webApp,
  }) => {
    test.setTimeout(180_000); // axe-core reads the whole page once per view
    await page.emulateMedia({ colorScheme: scheme });
    await webApp.open(page);
    await startAnnotating(page, 'Ana');
    await openDocument(page, 'Pada malam tanggal 9 Oktober');
    await selectPhrase(page, 'Li Qiang');
    await page.keyboard.press('1');
    await expect(page.getByRole('form', { name: 'Selected annotation' })).toBeVisible();
    expect(await seriousViolations(page), 'Annotate').toEqual([]);

    for (const view of ['Segments', 'Charts', 'Compare'] as const) {
      await page.getByRole('button', { name: view, exact: true }).click();
      await page.waitForTimeout(500);
      expect(await seriousViolations(page), view).toEqual([]);
      await page.getByRole('button', { name: view === 'Compare' ? 'Annotate' : view, exact: true }).click();
    }

    await page.getByRole('button', { name: 'Codebook', exact: true }).click();
    await expect(page.getByRole('dialog')).toBeVisible();
    expect(await seriousViolations(page), 'Codebook').toEqual([]);
  });
}
