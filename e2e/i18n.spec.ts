import { readFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import Papa from 'papaparse';
import { selectPhrase } from './annotate-helpers';
import { expect, test } from './web-fixtures';

/*
 * The Indonesian journey (#19), found by the Indonesian accessible names
 * only; the rest of the suite runs in English. Names that other areas'
 * catalogs give (the document list, the article and its editor, the
 * annotations pane, Compare) are gathered here.
 */
const ID = {
  firstRun: 'Siapa yang menganotasi?',
  annotator: 'Anotator',
  start: 'Mulai menganotasi',
  documents: 'Dokumen', // annotate: the document list
  article: 'Artikel', // annotate (Workspace) and app (ArticlePane)
  articleText: 'Teks artikel', // editor: ArticleEditor
  tagToolbar: 'Beri tag pada pilihan', // editor: SelectionToolbar
  annotations: 'Anotasi', // annotate: AnnotationsPanel
  annotationList: 'Anotasi menurut urutan teks', // annotate: AnnotationsPanel
  exportButton: 'Ekspor',
  exportDialog: 'Ekspor',
  exportCsv: 'Ekspor anotasi (CSV)',
  close: 'Tutup',
  compareButton: 'Bandingkan',
  compareRegion: 'Bandingkan', // review: CompareView
  annotateButton: 'Anotasi',
  settings: 'Pengaturan',
  backups: 'Cadangan',
  backUpNow: 'Cadangkan sekarang',
  backupTable: 'Cadangan, terbaru lebih dulu',
} as const;

const TO_LAM = 'Pada malam tanggal 9 Oktober';
const ENGLISH_TITLE = 'Trade ministers meet in Hanoi';
const ENGLISH_DOC = `${ENGLISH_TITLE}

The trade ministers of both countries met in Hanoi on Tuesday to review the progress of the joint
economic corridor. They agreed that the railway link between the two border provinces should be
finished before the end of next year, and that customs checks at the border crossings would be
simplified for agricultural goods. Officials said the meeting had been friendly and productive,
and that a further round of talks about energy and infrastructure would take place in the spring.
`;

test.use({ extraFiles: { 'trade-ministers-hanoi.txt': ENGLISH_DOC } });

function article(page: Page) {
  return page.getByRole('region', { name: ID.article });
}

/** The document's text keeps the language it is written in, whatever the interface's. */
async function expectArticleLang(page: Page, title: string, lang: string): Promise<void> {
  await page.getByRole('navigation', { name: ID.documents }).getByRole('button', { name: title }).click();
  await expect(article(page).getByRole('heading', { level: 1 })).toContainText(title);
  await expect(article(page).getByRole('heading', { level: 1 })).toHaveAttribute('lang', lang);
  // The text inherits its language from the editor's host, as a screen reader reads it.
  const text = article(page).getByRole('textbox', { name: ID.articleText });
  await expect
    .poll(() => text.evaluate((el) => el.closest('[lang]')?.getAttribute('lang') ?? null))
    .toBe(lang);
}

test.describe('in an Indonesian browser', () => {
  test.use({ locale: 'id-ID' });

  test('first run, tag with 1, export CSV and open Compare, all in Indonesian', async ({
    page,
    webApp,
  }, testInfo) => {
    await page.goto(webApp.openUrl);
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('id');
    const firstRun = page.getByRole('dialog', { name: ID.firstRun });
    await firstRun.getByLabel(ID.annotator).fill('Sari');
    await firstRun.getByRole('button', { name: ID.start }).click();
    await expect(firstRun).toBeHidden();

    await expectArticleLang(page, TO_LAM, 'id');
    await selectPhrase(page, 'kerja sama keamanan dan pertahanan', 0, {
      text: article(page).getByRole('textbox', { name: ID.articleText }),
      toolbar: page.getByRole('toolbar', { name: ID.tagToolbar }),
    });
    await page.keyboard.press('1');
    const list = page
      .getByRole('region', { name: ID.annotations, exact: true })
      .getByRole('list', { name: ID.annotationList });
    await expect(list.getByRole('listitem')).toHaveCount(1);

    await page.getByRole('button', { name: ID.exportButton, exact: true }).click();
    const dialog = page.getByRole('dialog', { name: ID.exportDialog });
    const download = page.waitForEvent('download');
    await dialog.getByRole('button', { name: ID.exportCsv }).click();
    const file = testInfo.outputPath('anotasi.csv');
    await (await download).saveAs(file);
    await expect(dialog.getByRole('status')).toContainText(/telah diunduh: 1 anotasi\.$/);
    // The file does not change with the language: English column names, and the codebook's first-language label.
    const parsed = Papa.parse<Record<string, string>>((await readFile(file, 'utf8')).replace(/^\uFEFF/, ''), {
      header: true,
      skipEmptyLines: true,
    });
    expect(parsed.errors).toEqual([]);
    expect(parsed.meta.fields).toEqual(
      expect.arrayContaining(['annotation_id', 'tag', 'tag_label', 'quote']),
    );
    expect(parsed.data).toHaveLength(1);
    expect(parsed.data[0]).toMatchObject({
      annotator: 'Sari',
      tag: 'commitment',
      tag_label: 'Commitment',
      quote: 'kerja sama keamanan dan pertahanan',
    });
    await dialog.getByRole('button', { name: ID.close }).click();
    await expect(dialog).toBeHidden();

    await page.getByRole('button', { name: ID.compareButton, exact: true }).click();
    await expect(page.getByRole('region', { name: ID.compareRegion })).toBeVisible();
    await page.getByRole('button', { name: ID.annotateButton, exact: true }).click();
    await expectArticleLang(page, ENGLISH_TITLE, 'en');
  });
});

test.describe('in an English browser', () => {
  test.use({ locale: 'en-US', annotator: 'Ana' });

  test('choosing Bahasa Indonesia in Settings switches the interface and stays after a reload', async ({
    page,
    webApp,
  }) => {
    await webApp.open(page);
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    await page.getByRole('button', { name: 'Settings' }).click();
    const settings = page.getByRole('dialog', { name: 'Settings' });
    await settings.getByLabel('Language').selectOption({ label: 'Bahasa Indonesia' });
    await settings.getByRole('button', { name: 'Save settings' }).click();
    await expect(settings).toBeHidden();
    await expect(page.getByRole('button', { name: ID.settings })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Settings' })).toHaveCount(0);

    await page.reload();
    await expect(page.getByRole('button', { name: ID.exportButton, exact: true })).toBeVisible();
    await expect(page.getByRole('button', { name: ID.compareButton, exact: true })).toBeVisible();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('id');
    await expectArticleLang(page, ENGLISH_TITLE, 'en');
    await expectArticleLang(page, TO_LAM, 'id');

    // Dates as Indonesian writes them (day, month name, year, hours.minutes), not the US way.
    await page.getByRole('button', { name: ID.backups, exact: true }).click();
    const backups = page.getByRole('dialog', { name: ID.backups });
    await backups.getByRole('button', { name: ID.backUpNow }).click();
    await expect(backups.getByRole('table', { name: ID.backupTable }).getByRole('row').nth(1)).toContainText(
      /^\d{1,2} (Januari|Februari|Maret|April|Mei|Juni|Juli|Agustus|September|Oktober|November|Desember) \d{4} \d{2}\.\d{2}manual/,
    );
  });
});
