import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { spawnBrowserMode } from '../src/main/web/web-child';
import {
  annotationList,
  annotationsPanel,
  openDocument,
  selectPhrase,
  startAnnotating,
} from './annotate-helpers';
import { compareAnnotators, shareFolder, tagInToLam, teamTable, TO_LAM } from './team-helpers';
import { expect, test } from './web-fixtures';

test.use({ annotator: 'Ana' });

test('two analysts on one shared corpus folder see each other without reloading', async ({
  page,
  browser,
  webApp,
}) => {
  test.setTimeout(90_000);
  // Ana turns sharing on, after being told what it writes.
  await webApp.open(page);
  await shareFolder(page);

  // Budi runs his own Tanda (another server, another browser) on the same folder, a network drive.
  const second = await spawnBrowserMode({
    corpusDir: webApp.corpusDir,
    dataDir: `${webApp.corpusDir}-data-b`,
    timeoutMs: 20_000,
  });
  const context = await browser.newContext();
  try {
    const budi = await context.newPage();
    await budi.goto(second.openUrl);
    await startAnnotating(budi, 'budi');

    await tagInToLam(page, 'konektivitas kereta api');
    await page.getByLabel('Document status').selectOption('in_progress');
    // A corrected date and a new tag are the project's: they travel too.
    const date = page.getByRole('region', { name: 'Article' }).getByLabel('Document date');
    await date.fill('2024-10-12');
    await date.press('Enter');
    await expect(page.getByRole('region', { name: 'Article' })).toContainText('set by you');
    await page.getByRole('button', { name: 'Codebook' }).click();
    const codebook = page.getByRole('dialog', { name: 'Codebook' });
    await codebook.getByLabel('New tag label').fill('Konektivitas');
    await codebook.getByRole('button', { name: 'Add tag' }).click();
    await codebook.getByRole('button', { name: 'Close' }).click();
    await expect(codebook).toBeHidden();

    // Budi sees Ana's work in Compare within seconds, without reloading.
    const pickers = await compareAnnotators(budi);
    await expect(pickers.getByLabel('Ana')).toBeVisible({ timeout: 10_000 });
    // Ana's changes can arrive over several reads, and a read that changes something shows the notice again
    // after a dismissal; so Budi waits for her last change (the new tag) before he dismisses it.
    await budi.getByRole('button', { name: 'Codebook' }).click();
    const budiCodebook = budi.getByRole('dialog', { name: 'Codebook' });
    await expect(
      budiCodebook.getByRole('region', { name: 'Tags' }).getByRole('button', { name: /Konektivitas/ }),
    ).toBeVisible({ timeout: 10_000 });
    await budiCodebook.getByRole('button', { name: 'Close' }).click();
    await expect(budiCodebook).toBeHidden();
    // And is told what the merge brought.
    const notice = budi.getByRole('status', { name: 'Changes from the shared folder' });
    await expect(notice).toContainText(/From the team folder: \d+ records? added/);
    await notice.getByRole('button', { name: 'Dismiss' }).click();
    await expect(notice).toBeHidden();

    // Budi gets Ana's date and tag, and tags with it; then he renames himself: his work follows the new name.
    await budi.getByRole('button', { name: 'Annotate' }).click();
    await openDocument(budi, TO_LAM);
    await expect(budi.getByRole('region', { name: 'Article' }).getByLabel('Document date')).toHaveValue(
      '2024-10-12',
      { timeout: 10_000 },
    );
    await selectPhrase(budi, 'kerja sama keamanan dan pertahanan');
    await budi
      .getByRole('toolbar', { name: 'Tag selection' })
      .getByRole('button', { name: 'Konektivitas' })
      .click();
    await expect(annotationList(budi).getByRole('button', { name: /Konektivitas/ })).toBeVisible();
    await budi.getByLabel('Document status').selectOption('done');
    await budi.getByRole('button', { name: 'Settings' }).click();
    const settings = budi.getByRole('dialog', { name: 'Settings' });
    await settings.getByLabel('Annotator').fill('Budi');
    await expect(settings.getByLabel('Rename my annotations and statuses too')).toBeChecked();
    await settings.getByRole('button', { name: 'Save settings' }).click();
    await expect(settings).toBeHidden();

    // Ana's Team panel shows both, with their statuses, and no "budi" left.
    await page.getByRole('button', { name: 'Team' }).click();
    await expect(teamTable(page).getByRole('rowheader')).toHaveText(['Ana', 'Budi'], { timeout: 10_000 });
    const budiRow = teamTable(page).getByRole('row', { name: /^Budi/ });
    await expect(budiRow.getByRole('cell')).toHaveText(['1', '1', '0', '0', '1', /./]);
    const anaRow = teamTable(page).getByRole('row', { name: /^Ana/ });
    await expect(anaRow.getByRole('cell')).toHaveText(['1', '1', '0', '1', '0', /./]);
    // Budi's annotation with the tag Ana added passed Ana's record checks: no problem listed.
    await expect(page.getByRole('region', { name: 'Problems in the team folder' })).toHaveCount(0);
  } finally {
    await context.close();
    await second.stop();
  }
});

/** Ana's newest annotation line, as her device journaled it. */
async function anaAnnotationLine(corpusDir: string) {
  const folder = join(corpusDir, '.tanda', 'changes', 'ana');
  await expect.poll(async () => (await readdir(folder).catch(() => [])).length).toBe(1);
  const [own] = await readdir(folder);
  return (await readFile(join(folder, own!), 'utf8'))
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as { kind: string; key: string; hlc: string; record: Record<string, unknown> })
    .filter((l) => l.kind === 'annotation')
    .at(-1)!;
}

test('a journal line that does not fit its text is listed with its file and line, and nothing of it is applied', async ({
  page,
  webApp,
}) => {
  await webApp.open(page);
  await shareFolder(page);
  await tagInToLam(page, 'konektivitas kereta api');
  const changes = join(webApp.corpusDir, '.tanda', 'changes');
  const line = await anaAnnotationLine(webApp.corpusDir);

  // A colleague's device writes two lines: one good, one whose end lies past the text.
  const device = '99999999-9999-4999-8999-999999999999';
  const stamp = line.hlc.replace(/-[^-]+-[^-]+-[^-]+-[^-]+-[^-]+$/, `-${device}`);
  const colleague = (id: string, patch: Record<string, unknown>) =>
    JSON.stringify({
      ...line,
      hlc: stamp,
      key: id,
      record: { ...line.record, id, annotator: 'Citra', ...patch },
    });
  await mkdir(join(changes, 'citra'), { recursive: true });
  await writeFile(
    join(changes, 'citra', `${device}.jsonl`),
    `${colleague('00000000-0000-4000-8000-000000000001', {})}\n` +
      `${colleague('00000000-0000-4000-8000-000000000002', { end: 100000 })}\n`,
  );

  await page.getByRole('button', { name: 'Team' }).click();
  const problems = page.getByRole('region', { name: 'Problems in the team folder' });
  await expect(problems).toContainText(
    `.tanda/changes/citra/${device}.jsonl, line 2: record.end: end 100000 is beyond the text`,
    { timeout: 10_000 },
  );
  // The good line arrived; the refused one counts nowhere.
  await expect(
    teamTable(page)
      .getByRole('row', { name: /^Citra/ })
      .getByRole('cell')
      .nth(1),
  ).toHaveText('1');
});

test('an edit of the same annotation on another device that lost is shown, and can be taken back', async ({
  page,
  webApp,
}) => {
  await webApp.open(page);
  await shareFolder(page);
  await tagInToLam(page, 'konektivitas kereta api');
  const line = await anaAnnotationLine(webApp.corpusDir);
  // Ana's laptop edited the note at the same time, a millisecond earlier: its line loses, and is kept.
  const laptop = '99999999-9999-4999-8999-999999999999';
  const wall = new Date(Date.parse(line.hlc.slice(0, 24)) - 1).toISOString();
  await writeFile(
    join(webApp.corpusDir, '.tanda', 'changes', 'ana', `${laptop}.jsonl`),
    `${JSON.stringify({
      ...line,
      hlc: `${wall}-000000-${laptop}`,
      record: { ...line.record, note: 'dari laptop' },
    })}\n`,
  );
  const also = annotationsPanel(page).getByRole('region', { name: 'Also edited on another device' });
  await expect(also).toContainText('Also edited on device 99999999 (Ana)', { timeout: 10_000 });
  await expect(also).toContainText('note: dari laptop');
  await also.getByRole('button', { name: 'Use this version' }).click();
  await expect(annotationsPanel(page).getByLabel('Note')).toHaveValue('dari laptop');
});
