import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  annotationList,
  annotationsPanel,
  openDocument,
  selectPhrase,
  startAnnotating,
} from './annotate-helpers';
import { expect, test } from './web-fixtures';

const TO_LAM = 'Pada malam tanggal 9 Oktober';
const TO_LAM_FILE = '2025-10-09-to-lam-bertemu-li-qiang.txt';

test('a placement changed by an edit is marked "moved — check" until confirmed with c or the button', async ({
  page,
  webApp,
}) => {
  await webApp.open(page);
  await startAnnotating(page, 'Ana');
  await openDocument(page, TO_LAM);
  await selectPhrase(page, 'tiga jalur kereta api ukuran standar');
  await page.keyboard.press('3');
  await selectPhrase(page, 'meningkatkan ekspor listrik ke Vietnam');
  await page.keyboard.press('1');
  const rail = annotationList(page).getByRole('button', { name: /Cooperation area/ });
  const power = annotationList(page).getByRole('button', { name: /Commitment/ });
  await expect(rail).toHaveCount(1);

  // A typo fixed inside each phrase: both follow, approximately, and wait for a check.
  const file = join(webApp.corpusDir, TO_LAM_FILE);
  const original = await readFile(file, 'utf8');
  await writeFile(
    file,
    original
      .replace('tiga jalur kereta api ukuran standar', 'tiga jalur kereta api berukuran standar')
      .replace('meningkatkan ekspor listrik ke Vietnam', 'meningkatkan ekspor listrik ke Viet Nam'),
  );
  await expect(rail).toContainText('moved — check');
  await expect(rail).toContainText('tiga jalur kereta api berukuran standar');
  await expect(power).toContainText('moved — check');

  await rail.click();
  const check = annotationsPanel(page).getByRole('region', { name: 'Placement to check' });
  await expect(check).toContainText('tiga jalur kereta api ukuran standar');
  await page.keyboard.press('c');
  await expect(rail).not.toContainText('moved — check');
  await expect(check).toHaveCount(0);

  await power.click();
  await check.getByRole('button', { name: 'Confirm placement (c)' }).click();
  await expect(power).not.toContainText('moved — check');
});
