import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { planQdpxImport, type QdpxImportPlan } from '../../../../shared/exchange/qdpx-import';
import { readQdpx } from '../../../../shared/exchange/qdpx-read';
import {
  ANNOTATIONS,
  CODEBOOK,
  DOCS,
  ECONOMY,
  QDA_NOW as NOW,
  SHA,
  sampleProject,
} from '../../../../shared/exchange/test/qda-fixtures';
import { codebookInUse, importQdcTags, importQdpxPlan, storedAnnotationIds } from '../qda-io';
import { loadCodebook } from '../settings-repo';
import type { TandaDB } from '../tanda-db';
import { deletedAfterEach } from './annotation-fixtures';

const freshDb = deletedAfterEach();
async function plan(db: TandaDB): Promise<QdpxImportPlan> {
  return planQdpxImport(readQdpx(sampleProject()), {
    documents: DOCS.map((d) => ({ path: d.path, sha256: SHA(d.text) })),
    codebook: await codebookInUse(db),
    folder: 'imported',
    sha256: async (t) => SHA(t),
    existingIds: await storedAnnotationIds(db),
    now: NOW,
  });
}

describe('REFI-QDA imports into the database', () => {
  it('adds the annotations, statuses and new tags in one go, and nothing the second time', async () => {
    const db = freshDb();
    const first = { ...(await plan(db)), addedTags: [ECONOMY] };
    expect(await importQdpxPlan(db, first)).toEqual({ annotations: 3, statuses: 1, tags: 1 });
    expect((await db.annotations.toArray()).map((a) => a.id).sort()).toEqual(
      ANNOTATIONS.map((a) => a.id).sort(),
    );
    expect((await codebookInUse(db)).tags.map((t) => t.id)).toEqual([
      ...CODEBOOK.tags.map((t) => t.id),
      'economy',
    ]);
    const again = await plan(db);
    expect([again.annotations.length, again.duplicates]).toEqual([0, 3]);
    expect(await importQdpxPlan(db, { ...again, addedTags: [ECONOMY] })).toEqual({
      annotations: 0,
      statuses: 0,
      tags: 0,
    });
  });

  it('changes nothing when any record is invalid', async () => {
    const db = freshDb();
    const good = await plan(db);
    const bad = {
      ...good,
      addedTags: [ECONOMY],
      annotations: [...good.annotations, { ...good.annotations[0]!, id: 'x', end: 0 }],
    };
    await expect(importQdpxPlan(db, bad)).rejects.toThrow();
    expect(await db.annotations.count()).toBe(0);
    expect(await db.documentStatus.count()).toBe(0);
    expect(await loadCodebook(db)).toBeNull();
  });

  it('refuses tags that break the codebook rules, keeping the codebook', async () => {
    const db = freshDb();
    await importQdcTags(db, [ECONOMY]);
    await expect(importQdcTags(db, [{ ...ECONOMY, id: 'trade', shortcut: '1' }])).rejects.toThrow(/shortcut/);
    expect((await codebookInUse(db)).tags.map((t) => t.id)).toEqual([
      ...CODEBOOK.tags.map((t) => t.id),
      'economy',
    ]);
  });
});
