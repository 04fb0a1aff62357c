/*
 * The renderer's database code in a bare Chromium page, so the bench can time
 * it on Chromium's own IndexedDB (bundled by `idb-page.ts`; no app around it).
 */
import { TandaDB } from '../../src/renderer/src/db/tanda-db';
import { applyTeamBatch } from '../../src/renderer/src/db/team-sync';
import type { JournalEntry } from '../../src/shared/team/journal-line';
import { mirrorStartup, talliesAfterTag } from './mirror-timing';
import { writeCost } from './idb-write-cost';

const batches: JournalEntry[][] = [];

const probe = {
  /** Hands over journal lines before the timing starts (what main sends over IPC). */
  addBatch(entries: JournalEntry[]): void {
    batches.push(entries);
  },
  /** Every batch handed over, into an empty database, as the sync loop applies them; ms. */
  async mergeAll(name: string, me: string): Promise<{ ms: number; stored: number }> {
    const db = new TandaDB(name);
    await db.open();
    const t0 = performance.now();
    for (const entries of batches.splice(0)) await applyTeamBatch(db, entries, me);
    const ms = performance.now() - t0;
    const stored = await db.annotations.count();
    await db.delete();
    return { ms, stored };
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
