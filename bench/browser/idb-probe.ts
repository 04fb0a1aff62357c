/*
 * The renderer's database code in a bare Chromium page, so the bench can time
 * it on Chromium's own IndexedDB (bundled by `idb-page.ts`; no app around it).
 */
import { liveQuery } from 'dexie';
import { createAnnotation, documentTallies } from '../../src/renderer/src/db/annotation-repo';
import { TandaDB } from '../../src/renderer/src/db/tanda-db';
import { applyTeamBatch } from '../../src/renderer/src/db/team-sync';
import type { Annotation } from '../../src/shared/annotation/annotation-types';
import type { JournalEntry } from '../../src/shared/team/journal-line';

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
  /** One tag among `annotations` → the document list's tallies answer with it; ms per run. */
  async talliesAfterTag(name: string, annotations: Annotation[], runs: number): Promise<number[]> {
    const db = new TandaDB(name);
    await db.open();
    await db.annotations.bulkPut(annotations);
    const annotator = annotations[0]!.annotator;
    const times: number[] = [];
    for (let run = 0; run < runs; run++) {
      const source = annotations[run % annotations.length]!;
      const count = (tallies: Awaited<ReturnType<typeof documentTallies>>): number =>
        [...(tallies.get(source.documentPath)?.byTag.values() ?? [])].reduce((a, b) => a + b, 0);
      const before = count(await documentTallies(db, annotator));
      let t0 = 0;
      const seen = await new Promise<number>((resolve, reject) => {
        let first = true;
        const subscription = liveQuery(() => documentTallies(db, annotator)).subscribe({
          next: (tallies) => {
            if (first) {
              first = false;
              t0 = performance.now();
              createAnnotation(db, { ...source, id: crypto.randomUUID(), note: `run ${run}` }).catch(reject);
            } else if (count(tallies) > before) {
              subscription.unsubscribe();
              resolve(performance.now() - t0);
            }
          },
          error: reject,
        });
      });
      times.push(seen);
    }
    await db.delete();
    return times;
  },
};

export type IdbProbe = typeof probe;

(globalThis as unknown as { tandaIdbProbe: IdbProbe }).tandaIdbProbe = probe;
