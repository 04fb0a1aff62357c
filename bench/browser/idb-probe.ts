/*
 * The renderer's database code in a bare Chromium page, so the bench can time
 * it on Chromium's own IndexedDB (bundled by `idb-page.ts`; no app around it).
 */
import { countAnnotations, createAnnotation } from '../../src/renderer/src/db/annotation-repo';
import { TandaDB } from '../../src/renderer/src/db/tanda-db';
import { teamAnnotation } from '../team-sample';
import { applyTeamBatch } from '../../src/renderer/src/db/team-sync';
import type { JournalEntry } from '../../src/shared/team/journal-line';
import { mirrorStartup, talliesAfterTag } from './mirror-timing';
import { writeCost } from './idb-write-cost';

const batches: JournalEntry[][] = [];

const probe = {
  /** Hands over journal lines before the timing starts (what one answer of main brings over IPC). */
  addBatch(entries: JournalEntry[]): void {
    batches.push(entries);
  },
  /**
   * Every batch handed over, into an empty database, as the sync loop applies them; ms. Meanwhile
   * `me` tags a document every `tagEveryMs`, as an analyst working on: `tagWaits` says how long each
   * tag took to commit (the merge's transactions hold the annotations table).
   */
  async mergeAll(
    name: string,
    me: string,
    options: { tagEveryMs?: number; recordsPerTransaction?: number } = {},
  ): Promise<{ ms: number; stored: number; tagWaits: number[] }> {
    const db = new TandaDB(name);
    await db.open();
    const tagWaits: number[] = [];
    let merging = true;
    let done: () => void = () => {};
    const merged = new Promise<void>((resolve) => (done = resolve));
    const tagging = async (): Promise<void> => {
      for (let n = 0; merging; n++) {
        await Promise.race([
          merged,
          new Promise((resolve) => setTimeout(resolve, options.tagEveryMs ?? 250)),
        ]);
        if (!merging) break;
        const t = performance.now();
        await createAnnotation(db, {
          ...teamAnnotation(me, 1_000_000 + n, 'tagged meanwhile'),
          id: undefined,
        });
        tagWaits.push(performance.now() - t);
      }
    };
    const tagged = tagging();
    const t0 = performance.now();
    for (const entries of batches.splice(0))
      await applyTeamBatch(db, entries, me, options.recordsPerTransaction);
    const ms = performance.now() - t0;
    merging = false;
    done();
    await tagged;
    const stored = await countAnnotations(db);
    await db.delete();
    return { ms, stored, tagWaits };
  },
  /** One tag among `annotations` → the document list's tallies (the annotation mirror's) count it; ms per run. */
  talliesAfterTag,
  /** A launch with `copies` × `annotations` stored → the mirror read and the first tallies; ms per run. */
  mirrorStartup,
  /** Rows of the annotations' shape written with a given set of indexes and transaction size; ms. */
  writeCost,
};

export type IdbProbe = typeof probe;

(globalThis as unknown as { tandaIdbProbe: IdbProbe }).tandaIdbProbe = probe;
