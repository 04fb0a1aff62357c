import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { planQdpxImport, type QdpxImportPlan } from '../../../../shared/exchange/qdpx-import';
import { readQdpx } from '../../../../shared/exchange/qdpx-read';
import {
  CODEBOOK,
  ECONOMY,
  QDA_NOW,
  SHA,
  sampleProject,
} from '../../../../shared/exchange/test/qda-fixtures';
import { countAnnotations } from '../../db/annotation-repo';
import { importQdpxPlan } from '../../db/qda-io';
import { loadCodebook } from '../../db/settings-repo';
import { deletedAfterEach } from '../../db/test/annotation-fixtures';
import type { TandaDB } from '../../db/tanda-db';
import { commitQdpxPlanWith, type QdpxCommitSteps } from '../qdpx-commit';

const freshDb = deletedAfterEach();

/** A project of two documents the corpus does not have: importing it writes two new files. */
async function newDocumentsPlan(): Promise<QdpxImportPlan> {
  const plan = await planQdpxImport(readQdpx(sampleProject()), {
    documents: [],
    codebook: CODEBOOK,
    folder: 'imported/Sample',
    sha256: async (t) => SHA(t),
    now: QDA_NOW,
  });
  return { ...plan, addedTags: [ECONOMY] };
}

/** Main's side as a folder in memory, recording what was asked. */
function fakeHost(db: TandaDB, over: Partial<QdpxCommitSteps> = {}) {
  const folder = new Set<string>();
  const calls: string[] = [];
  const steps: QdpxCommitSteps = {
    writeCorpusFiles: async (files) => {
      calls.push(`write ${files.length}`);
      for (const f of files) folder.add(f.path);
      return { written: files.map((f) => f.path) };
    },
    removeCorpusFiles: async (paths) => {
      calls.push(`remove ${paths.join(' ')}`);
      for (const p of paths) folder.delete(p);
      return { removed: paths };
    },
    reloadCorpus: async () => calls.push('reload'),
    importPlan: (plan) => importQdpxPlan(db, plan),
    ...over,
  };
  return { folder, calls, steps };
}

async function dbContents(db: TandaDB) {
  return {
    annotations: await countAnnotations(db),
    statuses: await db.documentStatus.count(),
    codebook: await loadCodebook(db),
  };
}

describe('committing a QDPX import: files and database, all or nothing', () => {
  it('writes the files, then the records, then lists the new documents', async () => {
    const db = freshDb();
    const plan = await newDocumentsPlan();
    const host = fakeHost(db);
    expect(await commitQdpxPlanWith(plan, host.steps)).toEqual({
      annotations: 3,
      statuses: 1,
      tags: 1,
      files: 2,
    });
    expect([...host.folder].sort()).toEqual(['imported/Sample/b.txt', 'imported/Sample/news/a.txt']);
    expect(host.calls).toEqual(['write 2', 'reload']);
  });

  it('removes the new files again when the transaction fails, and the database is unchanged', async () => {
    const db = freshDb();
    const before = await dbContents(db);
    const plan = await newDocumentsPlan();
    // The same id twice: bulkAdd fails inside the transaction, after the codebook was already written in it.
    const failing = { ...plan, annotations: [...plan.annotations, plan.annotations[0]!] };
    const host = fakeHost(db);
    await expect(commitQdpxPlanWith(failing, host.steps)).rejects.toThrow(
      /ConstraintError|Key already exists/,
    );
    expect(host.folder.size).toBe(0);
    expect(host.calls).toEqual(['write 2', 'remove imported/Sample/b.txt imported/Sample/news/a.txt']);
    expect(await dbContents(db)).toEqual(before);
  });

  it('says which files are left when they cannot be taken back, keeping the first failure', async () => {
    const db = freshDb();
    const plan = await newDocumentsPlan();
    const host = fakeHost(db, {
      importPlan: async () => {
        throw new Error('quota exceeded');
      },
      removeCorpusFiles: async () => {
        throw new Error('read-only folder');
      },
    });
    await expect(commitQdpxPlanWith(plan, host.steps)).rejects.toThrow(
      /^quota exceeded\. .*\(read-only folder\).*imported\/Sample\/b\.txt, imported\/Sample\/news\/a\.txt$/,
    );
  });

  it('writes nothing to the database when writing the files fails', async () => {
    const db = freshDb();
    const before = await dbContents(db);
    const host = fakeHost(db, {
      writeCorpusFiles: async () => {
        throw new Error('imported/Sample/b.txt already exists in the corpus; nothing was written');
      },
    });
    await expect(commitQdpxPlanWith(await newDocumentsPlan(), host.steps)).rejects.toThrow(/already exists/);
    expect(await dbContents(db)).toEqual(before);
  });
});
