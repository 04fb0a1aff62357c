import { AnnotationMirror } from '../../src/renderer/src/db/annotation-mirror';
import { createAnnotation } from '../../src/renderer/src/db/annotation-repo';
import { TandaDB } from '../../src/renderer/src/db/tanda-db';
import type { Annotation } from '../../src/shared/annotation/annotation-types';
import type { DocumentTally } from '../../src/shared/annotation/document-tally';

/*
 * The document list's counts as the app keeps them: the annotation mirror
 * (`db/annotation-mirror.ts`) applying each committed write, and
 * `annotatorTallies` (what `useDocumentTallies` renders) counting again.
 * One implementation for both databases: Node runs it on fake-indexeddb, the
 * Chromium probe page (`idb-probe.ts`) on Chromium's IndexedDB.
 */

/** One tag among `annotations` → the mirror's tallies for its annotator count it; ms per run. */
export async function talliesAfterTag(
  name: string,
  annotations: Annotation[],
  runs: number,
): Promise<number[]> {
  const db = new TandaDB(name);
  const mirror = new AnnotationMirror(db); // before open, as `db/db.ts` does: its middleware sees every write
  await db.open();
  try {
    await db.annotations.bulkPut(annotations);
    await mirror.ready();
    const annotator = annotations[0]!.annotator;
    const times: number[] = [];
    for (let run = 0; run < runs; run++) {
      const source = annotations[run % annotations.length]!;
      const before = countOf(mirror.annotatorTallies(annotator), source.documentPath);
      let unsubscribe = (): void => {};
      const counted = new Promise<void>((resolve) => {
        unsubscribe = mirror.subscribe(() => {
          if (countOf(mirror.annotatorTallies(annotator), source.documentPath) > before) resolve();
        });
      });
      const t0 = performance.now();
      await createAnnotation(db, { ...source, id: crypto.randomUUID(), note: `run ${run}` });
      await counted;
      times.push(performance.now() - t0);
      unsubscribe();
    }
    return times;
  } finally {
    await db.delete();
  }
}

/**
 * A launch with `copies` × `annotations` stored: opening the database, the
 * mirror's read of the whole table and the first tallies of the annotator
 * (the document list's counts on screen); ms per run, each with a fresh
 * database connection and mirror.
 */
export async function mirrorStartup(
  name: string,
  annotations: Annotation[],
  copies: number,
  runs: number,
): Promise<{ rows: number; ms: number[]; readMs: number[] }> {
  const fill = new TandaDB(name);
  await fill.open();
  const documents = new Set(annotations.map((a) => a.documentPath)).size;
  for (let c = 0; c < copies; c++) {
    await fill.annotations.bulkPut(
      annotations.map((a) => ({
        ...a,
        id: crypto.randomUUID(),
        documentPath: c === 0 ? a.documentPath : `${a.documentPath}#${c}`,
      })),
    );
  }
  const rows = await fill.annotations.count();
  fill.close();
  const annotator = annotations[0]!.annotator;
  const ms: number[] = [];
  const readMs: number[] = [];
  try {
    for (let run = 0; run < runs; run++) {
      const db = new TandaDB(name);
      const mirror = new AnnotationMirror(db);
      const t0 = performance.now();
      await db.open();
      await mirror.ready();
      const tallies = mirror.annotatorTallies(annotator);
      ms.push(performance.now() - t0);
      if (tallies?.size !== documents * copies)
        throw new Error(`the mirror tallied ${tallies?.size} documents, expected ${documents * copies}`);
      // The table's read alone (what IndexedDB and structured clone cost, not the mirror's indexing).
      const r0 = performance.now();
      await db.annotations.toArray();
      readMs.push(performance.now() - r0);
      db.close();
    }
  } finally {
    await new TandaDB(name).delete();
  }
  return { rows, ms, readMs };
}

function countOf(tallies: ReadonlyMap<string, DocumentTally> | undefined, path: string): number {
  let n = 0;
  for (const count of tallies?.get(path)?.byTag.values() ?? []) n += count;
  return n;
}
