import { readFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import Papa from 'papaparse';
import { expectTopBarOneLine, selectPhrase } from './annotate-helpers';
import { annotationRows, importCsv, scrollsSideways, toCsv } from './review-helpers';
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
  commitment: 'Komitmen', // the built-in codebook's `id` label of `commitment`
  annotations: 'Anotasi', // annotate: AnnotationsPanel
  annotationList: 'Anotasi menurut urutan teks', // annotate: AnnotationsPanel
  suggestions: 'Saran', // suggest: SuggestionsPanel's list
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
  segmentsButton: 'Segmen',
  segmentsRegion: 'Segmen', // segments: SegmentsView
  segmentFilters: 'Penyaring segmen',
  agreementTables: ['Kesepakatan per tag', 'Kesepakatan atribut', 'Dokumen menurut ketidaksepakatan'],
} as const;

const TO_LAM = 'Pada malam tanggal 9 Oktober';
const QUANG_NINH = 'Dalam rangka menghadiri Program Pertemuan Musim Semi';
const ENGLISH_TITLE = 'Trade ministers meet in Hanoi';
const ENGLISH_DOC = `${ENGLISH_TITLE}

The trade ministers of both countries met in Hanoi on Tuesday to review the progress of the joint
economic corridor. They agreed that the railway link between the two border provinces should be
finished before the end of next year, and that customs checks at the border crossings would be
simplified for agricultural goods. Officials said the meeting had been friendly and productive,
and that a further round of talks about energy and infrastructure would take place in the spring.
`;

test.use({ extraFiles: { 'trade-ministers-hanoi.txt': ENGLISH_DOC } });

/** The same places by their English names, for the steps taken before switching. */
const EN = {
  documents: 'Documents',
  article: 'Article',
  articleText: 'Article text',
  tagToolbar: 'Tag selection',
  annotations: 'Annotations',
  annotationList: 'Annotations in text order',
  commitment: 'Commitment',
} as const;
type Names = Pick<typeof ID, keyof typeof EN> | typeof EN;

function article(page: Page, names: Names = ID) {
  return page.getByRole('region', { name: names.article });
}

function annotationItems(page: Page, names: Names = ID) {
  return page
    .getByRole('region', { name: names.annotations, exact: true })
    .getByRole('list', { name: names.annotationList })
    .getByRole('listitem');
}

/** The document's text keeps the language it is written in, whatever the interface's. */
async function expectArticleLang(page: Page, title: string, lang: string, names: Names = ID): Promise<void> {
  await page.getByRole('navigation', { name: names.documents }).getByRole('button', { name: title }).click();
  await expect(article(page, names).getByRole('heading', { level: 1 })).toContainText(title);
  await expect(article(page, names).getByRole('heading', { level: 1 })).toHaveAttribute('lang', lang);
  // The text inherits its language from the editor's host, as a screen reader reads it.
  const text = article(page, names).getByRole('textbox', { name: names.articleText });
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
    // Set once the stored language choice is read (start-up is async): wait for it, do not sample it.
    await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe('id');
    const firstRun = page.getByRole('dialog', { name: ID.firstRun });
    await firstRun.getByLabel(ID.annotator).fill('Sari');
    await firstRun.getByRole('button', { name: ID.start }).click();
    await expect(firstRun).toBeHidden();
    // The focus goes on to the document list, found whatever the list is called in this language.
    const documentList = page.getByRole('navigation', { name: ID.documents });
    await expect.poll(() => documentList.evaluate((nav) => nav.contains(document.activeElement))).toBe(true);

    await expectArticleLang(page, TO_LAM, 'id');
    const toolbar = page.getByRole('toolbar', { name: ID.tagToolbar });
    await selectPhrase(page, 'kerja sama keamanan dan pertahanan', 0, {
      text: article(page).getByRole('textbox', { name: ID.articleText }),
      toolbar,
    });
    // The codebook's labels in the interface language: the built-in one carries both.
    await expect(toolbar.getByRole('button', { name: new RegExp(`^${ID.commitment}`) })).toBeVisible();
    await page.keyboard.press('1');
    await expect(annotationItems(page)).toHaveCount(1);
    await expect(annotationItems(page).first()).toContainText(ID.commitment);
    await expect(annotationItems(page).first()).not.toContainText(EN.commitment);

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

  test('suggestions name their source in Indonesian: the pattern, and how often the analyst tagged it', async ({
    page,
    webApp,
  }) => {
    await page.goto(webApp.openUrl);
    const firstRun = page.getByRole('dialog', { name: ID.firstRun });
    await firstRun.getByLabel(ID.annotator).fill('Sari');
    await firstRun.getByRole('button', { name: ID.start }).click();
    await expect(firstRun).toBeHidden();
    await page.getByRole('navigation', { name: ID.documents }).getByRole('button', { name: TO_LAM }).click();
    await expect(article(page).getByRole('heading', { level: 1 })).toContainText(TO_LAM);
    await selectPhrase(page, 'kereta api', 0, {
      text: article(page).getByRole('textbox', { name: ID.articleText }),
      toolbar: page.getByRole('toolbar', { name: ID.tagToolbar }),
    });
    await page.keyboard.press('3');
    await expect(annotationItems(page)).toHaveCount(1);
    await page
      .getByRole('navigation', { name: ID.documents })
      .getByRole('button', { name: QUANG_NINH })
      .click();
    await expect(article(page).getByRole('heading', { level: 1 })).toContainText(QUANG_NINH);

    const panel = page.getByRole('region', { name: ID.annotations, exact: true });
    await expect(panel.getByRole('heading', { name: /^Saran \(\d+\)$/ })).toBeVisible();
    const items = panel.getByRole('list', { name: ID.suggestions }).getByRole('listitem');
    const learned = items.filter({ hasText: 'Anda menandai ini 1×' });
    await expect(learned).toHaveCount(2);
    await expect(learned.first()).toContainText('kereta api');
    await expect(items.filter({ hasText: /pola: \S/ }).first()).toBeVisible();
    await expect(items.filter({ hasText: /you tagged this|pattern: / })).toHaveCount(0);
    // The outlines' descriptions, which screen readers read, say the same.
    const text = article(page).getByRole('textbox', { name: ID.articleText });
    await expect(text.locator('[aria-description*="Anda menandai ini 1×"]').first()).toBeAttached();
    await expect(text.locator('[aria-description*="you tagged this"]')).toHaveCount(0);
  });
});

test.describe('in an English browser', () => {
  test.use({ locale: 'en-US', annotator: 'Ana' });

  test('choosing Bahasa Indonesia in Settings switches the interface and stays after a reload', async ({
    page,
    webApp,
  }) => {
    await webApp.open(page);
    // Set once the stored language choice is read (start-up is async): wait for it, do not sample it.
    await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe('en');
    // An Indonesian document keeps its `id` in the English interface, and the codebook speaks English.
    await expectArticleLang(page, TO_LAM, 'id', EN);
    const toLamInList = (names: Names) =>
      page.getByRole('navigation', { name: names.documents }).getByRole('button', { name: TO_LAM });
    await expect(toLamInList(EN)).toContainText('2025-10-09 · thanhnien.vn · Indonesian');
    const toolbar = page.getByRole('toolbar', { name: EN.tagToolbar });
    await selectPhrase(page, 'kerja sama keamanan dan pertahanan', 0, {
      text: article(page, EN).getByRole('textbox', { name: EN.articleText }),
      toolbar,
    });
    await expect(toolbar.getByRole('button', { name: new RegExp(`^${EN.commitment}`) })).toBeVisible();
    await page.keyboard.press('1');
    await expect(annotationItems(page, EN)).toHaveCount(1);
    await expect(annotationItems(page, EN).first()).toContainText(EN.commitment);

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
    // Set once the stored language choice is read (start-up is async): wait for it, do not sample it.
    await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe('id');
    await expectArticleLang(page, ENGLISH_TITLE, 'en');
    await expectArticleLang(page, TO_LAM, 'id');
    // The document's date as Indonesian writes it in the list.
    await expect(toLamInList(ID)).toContainText('9 Okt 2025 · thanhnien.vn · Indonesia');
    // The same annotation, its tag now named in Indonesian.
    await expect(annotationItems(page)).toHaveCount(1);
    await expect(annotationItems(page).first()).toContainText(ID.commitment);

    // Dates as Indonesian writes them (day, month name, year, hours.minutes), not the US way.
    await page.getByRole('button', { name: ID.backups, exact: true }).click();
    const backups = page.getByRole('dialog', { name: ID.backups });
    await backups.getByRole('button', { name: ID.backUpNow }).click();
    await expect(backups.getByRole('table', { name: ID.backupTable }).getByRole('row').nth(1)).toContainText(
      /^\d{1,2} (Januari|Februari|Maret|April|Mei|Juni|Juli|Agustus|September|Oktober|November|Desember) \d{4} \d{2}\.\d{2}manual/,
    );
  });

  test('Indonesian is longer: at 1280×800 the top bar stays on one line and Compare and Segments fit, light and dark', async ({
    page,
    webApp,
  }, testInfo) => {
    await page.setViewportSize({ width: 1280, height: 800 });
    await webApp.open(page);
    const { budi, citra } = annotationRows(webApp.corpusDir);
    await importCsv(page, 'budi.csv', toCsv(budi));
    await importCsv(page, 'citra.csv', toCsv(citra));
    await page.getByRole('button', { name: 'Settings' }).click();
    const settings = page.getByRole('dialog', { name: 'Settings' });
    await settings.getByLabel('Language').selectOption({ label: 'Bahasa Indonesia' });
    await settings.getByRole('button', { name: 'Save settings' }).click();
    await expect(settings).toBeHidden();

    const expectOneLine = (where: string): Promise<void> => expectTopBarOneLine(page, where, 1280);
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      await page.getByRole('button', { name: ID.compareButton, exact: true }).click();
      const compare = page.getByRole('region', { name: ID.compareRegion });
      await expect(compare).toContainText('a = Budi, b = Citra');
      // Figures as Indonesian writes them: a decimal comma, three places.
      await expect(
        compare.getByRole('table', { name: ID.agreementTables[0] }).getByRole('cell').first(),
      ).toHaveText(/^(-?\d,\d{3}|—)$/);
      for (const name of ID.agreementTables) {
        expect(await scrollsSideways(compare.getByRole('table', { name })), name).toBe(false);
      }
      await expectOneLine(`Compare, ${scheme}`);
      await page.screenshot({ path: testInfo.outputPath(`compare-id-${scheme}.png`) });

      await page.getByRole('button', { name: ID.annotateButton, exact: true }).click();
      await page.getByRole('button', { name: ID.segmentsButton, exact: true }).click();
      const segments = page.getByRole('region', { name: ID.segmentsRegion, exact: true });
      await expect(segments.getByRole('status')).toContainText('segmen');
      expect(await scrollsSideways(page.getByRole('form', { name: ID.segmentFilters })), 'filters').toBe(
        false,
      );
      await expectOneLine(`Segments, ${scheme}`);
      await page.screenshot({ path: testInfo.outputPath(`segments-id-${scheme}.png`) });
      await page.getByRole('button', { name: ID.segmentsButton, exact: true }).click();
    }
  });
});
