import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { builtinCodebook } from '../../../../shared/codebook/builtin-codebook';
import { addTag, moveTag, renameTag, validateCodebook } from '../../../../shared/codebook/codebook';
import type { JournalEntry } from '../../../../shared/team/journal-line';
import { allRejectedUnits, rejectedKey } from '../adjudication-repo';
import { createAnnotation } from '../annotation-repo';
import { metadataOverrides, setDocumentDate } from '../metadata-repo';
import { loadCodebook, saveCodebook } from '../settings-repo';
import type { TandaDB } from '../tanda-db';
import {
  applyTeamBatch,
  markJournaled,
  onTeamTablesChanged,
  pendingTeamChanges,
  teamDeviceId,
} from '../team-sync';
import { ARTICLE, freshDb, newAnnotation, OTHER_ARTICLE } from './annotation-fixtures';

/*
 * The project's own records in the journals: corrected dates, adjudication
 * rejections and the codebook (per tag). Any device journals its edits of
 * them, and every device applies them.
 */

const dbs: TandaDB[] = [];
afterEach(async () => {
  await Promise.all(dbs.splice(0).map((d) => d.delete()));
});

async function device(annotator: string) {
  const db = freshDb();
  dbs.push(db);
  const id = await teamDeviceId(db);
  return {
    db,
    async flush(): Promise<JournalEntry[]> {
      const lines = await pendingTeamChanges(db, annotator, id);
      await markJournaled(db, lines);
      return lines;
    },
    apply: (lines: readonly JournalEntry[]) => applyTeamBatch(db, lines, annotator),
  };
}

const tagsOf = async (db: TandaDB) => validateCodebook(await loadCodebook(db)).tags;

describe('document dates in the journals', () => {
  it('journals a corrected date, a change and a clearing, and applies each on another device', async () => {
    const ayu = await device('Ayu');
    const budi = await device('Budi');
    await setDocumentDate(ayu.db, ARTICLE, '2024-05-01');
    const put = await ayu.flush();
    expect(put.map((l) => [l.op, l.kind, l.key])).toEqual([['put', 'date', ARTICLE]]);
    expect(await ayu.flush()).toEqual([]);
    expect(await budi.apply(put)).toMatchObject({ added: 1 });
    expect((await metadataOverrides(budi.db)).get(ARTICLE)).toEqual({ date: '2024-05-01' });
    expect(await budi.flush()).toEqual([]); // Budi does not journal back what he read

    await setDocumentDate(ayu.db, ARTICLE, '2024-05');
    expect(await budi.apply(await ayu.flush())).toMatchObject({ updated: 1 });
    expect((await metadataOverrides(budi.db)).get(ARTICLE)).toEqual({ date: '2024-05' });

    await setDocumentDate(ayu.db, ARTICLE, null);
    const cleared = await ayu.flush();
    expect(cleared.map((l) => l.op)).toEqual(['delete']);
    expect(await budi.apply(cleared)).toMatchObject({ deleted: 1 });
    expect((await metadataOverrides(budi.db)).has(ARTICLE)).toBe(false);
  });

  it('keeps a date corrected here and not journaled yet, and journals it after what was read', async () => {
    const ayu = await device('Ayu');
    const budi = await device('Budi');
    await setDocumentDate(ayu.db, ARTICLE, '2024-05-01');
    const ayuLines = await ayu.flush();
    await setDocumentDate(budi.db, ARTICLE, '2023');
    expect(await budi.apply(ayuLines)).toMatchObject({ keptLocal: 1 });
    expect((await metadataOverrides(budi.db)).get(ARTICLE)).toEqual({ date: '2023' });
    const budiLines = await budi.flush();
    expect(budiLines.map((l) => l.kind)).toEqual(['date']);
    expect(budiLines[0]!.hlc > ayuLines[0]!.hlc).toBe(true);
    await ayu.apply(budiLines);
    expect((await metadataOverrides(ayu.db)).get(ARTICLE)).toEqual({ date: '2023' });
  });
});

describe('adjudication rejections in the journals', () => {
  it('journals the rejected units of a target and document, and taking them back', async () => {
    const ayu = await device('Ayu');
    const budi = await device('Budi');
    const key = rejectedKey('gold', OTHER_ARTICLE);
    await ayu.db.settings.put({ key, value: { rejected: ['u2', 'u1'] } });
    const lines = await ayu.flush();
    expect(lines).toMatchObject([
      {
        op: 'put',
        kind: 'rejected',
        record: { annotator: 'gold', documentPath: OTHER_ARTICLE, units: ['u1', 'u2'] },
      },
    ]);
    expect(await budi.apply(lines)).toMatchObject({ added: 1 });
    expect([...(await allRejectedUnits(budi.db)).get(key)!]).toEqual(['u1', 'u2']);

    await ayu.db.settings.delete(key);
    const back = await ayu.flush();
    expect(back.map((l) => l.op)).toEqual(['delete']);
    await budi.apply(back);
    expect((await allRejectedUnits(budi.db)).has(key)).toBe(false);
  });
});

describe('the codebook in the journals', () => {
  it('journals nothing for a built-in codebook nobody edited', async () => {
    const ayu = await device('Ayu');
    expect(await ayu.flush()).toEqual([]);
  });

  it('journals each tag with its place, and a new or renamed tag reaches the other device', async () => {
    const ayu = await device('Ayu');
    const budi = await device('Budi');
    const added = addTag(builtinCodebook(), { label: 'Sanksi', shortcut: null });
    await saveCodebook(ayu.db, added);
    const first = await ayu.flush();
    expect(first.every((l) => l.kind === 'tag' && l.op === 'put')).toBe(true);
    expect(first).toHaveLength(added.tags.length);
    expect(await ayu.flush()).toEqual([]);
    await budi.apply(first);
    expect(await tagsOf(budi.db)).toEqual(added.tags);
    // Only the tag that changed travels.
    await saveCodebook(ayu.db, renameTag(added, 'sanksi', 'Sanksi ekonomi'));
    const renamed = await ayu.flush();
    expect(renamed.map((l) => l.key)).toEqual(['sanksi']);
    expect(await budi.apply(renamed)).toMatchObject({ updated: 1 });
    expect((await tagsOf(budi.db)).find((t) => t.id === 'sanksi')?.label).toBe('Sanksi ekonomi');
    expect(await budi.flush()).toEqual([]);
  });

  it('gives both devices the same order after a move, and the union of tags added on each', async () => {
    const ayu = await device('Ayu');
    const budi = await device('Budi');
    await saveCodebook(ayu.db, addTag(builtinCodebook(), { label: 'Sanksi', shortcut: null }));
    await saveCodebook(budi.db, addTag(builtinCodebook(), { label: 'Bantuan', shortcut: null }));
    const fromAyu = await ayu.flush();
    const fromBudi = await budi.flush();
    await budi.apply(fromAyu);
    await ayu.apply(fromBudi);
    // Each may re-journal places that the merge changed; read until nothing is left to say.
    for (let round = 0; round < 5; round += 1) {
      const a = await ayu.flush();
      const b = await budi.flush();
      if (a.length === 0 && b.length === 0) break;
      await budi.apply(a);
      await ayu.apply(b);
    }
    const ayuTags = (await tagsOf(ayu.db)).map((t) => t.id);
    expect(ayuTags).toEqual((await tagsOf(budi.db)).map((t) => t.id));
    expect(ayuTags).toEqual(expect.arrayContaining(['sanksi', 'bantuan']));

    const moved = moveTag(validateCodebook(await loadCodebook(ayu.db)), 'sanksi', 0);
    await saveCodebook(ayu.db, moved);
    await budi.apply(await ayu.flush());
    expect((await tagsOf(budi.db)).map((t) => t.id)).toEqual(moved.tags.map((t) => t.id));
    expect(await budi.flush()).toEqual([]);
  });

  it('never removes a tag that annotations here still name, and journals it back', async () => {
    const ayu = await device('Ayu');
    const budi = await device('Budi');
    const codebook = addTag(builtinCodebook(), { label: 'Sanksi', shortcut: null });
    await saveCodebook(ayu.db, codebook);
    await budi.apply(await ayu.flush());
    await createAnnotation(budi.db, newAnnotation({ annotator: 'Budi', tag: 'sanksi' }));
    await budi.flush();
    await saveCodebook(ayu.db, { ...codebook, tags: codebook.tags.filter((t) => t.id !== 'sanksi') });
    const removal = await ayu.flush();
    expect(removal.map((l) => [l.op, l.key])).toEqual([['delete', 'sanksi']]);
    expect(await budi.apply(removal)).toMatchObject({ keptLocal: 1 });
    expect((await tagsOf(budi.db)).some((t) => t.id === 'sanksi')).toBe(true);
    const back = await budi.flush();
    expect(back.map((l) => [l.op, l.key])).toEqual([['put', 'sanksi']]);
    await ayu.apply(back);
    expect((await tagsOf(ayu.db)).some((t) => t.id === 'sanksi')).toBe(true);
  });

  it('a tag read from a journal gives up a key this codebook already uses', async () => {
    const ayu = await device('Ayu');
    const budi = await device('Budi');
    const key = '9';
    await saveCodebook(ayu.db, addTag(builtinCodebook(), { label: 'Sanksi', shortcut: key }));
    await saveCodebook(budi.db, addTag(builtinCodebook(), { label: 'Bantuan', shortcut: key }));
    await budi.flush();
    await budi.apply(await ayu.flush());
    const tags = await tagsOf(budi.db); // validateCodebook: no two active tags share a key
    expect(tags.find((t) => t.id === 'bantuan')?.shortcut).toBe(key);
    expect(tags.find((t) => t.id === 'sanksi')?.shortcut).toBeNull();
  });

  it('tells the sync loop about dates, rejections and codebook edits, not about its own clock', async () => {
    const ayu = await device('Ayu');
    let calls = 0;
    const stop = onTeamTablesChanged(ayu.db, () => (calls += 1));
    await expect.poll(() => calls).toBe(1);
    await setDocumentDate(ayu.db, ARTICLE, '2024');
    await expect.poll(() => calls).toBe(2);
    await ayu.db.settings.put({ key: rejectedKey('gold', ARTICLE), value: { rejected: ['u'] } });
    await expect.poll(() => calls).toBe(3);
    await saveCodebook(ayu.db, builtinCodebook());
    await expect.poll(() => calls).toBe(4);
    await ayu.flush(); // writes the clock
    await new Promise((r) => setTimeout(r, 100));
    expect(calls).toBe(4);
    stop();
  });
});
