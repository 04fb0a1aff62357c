import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { builtinCodebook } from '../src/shared/codebook/builtin-codebook';
import { formatHlc } from '../src/shared/team/hlc';
import { journalLineText, putEntry } from '../src/shared/team/journal-line';
import { journalPath } from '../src/shared/team/team-paths';
import { shareFolder } from './team-helpers';
import { expect, test } from './web-fixtures';

test.use({ annotator: 'Ana' });

/** Budi's journal of `count` annotations on an article not in this copy (so not checked against its text). */
function colleagueJournal(count: number): string {
  const device = '22222222-2222-4222-8222-222222222222';
  const lines: string[] = [];
  for (let i = 0; i < count; i++) {
    const record = {
      id: `bbbb0000-0000-4000-8000-${i.toString(16).padStart(12, '0')}`,
      documentPath: `arsip/${String(i % 100).padStart(3, '0')}.txt`,
      contentSha256: 'ab'.repeat(32),
      annotator: 'Budi',
      tag: builtinCodebook().tags[0]!.id,
      start: 0,
      end: 25,
      quote: 'kerja sama di bidang ener',
      prefix: 'Kedua negara sepakat untuk mem',
      suffix: 'gi dan infrastruktur kereta',
      attributes: {},
      note: 'x'.repeat(400),
      createdAt: '2026-12-01T08:00:00.000Z',
      updatedAt: '2026-12-01T08:00:00.000Z',
    };
    const hlc = formatHlc({ wall: Date.parse('2026-12-01T08:00:00.000Z') + i, counter: 0, device });
    lines.push(journalLineText(putEntry('annotation', record, hlc)));
  }
  return lines.join('');
}

test('joining a large project says how far the first merge has come', async ({ page, webApp }) => {
  test.setTimeout(180_000);
  await webApp.open(page);
  await shareFolder(page);
  // More than one read's worth (8 MB) of a colleague's lines arrives through the folder.
  const count = 12_000;
  // The folder answers slowly from here on, as a network share does: the merge now takes well under a
  // second on a quiet machine, and a progress shown that briefly can fall between two looks of the test.
  await page.route('**/api/readTeamChanges', async (route) => {
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    await route.continue();
  });
  const file = join(webApp.corpusDir, journalPath('Budi', '22222222-2222-4222-8222-222222222222'));
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, colleagueJournal(count));

  const progress = page.getByRole('status').filter({ has: page.getByRole('progressbar') });
  await expect(progress.first()).toContainText(/Merging [\d,]+ of 12,000 changes/, { timeout: 60_000 });
  await expect(
    page.getByRole('progressbar', { name: 'Merging changes from the team folder' }).first(),
  ).toBeVisible();
  // Once merged, the progress goes and the notice says what arrived.
  await expect(page.getByRole('status', { name: 'Changes from the shared folder' })).toContainText(
    /12,000 records added/,
    { timeout: 120_000 },
  );
  await expect(progress).toHaveCount(0);
});
