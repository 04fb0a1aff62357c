import { execFileSync } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Locator, Page } from '@playwright/test';
import Papa from 'papaparse';
import { expect, repoRoot, test } from './web-fixtures';

test.use({ annotator: 'Ana' });

const TO_LAM_FILE = '2025-10-09-to-lam-bertemu-li-qiang.txt';
const QUANG_NINH_FILE = '2025-02-20-quang-ninh-guangxi.txt';
const TO_LAM_TITLE = 'Pada malam tanggal 9 Oktober';

function tanda(...args: string[]): string {
  return execFileSync(process.execPath, [join(repoRoot, 'bin/tanda.cjs'), ...args], { encoding: 'utf8' });
}

type Row = Record<string, string | number>;

/**
 * Budi (a) and Citra (b) on To Lam's visit, in text order:
 * agree, agree, only Budi, boundary conflict, only Citra, tag conflict;
 * and one agreement on the Quang Ninh article.
 */
function annotationRows(corpusDir: string): { budi: Row[]; citra: Row[] } {
  const texts = new Map<string, string>();
  const row = (annotator: string, path: string, tag: string, quote: string, extra: Row = {}): Row => {
    if (!texts.has(path)) texts.set(path, tanda('text', corpusDir, path));
    const text = texts.get(path)!;
    const at = text.indexOf(quote);
    expect(at, `"${quote}" is in ${path}`).toBeGreaterThanOrEqual(0);
    const start = [...text.slice(0, at)].length; // code points, as offsets are
    return { annotator, document_path: path, tag, start, end: start + [...quote].length, quote, ...extra };
  };
  const both = (annotator: string): Row[] => [
    row(annotator, QUANG_NINH_FILE, 'cooperation_area', 'memperkuat hubungan kerja sama', {
      'attr:sector': 'other',
    }),
    row(annotator, TO_LAM_FILE, 'cooperation_area', 'kerja sama keamanan dan pertahanan', {
      'attr:sector': 'security_defence',
    }),
    row(annotator, TO_LAM_FILE, 'cooperation_area', 'konektivitas kereta api', { 'attr:sector': 'rail' }),
  ];
  // Rows sorted by document path, then start: the order an export writes them.
  const byPosition = (rows: Row[]) =>
    rows.sort(
      (x, y) =>
        String(x.document_path).localeCompare(String(y.document_path)) || Number(x.start) - Number(y.start),
    );
  return {
    budi: byPosition([
      ...both('Budi'),
      row('Budi', TO_LAM_FILE, 'commitment', 'meningkatkan ekspor listrik ke Vietnam', {
        'attr:actor': 'vietnam',
      }),
      row('Budi', TO_LAM_FILE, 'commitment', 'tiga jalur kereta api ukuran standar'),
      row('Budi', TO_LAM_FILE, 'commitment', 'menangani isu-isu maritim dengan baik', {
        note: 'janji Sekjen',
      }),
    ]),
    citra: byPosition([
      ...both('Citra'),
      row(
        'Citra',
        TO_LAM_FILE,
        'commitment',
        'segera menyelesaikan tiga jalur kereta api ukuran standar yang menghubungkan kedua negara',
      ),
      row('Citra', TO_LAM_FILE, 'cooperation_area', 'mempromosikan kerja sama pariwisata', {
        'attr:sector': 'tourism',
      }),
      row('Citra', TO_LAM_FILE, 'dispute', 'menangani isu-isu maritim dengan baik', {
        'attr:issue': 'maritime_scs',
      }),
    ]),
  };
}

/** papaparse takes its columns from the first row unless told: give it every column any row has. */
function toCsv(rows: Row[]): string {
  return Papa.unparse(rows, { columns: [...new Set(rows.flatMap((r) => Object.keys(r)))] });
}

async function importCsv(page: Page, name: string, csv: string): Promise<void> {
  await page.getByRole('button', { name: 'Import' }).click();
  const dialog = page.getByRole('dialog', { name: 'Import annotations' });
  await dialog
    .getByLabel('File to import')
    .setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await dialog.getByRole('button', { name: /^Import \d+ annotations$/ }).click();
  await expect(dialog).toBeHidden();
}

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
  await expect(panel).toContainText('Decision: Accept A');
  await expect(panel).toContainText('1 of 4 disagreements decided');
  await panel.getByRole('button', { name: 'Undo decision' }).click();
  await expect(panel).toContainText('Decision: none yet');
  await expect(panel).toContainText('0 of 4 disagreements decided');
  await panel.getByRole('button', { name: 'Redo decision' }).click();
  await expect(panel).toContainText('Decision: Accept A');
  await expect(panel).toContainText('1 of 4 disagreements decided');
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
