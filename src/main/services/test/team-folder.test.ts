import { appendFile, chmod, mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Annotation } from '../../../shared/annotation/annotation-types';
import { formatHlc } from '../../../shared/team/hlc';
import { deleteEntry, journalLineText, putEntry } from '../../../shared/team/journal-line';
import {
  appendTeamChanges,
  createTeamProject,
  readTeamChanges,
  teamStatus,
  TeamFolderError,
  watchTeamFolder,
} from '../team-folder';

const DEVICE = '11111111-1111-4111-8111-111111111111';
const OTHER = '22222222-2222-4222-8222-222222222222';
const T0 = Date.parse('2026-12-01T10:00:00.000Z');

function annotation(n: number, note = ''): Annotation {
  return {
    id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    documentPath: 'a.txt',
    contentSha256: 'ab'.repeat(32),
    annotator: 'Sari',
    tag: 'commitment',
    start: n,
    end: n + 3,
    quote: 'abc',
    prefix: '',
    suffix: '',
    attributes: {},
    note,
    createdAt: '2026-12-01T10:00:00.000Z',
    updatedAt: '2026-12-01T10:00:00.000Z',
  };
}
const put = (n: number, t: number, note = '', device = DEVICE) =>
  putEntry('annotation', annotation(n, note), formatHlc({ wall: T0 + t, counter: 0, device }));

describe('the team folder on disk', () => {
  let root: string;
  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'tanda-team-'));
  });
  afterEach(async () => {
    await chmod(join(root, '.tanda/changes'), 0o755).catch(() => {});
    await rm(root, { recursive: true, force: true });
  });

  it('says what sharing writes, then makes the folder a project', async () => {
    expect(await teamStatus(root)).toMatchObject({ project: false, problem: null });
    expect((await teamStatus(root)).writes[0]).toBe('.tanda/project.json');
    expect(await createTeamProject(root)).toMatchObject({ project: true });
    expect(JSON.parse(await readFile(join(root, '.tanda/project.json'), 'utf8'))).toEqual({
      format: 'tanda-project',
      version: 1,
    });
  });

  it('refuses a project.json of another version and leaves it as it is', async () => {
    await mkdir(join(root, '.tanda'));
    await writeFile(join(root, '.tanda/project.json'), '{"format":"tanda-project","version":7}');
    expect((await teamStatus(root)).problem).toMatch(
      /^\.tanda\/project\.json is not a Tanda project of version 1 \(version:/,
    );
    await expect(createTeamProject(root)).rejects.toThrow(TeamFolderError);
    expect(await readFile(join(root, '.tanda/project.json'), 'utf8')).toContain('7');
  });

  it('does not write journals into a folder that is not shared', async () => {
    await expect(appendTeamChanges(root, 'Sari', DEVICE, [put(1, 0)])).rejects.toMatchObject({
      code: 'not-a-project',
    });
  });

  it('appends to its own journal and reads only what was added since the cursor', async () => {
    await createTeamProject(root);
    const first = await appendTeamChanges(root, 'Sari', DEVICE, [put(1, 0), put(2, 1)]);
    expect(first.file).toBe(`.tanda/changes/sari/${DEVICE}.jsonl`);
    const read1 = await readTeamChanges(root, {});
    expect(read1.batches).toEqual([{ file: first.file, entries: [put(1, 0), put(2, 1)], lines: [1, 2] }]);
    await appendTeamChanges(root, 'Sari', DEVICE, [put(3, 2)]);
    const read2 = await readTeamChanges(root, read1.cursors);
    expect(read2.batches.flatMap((b) => b.entries)).toEqual([put(3, 2)]);
    expect(read2.batches[0]?.lines).toEqual([3]);
    expect(read2.cursors[first.file]).toMatchObject({ line: 3 });
    expect((await readTeamChanges(root, read2.cursors)).batches).toEqual([]);
  });

  it('waits for a half-written last line, and lists a bad line with file and line number', async () => {
    await createTeamProject(root);
    const file = `.tanda/changes/ana/${OTHER}.jsonl`;
    await mkdir(join(root, '.tanda/changes/ana'));
    const line = journalLineText(put(1, 0, '', OTHER));
    await writeFile(join(root, file), `${line}{"broken"\n${line.slice(0, 30)}`);
    const read1 = await readTeamChanges(root, {});
    expect(read1.batches[0]?.entries).toHaveLength(1);
    expect(read1.problems).toEqual([{ file, line: 2, message: 'not JSON' }]);
    await appendFile(join(root, file), line.slice(30));
    const read2 = await readTeamChanges(root, read1.cursors);
    expect(read2.batches[0]?.entries).toEqual([put(1, 0, '', OTHER)]);
    expect(read2.problems).toEqual([]);
  });

  it('reads conflict copies like any journal and never deletes them', async () => {
    await createTeamProject(root);
    await mkdir(join(root, '.tanda/changes/ana'));
    const copy = `.tanda/changes/ana/${OTHER}.sync-conflict-20261202-040848-ABCD123.jsonl`;
    await writeFile(join(root, copy), journalLineText(put(5, 0, 'from the copy', OTHER)));
    await writeFile(join(root, `.tanda/changes/ana/.syncthing.${OTHER}.jsonl.tmp`), 'half');
    const read = await readTeamChanges(root, {});
    expect(read.batches.map((b) => b.file)).toEqual([copy]);
    expect(read.problems).toEqual([]);
  });

  it('compacts a journal grown past twice its live lines, and readers start it over', async () => {
    await createTeamProject(root);
    const edits = Array.from({ length: 6 }, (_, i) => put(1, i, `edit ${i}`));
    const { file } = await appendTeamChanges(root, 'Sari', DEVICE, edits.slice(0, 1));
    const before = await readTeamChanges(root, {});
    const result = await appendTeamChanges(root, 'Sari', DEVICE, [
      ...edits.slice(1),
      deleteEntry('annotation', annotation(2).id, edits[5]!.hlc),
    ]);
    expect(result.compacted).toBe(true);
    const text = await readFile(join(root, file), 'utf8');
    expect(text.trim().split('\n')).toHaveLength(2);
    const after = await readTeamChanges(root, before.cursors);
    expect(after.batches[0]?.entries.map((e) => e.op)).toEqual(['put', 'delete']);
    expect((await stat(join(root, file))).size).toBe(Buffer.byteLength(text));
  });

  it('answers in parts when the journals are bigger than one answer', async () => {
    await createTeamProject(root);
    await appendTeamChanges(
      root,
      'Sari',
      DEVICE,
      Array.from({ length: 300 }, (_, i) => put(i + 1, i)),
    );
    await appendTeamChanges(
      root,
      'Ana',
      OTHER,
      Array.from({ length: 300 }, (_, i) => put(i + 1000, i, '', OTHER)),
    );
    const first = await readTeamChanges(root, {}, 1000);
    expect(first.done).toBe(false);
    let cursors = first.cursors;
    let count = first.batches.flatMap((b) => b.entries).length;
    // What is left is counted exactly, so the app can say "Merging N of 600 changes".
    expect(count + first.remainingLines).toBe(600);
    for (let i = 0; i < 20; i++) {
      const next = await readTeamChanges(root, cursors, 1000);
      count += next.batches.flatMap((b) => b.entries).length;
      cursors = next.cursors;
      expect(count + next.remainingLines).toBe(600);
      if (next.done) break;
    }
    expect(count).toBe(600);
  });

  it.skipIf(process.getuid?.() === 0)('says clearly when the folder is read-only', async () => {
    await createTeamProject(root);
    await chmod(join(root, '.tanda/changes'), 0o555);
    await expect(appendTeamChanges(root, 'Sari', DEVICE, [put(1, 0)])).rejects.toMatchObject({
      code: 'read-only',
    });
  });

  it('tells when something under .tanda/ changes', async () => {
    await createTeamProject(root);
    let calls = 0;
    const watcher = watchTeamFolder(root, () => (calls += 1), { debounceMs: 20 });
    await watcher.ready;
    await writeFile(join(root, 'article.txt'), 'not team');
    await appendTeamChanges(root, 'Sari', DEVICE, [put(1, 0)]);
    await expect.poll(() => calls, { timeout: 5000 }).toBeGreaterThan(0);
    await watcher.close();
  });
});
