import {
  annotationList,
  annotationsPanel,
  articleText,
  holdAnnotations,
  openDocument,
  selectPhrase,
  startAnnotating,
} from './annotate-helpers';
import { expect, test } from './web-fixtures';

/*
 * A tag or an undo is drawn before it is written: the write waits for the
 * paint, and behind any transaction under way (a team merge's hold the
 * annotations table for a fifth of a second each). A reload meanwhile must
 * find it done, not lost.
 */

const TO_LAM = 'Pada malam tanggal 9 Oktober';
const PHRASE = 'meningkatkan ekspor listrik ke Vietnam';

test('an undo and a tag reloaded while their writes wait are kept', async ({ page, webApp }) => {
  await webApp.open(page);
  await startAnnotating(page, 'Ana');
  await openDocument(page, TO_LAM);
  const items = annotationList(page).getByRole('button', { name: /Commitment/ });

  await selectPhrase(page, PHRASE);
  await page.keyboard.press('1');
  await expect(items).toHaveCount(1);
  await holdAnnotations(page, 1500);
  await page.keyboard.press('Control+z');
  await page.reload();
  await expect(articleText(page)).toContainText(PHRASE);
  await expect(annotationsPanel(page).getByText('No annotations yet.')).toBeVisible();
  await expect(items).toHaveCount(0);

  await selectPhrase(page, PHRASE);
  await holdAnnotations(page, 1500);
  await page.keyboard.press('1');
  await page.reload();
  await expect(articleText(page)).toContainText(PHRASE);
  await expect(items).toHaveCount(1);
  await expect(items).toContainText(PHRASE);
});
