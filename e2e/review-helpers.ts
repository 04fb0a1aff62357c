import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import type { Locator, Page } from '@playwright/test';
import Papa from 'papaparse';
import { expect, repoRoot } from './web-fixtures';

export const TO_LAM_FILE = '2025-10-09-to-lam-bertemu-li-qiang.txt';
export const QUANG_NINH_FILE = '2025-02-20-quang-ninh-guangxi.txt';
export const TO_LAM_TITLE = 'Pada malam tanggal 9 Oktober';

export function tanda(...args: string[]): string {
  return execFileSync(process.execPath, [join(repoRoot, 'bin/tanda.cjs'), ...args], { encoding: 'utf8' });
}

export type Row = Record<string, string | number>;

/**
 * Budi (a) and Citra (b) on To Lam's visit, in text order:
 * agree, agree, only Budi, boundary conflict, only Citra, tag conflict;
 * and one agreement on the Quang Ninh article.
 */
export function annotationRows(corpusDir: string): { budi: Row[]; citra: Row[] } {
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
export function toCsv(rows: Row[]): string {
  return Papa.unparse(rows, { columns: [...new Set(rows.flatMap((r) => Object.keys(r)))] });
}

export async function importCsv(page: Page, name: string, csv: string): Promise<void> {
  await page.getByRole('button', { name: 'Import' }).click();
  const dialog = page.getByRole('dialog', { name: 'Import annotations' });
  await dialog
    .getByLabel('File to import')
    .setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await dialog.getByRole('button', { name: /^Import \d+ annotations$/ }).click();
  await expect(dialog).toBeHidden();
}

/** Whether `element` or a box around it scrolls sideways (its content is wider than the room given). */
export function scrollsSideways(element: Locator): Promise<boolean> {
  return element.evaluate((el) => {
    for (let node: Element | null = el; node; node = node.parentElement) {
      if (node.scrollWidth > node.clientWidth + 1) return true;
    }
    return false;
  });
}
