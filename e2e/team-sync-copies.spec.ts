import { cp, mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { spawnBrowserMode } from '../src/main/web/web-child';
import { startAnnotating } from './annotate-helpers';
import { compareAnnotators, shareFolder, tagInToLam, teamTable } from './team-helpers';
import { expect, test } from './web-fixtures';

test.use({ annotator: 'Ana' });

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries.filter((e) => e.isFile()).map((e) => relative(dir, join(e.parentPath, e.name)));
}

/**
 * What a sync tool does between two copies of the corpus folder: every so
 * often, copies `.tanda/` files that are new or grew, in two pieces with a
 * pause between (so the other side sees a half-written last line).
 */
function syncFolders(a: string, b: string): { stop(): Promise<void> } {
  let running = true;
  const copyNewer = async (from: string, to: string) => {
    for (const file of await filesUnder(join(from, '.tanda'))) {
      const source = join(from, '.tanda', file);
      const target = join(to, '.tanda', file);
      const [s, t] = await Promise.all([stat(source), stat(target).catch(() => null)]);
      if (t && t.size >= s.size) continue;
      const bytes = await readFile(source);
      const have = t ? t.size : 0;
      const half = have + Math.floor((bytes.length - have) / 2);
      await mkdir(dirname(target), { recursive: true });
      await writeFile(target, bytes.subarray(0, half));
      await sleep(300);
      await writeFile(target, bytes);
    }
  };
  const loop = (async () => {
    while (running) {
      await copyNewer(a, b);
      await copyNewer(b, a);
      await sleep(200);
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
    },
  };
}

test('two copies of the folder kept in step by a sync tool, conflict copy included', async ({
  page,
  browser,
  webApp,
}) => {
  test.setTimeout(90_000);
  const copyB = await mkdtemp(join(tmpdir(), 'tanda-e2e-copy-'));
  await cp(webApp.corpusDir, copyB, { recursive: true });
  const sync = syncFolders(webApp.corpusDir, copyB);
  const second = await spawnBrowserMode({ corpusDir: copyB, dataDir: `${copyB}-data`, timeoutMs: 20_000 });
  const context = await browser.newContext();
  try {
    await webApp.open(page);
    await shareFolder(page);
    await tagInToLam(page, 'konektivitas kereta api');

    const budi = await context.newPage();
    await budi.goto(second.openUrl);
    await startAnnotating(budi, 'Budi');
    const pickers = await compareAnnotators(budi);
    await expect(pickers.getByLabel('Ana')).toBeVisible({ timeout: 15_000 });

    // The sync tool thinks two writers collided and leaves a conflict copy of Ana's journal in B's folder.
    const [anaJournal] = (await filesUnder(join(copyB, '.tanda'))).filter((f) =>
      f.startsWith('changes/ana/'),
    );
    const conflict = anaJournal!.replace(/\.jsonl$/, '.sync-conflict-20261202-051500-ABCDEFG.jsonl');
    await writeFile(join(copyB, '.tanda', conflict), await readFile(join(copyB, '.tanda', anaJournal!)));

    // Budi tags; Ana sees it through her own copy.
    await budi.getByRole('button', { name: 'Annotate' }).click();
    await tagInToLam(budi, 'kerja sama keamanan dan pertahanan');
    await expect((await compareAnnotators(page)).getByLabel('Budi')).toBeVisible({ timeout: 15_000 });

    // Budi's Team panel counts Ana's annotation once, whatever the copies, and lists no problems.
    await budi.getByRole('button', { name: 'Team' }).click();
    const rows = teamTable(budi);
    await expect(rows.getByRole('rowheader')).toHaveText(['Ana', 'Budi'], { timeout: 10_000 });
    await expect(rows.getByRole('row', { name: /^Ana/ }).getByRole('cell').nth(1)).toHaveText('1');
    await expect(budi.getByRole('region', { name: 'Problems in the team folder' })).toHaveCount(0);
    // The conflict copy is still there: Tanda never deletes it.
    expect((await filesUnder(join(copyB, '.tanda'))).includes(conflict)).toBe(true);
  } finally {
    await context.close();
    await second.stop();
    await sync.stop();
    await rm(copyB, { recursive: true, force: true });
    await rm(`${copyB}-data`, { recursive: true, force: true });
  }
});
