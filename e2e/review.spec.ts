import { readFile, writeFile } from 'node:fs/promises';
import type { Locator, Page } from '@playwright/test';
import Papa from 'papaparse';
import { annotationRows, importCsv, tanda, toCsv, TO_LAM_FILE, TO_LAM_TITLE } from './review-helpers';
import { expect, test } from './web-fixtures';

test.use({ annotator: 'Ana' });

function compare(page: Page): Locator {
  return page.getByRole('region', { name: 'Compare' });
}
function adjudication(page: Page): Locator {
  return page.getByRole('region', { name: 'Adjudication' });
}

async function expectUnit(page: Page, kind: string, quotes: string[]): Promise<void> {
  const card = adjudication(page).getByRole('article', { name: 'Selected unit' });
  await expect(card.getByRole('heading', { level: 3 })).toContainText(kind);
  for (const quote of quotes) await expect(card).toContainText(quote);
}

test('compare two imported annotators, step through disagreements, adjudicate, undo, resume, export', async ({
  page,
  webApp,
}, testInfo) => {
  const snapshot = async (name: string): Promise<void> => {
    const path = testInfo.outputPath(`${name}.png`);
    await page.screenshot({ path });
    await testInfo.attach(name, { path, contentType: 'image/png' });
  };
  const { budi, citra } = annotationRows(webApp.corpusDir);
  const budiFile = testInfo.outputPath('budi.csv');
  const citraFile = testInfo.outputPath('citra.csv');
  await writeFile(budiFile, toCsv(budi));
  await writeFile(citraFile, toCsv(citra));

  await webApp.open(page);
  await importCsv(page, 'budi.csv', toCsv(budi));
  await importCsv(page, 'citra.csv', toCsv(citra));

  // The dashboard shows what `tanda agreement` prints for the same files.
  await page.getByRole('button', { name: 'Compare' }).click();
  const view = compare(page);
  const pickers = view.getByRole('group', { name: 'Annotators to compare' });
  await expect(pickers.getByLabel('Budi')).toBeChecked();
  await expect(pickers.getByLabel('Citra')).toBeChecked();
  await expect(view).toContainText('a = Budi, b = Citra');

  const cli = JSON.parse(tanda('agreement', '--corpus', webApp.corpusDir, budiFile, citraFile, '--json')) as {
    documents: number;
    tags: Record<
      string,
      {
        kappa: number | null;
        alpha: number | null;
        exact: { f1: number | null };
        a_spans: number;
        b_spans: number;
      }
    >;
    macro: { kappa: number | null };
  };
  expect(cli.documents).toBe(2);
  const byTag = view.getByRole('table', { name: 'Agreement by tag' });
  const labels: Record<string, string> = {
    commitment: 'Commitment',
    dispute: 'Dispute',
    cooperation_area: 'Cooperation area',
  };
  const tagRows = byTag.locator('tbody tr');
  await expect(tagRows).toHaveCount(Object.keys(cli.tags).length);
  for (const [i, [tag, t]] of Object.entries(cli.tags).entries()) {
    const cells = tagRows.nth(i).getByRole('cell');
    await expect(tagRows.nth(i).getByRole('rowheader')).toHaveText(new RegExp(labels[tag]!)); // same row order as the CLI
    for (const [column, value] of [
      [0, t.kappa],
      [1, t.alpha],
      [2, t.exact.f1],
    ] as const) {
      if (value === null) {
        await expect(cells.nth(column)).toHaveText('—');
      } else {
        await expect(cells.nth(column)).toHaveText(value.toFixed(3));
        await expect(cells.nth(column)).toHaveAttribute('title', String(value));
      }
    }
    await expect(cells.nth(5)).toHaveText(String(t.a_spans));
    await expect(cells.nth(6)).toHaveText(String(t.b_spans));
  }
  const macro = byTag.locator('tfoot tr').getByRole('cell').first();
  await expect(macro).toHaveAttribute('title', String(cli.macro.kappa));

  const documents = view.getByRole('table', { name: 'Documents by disagreement' });
  await expect(documents.locator('tbody tr').first()).toContainText(TO_LAM_TITLE); // most disagreement first
  await expect(documents.locator('tbody tr').first().getByRole('cell').first()).toHaveText('4');
  await snapshot('compare-dashboard');

  // Step through the disagreements in text order with n (and back with p).
  await documents.getByRole('button', { name: TO_LAM_TITLE }).click();
  await expect(view.getByRole('region', { name: 'Comparison' })).toBeFocused();
  await expect(adjudication(page)).toContainText('0 of 4 disagreements decided');
  await page.keyboard.press('n');
  await expectUnit(page, 'Only Budi', ['meningkatkan ekspor listrik ke Vietnam', 'Actor: Vietnam']);
  await page.keyboard.press('n');
  await expectUnit(page, 'Boundary conflict', [
    'tiga jalur kereta api ukuran standar',
    'segera menyelesaikan tiga jalur',
  ]);
  await page.keyboard.press('n');
  await expectUnit(page, 'Only Citra', ['mempromosikan kerja sama pariwisata', 'Sector: tourism']);
  await page.keyboard.press('n');
  await expectUnit(page, 'Tag conflict', [
    'Commitment',
    'Dispute',
    'janji Sekjen',
    'Issue: maritime / South China Sea',
  ]);
  await page.keyboard.press('n'); // the last one: stays
  await expectUnit(page, 'Tag conflict', ['menangani isu-isu maritim dengan baik']);
  await page.keyboard.press('p');
  await expectUnit(page, 'Only Citra', ['mempromosikan kerja sama pariwisata']);
  await page.keyboard.press('n');
  await expect(view.locator('.cmp.is-selected').first()).toBeInViewport();

  // Adjudicate the tag conflict: accept Budi's commitment; undo; redo.
  const panel = adjudication(page);
  await panel.getByRole('button', { name: 'Accept A', exact: true }).click();
  await expect(panel).toContainText('1 of 4 disagreements decided');
  // The reviewer is taken on to the next undecided disagreement (round to the first), focused and said.
  await expectUnit(page, 'Only Budi', ['meningkatkan ekspor listrik ke Vietnam']);
  await expect(panel.getByRole('article', { name: 'Selected unit' })).toBeFocused();
  await expect(view.locator('[aria-live="polite"]')).toHaveText(
    'Accept A: written as adjudicated. Next: Only Budi, disagreement 1 of 4.',
  );
  await panel.getByRole('button', { name: 'Undo decision' }).click();
  await expect(panel).toContainText('0 of 4 disagreements decided');
  // Nothing more to undo: the focus goes to the unit, not to the page.
  await expect(panel.getByRole('article', { name: 'Selected unit' })).toBeFocused();
  await panel.getByRole('button', { name: 'Redo decision' }).click();
  await expect(panel).toContainText('1 of 4 disagreements decided');
  for (let i = 0; i < 3; i++) await page.keyboard.press('n');
  await expectUnit(page, 'Tag conflict', ['menangani isu-isu maritim dengan baik']);
  await expect(panel).toContainText('Decision: Accept A');
  await snapshot('compare-document-light');
  await page.emulateMedia({ colorScheme: 'dark' });
  await snapshot('compare-document-dark');
  await page.emulateMedia({ colorScheme: 'light' });

  // Side by side, the two columns scroll together.
  await view.getByLabel('Side by side').check();
  const columns = view.getByRole('region', { name: 'Comparison' }).locator('.compare-scroll');
  await expect(columns).toHaveCount(2);
  await columns.nth(0).evaluate((el) => (el.scrollTop = el.scrollHeight));
  await expect
    .poll(() => columns.nth(1).evaluate((el) => el.scrollTop + el.clientHeight >= el.scrollHeight - 2))
    .toBe(true);
  await snapshot('compare-side-by-side');
  await view.getByLabel('Merged').check();

  // Resumable: after a reload the decision is still there.
  await page.reload();
  await expect(page.getByRole('navigation', { name: 'Documents' }).getByRole('button').first()).toBeVisible();
  await page.getByRole('button', { name: 'Compare' }).click();
  await expect(documents.locator('tbody tr').first().getByRole('cell').nth(1)).toHaveText('1 / 4');
  await documents.getByRole('button', { name: TO_LAM_TITLE }).click();
  await expect(view.getByRole('region', { name: 'Comparison' })).toBeFocused();
  await expect(panel).toContainText('1 of 4 disagreements decided');
  await page.keyboard.press('p'); // from the end: the last disagreement
  await expectUnit(page, 'Tag conflict', ['menangani isu-isu maritim dengan baik']);
  await expect(panel).toContainText('Decision: Accept A');

  // Export the adjudicated set alone.
  await page.getByRole('button', { name: 'Export CSV' }).click();
  const dialog = page.getByRole('dialog', { name: 'Export' });
  await dialog.getByLabel('Whole corpus').check();
  const who = dialog.getByRole('group', { name: 'Annotators' });
  await who.getByLabel('Budi').uncheck();
  await who.getByLabel('Citra').uncheck();
  await expect(who.getByLabel('adjudicated')).toBeChecked();
  const download = page.waitForEvent('download');
  await dialog.getByRole('button', { name: 'Export annotations (CSV)' }).click();
  const file = testInfo.outputPath('adjudicated.csv');
  await (await download).saveAs(file);
  const parsed = Papa.parse<Record<string, string>>((await readFile(file, 'utf8')).replace(/^\uFEFF/, ''), {
    header: true,
    skipEmptyLines: true,
  });
  expect(parsed.errors).toEqual([]);
  expect(parsed.data).toHaveLength(1);
  const tagConflict = budi.find((r) => r.quote === 'menangani isu-isu maritim dengan baik')!;
  expect(parsed.data[0]).toMatchObject({
    annotator: 'adjudicated',
    tag: 'commitment',
    document_path: TO_LAM_FILE,
    start: String(tagConflict.start),
    end: String(tagConflict.end),
    quote: 'menangani isu-isu maritim dengan baik',
    note: 'janji Sekjen',
  });
  expect(tanda('csv-check', '--corpus', webApp.corpusDir, file)).toMatch(/^ok: 1 row/);
});
